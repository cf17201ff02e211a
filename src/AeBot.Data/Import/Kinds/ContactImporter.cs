using AeBot.Core.Accounts;

namespace AeBot.Data.Import.Kinds;

internal sealed class ContactImporter(ImportSession session, HeaderMap map) : KindImporter(session, map)
{
    public override async Task ImportBatchAsync(IReadOnlyList<CsvRow> rows, CancellationToken cancellationToken)
    {
        var keyed = new List<(CsvRow Row, string ExternalId, string Name)>();
        foreach (var row in rows)
        {
            var email = Get(row, "email")?.ToLowerInvariant();
            var name = Get(row, "name") ?? JoinName(Get(row, "first_name"), Get(row, "last_name")) ?? email;
            if (name is null)
            {
                Result.Reject(row.Line, "no contact name or e-mail");
                continue;
            }
            var externalId = Get(row, "id") ?? NaturalKey.For(ImportKind.Contacts, email ?? name + "|" + (Get(row, "account") ?? Get(row, "account_id")));
            keyed.Add((row, externalId, name));
        }

        var existing = await ExistingAsync<Contact>(keyed.Select(k => k.ExternalId), cancellationToken);
        var writer = S.Writer<Contact>();
        foreach (var (row, externalId, name) in keyed)
        {
            existing.TryGetValue(externalId, out var contact);
            var duplicate = await NoteDuplicateAsync<Contact>(externalId, contact?.Id, row, cancellationToken);
            var isNew = contact is null;
            contact ??= new Contact { Name = name, ExternalId = externalId, CreatedAt = S.Now };
            var before = isNew ? null : writer.Snapshot(contact);

            contact.Name = S.Truncate(name, 200, "contact name", row.Line)!;
            if (Map.Has("email"))
                contact.Email = S.Truncate(Get(row, "email")?.ToLowerInvariant(), 320, "e-mail", row.Line);
            if (Map.Has("phone"))
                contact.Phone = S.Truncate(Get(row, "phone"), 100, "phone", row.Line);
            if (Map.Has("title"))
                contact.Title = S.Truncate(Get(row, "title"), 200, "title", row.Line);
            if (Map.Has("account") || Map.Has("account_id"))
                contact.AccountId = (await S.AccountAsync(Get(row, "account_id"), Get(row, "account"), null, row.Line, cancellationToken))?.Id;

            var changed = await SaveAsync(contact, before, cancellationToken);
            if (isNew)
                existing[externalId] = contact;
            Count(duplicate, isNew, changed);
        }
    }

    internal static string? JoinName(string? first, string? last) =>
        first is null && last is null ? null : string.Join(' ', new[] { first, last }.Where(p => p is not null));
}
