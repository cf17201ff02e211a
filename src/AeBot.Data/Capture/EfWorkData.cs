using AeBot.Core.Briefs;
using AeBot.Core.Capture;
using AeBot.Core.Interactions;
using AeBot.Core.MyDay;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Data.Sales;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using AeBot.Core.Work;
using AeBot.Core.Conversation;
using AeBot.Core.Turns;
using AeBot.Core.Help;

namespace AeBot.Data.Capture;

/// <summary><see cref="IWorkData"/> over EF Core, every query rooted in <see cref="Access"/>.</summary>
internal sealed class EfWorkData(AeBotDbContext db, IMemoryCache cache) : IWorkData
{
    public async Task<IReadOnlyList<DealRef>> WritableOpenDealsAsync(Viewer viewer, long? accountId, CancellationToken cancellationToken)
    {
        var deals = Access.WritableDeals(db, viewer).AsNoTracking().Where(o => o.StageCategory == StageCategory.Open);
        if (accountId is { } id)
            deals = deals.Where(o => o.AccountId == id);
        return await Project(deals.OrderBy(o => o.CloseDate == null).ThenBy(o => o.CloseDate).ThenBy(o => o.Id).Take(50)).ToListAsync(cancellationToken);
    }

    public async Task<DealRef?> WritableDealAsync(Viewer viewer, long dealId, CancellationToken cancellationToken) =>
        await Project(Access.WritableDeals(db, viewer).AsNoTracking().Where(o => o.Id == dealId)).FirstOrDefaultAsync(cancellationToken);

    public Task<bool> CanEditInteractionAsync(Viewer viewer, long interactionId, CancellationToken cancellationToken) =>
        db.Interactions.AnyAsync(i => i.Id == interactionId && i.RepId == viewer.RepId, cancellationToken);

    public async Task<IReadOnlyList<NamedRef>> RecentAccountsAsync(Viewer viewer, int take, CancellationToken cancellationToken)
    {
        // Accounts of the viewer's own open deals, most recently touched first, then accounts they own.
        var fromDeals = await db.Opportunities.AsNoTracking()
            .Where(o => o.OwnerId == viewer.RepId && o.StageCategory == StageCategory.Open && o.AccountId != null)
            .GroupBy(o => new { Id = o.AccountId!.Value, o.Account!.Name })
            .Select(g => new { g.Key.Id, g.Key.Name, Last = g.Max(o => o.LastEngagedAt ?? o.CreatedAt) })
            .ToListAsync(cancellationToken);
        var result = fromDeals.OrderByDescending(a => a.Last).Select(a => new NamedRef(a.Id, a.Name)).Take(take).ToList();
        if (result.Count < take)
        {
            var known = result.Select(r => r.Id).ToList();
            result.AddRange(await db.Accounts.AsNoTracking().Where(a => (a.OwnerId == viewer.RepId || a.AccountManagerId == viewer.RepId) && !known.Contains(a.Id))
                .OrderBy(a => a.Name).Take(take - result.Count).Select(a => new NamedRef(a.Id, a.Name)).ToListAsync(cancellationToken));
        }
        return result;
    }

    public async Task<IReadOnlyList<StageInfo>> StagesAsync(CancellationToken cancellationToken)
    {
        // A grouping over every deal: cached, stage names change only with imports.
        if (cache.TryGetValue("capture:stages", out IReadOnlyList<StageInfo>? cached) && cached is not null)
            return cached;
        var rows = await db.Opportunities.AsNoTracking()
            .GroupBy(o => new { o.Stage, o.StageCategory })
            .Select(g => new { g.Key.Stage, g.Key.StageCategory, Count = g.Count(), Probability = g.Average(o => o.Probability) })
            .ToListAsync(cancellationToken);
        var stages = rows.GroupBy(r => r.Stage)
            .Select(g => g.OrderByDescending(r => r.Count).First())
            .Select(r => new { r.Stage, r.StageCategory, Probability = r.Probability is { } p ? decimal.Round(p, 0) : (decimal?)null })
            .OrderBy(r => r.StageCategory).ThenBy(r => r.Probability ?? 0).ThenBy(r => r.Stage)
            .Select((r, i) => new StageInfo(r.Stage, r.StageCategory, r.Probability, i))
            .ToList();
        cache.Set("capture:stages", (IReadOnlyList<StageInfo>)stages, TimeSpan.FromMinutes(5));
        return stages;
    }

