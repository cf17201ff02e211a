using System.Net;
using System.Text.RegularExpressions;
using AeBot.Core.Accounts;
using AeBot.Core.Interactions;
using AeBot.Core.Opportunities;
using AeBot.Core.Organization;
using AeBot.Core.Products;
using AeBot.Crm.Sources;
using AeBot.Data.Crm;
using AeBot.Data.Import.Kinds;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Crm.Sync;

/// <summary>
/// Applies what a CRM read returned to AeBot's storage, a page at a time in one transaction each: upserts by CRM id
/// (a record already imported from a CSV export of the same CRM — same id — is taken over, not duplicated), the
/// references resolved through the links, deletions and merges. Reading a record twice changes nothing the second time.
/// </summary>
internal sealed partial class CrmReader(AeBotDbContext db, CrmLinks links, CrmOptions options, CrmSyncReport report, DateTimeOffset now)
{
    private Dictionary<string, CrmStage> _stages = new(StringComparer.Ordinal);

    public void UseStages(IReadOnlyList<CrmStage> stages)
    {
        _stages = new Dictionary<string, CrmStage>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            // A deal names its stage by id; a CRM whose deals carry the label (Salesforce) uses it as the id.
            _stages.TryAdd(stage.Id, stage);
        }
    }

    private void Skip(CrmObject type, string? id, string reason)
    {
        report.Skipped.Add(new CrmSkipped(type, id, reason));
        report.For(Key(type)).Skipped++;
    }

    private static string Key(CrmObject type) => type.ToString().ToLowerInvariant();

    private void CountSkipped<T>(CrmPage<T> page)
    {
        foreach (var s in page.Skipped)
        {
            report.Skipped.Add(s);
            report.For(Key(s.Type)).Skipped++;
        }
    }

    private void Count(CrmObject type, bool created, bool changed)
    {
        var c = report.For(Key(type));
        if (created)
            c.Created++;
        else if (changed)
            c.Updated++;
        else
            c.Unchanged++;
    }

    /// <summary>Links through the page's link rows (a Task, so page work queued with <see cref="After"/> can await it).</summary>
    private Task<CrmRecordRow> LinkAsync(Dictionary<string, CrmRecordRow> rows, string type, string crmId, long localId, DateTimeOffset modifiedAt) =>
        Task.FromResult(rows[crmId] = links.Link(rows.GetValueOrDefault(crmId), type, crmId, localId, modifiedAt, now));

    private static bool Set<T>(T current, T value, Action<T> assign)
    {
        if (EqualityComparer<T>.Default.Equals(current, value))
            return false;
        assign(value);
        return true;
    }

    // ---------------------------------------------------------------- users

    public async Task<List<CrmUser>> UsersAsync(CrmPage<CrmUser> page, CancellationToken ct)
    {
        CountSkipped(page);
        var valid = new List<CrmUser>();
        foreach (var u in page.Records)
        {
            if (string.IsNullOrWhiteSpace(u.Name) && string.IsNullOrWhiteSpace(u.Email))
                Skip(CrmObject.Users, u.Id, "a user with neither a name nor an e-mail");
            else
                valid.Add(u);
        }
        var rows = await links.RowsAsync(CrmLinks.Users, valid.Select(u => u.Id).ToList(), ct);
        var emails = valid.Where(u => u.Email is not null).Select(u => u.Email!.ToLowerInvariant()).ToList();
        var ids = rows.Values.Select(r => r.LocalId).ToList();
        var crmIds = valid.Select(u => u.Id).ToList();
        var reps = await db.Reps.Where(r => ids.Contains(r.Id) || (r.Email != null && emails.Contains(r.Email)) || (r.ExternalId != null && crmIds.Contains(r.ExternalId))).ToListAsync(ct);
        var teams = await db.Teams.ToListAsync(ct);
        // An e-mail two CRM users share (an alias, a reused mailbox) names neither of them: matching by it would make
        // two people one. Shared within this read, or held by someone AeBot already links to another CRM user.
        var shared = valid.Where(u => u.Email is not null).GroupBy(u => u.Email!.ToLowerInvariant())
            .Where(g => g.Select(u => u.Id).Distinct().Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var holderIds = reps.Where(r => r.Email is not null).Select(r => r.Id).ToList();
        var linkedTo = (await db.CrmRecords.AsNoTracking()
                .Where(r => r.Provider == links.Provider && r.ObjectType == CrmLinks.Users && r.DeletedAt == null && holderIds.Contains(r.LocalId))
                .Select(r => new { r.LocalId, r.CrmId }).ToListAsync(ct))
            .GroupBy(r => r.LocalId).ToDictionary(g => g.Key, g => g.Select(r => r.CrmId).ToHashSet(StringComparer.Ordinal));

        foreach (var u in valid)
        {
            var email = u.Email?.ToLowerInvariant();
            var holder = email is null ? null : reps.FirstOrDefault(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase));
            var holderIsOther = holder is not null && linkedTo.TryGetValue(holder.Id, out var holderLinks) && !holderLinks.Contains(u.Id);
            var ambiguous = email is not null && (shared.Contains(email) || holderIsOther);
            // The same person whatever the source: the link, else the e-mail when it is this CRM user's alone (so chat
            // identities keep working), else an export's id.
            var rep = rows.TryGetValue(u.Id, out var link) ? reps.FirstOrDefault(r => r.Id == link.LocalId) : null;
            if (rep is null && !ambiguous)
                rep = holder;
            rep ??= reps.FirstOrDefault(r => r.ExternalId == u.Id);
            if (ambiguous)
                report.SharedEmails.Add(u.Id);
            var created = rep is null;
            var name = string.IsNullOrWhiteSpace(u.Name) ? u.Email!.Split('@')[0] : u.Name.Trim();
            if (rep is null)
            {
                rep = new Rep
                {
                    Name = name, Email = ambiguous || holder is not null ? null : email, ExternalId = await FreeExternalIdAsync<Rep>(u.Id, ct),
                    Role = u.Title is null ? RepRole.Rep : RepImporter.ParseRole(u.Title), TimeZoneId = options.TimeZone, CreatedAt = now,
                };
                db.Reps.Add(rep);
                reps.Add(rep);
            }
            var changed = Set(rep.Name, Clip(name, 200)!, v => rep.Name = v);
            // A shared e-mail stays with whoever holds it already and goes to nobody new (it is unique among people).
            if (email is not null && !ambiguous && (holder is null || holder == rep))
                changed |= Set(rep.Email, email, v => rep.Email = v);
            changed |= Set(rep.IsActive, u.Active, v => rep.IsActive = v);
            // The CRM's time zone for someone AeBot has none for yet; one a person set in chat stays theirs.
            if (u.TimeZone is { } zone && (created || rep.TimeZoneId == "UTC") && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
                changed |= Set(rep.TimeZoneId, zone, v => rep.TimeZoneId = v);
            if (u.Team is { Length: > 0 } teamName)
            {
                var team = teams.FirstOrDefault(t => string.Equals(t.Name, teamName.Trim(), StringComparison.OrdinalIgnoreCase));
                if (team is null)
                {
                    team = new Team { Name = Clip(teamName.Trim(), 200)!, ExternalId = $"{links.Provider.ToLowerInvariant()}:team:{teamName.Trim().ToLowerInvariant()}" };
                    db.Teams.Add(team);
                    teams.Add(team);
                    await db.SaveChangesAsync(ct);
                }
                changed |= Set(rep.TeamId, team.Id, v => rep.TeamId = v);
            }
            await db.SaveChangesAsync(ct);
            if (created)
            {
                rep.HierarchyPath = $"/{rep.Id}/";
            }
            await LinkAsync(rows, CrmLinks.Users, u.Id, rep.Id, u.ModifiedAt);
            Count(CrmObject.Users, created, changed);
        }
        await FlushAsync(ct);
        return valid;
    }

    /// <summary>
    /// After every user page: reporting lines from the users' managers (Salesforce ManagerId), roles for those others
    /// report to, every hierarchy path recomputed, and a team's manager where its members agree.
    /// </summary>
    public async Task ReportingLinesAsync(IReadOnlyList<CrmUser> users, bool sourceHasReportingLines, CancellationToken ct)
    {
        if (users.Count == 0)
            return;
        await links.PreloadAsync(CrmLinks.Users, users.SelectMany(u => new[] { u.Id, u.ManagerId }), ct);
        var reps = await db.Reps.ToListAsync(ct);
        var byId = reps.ToDictionary(r => r.Id);
        foreach (var u in users)
        {
            if (links.Local(CrmLinks.Users, u.Id) is not { } repId || !byId.TryGetValue(repId, out var rep))
                continue;
            var managerId = links.Local(CrmLinks.Users, u.ManagerId);
            // No manager from a CRM that has no reporting lines (HubSpot) says nothing: the roster's stays.
            if (managerId is not null || (u.ManagerId is null && sourceHasReportingLines))
                rep.ManagerId = managerId == rep.Id ? null : managerId;
        }
        var managers = reps.Where(r => r.ManagerId is not null).Select(r => r.ManagerId!.Value).ToHashSet();
        foreach (var rep in reps.Where(r => r.Role == RepRole.Rep && managers.Contains(r.Id)))
            rep.Role = RepRole.Manager;
        OrgHierarchy.Recompute(reps);
        foreach (var team in await db.Teams.Where(t => t.ManagerId == null).ToListAsync(ct))
        {
            team.ManagerId = reps.Where(r => r.TeamId == team.Id && r.ManagerId is not null)
                .GroupBy(r => r.ManagerId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        }
        await FlushAsync(ct);
    }

    // ---------------------------------------------------------------- products

    public async Task ProductsAsync(CrmPage<CrmProduct> page, CancellationToken ct)
    {
        CountSkipped(page);
        var rows = await links.RowsAsync(CrmLinks.Products, page.Records.Select(p => p.Id).ToList(), ct);
        var local = await LoadAsync(db.Products, rows, page.Records.Select(p => p.Id), ct);
        foreach (var p in page.Records)
        {
            if (string.IsNullOrWhiteSpace(p.Name))
            {
                Skip(CrmObject.Products, p.Id, "a product without a name");
                continue;
            }
            var product = Find(local, rows, p.Id);
            var created = product is null;
            if (product is null)
            {
                product = new Product { Name = p.Name, ExternalId = await FreeExternalIdAsync<Product>(p.Id, ct) };
                db.Products.Add(product);
            }
            var changed = Set(product.Name, Clip(p.Name.Trim(), 200)!, v => product.Name = v);
            changed |= Set(product.NormalizedName, NameNormalizer.Normalize(p.Name), v => product.NormalizedName = v);
            changed |= Set(product.ListPrice, p.Price, v => product.ListPrice = v);
            changed |= Set(product.Currency, p.Price is null ? product.Currency : (p.Currency ?? options.Currency), v => product.Currency = v);
            After(() => LinkAsync(rows, CrmLinks.Products, p.Id, product.Id, p.ModifiedAt));
            Count(CrmObject.Products, created, changed);
        }
        await FlushAsync(ct);
    }

    // ---------------------------------------------------------------- companies

    public async Task CompaniesAsync(CrmPage<CrmCompany> page, CancellationToken ct)
    {
        CountSkipped(page);
        var rows = await links.RowsAsync(CrmLinks.Companies, page.Records.Select(c => c.Id).ToList(), ct);
        var local = await LoadAsync(db.Accounts, rows, page.Records.Select(c => c.Id), ct);
        await links.PreloadAsync(CrmLinks.Users, page.Records.Select(c => c.OwnerId), ct);
        await links.PreloadAsync(CrmLinks.Companies, page.Records.Select(c => c.ParentId), ct);
        foreach (var c in page.Records)
        {
            if (string.IsNullOrWhiteSpace(c.Name))
            {
                Skip(CrmObject.Companies, c.Id, "a company without a name");
                continue;
            }
            var account = Find(local, rows, c.Id);
            var created = account is null;
            if (account is null)
            {
                account = new Account { Name = c.Name, ExternalId = await FreeExternalIdAsync<Account>(c.Id, ct), CreatedAt = c.CreatedAt };
                db.Accounts.Add(account);
            }
            var changed = Set(account.Name, Clip(c.Name.Trim(), 300)!, v => account.Name = v);
            changed |= Set(account.NormalizedName, NameNormalizer.Normalize(c.Name), v => account.NormalizedName = v);
            changed |= Set(account.OwnerId, links.Local(CrmLinks.Users, c.OwnerId), v => account.OwnerId = v);
            changed |= Set(account.Industry, Clip(c.Industry, 200), v => account.Industry = v);
            changed |= Set(account.Website, Clip(c.Website, 300), v => account.Website = v);
            changed |= Set(account.Country, Clip(c.Country, 100), v => account.Country = v);
            changed |= Set(account.Employees, c.Employees, v => account.Employees = v);
            var parent = links.Local(CrmLinks.Companies, c.ParentId);
            if (parent is not null || c.ParentId is null)
                changed |= Set(account.ParentAccountId, parent, v => account.ParentAccountId = v);
            After(async () =>
            {
                await LinkAsync(rows, CrmLinks.Companies, c.Id, account.Id, c.ModifiedAt);
                await MergeAsync(CrmLinks.Companies, c.MergedIds, account.Id, ct);
            });
            Count(CrmObject.Companies, created, changed);
        }
        await FlushAsync(ct);
    }

    // ---------------------------------------------------------------- contacts

    public async Task ContactsAsync(CrmPage<CrmContact> page, CancellationToken ct)
    {
        CountSkipped(page);
        var rows = await links.RowsAsync(CrmLinks.Contacts, page.Records.Select(c => c.Id).ToList(), ct);
        var local = await LoadAsync(db.Contacts, rows, page.Records.Select(c => c.Id), ct);
        await links.PreloadAsync(CrmLinks.Companies, page.Records.Select(c => c.CompanyId), ct);
        foreach (var c in page.Records)
        {
            var name = string.IsNullOrWhiteSpace(c.Name) ? c.Email : c.Name.Trim();
            if (string.IsNullOrWhiteSpace(name))
            {
                Skip(CrmObject.Contacts, c.Id, "a contact with neither a name nor an e-mail");
                continue;
            }
            var contact = Find(local, rows, c.Id);
            var created = contact is null;
            if (contact is null)
            {
                contact = new Contact { Name = name, ExternalId = await FreeExternalIdAsync<Contact>(c.Id, ct), CreatedAt = c.CreatedAt };
                db.Contacts.Add(contact);
            }
            var changed = Set(contact.Name, Clip(name, 200)!, v => contact.Name = v);
            changed |= Set(contact.Email, Clip(c.Email?.ToLowerInvariant(), 320), v => contact.Email = v);
            changed |= Set(contact.Phone, c.Phone, v => contact.Phone = v);
            changed |= Set(contact.Title, c.Title, v => contact.Title = v);
            changed |= Set(contact.AccountId, links.Local(CrmLinks.Companies, c.CompanyId), v => contact.AccountId = v);
            After(async () =>
            {
                await LinkAsync(rows, CrmLinks.Contacts, c.Id, contact.Id, c.ModifiedAt);
                await MergeAsync(CrmLinks.Contacts, c.MergedIds, contact.Id, ct);
            });
            Count(CrmObject.Contacts, created, changed);
        }
        await FlushAsync(ct);
    }

    // ---------------------------------------------------------------- deals

    public async Task DealsAsync(CrmPage<CrmDeal> page, CancellationToken ct)
    {
        CountSkipped(page);
        var rows = await links.RowsAsync(CrmLinks.Deals, page.Records.Select(d => d.Id).ToList(), ct);
        var local = await LoadAsync(db.Opportunities, rows, page.Records.Select(d => d.Id), ct);
        await links.PreloadAsync(CrmLinks.Users, page.Records.Select(d => d.OwnerId), ct);
        await links.PreloadAsync(CrmLinks.Companies, page.Records.Select(d => d.CompanyId), ct);
        await links.PreloadAsync(CrmLinks.Products, page.Records.Select(d => d.ProductId), ct);
        var lineItemRows = await links.RowsAsync(CrmLinks.LineItems, page.Records.SelectMany(d => d.LineItemIds ?? []).ToList(), ct);
        foreach (var d in page.Records)
        {
            if (string.IsNullOrWhiteSpace(d.Name))
            {
                Skip(CrmObject.Deals, d.Id, "a deal without a name");
                continue;
            }
            if (d.StageId is null || !_stages.TryGetValue(d.StageId, out var stage))
            {
                Skip(CrmObject.Deals, d.Id, $"stage '{d.StageId}' is in none of the CRM's pipelines");
                continue;
            }
            var deal = Find(local, rows, d.Id);
            var created = deal is null;
            var ownerId = links.Local(CrmLinks.Users, d.OwnerId) ?? deal?.OwnerId ?? await UnassignedAsync(ct);
            if (deal is null)
            {
                deal = new Opportunity
                {
                    Name = d.Name, Stage = stage.Label, Currency = d.Currency ?? options.Currency, OwnerId = ownerId,
                    ExternalId = await FreeExternalIdAsync<Opportunity>(d.Id, ct), CreatedAt = d.CreatedAt,
                };
                db.Opportunities.Add(deal);
            }
            var before = (deal.Stage, deal.StageCategory, deal.CloseDate, deal.Amount, deal.Probability);
            var category = stage.IsWon ? StageCategory.Won : stage.IsClosed ? StageCategory.Lost : StageCategory.Open;
            decimal? probability = stage.Probability is { } p ? Math.Round(p * 100m, 2) : category switch { StageCategory.Won => 100m, StageCategory.Lost => 0m, _ => null };
            // A field AeBot owns (Crm:FieldOwners) keeps AeBot's value once the deal is known: the CRM's edits of it
            // are not taken (AeBot writes its own back instead).
            bool Take(CrmDealField field) => created || options.OwnerOf(field) != FieldOwner.AeBot;
            var changed = Set(deal.Name, Clip(d.Name.Trim(), 300)!, v => deal.Name = v);
            if (Take(CrmDealField.Stage))
            {
                changed |= Set(deal.Stage, Clip(stage.Label, 100)!, v => deal.Stage = v);
                changed |= Set(deal.StageCategory, category, v => deal.StageCategory = v);
                changed |= Set(deal.Probability, probability, v => deal.Probability = v);
                changed |= Set(deal.ForecastCategory, Forecast(stage.ForecastCategory, category, probability), v => deal.ForecastCategory = v);
            }
            if (Take(CrmDealField.Amount))
            {
                changed |= Set(deal.Amount, d.Amount, v => deal.Amount = v);
                changed |= Set(deal.Currency, d.Currency ?? options.Currency, v => deal.Currency = v);
            }
            if (Take(CrmDealField.CloseDate))
                changed |= Set(deal.CloseDate, d.CloseDate, v => deal.CloseDate = v);
            if (Take(CrmDealField.Owner))
                changed |= Set(deal.OwnerId, ownerId, v => deal.OwnerId = v);
            changed |= Set(deal.AccountId, links.Local(CrmLinks.Companies, d.CompanyId), v => deal.AccountId = v);
            // The CRM's product once the deal is known from it: a deal whose line items were all removed has none any
            // more. A deal first taken over from a CSV import of the same CRM keeps the export's product until the CRM
            // names one (an export's product column need not come from line items).
            if (d.ProductId is not null || created || rows.ContainsKey(d.Id))
                changed |= Set(deal.ProductId, links.Local(CrmLinks.Products, d.ProductId), v => deal.ProductId = v);
            if (Take(CrmDealField.NextStep))
                changed |= Set(deal.NextStep, Clip(d.NextStep, 1000), v => deal.NextStep = v);
            if (Take(CrmDealField.LossReason))
                changed |= Set(deal.LossReason, Clip(d.LossReason, 500), v => deal.LossReason = v);
            if (d.Type is not null)
                changed |= Set(deal.Type, ParseType(d.Type), v => deal.Type = v);
            changed |= Set(deal.CreatedAt, d.CreatedAt, v => deal.CreatedAt = v);
            if (changed)
                deal.UpdatedAt = now;
            var historyDue = created || before != (deal.Stage, deal.StageCategory, deal.CloseDate, deal.Amount, deal.Probability);
            After(async () =>
            {
                if (historyDue)
                {
                    db.OpportunityHistory.Add(new OpportunityHistory
                    {
                        OpportunityId = deal.Id, ChangedAt = d.ModifiedAt < now ? d.ModifiedAt : now, Stage = deal.Stage, StageCategory = deal.StageCategory,
                        CloseDate = deal.CloseDate, Amount = deal.Amount, Probability = deal.Probability,
                    });
                }
                var row = await LinkAsync(rows, CrmLinks.Deals, d.Id, deal.Id, d.ModifiedAt);
                // What the CRM holds now, for the write-back's "still what AeBot last saw?" check.
                var fields = CrmFieldValues.Parse(row.Fields);
                fields.Set(CrmDealField.Stage, d.StageId, d.ModifiedAt);
                fields.Set(CrmDealField.CloseDate, CrmFieldValues.Date(d.CloseDate), d.ModifiedAt);
                fields.Set(CrmDealField.Amount, CrmFieldValues.Money(d.Amount), d.ModifiedAt);
                fields.Set(CrmDealField.NextStep, d.NextStep, d.ModifiedAt);
                fields.Set(CrmDealField.LossReason, d.LossReason, d.ModifiedAt);
                fields.Set(CrmDealField.Owner, d.OwnerId, d.ModifiedAt);
                row.Fields = fields.Serialize();
                await MergeAsync(CrmLinks.Deals, d.MergedIds, deal.Id, ct);
                foreach (var lineItem in d.LineItemIds ?? [])
                    lineItemRows[lineItem] = links.Link(lineItemRows.GetValueOrDefault(lineItem), CrmLinks.LineItems, lineItem, deal.Id, d.ModifiedAt, now);
            });
            Count(CrmObject.Deals, created, changed);
        }
        await FlushAsync(ct);
    }

    /// <summary>The stage's named category (Salesforce), else derived as a CSV import derives it (HubSpot names none).</summary>
    private static ForecastCategory Forecast(string? named, StageCategory category, decimal? probability) =>
        (named is null ? null : OpportunityImporter.ForecastFromName(named)) ?? OpportunityImporter.DeriveForecast(category, probability);

    private static OpportunityType ParseType(string text) => OpportunityImporter.TypeFromName(text) ?? OpportunityType.NewBusiness;

    private long? _unassigned;

    /// <summary>Where a deal whose owner is no known user goes, as a CSV import does: an admin can hand it out.</summary>
    private async Task<long> UnassignedAsync(CancellationToken ct)
    {
        if (_unassigned is { } id)
            return id;
        const string key = "aebot:unassigned";
        var rep = await db.Reps.FirstOrDefaultAsync(r => r.ExternalId == key, ct);
        if (rep is null)
        {
            rep = new Rep { ExternalId = key, Name = "Unassigned", Role = RepRole.Rep, IsActive = false, TimeZoneId = options.TimeZone, CreatedAt = now };
            db.Reps.Add(rep);
            await db.SaveChangesAsync(ct);
            rep.HierarchyPath = $"/{rep.Id}/";
            await db.SaveChangesAsync(ct);
        }
        return (_unassigned = rep.Id).Value;
    }

    // ---------------------------------------------------------------- activities

    public async Task ActivitiesAsync(CrmPage<CrmActivity> page, CancellationToken ct)
    {
        CountSkipped(page);
        var records = page.Records;
        await links.PreloadAsync(CrmLinks.Users, records.Select(a => a.OwnerId), ct);
        await links.PreloadAsync(CrmLinks.Companies, records.Select(a => a.CompanyId), ct);
        await links.PreloadAsync(CrmLinks.Deals, records.Select(a => a.DealId), ct);
        await links.PreloadAsync(CrmLinks.Contacts, records.SelectMany(a => a.ContactIds), ct);

        var tasks = records.Where(a => a.Kind == CrmActivityKind.Task).ToList();
        var others = records.Where(a => a.Kind != CrmActivityKind.Task).ToList();
        // A reminder's CRM task is the rep's own reminder, written by AeBot: never read back as a follow-up.
        var reminderRows = await links.RowsAsync(CrmLinks.Reminders, tasks.Select(a => a.Id).ToList(), ct);
        tasks = tasks.Where(a => !reminderRows.ContainsKey(a.Id)).ToList();
        var taskRows = await links.RowsAsync(CrmLinks.Tasks, tasks.Select(a => a.Id).ToList(), ct);
        var interactionRows = await links.RowsAsync(CrmLinks.Activities, others.Select(a => a.Id).ToList(), ct);
        var localTasks = await LoadAsync(db.FollowUpTasks, taskRows, tasks.Select(a => a.Id), ct);
        var localInteractions = await LoadAsync(db.Interactions.Include(i => i.Contacts), interactionRows, others.Select(a => a.Id), ct);
        var dealIds = records.Select(a => links.Local(CrmLinks.Deals, a.DealId)).Where(id => id is not null).Select(id => id!.Value).Distinct().ToList();
        var deals = await db.Opportunities.Where(o => dealIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);

        foreach (var a in records)
        {
            var dealId = links.Local(CrmLinks.Deals, a.DealId);
            var deal = dealId is { } id ? deals.GetValueOrDefault(id) : null;
            var accountId = links.Local(CrmLinks.Companies, a.CompanyId) ?? deal?.AccountId;
            var repId = links.Local(CrmLinks.Users, a.OwnerId);
            var text = Text(a.Subject, a.Body);
            if (a.Kind == CrmActivityKind.Task && reminderRows.TryGetValue(a.Id, out var reminderRow))
            {
                // Still there: its link is kept fresh (so a full read's sweep does not ask about it), nothing else.
                if (reminderRow.DeletedAt is null)
                    After(() => LinkAsync(reminderRows, CrmLinks.Reminders, a.Id, reminderRow.LocalId, a.ModifiedAt));
                Count(CrmObject.Activities, created: false, changed: false);
                continue;
            }
            if (a.Kind == CrmActivityKind.Task)
            {
                var ownerId = repId ?? deal?.OwnerId;
                if (ownerId is null)
                {
                    Skip(CrmObject.Activities, a.Id, "a task assigned to no known user");
                    continue;
                }
                var title = Clip(a.Subject ?? Plain(a.Body), 1000);
                if (string.IsNullOrWhiteSpace(title))
                {
                    Skip(CrmObject.Activities, a.Id, "a task without a subject");
                    continue;
                }
                var task = Find(localTasks, taskRows, a.Id);
                var created = task is null;
                if (task is null)
                {
                    task = new FollowUpTask { Title = title, ExternalId = await FreeExternalIdAsync<FollowUpTask>(a.Id, ct), CreatedAt = a.OccurredAt, RepId = ownerId.Value };
                    db.FollowUpTasks.Add(task);
                }
                var changed = Set(task.Title, title, v => task.Title = v);
                changed |= Set(task.RepId, ownerId.Value, v => task.RepId = v);
                changed |= Set(task.AccountId, accountId, v => task.AccountId = v);
                changed |= Set(task.OpportunityId, dealId, v => task.OpportunityId = v);
                changed |= Set(task.DueDate, a.DueDate, v => task.DueDate = v);
                var status = a.Completed == true ? FollowUpStatus.Done : task.Status == FollowUpStatus.Cancelled ? FollowUpStatus.Cancelled : FollowUpStatus.Open;
                if (Set(task.Status, status, v => task.Status = v))
                {
                    changed = true;
                    task.CompletedAt = status == FollowUpStatus.Done ? a.ModifiedAt : null;
                }
                After(() => LinkAsync(taskRows, CrmLinks.Tasks, a.Id, task.Id, a.ModifiedAt));
                Count(CrmObject.Activities, created, changed);
            }
            else
            {
                if (text.Length == 0)
                {
                    Skip(CrmObject.Activities, a.Id, $"a {a.Kind.ToString().ToLowerInvariant()} with no subject or text");
                    continue;
                }
                var interaction = Find(localInteractions, interactionRows, a.Id);
                var created = interaction is null;
                if (interaction is null)
                {
                    interaction = new Interaction { Summary = text, ExternalId = await FreeExternalIdAsync<Interaction>(a.Id, ct), CreatedAt = now };
                    db.Interactions.Add(interaction);
                }
                var type = a.Kind switch { CrmActivityKind.Call => InteractionType.Call, CrmActivityKind.Meeting => InteractionType.Meeting, CrmActivityKind.Email => InteractionType.Email, _ => InteractionType.Note };
                var changed = Set(interaction.Type, type, v => interaction.Type = v);
                changed |= Set(interaction.OccurredAt, a.OccurredAt, v => interaction.OccurredAt = v);
                // A rep's own summary logged in chat (its link made by the write-back) keeps its wording: the CRM copy
                // carries the same text plus AeBot's key.
                if (!created && interaction.Summary != text && !text.Contains(interaction.Summary, StringComparison.Ordinal))
                    changed |= Set(interaction.Summary, text, v => interaction.Summary = v);
                else if (created)
                    changed = true;
                changed |= Set(interaction.RepId, repId ?? interaction.RepId, v => interaction.RepId = v);
                changed |= Set(interaction.AccountId, accountId, v => interaction.AccountId = v);
                changed |= Set(interaction.OpportunityId, dealId, v => interaction.OpportunityId = v);
                var contactIds = a.ContactIds.Select(c => links.Local(CrmLinks.Contacts, c)).Where(c => c is not null).Select(c => c!.Value).Distinct().ToHashSet();
                if (!contactIds.SetEquals(interaction.Contacts.Select(c => c.ContactId)))
                {
                    interaction.Contacts.RemoveAll(c => !contactIds.Contains(c.ContactId));
                    foreach (var contactId in contactIds.Except(interaction.Contacts.Select(c => c.ContactId)))
                        interaction.Contacts.Add(new InteractionContact { ContactId = contactId });
                    changed = true;
                }
                if (deal is not null && (deal.LastEngagedAt is null || deal.LastEngagedAt < a.OccurredAt) && a.OccurredAt <= now)
                    deal.LastEngagedAt = a.OccurredAt;
                After(() => LinkAsync(interactionRows, CrmLinks.Activities, a.Id, interaction.Id, a.ModifiedAt));
                Count(CrmObject.Activities, created, changed);
            }
        }
        await FlushAsync(ct);
    }

    /// <summary>The CRM ids of the deals these deleted line items were on, as the deals' last reads said.</summary>
    public async Task<List<string>> DealsOfLineItemsAsync(IReadOnlyCollection<string> lineItemIds, CancellationToken ct)
    {
        var dealIds = new List<long>();
        foreach (var chunk in lineItemIds.Distinct().Chunk(500))
        {
            dealIds.AddRange(await db.CrmRecords.AsNoTracking()
                .Where(r => r.Provider == links.Provider && r.ObjectType == CrmLinks.LineItems && chunk.Contains(r.CrmId) && r.DeletedAt == null)
                .Select(r => r.LocalId).ToListAsync(ct));
        }
        var crmIds = new List<string>();
        foreach (var chunk in dealIds.Distinct().Chunk(500))
        {
            crmIds.AddRange(await db.CrmRecords.AsNoTracking()
                .Where(r => r.Provider == links.Provider && r.ObjectType == CrmLinks.Deals && chunk.Contains(r.LocalId) && r.DeletedAt == null)
                .Select(r => r.CrmId).ToListAsync(ct));
        }
        return crmIds;
    }

    /// <summary>Deleted line items whose deals have been read again: nothing more to trace.</summary>
    public async Task ForgetLineItemsAsync(IReadOnlyCollection<string> lineItemIds, CancellationToken ct)
    {
        foreach (var chunk in lineItemIds.Distinct().Chunk(500))
        {
            await db.CrmRecords.Where(r => r.Provider == links.Provider && r.ObjectType == CrmLinks.LineItems && chunk.Contains(r.CrmId) && r.DeletedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.DeletedAt, now), ct);
        }
    }

    // ---------------------------------------------------------------- deletions and merges

    public Task DeleteAsync(CrmDeletion deletion, CancellationToken ct) => RemoveAsync(deletion, swept: false, ct);

    /// <summary>A record gone from the CRM: its local row removed (a person deactivated), its link kept as deleted.</summary>
    private async Task RemoveAsync(CrmDeletion deletion, bool swept, CancellationToken ct)
    {
        foreach (var type in LinkTypes(deletion.Type))
        {
            var row = await db.CrmRecords.FirstOrDefaultAsync(r => r.Provider == links.Provider && r.ObjectType == type && r.CrmId == deletion.Id && r.DeletedAt == null, ct);
            if (row is null)
                continue;
            await RemoveLocalAsync(type, row.LocalId, ct);
            row.DeletedAt = deletion.DeletedAt;
            links.Forget(type, deletion.Id);
            var counts = report.For(Key(deletion.Type));
            if (swept)
                counts.Swept++;
            else
                counts.Deleted++;
            await db.SaveChangesAsync(ct);
        }
    }

    private static IEnumerable<string> LinkTypes(CrmObject type) => type switch
    {
        CrmObject.Users => [CrmLinks.Users],
        CrmObject.Products => [CrmLinks.Products],
        CrmObject.Companies => [CrmLinks.Companies],
        CrmObject.Contacts => [CrmLinks.Contacts],
        CrmObject.Deals => [CrmLinks.Deals],
        CrmObject.Activities => [CrmLinks.Activities, CrmLinks.Tasks, CrmLinks.Reminders],
        _ => [],
    };

    private async Task RemoveLocalAsync(string type, long localId, CancellationToken ct)
    {
        switch (type)
        {
            case CrmLinks.Users:
                // A person leaves: deactivated, never deleted (their deals and history stay theirs).
                await db.Reps.Where(r => r.Id == localId).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsActive, false), ct);
                break;
            case CrmLinks.Products:
                await db.Products.Where(p => p.Id == localId).ExecuteDeleteAsync(ct);
                break;
            case CrmLinks.Companies:
                await db.Accounts.Where(a => a.Id == localId).ExecuteDeleteAsync(ct);
                break;
            case CrmLinks.Contacts:
                await db.Contacts.Where(c => c.Id == localId).ExecuteDeleteAsync(ct);
                break;
            case CrmLinks.Deals:
                await db.Opportunities.Where(o => o.Id == localId).ExecuteDeleteAsync(ct);
                break;
            case CrmLinks.Activities:
                await db.Interactions.Where(i => i.Id == localId).ExecuteDeleteAsync(ct);
                break;
            case CrmLinks.Tasks:
                await db.FollowUpTasks.Where(t => t.Id == localId).ExecuteDeleteAsync(ct);
                break;
            case CrmLinks.Reminders:
                break; // the task went; the rep's reminder in AeBot stays theirs
        }
    }

    /// <summary>
    /// Records merged into <paramref name="survivorId"/>: what pointed at a merged-away record now points at the
    /// survivor, and the merged-away copy goes.
    /// </summary>
    private async Task MergeAsync(string type, IReadOnlyList<string> mergedIds, long survivorId, CancellationToken ct)
    {
        foreach (var mergedId in mergedIds)
        {
            var row = await db.CrmRecords.FirstOrDefaultAsync(r => r.Provider == links.Provider && r.ObjectType == type && r.CrmId == mergedId && r.DeletedAt == null, ct);
            if (row is null || row.LocalId == survivorId)
                continue;
            var loser = row.LocalId;
            switch (type)
            {
                case CrmLinks.Companies:
                    await db.Opportunities.Where(o => o.AccountId == loser).ExecuteUpdateAsync(s => s.SetProperty(o => o.AccountId, survivorId), ct);
                    await db.Contacts.Where(c => c.AccountId == loser).ExecuteUpdateAsync(s => s.SetProperty(c => c.AccountId, survivorId), ct);
                    await db.Interactions.Where(i => i.AccountId == loser).ExecuteUpdateAsync(s => s.SetProperty(i => i.AccountId, survivorId), ct);
                    await db.FollowUpTasks.Where(t => t.AccountId == loser).ExecuteUpdateAsync(s => s.SetProperty(t => t.AccountId, survivorId), ct);
                    await db.Contracts.Where(c => c.AccountId == loser).ExecuteUpdateAsync(s => s.SetProperty(c => c.AccountId, survivorId), ct);
                    break;
                case CrmLinks.Contacts:
                    var survivorLinks = await db.InteractionContacts.Where(ic => ic.ContactId == survivorId).Select(ic => ic.InteractionId).ToListAsync(ct);
                    await db.InteractionContacts.Where(ic => ic.ContactId == loser && !survivorLinks.Contains(ic.InteractionId))
                        .ExecuteUpdateAsync(s => s.SetProperty(ic => ic.ContactId, survivorId), ct);
                    break;
                case CrmLinks.Deals:
                    await db.Interactions.Where(i => i.OpportunityId == loser).ExecuteUpdateAsync(s => s.SetProperty(i => i.OpportunityId, survivorId), ct);
                    await db.FollowUpTasks.Where(t => t.OpportunityId == loser).ExecuteUpdateAsync(s => s.SetProperty(t => t.OpportunityId, survivorId), ct);
                    break;
            }
            await RemoveLocalAsync(type, loser, ct);
            row.DeletedAt = now;
            links.Forget(type, mergedId);
            report.For(type).Deleted++;
        }
    }

    // ---------------------------------------------------------------- helpers

    private readonly List<Func<Task>> _after = [];

    /// <summary>Work that needs the page's new rows' ids (links, history): run once the page is saved.</summary>
    private void After(Func<Task> work) => _after.Add(work);

    /// <summary>Saves the page in two steps (rows, then what refers to their ids) and forgets the tracked entities.</summary>
    private async Task FlushAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        foreach (var work in _after)
            await work();
        _after.Clear();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>The local rows of a page: by link, else by the same id in ExternalId (a CSV import of the same CRM).</summary>
    private static async Task<Dictionary<string, T>> LoadAsync<T>(IQueryable<T> set, Dictionary<string, CrmRecordRow> rows, IEnumerable<string> crmIds, CancellationToken ct)
        where T : class
    {
        var localIds = rows.Values.Select(r => r.LocalId).ToList();
        var unlinked = crmIds.Where(id => !rows.ContainsKey(id)).Distinct().ToList();
        var found = await set.Where(e => localIds.Contains(EF.Property<long>(e, "Id")) || unlinked.Contains(EF.Property<string>(e, "ExternalId"))).ToListAsync(ct);
        var byKey = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var entity in found)
        {
            var id = (long)typeof(T).GetProperty("Id")!.GetValue(entity)!;
            var external = (string?)typeof(T).GetProperty("ExternalId")!.GetValue(entity);
            byKey["local:" + id] = entity;
            if (external is not null)
                byKey.TryAdd("ext:" + external, entity);
        }
        return byKey;
    }

    private static T? Find<T>(Dictionary<string, T> local, Dictionary<string, CrmRecordRow> rows, string crmId) where T : class =>
        rows.TryGetValue(crmId, out var row) ? local.GetValueOrDefault("local:" + row.LocalId) : local.GetValueOrDefault("ext:" + crmId);

    /// <summary>The CRM id as the new row's ExternalId, unless another row already holds it (then none: the link is what counts).</summary>
    private async Task<string?> FreeExternalIdAsync<T>(string crmId, CancellationToken ct) where T : class =>
        await db.Set<T>().AnyAsync(e => EF.Property<string>(e, "ExternalId") == crmId, ct)
        || db.ChangeTracker.Entries<T>().Any(e => (string?)e.Property("ExternalId").CurrentValue == crmId) ? null : crmId;

    private static string? Clip(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Text(string? subject, string? body)
    {
        var plain = Plain(body);
        var s = subject?.Trim() ?? "";
        var text = s.Length == 0 ? plain : plain.Length == 0 || plain.StartsWith(s, StringComparison.Ordinal) ? (plain.Length == 0 ? s : plain) : s + ": " + plain;
        return Clip(text, 4000) ?? "";
    }

    /// <summary>HubSpot's bodies are HTML: the words only.</summary>
    internal static string Plain(string? html) =>
        html is null ? "" : Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html.Replace("<br", " <br", StringComparison.OrdinalIgnoreCase).Replace("</p>", " </p>", StringComparison.OrdinalIgnoreCase), "")), " ").Trim();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
