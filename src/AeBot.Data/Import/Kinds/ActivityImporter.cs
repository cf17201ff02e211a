using AeBot.Core.Accounts;
using AeBot.Core.Interactions;
using AeBot.Core.Opportunities;
using AeBot.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Import.Kinds;

/// <summary>
/// Calls, meetings, e-mails and notes become interactions; activities that are still to do (status "Not Started",
/// "Open", …) become follow-up tasks for their owner.
/// </summary>
internal sealed partial class ActivityImporter(ImportSession session, HeaderMap map) : KindImporter(session, map)
{
    private readonly Dictionary<long, List<Contact>> _contactsByAccount = [];
    private readonly Dictionary<string, Contact?> _contactsById = new(StringComparer.Ordinal);

    /// <summary>
    /// What a file of one kind of activity holds when no column says (HubSpot exports calls, meetings and notes
    /// separately, without a type column): "…-calls-….csv" holds calls whatever their titles are.
    /// </summary>
    private readonly string? _typeOfFile = TypeOfFile(session.Result.Path);

    public override async Task ImportBatchAsync(IReadOnlyList<CsvRow> rows, CancellationToken cancellationToken)
    {
        var interactions = new List<(CsvRow Row, string ExternalId)>();
        var tasks = new List<(CsvRow Row, string ExternalId)>();
        foreach (var row in rows)
        {
            var subject = Get(row, "subject");
            var summary = Get(row, "summary");
            var dateText = Get(row, "date");
            if (subject is null && summary is null)
            {
                Result.Reject(row.Line, "no subject or notes");
                continue;
            }
            if (dateText is null)
            {
                Result.Reject(row.Line, "no date");
                continue;
            }
            var id = Get(row, "id") ?? NaturalKey.For(ImportKind.Activities, Get(row, "type"), dateText, subject, summary, Get(row, "owner"), Get(row, "account"));
            (IsOpenTask(Get(row, "status")) ? tasks : interactions).Add((row, id));
        }

        var existingInteractions = await ExistingAsync<Interaction>(interactions.Select(i => i.ExternalId), cancellationToken);
        foreach (var (row, externalId) in interactions)
            await InteractionAsync(row, externalId, existingInteractions, cancellationToken);

        var existingTasks = await ExistingAsync<FollowUpTask>(tasks.Select(t => t.ExternalId), cancellationToken);
        foreach (var (row, externalId) in tasks)
            await TaskAsync(row, externalId, existingTasks, cancellationToken);
    }