    public async Task<NamedRef?> AccountManagerAsync(long accountId, CancellationToken cancellationToken) =>
        await db.Accounts.AsNoTracking().Where(a => a.Id == accountId && a.AccountManagerId != null && a.AccountManager!.IsActive)
            .Select(a => new NamedRef(a.AccountManagerId!.Value, a.AccountManager!.Name)).FirstOrDefaultAsync(cancellationToken);

    public async Task<AccountBrief?> BriefAsync(Viewer viewer, long accountId, DateOnly today, CancellationToken cancellationToken)
    {
        var account = await Access.VisibleAccounts(db, viewer).AsNoTracking().Include(a => a.Owner).Include(a => a.AccountManager)
            .FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
            return null;
        var whole = Access.SeesWholeAccount(viewer, account);
        var people = Access.VisibleReps(db, viewer).Select(r => r.Id);

        var deals = db.Opportunities.AsNoTracking().Where(o => o.AccountId == accountId);
        if (!whole)
            deals = deals.Where(o => people.Contains(o.OwnerId));
        var open = await Project(deals.Where(o => o.StageCategory == StageCategory.Open).OrderBy(o => o.CloseDate == null).ThenBy(o => o.CloseDate)).ToListAsync(cancellationToken);
        var dealIds = deals.Select(o => o.Id);

        var interactions = db.Interactions.AsNoTracking().Where(i => i.AccountId == accountId);
        if (!whole)
            interactions = interactions.Where(i => (i.RepId != null && people.Contains(i.RepId.Value)) || (i.OpportunityId != null && dealIds.Contains(i.OpportunityId.Value)));
        var last = await interactions.OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id).Take(5)
            .Select(i => new { i.OccurredAt, i.Type, i.Summary, Rep = i.Rep != null ? i.Rep.Name : null, i.NextStep, Contacts = i.Contacts.Select(c => c.Contact!.Name).ToList() })
            .ToListAsync(cancellationToken);

        var contacts = await db.Contacts.AsNoTracking().Where(c => c.AccountId == accountId).OrderBy(c => c.Name)
            .Select(c => new BriefContact(c.Id, c.Name, c.Title, c.Email,
                db.InteractionContacts.Where(ic => ic.ContactId == c.Id).Max(ic => (DateTimeOffset?)ic.Interaction!.OccurredAt)))
            .Take(25).ToListAsync(cancellationToken);

        var contracts = await db.Contracts.AsNoTracking().Where(c => c.AccountId == accountId).OrderByDescending(c => c.EndDate).Take(10)
            .Select(c => new BriefContract(c.Product != null ? c.Product.Name : null, c.StartDate, c.EndDate, c.AnnualValue, c.Currency, c.AutoRenew))
            .ToListAsync(cancellationToken);

        var followUps = db.FollowUpTasks.AsNoTracking().Where(f => f.AccountId == accountId && f.Status == FollowUpStatus.Open);
        if (!whole)
            followUps = followUps.Where(f => people.Contains(f.RepId));
        var openFollowUps = await FollowUps(followUps.OrderBy(f => f.DueDate == null).ThenBy(f => f.DueDate).Take(10)).ToListAsync(cancellationToken);

        var objections = db.Objections.AsNoTracking().Where(o => o.AccountId == accountId);
        if (!whole)
            objections = objections.Where(o => o.OpportunityId != null && dealIds.Contains(o.OpportunityId.Value));
        var raised = await objections.OrderByDescending(o => o.RaisedAt).Take(20)
            .Select(o => new BriefObjection(o.Text, o.Topic, o.RaisedAt, o.Opportunity != null ? o.Opportunity.Name : null)).ToListAsync(cancellationToken);

