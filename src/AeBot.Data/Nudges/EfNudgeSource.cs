using AeBot.Core.Interactions;
using AeBot.Core.Nudges;
using AeBot.Core.Opportunities;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Nudges;

/// <summary>
/// The unscheduled rules' reads: one indexed range query per rule over the whole company (contracts by end date,
/// follow-ups by due date, open deals by close date, history by change time); the stale-deal read is the one scan
/// of open deals. The envelope is a day wider than any zone's "today" on each side; the rules judge each row in the
/// recipient's zone.
/// </summary>
internal sealed class EfNudgeSource(AeBotDbContext db) : INudgeSource
{
    /// <summary>A renewal signed early starts before the old contract ends; one that starts this long before is another contract.</summary>
    private const int RenewalOverlapDays = 90;

    /// <summary>A renewal may start a little after the old end (a lapse while paperwork finishes); later, it is a new contract.</summary>
    private const int RenewalGapDays = 31;

    public async Task<NudgeFacts> FactsAsync(NudgeWindow w, CancellationToken cancellationToken)
    {
        var u = w.UtcToday;
        var ranges = w.Milestones.Select(m => (From: u.AddDays(m - w.GraceDays - 1), To: u.AddDays(m + 1)))
            .Append((From: u.AddDays(-1), To: u.AddDays(w.EscalationDays + 1)));
        var renewals = new Dictionary<long, RenewalFact>();
        foreach (var (from, to) in ranges)
            foreach (var r in await Renewals(db.Contracts.Where(c => c.EndDate >= from && c.EndDate <= to)).ToListAsync(cancellationToken))
                renewals.TryAdd(r.ContractId, r);

        var followUps = await db.FollowUpTasks.AsNoTracking()
            .Where(f => f.Status == FollowUpStatus.Open && f.DueDate != null && f.DueDate >= u.AddDays(-w.GraceDays - 2) && f.DueDate <= u.AddDays(1)
                && (f.SnoozedUntil == null || f.SnoozedUntil <= w.Now))
            .Select(f => new FollowUpFact(f.Id, f.RepId, f.Title, f.DueDate!.Value, f.AccountId, f.Account != null ? f.Account.Name : null,
                f.OpportunityId, f.Opportunity != null ? f.Opportunity.Name : null))
            .ToListAsync(cancellationToken);

        var open = db.Opportunities.AsNoTracking().Where(o => o.StageCategory == StageCategory.Open);
        var pastClose = await Deals(open.Where(o => o.CloseDate >= u.AddDays(-w.GraceDays - 2) && o.CloseDate <= u.AddDays(1))).ToListAsync(cancellationToken);

        // Went stale within the envelope: last touched (or, never touched, created) between max+grace and min days ago.
        var (oldest, newest) = (w.Now.AddDays(-(w.MaxStaleDays + w.GraceDays + 2)), w.Now.AddDays(-w.MinStaleDays));
        var stale = await Deals(open.Where(o => o.LastEngagedAt != null
                ? o.LastEngagedAt >= oldest && o.LastEngagedAt <= newest
                : o.CreatedAt >= oldest && o.CreatedAt <= newest))
            .ToListAsync(cancellationToken);

        return new NudgeFacts(renewals.Values.OrderBy(r => r.ContractId).ToList(), followUps, pastClose, stale, await SlippedAsync(w, open, cancellationToken));
    }

    /// <summary>
    /// Contracts as renewal facts — leaving out those already renewed (a contract for the same account and product
    /// that starts around this one's end — from 90 days before to 31 after — and runs past it), which need no reminder.
    /// </summary>
    private IQueryable<RenewalFact> Renewals(IQueryable<Core.Contracts.Contract> contracts) =>
        contracts.AsNoTracking()
            .Where(c => !db.Contracts.Any(n => n.AccountId == c.AccountId && n.ProductId == c.ProductId && n.Id != c.Id
                && n.EndDate > c.EndDate && n.StartDate > c.EndDate.AddDays(-RenewalOverlapDays) && n.StartDate <= c.EndDate.AddDays(RenewalGapDays)))
            .Select(c => new RenewalFact(c.Id, c.AccountId, c.Account!.Name, c.Product != null ? c.Product.Name : null, c.EndDate, c.AnnualValue, c.Currency, c.AutoRenew,
                c.Account.OwnerId, c.Account.Owner != null ? c.Account.Owner.Name : null, c.Account.AccountManagerId,
                c.Account.Owner != null ? c.Account.Owner.ManagerId : c.Account.AccountManager != null ? c.Account.AccountManager.ManagerId : null,
                db.Interactions.Where(i => i.AccountId == c.AccountId).OrderByDescending(i => i.OccurredAt).Select(i => (DateTimeOffset?)i.OccurredAt).FirstOrDefault()));

    private static IQueryable<DealFact> Deals(IQueryable<Opportunity> deals) =>
        deals.Select(o => new DealFact(o.Id, o.Name, o.AccountId, o.Account != null ? o.Account.Name : null, o.OwnerId, o.Stage, o.Amount, o.Currency,
            o.CloseDate, o.LastEngagedAt, o.CreatedAt));

