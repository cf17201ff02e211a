using AeBot.Core.Accounts;
using AeBot.Core.Organization;
using AeBot.Core.Products;
using AeBot.Core.Time;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Import;

/// <summary>
/// Everything one file's import shares: the transaction's context, the settings in force, look-ups of reps,
/// accounts and products (loaded once per file, since a rolled-back file must not leave ghosts in them), and
/// the file's report.
/// </summary>
internal sealed class ImportSession : IDisposable
{
    private readonly Dictionary<Type, IDisposable> _writers = [];

    public required AeBotDbContext Db { get; init; }
    public required FileImportResult Result { get; init; }
    public required DateTimeOffset Now { get; init; }
    public required string DefaultCurrency { get; init; }
    public required DateOrder DateOrder { get; init; }
    public required bool CommaDecimal { get; init; }
    public required TimeZoneInfo Zone { get; init; }
    public required StageClassifier Stages { get; init; }
    public required int BatchSize { get; init; }
    public required int FiscalYearStartMonth { get; init; }

    public Picklist StageNames { get; } = new(StageClassifier.WellKnownStages);
    public Picklist Industries { get; } = new([]);
    public Picklist Families { get; } = new([]);

    public Dictionary<string, Rep> RepsByKey { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Account> AccountsByKey { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Product> ProductsByKey { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Team> TeamsByName { get; } = new(StringComparer.Ordinal);

    public EntityWriter<T> Writer<T>() where T : class
    {
        if (!_writers.TryGetValue(typeof(T), out var writer))
            _writers[typeof(T)] = writer = new EntityWriter<T>(Db);
        return (EntityWriter<T>)writer;
    }

    public async Task LoadDirectoriesAsync(CancellationToken cancellationToken)
    {
        _watermarks[typeof(Rep)] = await Db.Reps.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        _watermarks[typeof(Account)] = await Db.Accounts.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        _watermarks[typeof(Product)] = await Db.Products.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        _watermarks[typeof(Contact)] = await Db.Contacts.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        _watermarks[typeof(Core.Opportunities.Opportunity)] = await Db.Opportunities.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        _watermarks[typeof(Core.Contracts.Contract)] = await Db.Contracts.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        _watermarks[typeof(Core.Interactions.Interaction)] = await Db.Interactions.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        _watermarks[typeof(Core.Interactions.FollowUpTask)] = await Db.FollowUpTasks.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        foreach (var rep in await Db.Reps.AsNoTracking().ToListAsync(cancellationToken))
            IndexRep(rep);
        foreach (var account in await Db.Accounts.AsNoTracking().ToListAsync(cancellationToken))
            IndexAccount(account);
        foreach (var product in await Db.Products.AsNoTracking().ToListAsync(cancellationToken))
            IndexProduct(product);
        foreach (var team in await Db.Teams.AsNoTracking().ToListAsync(cancellationToken))
            TeamsByName.TryAdd(ColumnSynonyms.Normalize(team.Name), team);
        foreach (var stage in await Db.Opportunities.Select(o => o.Stage).Distinct().ToListAsync(cancellationToken))
            StageNames.Canonicalize(stage, out _);
        foreach (var industry in await Db.Accounts.Where(a => a.Industry != null).Select(a => a.Industry!).Distinct().ToListAsync(cancellationToken))
            Industries.Canonicalize(industry, out _);
    }

    private readonly Dictionary<Type, long> _watermarks = [];

    /// <summary>The highest id of <typeparamref name="T"/> when the file started: anything above was created by it.</summary>
    public long Watermark<T>() => _watermarks.GetValueOrDefault(typeof(T));

    /// <summary>Which ids this file has met so far (see <see cref="SeenRows"/>).</summary>
    public required SeenRows Seen { get; init; }

    public void IndexRep(Rep rep)
    {
        if (rep.ExternalId is { } id)
            RepsByKey.TryAdd("id:" + id, rep);
        if (rep.Email is { } email)
            RepsByKey["email:" + email.ToLowerInvariant()] = rep;
        RepsByKey.TryAdd("name:" + ColumnSynonyms.Normalize(rep.Name), rep);
    }

    public void IndexAccount(Account account)
    {
        if (account.ExternalId is { } id)
            AccountsByKey["id:" + id] = account;
        AccountsByKey.TryAdd("name:" + account.NormalizedName, account);
    }

    public void IndexProduct(Product product)
    {
        if (product.ExternalId is { } id)
            ProductsByKey["id:" + id] = product;
        ProductsByKey.TryAdd("name:" + product.NormalizedName, product);
    }

    public Rep? FindRep(string? nameOrEmail)
    {
        if (string.IsNullOrWhiteSpace(nameOrEmail))
            return null;
        var value = nameOrEmail.Trim();
        if (value.Contains('@') && RepsByKey.TryGetValue("email:" + value.ToLowerInvariant(), out var byEmail))
            return byEmail;
        if (RepsByKey.TryGetValue("name:" + ColumnSynonyms.Normalize(value), out var byName))
            return byName;
        return RepsByKey.GetValueOrDefault("id:" + value);
    }

    /// <summary>
    /// The rep named by a name or e-mail, created when the org chart doesn't have them yet (deal exports name
    /// owners long before anyone imports a user list).
    /// </summary>
    public async Task<Rep> RepAsync(string nameOrEmail, RepRole roleIfNew, CancellationToken cancellationToken)
    {
        if (FindRep(nameOrEmail) is { } rep)
            return rep;
        var value = nameOrEmail.Trim();
        var isEmail = value.Contains('@');
        // A user's id (Data Loader's OwnerId "005Hs00000AbCdEIAV") with no users file yet: kept as the id, so the
        // users export, imported later, names the same person instead of adding another.
        var isId = !isEmail && LooksLikeId(value);
        if (isId)
            Result.Warn("owner known only by a user id; import the users export to name them");
        rep = new Rep
        {
            ExternalId = isId ? value : null,
            Name = isEmail ? NameFromEmail(value) : isId ? $"User {value}" : value,
            Email = isEmail ? value.ToLowerInvariant() : null,
            Role = roleIfNew,
            TimeZoneId = Zone.Id,
            CreatedAt = Now,
        };
        await InsertRepAsync(rep, cancellationToken);
        Result.CountCreated("reps");
        return rep;
    }

    /// <summary>Where deals without an owner go, so they are imported and an admin can reassign them.</summary>
    public async Task<Rep> UnassignedAsync(CancellationToken cancellationToken)
    {
        const string key = "aebot:unassigned";
        if (RepsByKey.TryGetValue("id:" + key, out var rep))
            return rep;
        rep = new Rep { ExternalId = key, Name = "Unassigned", Role = RepRole.Rep, IsActive = false, TimeZoneId = Zone.Id, CreatedAt = Now };
        await InsertRepAsync(rep, cancellationToken);
        Result.CountCreated("reps");
        return rep;
    }

    public async Task InsertRepAsync(Rep rep, CancellationToken cancellationToken)
    {
        await Writer<Rep>().InsertAsync(rep, cancellationToken);
        // The path needs the id; a manager link, if any, is settled when the file is complete.
        rep.HierarchyPath = $"/{rep.Id}/";
        await Writer<Rep>().UpdateAsync(rep, cancellationToken);
        IndexRep(rep);
    }

    public Account? FindAccount(string? externalId, string? name)
    {
        if (externalId is not null && AccountsByKey.TryGetValue("id:" + externalId, out var byId))
            return byId;
        var normalized = NameNormalizer.Normalize(name);
        return normalized.Length > 0 ? AccountsByKey.GetValueOrDefault("name:" + normalized) : null;
    }

    /// <summary>The account a row refers to, created from its name or id when it is new; null when the row names none.</summary>
    public async Task<Account?> AccountAsync(string? externalId, string? name, Rep? owner, int line, CancellationToken cancellationToken)
    {
        if (externalId is null && name is null)
            return null;
        if (FindAccount(externalId, name) is { } account)
            return account;
        if (name is null)
            Result.Warn("account known only by its id; created with the id as its name", line);
        var displayName = name ?? $"Account {externalId}";
        account = new Account
        {
            ExternalId = externalId ?? NaturalKey.For(ImportKind.Accounts, displayName),
            Name = displayName,
            NormalizedName = NameNormalizer.Normalize(displayName),
            OwnerId = owner?.Id,
            CreatedAt = Now,
        };
        await Writer<Account>().InsertAsync(account, cancellationToken);
        IndexAccount(account);
        Result.CountCreated("accounts");
        return account;
    }

    public async Task<Product?> ProductAsync(string? name, CancellationToken cancellationToken)
    {
        var normalized = NameNormalizer.Normalize(name);
        if (normalized.Length == 0)
            return null;
        if (ProductsByKey.TryGetValue("name:" + normalized, out var product))
            return product;
        product = new Product { ExternalId = NaturalKey.For(ImportKind.Products, name), Name = name!.Trim(), NormalizedName = normalized };
        await Writer<Product>().InsertAsync(product, cancellationToken);
        IndexProduct(product);
        Result.CountCreated("products");
        return product;
    }

    public async Task<Team> TeamAsync(string name, CancellationToken cancellationToken)
    {
        var key = ColumnSynonyms.Normalize(name);
        if (TeamsByName.TryGetValue(key, out var team))
            return team;
        team = new Team { Name = name.Trim(), ExternalId = NaturalKey.For(ImportKind.Reps, "team", name) };
        await Writer<Team>().InsertAsync(team, cancellationToken);
        TeamsByName[key] = team;
        Result.CountCreated("teams");
        return team;
    }

    // ---- value readers: they warn (with the line) instead of failing the row for optional fields ----

    public DateOnly? Date(string? text, string field, int line)
    {
        if (text is null)
            return null;
        if (ValueParsers.TryParseDate(text, DateOrder, out var date))
            return date;
        Result.Warn($"{field} not understood as a date; imported without it", line);
        return null;
    }

    /// <summary>An instant; a value without an offset is read in the import's time zone.</summary>
    public DateTimeOffset? Instant(string? text, string field, int line)
    {
        if (text is null)
            return null;
        if (!ValueParsers.TryParseDateTime(text, DateOrder, out var value, out var offset))
        {
            Result.Warn($"{field} not understood as a date; imported without it", line);
            return null;
        }
        if (offset is { } known)
            return new DateTimeOffset(value, known);
        var local = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        // A wall-clock time skipped by a DST change does not exist; move it past the gap instead of failing.
        if (Zone.IsInvalidTime(local))
            local = local.AddHours(1);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    public (decimal? Amount, string? Currency) Money(string? text, string field, int line)
    {
        if (text is null)
            return (null, null);
        if (ValueParsers.TryParseMoney(text, CommaDecimal, out var amount, out var currency))
            return (amount, currency);
        Result.Warn($"{field} not understood as an amount; imported without it", line);
        return (null, null);
    }

    public string Currency(string? text, string? fromAmount, int line)
    {
        if (text is not null)
        {
            if (Core.Money.CurrencyCode.FromSymbolOrCode(text) is { } code)
                return code;
            Result.Warn($"currency not an ISO code; {DefaultCurrency} used", line);
        }
        return fromAmount ?? DefaultCurrency;
    }

    public string? Truncate(string? text, int max, string field, int line)
    {
        if (text is null || text.Length <= max)
            return text;
        Result.Warn($"{field} longer than {max} characters; shortened", line);
        return text[..max];
    }

    /// <summary>One word of letters and digits with at least three digits: a record id, never a person's name.</summary>
    public static bool LooksLikeId(string value) =>
        value.Length >= 6 && !value.Contains(' ') && value.Count(char.IsDigit) >= 3 && value.All(c => char.IsLetterOrDigit(c) || c is '-' or '_');

    private static string NameFromEmail(string email)
    {
        var local = email.Split('@')[0];
        var parts = local.Split(['.', '_', '-'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', parts.Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    public static TimeZoneInfo ZoneOrUtc(string? id) => RepTime.ZoneOf(id);

    public void Dispose()
    {
        foreach (var writer in _writers.Values)
            writer.Dispose();
        Seen.Dispose();
    }
}