    private async Task InteractionAsync(CsvRow row, string externalId, Dictionary<string, Interaction> existing, CancellationToken ct)
    {
        var line = row.Line;
        var occurredAt = S.Instant(Get(row, "date"), "date", line);
        if (occurredAt is null)
        {
            Result.Reject(line, $"date '{Get(row, "date")}' not understood");
            return;
        }
        existing.TryGetValue(externalId, out var found);
        var duplicate = await NoteDuplicateAsync<Interaction>(externalId, found?.Id, row, ct);
        var owner = Get(row, "owner") is { } ownerText ? await S.RepAsync(ownerText, RepRole.Rep, ct) : null;
        var account = await S.AccountAsync(Get(row, "account_id"), Get(row, "account"), owner, line, ct);
        var deal = await DealAsync(row, account, ct);
        account ??= deal?.AccountId is { } dealAccount ? S.AccountsByKey.Values.FirstOrDefault(a => a.Id == dealAccount) : null;

        var writer = S.Writer<Interaction>();
        existing.TryGetValue(externalId, out var interaction);
        var isNew = interaction is null;
        interaction ??= new Interaction { ExternalId = externalId, Summary = "", CreatedAt = S.Now };
        var before = isNew ? null : writer.Snapshot(interaction);

        interaction.Type = ParseType(Get(row, "type") ?? _typeOfFile, Get(row, "subject"));
        interaction.OccurredAt = occurredAt.Value;
        interaction.RepId = owner?.Id;
        interaction.AccountId = account?.Id;
        interaction.OpportunityId = deal?.Id;
        interaction.Summary = S.Truncate(Summary(row), 4000, "notes", line)!;
        if (Map.Has("objections"))
            interaction.Objections = S.Truncate(Get(row, "objections"), 2000, "objections", line);
        if (Map.Has("next_step"))
            interaction.NextStep = S.Truncate(Get(row, "next_step"), 1000, "next step", line);
        if (Map.Has("next_step_due"))
            interaction.NextStepDue = S.Date(Get(row, "next_step_due"), "next step due date", line);

        var changed = await SaveAsync(interaction, before, ct);
        if (isNew)
            existing[externalId] = interaction;

        foreach (var contact in await ContactsAsync(row, account, ct))
            await S.Writer<InteractionContact>().InsertAsync(new InteractionContact { InteractionId = interaction.Id, ContactId = contact.Id }, ct);

        // The deal was engaged then: keeps "stale deal" honest after an import of past activities.
        if (deal is not null)
        {
            var when = interaction.OccurredAt;
            await S.Db.Opportunities
                .Where(o => o.Id == deal.Id && (o.LastEngagedAt == null || o.LastEngagedAt < when))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.LastEngagedAt, when), ct);
        }
        Count(duplicate, isNew, changed);
    }

    private async Task TaskAsync(CsvRow row, string externalId, Dictionary<string, FollowUpTask> existing, CancellationToken ct)
    {
        var line = row.Line;
        if (Get(row, "owner") is not { } ownerText)
        {
            Result.Reject(line, "open task without an owner: nobody to follow it up");
            return;
        }
        existing.TryGetValue(externalId, out var found);
        var duplicate = await NoteDuplicateAsync<FollowUpTask>(externalId, found?.Id, row, ct);
        var owner = await S.RepAsync(ownerText, RepRole.Rep, ct);
        var account = await S.AccountAsync(Get(row, "account_id"), Get(row, "account"), owner, line, ct);
        var deal = await DealAsync(row, account, ct);

        var writer = S.Writer<FollowUpTask>();
        existing.TryGetValue(externalId, out var task);
        var isNew = task is null;
        task ??= new FollowUpTask { ExternalId = externalId, Title = "", CreatedAt = S.Now };
        var before = isNew ? null : writer.Snapshot(task);
        task.RepId = owner.Id;
        task.AccountId = account?.Id;
        task.OpportunityId = deal?.Id;
        task.Title = S.Truncate(Get(row, "subject") ?? Get(row, "summary"), 1000, "subject", line)!;
        task.DueDate = S.Date(Get(row, "date"), "due date", line);
        task.Status = FollowUpStatus.Open;

        var changed = await SaveAsync(task, before, ct);
        if (isNew)
            existing[externalId] = task;
        Count(duplicate, isNew, changed);
    }

    private async Task<Opportunity?> DealAsync(CsvRow row, Account? account, CancellationToken ct)
    {
        if (Get(row, "deal_id") is { } dealId)
        {
            var byId = await S.Db.Opportunities.AsNoTracking().FirstOrDefaultAsync(o => o.ExternalId == dealId, ct);
            if (byId is not null)
                return byId;
        }
        if (Get(row, "deal") is { } dealName)
        {
            var query = S.Db.Opportunities.AsNoTracking().Where(o => o.Name == dealName).OrderBy(o => o.Id).AsQueryable();
            if (account is not null)
                query = query.Where(o => o.AccountId == account.Id);
            var matches = await query.Take(2).ToListAsync(ct);
            if (matches.Count == 1)
                return matches[0];
            Result.Warn(matches.Count == 0 ? "deal named in the activity not found; linked to the account only" : "deal name matches several deals; linked to the account only", row.Line);
        }
        return null;
    }

    private async Task<List<Contact>> ContactsAsync(CsvRow row, Account? account, CancellationToken ct)
    {
        if (Get(row, "contacts") is not { } text)
            return [];
        var result = new List<Contact>();
        if (account is not null && !_contactsByAccount.ContainsKey(account.Id))
        {
            if (_contactsByAccount.Count > 10_000)
                _contactsByAccount.Clear(); // bounded memory on very large activity files
            _contactsByAccount[account.Id] = await S.Db.Contacts.AsNoTracking().Where(c => c.AccountId == account.Id).ToListAsync(ct);
        }
        var known = account is null ? [] : _contactsByAccount[account.Id];
        foreach (var written in text.Split([';', ',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // HubSpot writes "Dana Whitfield (dana.whitfield@northgate.example)": the address is the key.
            var part = NameWithAddress().Match(written) is { Success: true } m ? m.Groups[1].Value.Trim() : written;
            var isEmail = part.Contains('@');
            var contact = known.FirstOrDefault(c => isEmail
                ? string.Equals(c.Email, part, StringComparison.OrdinalIgnoreCase)
                : ColumnSynonyms.Normalize(c.Name) == ColumnSynonyms.Normalize(part));
            if (contact is null && isEmail)
                contact = await S.Db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Email == part.ToLowerInvariant(), ct);
            // A Data Loader WhoId is the contact's id; one that names no contact (a lead's 00Q…) links nobody
            // rather than making up a contact called by an id.
            if (contact is null && !isEmail && ImportSession.LooksLikeId(part))
            {
                if (!_contactsById.TryGetValue(part, out contact))
                {
                    if (_contactsById.Count > 100_000)
                        _contactsById.Clear(); // bounded memory on very large activity files
                    _contactsById[part] = contact = await S.Db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.ExternalId == part, ct);
                }
                if (contact is null)
                {
                    Result.Warn("contact known only by an id that no imported contact has; not linked", row.Line);
                    continue;
                }
            }
            if (contact is null)
            {
                contact = new Contact
                {
                    Name = isEmail ? part.Split('@')[0] : part,
                    Email = isEmail ? part.ToLowerInvariant() : null,
                    AccountId = account?.Id,
                    ExternalId = NaturalKey.For(ImportKind.Contacts, isEmail ? part.ToLowerInvariant() : part + "|" + account?.Name),
                    CreatedAt = S.Now,
                };
                await S.Writer<Contact>().InsertAsync(contact, ct);
                known.Add(contact);
                Result.CountCreated("contacts");
            }
            if (result.All(c => c.Id != contact.Id))
                result.Add(contact);
        }
        return result;
    }

    private string Summary(CsvRow row)
    {
        var subject = Get(row, "subject");
        var notes = Get(row, "summary");
        if (subject is null)
            return notes!;
        if (notes is null || notes.StartsWith(subject, StringComparison.OrdinalIgnoreCase))
            return notes ?? subject;
        return $"{subject}: {notes}";
    }

    private static bool IsOpenTask(string? status)
    {
        if (status is null)
            return false;
        return ColumnSynonyms.Normalize(status) is "notstarted" or "undone" or "open" or "inprogress" or "pending" or "todo" or "waitingonsomeoneelse" or "deferred" or "scheduled" or "planned" or "false" or "no" or "0";
    }

    private static string? TypeOfFile(string path)
    {
        var words = ColumnVocabulary.Words(Path.GetFileNameWithoutExtension(path));
        if (words.Contains("calls") || words.Contains("call"))
            return "call";
        if (words.Contains("meetings") || words.Contains("meeting") || words.Contains("events"))
            return "meeting";
        if (words.Contains("emails") || words.Contains("email"))
            return "email";
        if (words.Contains("notes") || words.Contains("note"))
            return "note";
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[^()@]*\(([^()\s]+@[^()\s]+)\)$")]
    private static partial System.Text.RegularExpressions.Regex NameWithAddress();

    internal static InteractionType ParseType(string? type, string? subject)
    {
        var key = ColumnSynonyms.Normalize(type ?? "") + " " + ColumnSynonyms.Normalize(subject ?? "");
        if (key.Contains("call") || key.Contains("phone"))
            return InteractionType.Call;
        if (key.Contains("meeting") || key.Contains("event") || key.Contains("demo") || key.Contains("visit") || key.Contains("lunch"))
            return InteractionType.Meeting;
        if (key.Contains("email") || key.Contains("mail"))
            return InteractionType.Email;
        return InteractionType.Note;
    }
}