    /// <summary>Open deals whose close date changed in the last few days, with their whole close-date history.</summary>
    private async Task<IReadOnlyList<SlippedFact>> SlippedAsync(NudgeWindow w, IQueryable<Opportunity> open, CancellationToken cancellationToken)
    {
        var since = w.Now.AddDays(-(w.GraceDays + 2));
        var moved = db.OpportunityHistory.AsNoTracking().Where(h => h.ChangedAt >= since).Select(h => h.OpportunityId).Distinct();
        var deals = await Deals(open.Where(o => moved.Contains(o.Id))).ToListAsync(cancellationToken);
        if (deals.Count == 0)
            return [];
        var ids = deals.Select(d => d.Id).ToList();
        var history = (await db.OpportunityHistory.AsNoTracking().Where(h => ids.Contains(h.OpportunityId))
                .Select(h => new { h.OpportunityId, h.Id, h.ChangedAt, h.CloseDate }).ToListAsync(cancellationToken))
            .GroupBy(h => h.OpportunityId).ToDictionary(g => g.Key, g => g.OrderBy(h => h.ChangedAt).ThenBy(h => h.Id).ToList());
        var slipped = new List<SlippedFact>();
        foreach (var deal in deals)
        {
            if (!history.TryGetValue(deal.Id, out var rows))
                continue;
            var dates = new List<DateOnly>();
            var pushes = 0;
            DateTimeOffset? lastPush = null;
            foreach (var h in rows.Where(h => h.CloseDate is not null))
            {
                var date = h.CloseDate!.Value;
                if (dates.Count > 0 && date == dates[^1])
                    continue;
                if (dates.Count > 0 && date > dates[^1])
                    (pushes, lastPush) = (pushes + 1, h.ChangedAt);
                dates.Add(date);
            }
            if (pushes > 0 && lastPush >= since)
                slipped.Add(new SlippedFact(deal, dates, pushes, lastPush.Value));
        }
        return slipped;
    }

    public async Task<IReadOnlyList<RenewalFact>> RenewalsAtRiskAsync(IReadOnlyCollection<long> repIds, DateOnly today, int days, DateTimeOffset quietSince, CancellationToken cancellationToken)
    {
        var ids = repIds.ToList();
        var end = today.AddDays(days);
        var ending = await Renewals(db.Contracts.Where(c => c.EndDate >= today && c.EndDate <= end
                && ((c.Account!.OwnerId != null && ids.Contains(c.Account.OwnerId.Value)) || (c.Account.AccountManagerId != null && ids.Contains(c.Account.AccountManagerId.Value)))))
            .ToListAsync(cancellationToken);
        return ending.Where(r => r.LastInteractionAt is null || r.LastInteractionAt < quietSince).OrderBy(r => r.EndDate).ThenBy(r => r.ContractId).ToList();
    }

    public async Task<IReadOnlyList<Core.Sales.NamedRef>> DirectReportsAsync(long managerId, CancellationToken cancellationToken) =>
        await db.Reps.AsNoTracking().Where(r => r.ManagerId == managerId && r.IsActive).OrderBy(r => r.Name)
            .Select(r => new Core.Sales.NamedRef(r.Id, r.Name)).ToListAsync(cancellationToken);

    public async Task<NudgeSubjectInfo?> SubjectAsync(NudgeSubject subject, CancellationToken cancellationToken) => subject.Kind switch
    {
        NudgeSubject.Deal => await db.Opportunities.AsNoTracking().Where(o => o.Id == subject.Id)
            .Select(o => new NudgeSubjectInfo(o.AccountId, o.Account != null ? o.Account.Name : null, o.Id, o.Name)).FirstOrDefaultAsync(cancellationToken),
        NudgeSubject.Task => await db.FollowUpTasks.AsNoTracking().Where(f => f.Id == subject.Id)
            .Select(f => new NudgeSubjectInfo(f.AccountId, f.Account != null ? f.Account.Name : null, f.OpportunityId, f.Opportunity != null ? f.Opportunity.Name : null)).FirstOrDefaultAsync(cancellationToken),
        NudgeSubject.Contract => await db.Contracts.AsNoTracking().Where(c => c.Id == subject.Id)
            .Select(c => new NudgeSubjectInfo(c.AccountId, c.Account!.Name, null, null)).FirstOrDefaultAsync(cancellationToken),
        _ => null,
    };

    public async Task<IReadOnlySet<NudgeSubject>> StillOpenAsync(IReadOnlyCollection<NudgeSubject> subjects, DateOnly today, CancellationToken cancellationToken)
    {
        List<long> Ids(string kind) => subjects.Where(s => s.Kind == kind).Select(s => s.Id).ToList();
        var (deals, tasks, contracts) = (Ids(NudgeSubject.Deal), Ids(NudgeSubject.Task), Ids(NudgeSubject.Contract));
        var open = new HashSet<NudgeSubject>();
        if (deals.Count > 0)
            foreach (var id in await db.Opportunities.AsNoTracking().Where(o => deals.Contains(o.Id) && o.StageCategory == StageCategory.Open).Select(o => o.Id).ToListAsync(cancellationToken))
                open.Add(new NudgeSubject(NudgeSubject.Deal, id));
        if (tasks.Count > 0)
            foreach (var id in await db.FollowUpTasks.AsNoTracking().Where(f => tasks.Contains(f.Id) && f.Status == FollowUpStatus.Open).Select(f => f.Id).ToListAsync(cancellationToken))
                open.Add(new NudgeSubject(NudgeSubject.Task, id));
        if (contracts.Count > 0)
            foreach (var id in await db.Contracts.AsNoTracking().Where(c => contracts.Contains(c.Id) && c.EndDate >= today).Select(c => c.Id).ToListAsync(cancellationToken))
                open.Add(new NudgeSubject(NudgeSubject.Contract, id));
        return open;
    }
}
