using AeBot.Core.Accounts;
using AeBot.Core.Organization;

namespace AeBot.Data.Import.Kinds;

internal sealed class AccountImporter(ImportSession session, HeaderMap map) : KindImporter(session, map)
{
    // Parents may come later in the file than their children.
    private readonly List<(Account Child, string? ParentId, string? ParentName, int Line)> _parents = [];

    public override async Task ImportBatchAsync(IReadOnlyList<CsvRow> rows, CancellationToken cancellationToken)
    {
        var writer = S.Writer<Account>();
        foreach (var row in rows)
        {
            var name = Get(row, "name");
            var id = Get(row, "id");
            if (name is null && id is null)
            {
                Result.Reject(row.Line, "no account name or id");
                continue;
            }
            var externalId = id ?? NaturalKey.For(ImportKind.Accounts, name);

            // Found by id, or by name when it was created earlier from a deal or contact without a real id.
            var account = S.FindAccount(externalId, null);
            if (account is null && S.FindAccount(null, name) is { } byName && (byName.ExternalId is null || NaturalKey.IsNatural(byName.ExternalId)))
                account = byName;
            var duplicate = await NoteDuplicateAsync<Account>(externalId, account?.Id, row, cancellationToken);
            var isNew = account is null;
            if (account is null && name is null)
            {
                Result.Reject(row.Line, "new account without a name");
                continue;
            }
            account ??= new Account { Name = name!, CreatedAt = S.Now };
            var before = isNew ? null : writer.Snapshot(account);

            account.ExternalId = externalId;
            if (name is not null)
            {
                account.Name = S.Truncate(name, 300, "account name", row.Line)!;
                account.NormalizedName = NameNormalizer.Normalize(name);
            }
            if (Map.Has("owner"))
                account.OwnerId = Get(row, "owner") is { } owner ? (await S.RepAsync(owner, RepRole.Rep, cancellationToken)).Id : null;
            if (Map.Has("account_manager"))
                account.AccountManagerId = Get(row, "account_manager") is { } am ? (await S.RepAsync(am, RepRole.AccountManager, cancellationToken)).Id : null;
            if (Map.Has("industry"))
                account.Industry = Get(row, "industry") is { } industry ? Industry(industry, row.Line) : null;
            if (Map.Has("employees"))
                ReadSize(Get(row, "employees"), account);
            if (Map.Has("segment"))
                account.Segment = Get(row, "segment") ?? account.Segment;
            if (Map.Has("website"))
                account.Website = S.Truncate(Get(row, "website"), 300, "website", row.Line);
            if (Map.Has("country"))
                account.Country = S.Truncate(Get(row, "country"), 100, "country", row.Line);
            if (Get(row, "created_date") is { } created && S.Instant(created, "created date", row.Line) is { } createdAt)
                account.CreatedAt = createdAt;

            var changed = await SaveAsync(account, before, cancellationToken);
            S.IndexAccount(account);

            if (Get(row, "parent_id") is { } parentId)
                _parents.Add((account, parentId, null, row.Line));
            else if (Get(row, "parent") is { } parentName)
                _parents.Add((account, null, parentName, row.Line));
            Count(duplicate, isNew, changed);
        }
    }

    public override async Task CompleteAsync(CancellationToken cancellationToken)
    {
        var writer = S.Writer<Account>();
        foreach (var (child, parentId, parentName, line) in _parents)
        {
            var parent = await S.AccountAsync(parentId, parentName, null, line, cancellationToken);
            if (parent is null || parent.Id == child.Id || child.ParentAccountId == parent.Id)
                continue;
            child.ParentAccountId = parent.Id;
            await writer.UpdateAsync(child, cancellationToken);
        }
    }

    private string Industry(string text, int line)
    {
        var value = S.Industries.Canonicalize(text, out var corrected);
        if (corrected)
            Result.Warn($"industry '{text}' read as '{value}'", line);
        return value;
    }

    // "5000", "5,000", or a band such as "51-200" / "1001-5000" / "10000+" that is a segment, not a count.
    private static void ReadSize(string? text, Account account)
    {
        if (text is null)
        {
            account.Employees = null;
            return;
        }
        if (ValueParsers.TryParseInt(text, out var employees) && employees >= 0)
            account.Employees = employees;
        else
            account.Segment = text;
    }
}