        return new AccountBrief(account.Id, account.Name, account.Industry, account.Segment, account.Employees,
            account.Owner is null ? null : new NamedRef(account.Owner.Id, account.Owner.Name),
            account.AccountManager is null ? null : new NamedRef(account.AccountManager.Id, account.AccountManager.Name),
            contacts, open,
            last.Select(i => new BriefInteraction(i.OccurredAt, i.Type, i.Summary, i.Rep, i.Contacts, i.NextStep)).ToList(),
            contracts, openFollowUps, raised,
            await CrossSellAsync(viewer, account, cancellationToken));
    }

    /// <summary>
    /// Products that accounts like this one (same industry, else same segment) have — by contract or won deal — and
    /// this one lacks. Adoption is counted across all customers (a product statistic, no amounts or deals shown);
    /// the example names are only accounts the viewer may see.
    /// </summary>
    private async Task<IReadOnlyList<CrossSellCandidate>> CrossSellAsync(Viewer viewer, Core.Accounts.Account account, CancellationToken cancellationToken)
    {
        string similarity;
        IQueryable<Core.Accounts.Account> similar;
        if (account.Industry is { } industry)
        {
            similar = db.Accounts.AsNoTracking().Where(a => a.Industry == industry && a.Id != account.Id);
            similarity = industry;
        }
        else if (account.Segment is { } segment)
        {
            similar = db.Accounts.AsNoTracking().Where(a => a.Segment == segment && a.Id != account.Id);
            similarity = segment;
        }
        else
        {
            return [];
        }
        var similarIds = await similar.OrderBy(a => a.Id).Select(a => a.Id).Take(2_000).ToListAsync(cancellationToken);
        if (similarIds.Count < 3)
            return [];

        var owned = await OwnedProducts(db, [account.Id]).Select(x => x.ProductId).Distinct().ToListAsync(cancellationToken);
        var adoption = await OwnedProducts(db, similarIds).Distinct()
            .GroupBy(x => x.ProductId).Select(g => new { ProductId = g.Key, Accounts = g.Count() })
            .ToListAsync(cancellationToken);
        var candidates = adoption.Where(a => !owned.Contains(a.ProductId) && a.Accounts >= 2 && a.Accounts * 5 >= similarIds.Count)
            .OrderByDescending(a => a.Accounts).Take(3).ToList();
        if (candidates.Count == 0)
            return [];
        var productIds = candidates.Select(c => c.ProductId).ToList();
        var names = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var visible = Access.VisibleAccounts(db, viewer).Select(a => a.Id);
        var result = new List<CrossSellCandidate>();
        foreach (var c in candidates)
        {
            var examples = await db.Accounts.AsNoTracking()
                .Where(a => similarIds.Contains(a.Id) && visible.Contains(a.Id)
                    && (db.Contracts.Any(k => k.AccountId == a.Id && k.ProductId == c.ProductId)
                        || db.Opportunities.Any(o => o.AccountId == a.Id && o.ProductId == c.ProductId && o.StageCategory == StageCategory.Won)))
                .OrderBy(a => a.Name).Select(a => a.Name).Take(3).ToListAsync(cancellationToken);
            result.Add(new CrossSellCandidate(names[c.ProductId], c.Accounts, similarIds.Count, similarity, examples));
        }
        return result;
    }


    private static IQueryable<OwnedProduct> OwnedProducts(AeBotDbContext db, List<long> accounts) =>
        db.Contracts.AsNoTracking().Where(c => accounts.Contains(c.AccountId) && c.ProductId != null).Select(c => new OwnedProduct { AccountId = c.AccountId, ProductId = c.ProductId!.Value })
            .Union(db.Opportunities.AsNoTracking().Where(o => o.AccountId != null && accounts.Contains(o.AccountId.Value) && o.ProductId != null && o.StageCategory == StageCategory.Won)
                .Select(o => new OwnedProduct { AccountId = o.AccountId!.Value, ProductId = o.ProductId!.Value }));

    private sealed class OwnedProduct
    {
        public long AccountId { get; init; }
        public long ProductId { get; init; }
    }

    public async Task<DayPlan> MyDayAsync(Viewer viewer, DateOnly today, DateTimeOffset now, DayPlanSettings settings, CancellationToken cancellationToken)
    {
        var dueQuery = db.FollowUpTasks.AsNoTracking()
            .Where(f => f.RepId == viewer.RepId && f.Status == FollowUpStatus.Open && f.DueDate != null && f.DueDate <= today && (f.SnoozedUntil == null || f.SnoozedUntil <= now));
        // Each list read on its own: many overdue follow-ups must not crowd today's out of a shared read.
        var overdue = await FollowUps(dueQuery.Where(f => f.DueDate < today).OrderBy(f => f.DueDate).ThenBy(f => f.Id).Take(settings.MaxItems)).ToListAsync(cancellationToken);
        var dueToday = await FollowUps(dueQuery.Where(f => f.DueDate == today).OrderBy(f => f.Id).Take(settings.MaxItems)).ToListAsync(cancellationToken);
        var week = today.AddDays(7);
        var upcomingQuery = db.FollowUpTasks.AsNoTracking()
            .Where(f => f.RepId == viewer.RepId && f.Status == FollowUpStatus.Open && f.DueDate > today && f.DueDate <= week);
        var upcoming = await FollowUps(upcomingQuery.OrderBy(f => f.DueDate).ThenBy(f => f.Id).Take(settings.MaxItems)).ToListAsync(cancellationToken);
        var horizon = today.AddDays(settings.RenewalDays);
        var renewalQuery = db.Contracts.AsNoTracking()
            .Where(c => c.EndDate >= today && c.EndDate <= horizon && (c.Account!.OwnerId == viewer.RepId || c.Account.AccountManagerId == viewer.RepId));
        var renewals = await renewalQuery.OrderBy(c => c.EndDate).ThenBy(c => c.Id).Take(settings.MaxItems)
            .Select(c => new RenewalItem(c.Id, c.AccountId, c.Account!.Name, c.Product != null ? c.Product.Name : null, c.EndDate, c.AnnualValue, c.Currency, c.AutoRenew))
            .ToListAsync(cancellationToken);
        var mine = db.Opportunities.AsNoTracking().Where(o => o.OwnerId == viewer.RepId && o.StageCategory == StageCategory.Open);
        var pastQuery = mine.Where(o => o.CloseDate < today);
        var pastClose = await Project(pastQuery.OrderBy(o => o.CloseDate).ThenBy(o => o.Id).Take(settings.MaxItems)).ToListAsync(cancellationToken);
        var since = now.AddDays(-settings.StaleDays);
        // A deal past its close date is listed there, whether or not it is also quiet: each deal once, so the two
        // headings add up to the deals that need a look.
        var staleQuery = mine.Where(o => !(o.CloseDate < today) && (o.LastEngagedAt < since || (o.LastEngagedAt == null && o.CreatedAt < since)));
        var stale = await staleQuery.OrderByDescending(o => o.Amount).ThenBy(o => o.Id).Take(settings.MaxItems)
            .Select(o => new { o.Id, o.LastEngagedAt })
            .ToListAsync(cancellationToken);
        var totals = new DayPlanTotals(
            await dueQuery.CountAsync(f => f.DueDate < today, cancellationToken),
            await dueQuery.CountAsync(f => f.DueDate == today, cancellationToken),
            await upcomingQuery.CountAsync(cancellationToken),
            await renewalQuery.CountAsync(cancellationToken),
            await staleQuery.CountAsync(cancellationToken),
            await pastQuery.CountAsync(cancellationToken));
        var staleIds = stale.Select(s => s.Id).ToList();
        var staleDeals = (await Project(mine.Where(o => staleIds.Contains(o.Id))).ToListAsync(cancellationToken)).ToDictionary(d => d.Id);
        return new DayPlan(
            overdue,
            dueToday,
            renewals,
            stale.Select(s => new StaleItem(staleDeals[s.Id], s.LastEngagedAt)).ToList(),
            pastClose) { Upcoming = upcoming, Totals = totals };
    }

    internal static IQueryable<DealRef> Project(IQueryable<Opportunity> deals) =>
        deals.Select(o => new DealRef(o.Id, o.Name, o.AccountId, o.Account != null ? o.Account.Name : null, o.OwnerId, o.Owner!.Name, o.Stage, o.StageCategory,
            o.Amount, o.Currency, o.Probability, o.CloseDate, o.NextStep, o.NextStepDue, o.LossReason));

    internal static IQueryable<FollowUpRef> FollowUps(IQueryable<FollowUpTask> tasks) =>
        tasks.Select(f => new FollowUpRef(f.Id, f.Title, f.DueDate, f.AccountId, f.Account != null ? f.Account.Name : null, f.OpportunityId,
            f.Opportunity != null ? f.Opportunity.Name : null, f.Status, f.SnoozedUntil));
}
