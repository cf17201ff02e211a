using AeBot.Core.Opportunities;
using AeBot.Core.Organization;
using AeBot.Core.Sales;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Sales;

/// <summary>
/// <see cref="ISalesData"/> over EF Core. Every query starts from <see cref="Visible"/>, so access rules hold for
/// totals, lists, groupings and look-ups alike. Aggregates run in SQL; money is summed per currency.
/// </summary>
internal sealed class EfSalesData(AeBotDbContext db) : ISalesData
{
    public async Task<Viewer?> ViewerAsync(long repId, CancellationToken cancellationToken)
    {
        var rep = await db.Reps.AsNoTracking().FirstOrDefaultAsync(r => r.Id == repId && r.IsActive, cancellationToken);
        return rep is null ? null : new Viewer(rep.Id, rep.Name, rep.Role, rep.TimeZoneId, rep.HierarchyPath,
            new AeBot.Core.Text.LanguageChoice(rep.Language, rep.Locale, rep.BuddhistEra));
    }

    public async Task<IReadOnlyList<NamedRef>> VisibleRepsAsync(Viewer viewer, CancellationToken cancellationToken) =>
        (await PeopleAsync(viewer, cancellationToken)).Select(p => new NamedRef(p.Id, p.Name)).ToList();

    public async Task<IReadOnlyList<NamedRef>> TeamAsync(Viewer viewer, CancellationToken cancellationToken) =>
        (await PeopleAsync(viewer, cancellationToken)).Where(p => p.Id != viewer.RepId && p.IsActive).Select(p => new NamedRef(p.Id, p.Name)).ToList();

    public async Task<IReadOnlyList<NamedRef>> AllRepsAsync(CancellationToken cancellationToken) =>
        await db.Reps.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Name).Select(r => new NamedRef(r.Id, r.Name)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<long>> SubtreeAsync(Viewer viewer, long managerId, CancellationToken cancellationToken)
    {
        var path = await db.Reps.AsNoTracking().Where(r => r.Id == managerId).Select(r => r.HierarchyPath).FirstOrDefaultAsync(cancellationToken);
        if (path is null)
            return [];
        return await VisibleReps(viewer).Where(r => r.HierarchyPath.StartsWith(path) && r.IsActive).Select(r => r.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<NamedRef>> SalesTeamsAsync(CancellationToken cancellationToken) =>
        await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new NamedRef(t.Id, t.Name)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<long>> TeamMembersAsync(Viewer viewer, long teamId, CancellationToken cancellationToken) =>
        await VisibleReps(viewer).Where(r => r.TeamId == teamId && r.IsActive).Select(r => r.Id).ToListAsync(cancellationToken);

    public async Task<int> TeamSizeAsync(long teamId, CancellationToken cancellationToken) =>
        await db.Reps.AsNoTracking().CountAsync(r => r.TeamId == teamId && r.IsActive, cancellationToken);

    public async Task<IReadOnlyList<NamedRef>> AllAccountsAsync(CancellationToken cancellationToken) =>
        await db.Accounts.AsNoTracking().OrderBy(a => a.Name).Select(a => new NamedRef(a.Id, a.Name)).ToListAsync(cancellationToken);

    public async Task<IReadOnlySet<long>> VisibleAccountIdsAsync(Viewer viewer, IReadOnlyCollection<long> accountIds, CancellationToken cancellationToken)
    {
        var ids = accountIds.ToList();
        if (ids.Count == 0)
            return new HashSet<long>();
        if (viewer.SeesEverything)
            return await db.Accounts.Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToHashSetAsync(cancellationToken);
        var owners = await VisibleRepIdsAsync(viewer, cancellationToken);
        return await db.Accounts.Where(a => ids.Contains(a.Id)
                && ((a.OwnerId != null && owners.Contains(a.OwnerId.Value)) || (a.AccountManagerId != null && owners.Contains(a.AccountManagerId.Value))
                    || db.Opportunities.Any(o => o.AccountId == a.Id && owners.Contains(o.OwnerId))))
            .Select(a => a.Id).ToHashSetAsync(cancellationToken);
    }

    // A manager naming owners: learn who they may see once, so Filtered can drop the access predicate.
    private async Task PrepareAsync(Viewer viewer, DealFilter filter, CancellationToken cancellationToken)
    {
        if (filter.OwnerIds is not null && viewer.Role == RepRole.Manager)
            await VisibleRepIdsAsync(viewer, cancellationToken);
    }

    // Scoped memo: one look-up of the viewer's people per request (a turn), however many questions need them —
    // a team rollup asks for the team, the people in scope, their ids and their names.
    private List<Person>? _people;
    private List<long>? _visibleRepIds;
    private long _peopleFor;

    private sealed record Person(long Id, string Name, bool IsActive);

    private async Task<List<Person>> PeopleAsync(Viewer viewer, CancellationToken cancellationToken)
    {
        if (_people is null || _peopleFor != viewer.RepId)
        {
            // Ordered by the database, as every list of people is (its collation, not .NET's).
            _people = await VisibleReps(viewer).OrderBy(r => r.Name).Select(r => new Person(r.Id, r.Name, r.IsActive)).ToListAsync(cancellationToken);
            _visibleRepIds = null;
            _peopleFor = viewer.RepId;
        }
        return _people;
    }

    private async Task<List<long>> VisibleRepIdsAsync(Viewer viewer, CancellationToken cancellationToken)
    {
        if (viewer.Role == RepRole.Rep)
            return [viewer.RepId];
        var people = await PeopleAsync(viewer, cancellationToken);
        return _visibleRepIds ??= people.Select(p => p.Id).ToList();
    }

    public async Task<IReadOnlyList<NamedRef>> ProductsAsync(CancellationToken cancellationToken) =>
        await db.Products.AsNoTracking().OrderBy(p => p.Name).Select(p => new NamedRef(p.Id, p.Name)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> StagesAsync(CancellationToken cancellationToken) =>
        await db.Opportunities.AsNoTracking().Select(o => o.Stage).Distinct().OrderBy(s => s).ToListAsync(cancellationToken);

    public async Task<DealTotals> TotalsAsync(Viewer viewer, DealFilter filter, CancellationToken cancellationToken)
    {
        await PrepareAsync(viewer, filter, cancellationToken);
        var totals = await RealTotalsAsync(viewer, filter, cancellationToken);
        if (totals.CountWithoutAmount == 0)
            return totals;
        // Deals without an amount whose product has a list price: valued at that price, kept apart from the total.
        // Only when some deal lacks an amount, so most questions pay nothing for it.
        var priced = await Filtered(viewer, filter)
            .Where(o => o.Amount == null && o.Product != null && o.Product.ListPrice != null)
            .Select(o => new { Currency = o.Product!.Currency ?? o.Currency, o.Product.ListPrice })
            .GroupBy(x => x.Currency)
            .Select(g => new { Currency = g.Key, Count = g.Count(), Amount = g.Sum(x => x.ListPrice) })
            .ToListAsync(cancellationToken);
        return totals with
        {
            AtListPrice = priced.Select(g => new ListPriceTotal(g.Currency, g.Count, g.Amount ?? 0m)).OrderByDescending(t => t.Amount).ToList(),
        };
    }

    private async Task<DealTotals> RealTotalsAsync(Viewer viewer, DealFilter filter, CancellationToken cancellationToken)
    {
        if (OwnersVisible(viewer, filter))
            return await new TotalsSql(db).RunAsync(filter, cancellationToken);
        // Grouped by probability too: weighting happens here, because SQL arithmetic on SQLite's scaled money
        // columns would multiply the scale as well. A hundred probabilities at most, so the rows stay few.
        var groups = await Filtered(viewer, filter)
            .GroupBy(o => new { o.Currency, o.Probability })
            .Select(g => new { g.Key.Currency, g.Key.Probability, Count = g.Count(), Missing = g.Count(o => o.Amount == null), Amount = g.Sum(o => o.Amount) })
            .ToListAsync(cancellationToken);
        if (groups.Count == 0)
            return DealTotals.Empty;
        var byCurrency = groups.GroupBy(g => g.Currency)
            .Select(c => new CurrencyTotal(c.Key, c.Sum(g => g.Count), c.Sum(g => g.Amount ?? 0m), c.Sum(g => (g.Amount ?? 0m) * (g.Probability ?? 0m) / 100m)))
            .OrderByDescending(c => c.Amount)
            .ToList();
        return new DealTotals(groups.Sum(g => g.Count), groups.Sum(g => g.Missing), byCurrency);
    }

    public Task<IReadOnlyList<DealRow>> DealsAsync(Viewer viewer, DealFilter filter, DealOrder order, int take, CancellationToken cancellationToken) =>
        DealsAsync(viewer, filter, order, 0, take, cancellationToken);

    public async Task<IReadOnlyList<DealRow>> DealsAsync(Viewer viewer, DealFilter filter, DealOrder order, int skip, int take, CancellationToken cancellationToken)
    {
        await PrepareAsync(viewer, filter, cancellationToken);
        var query = Filtered(viewer, filter);
        query = order switch
        {
            DealOrder.AmountDescending => query.Where(o => o.Amount != null).OrderByDescending(o => o.Amount).ThenBy(o => o.Id),
            DealOrder.AmountAscending => query.Where(o => o.Amount != null).OrderBy(o => o.Amount).ThenBy(o => o.Id),
            DealOrder.LastEngagedAscending => query.OrderBy(o => o.LastEngagedAt ?? o.CreatedAt).ThenBy(o => o.Id),
            _ => query.OrderBy(o => o.CloseDate == null).ThenBy(o => o.CloseDate).ThenByDescending(o => o.Amount).ThenBy(o => o.Id),
        };
        return await Project(skip > 0 ? query.Skip(skip).Take(take) : query.Take(take)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<GroupTotal>> GroupAsync(Viewer viewer, DealFilter filter, DealGrouping grouping, CancellationToken cancellationToken)
    {
        await PrepareAsync(viewer, filter, cancellationToken);
        var query = Filtered(viewer, filter);
        var zone = AeBot.Core.Time.RepTime.ZoneOf(viewer.TimeZoneId);
        var rows = grouping switch
        {
            DealGrouping.Owner when OwnersVisible(viewer, filter) => await OwnerRowsAsync(filter, weighted: true, cancellationToken),
            DealGrouping.Owner => await OwnerRowsAsync(query, cancellationToken),
            DealGrouping.Account => await query.GroupBy(o => new { Id = o.AccountId, Name = o.Account!.Name, o.Currency, o.Probability })
                .Select(g => new Row(g.Key.Id, g.Key.Name ?? "(no account)", g.Key.Currency, g.Key.Probability, g.Count(), g.Sum(o => o.Amount))).ToListAsync(cancellationToken),
            DealGrouping.Product => await query.GroupBy(o => new { Id = o.ProductId, Name = o.Product!.Name, o.Currency, o.Probability })
                .Select(g => new Row(g.Key.Id, g.Key.Name ?? "(no product)", g.Key.Currency, g.Key.Probability, g.Count(), g.Sum(o => o.Amount))).ToListAsync(cancellationToken),
            DealGrouping.Forecast => await query.GroupBy(o => new { o.ForecastCategory, o.Currency, o.Probability })
                .Select(g => new Row((long)g.Key.ForecastCategory, g.Key.ForecastCategory.ToString(), g.Key.Currency, g.Key.Probability, g.Count(), g.Sum(o => o.Amount))).ToListAsync(cancellationToken),
            DealGrouping.Month when filter.CreatedFrom is not null || filter.CreatedBefore is not null =>
                (await query.Select(o => new { o.CreatedAt, o.Currency, o.Probability, o.Amount }).ToListAsync(cancellationToken))
                    // The month a deal was created in is the asker's month: 23:30 on Oct 31 in New York is October.
                    .GroupBy(o => new { Month = MonthKey(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(o.CreatedAt, zone).DateTime)), o.Currency, o.Probability })
                    .Select(g => new Row(g.Key.Month, MonthName(g.Key.Month), g.Key.Currency, g.Key.Probability, g.Count(), g.Sum(o => o.Amount))).ToList(),
            DealGrouping.Month => (await query.Where(o => o.CloseDate != null)
                    .GroupBy(o => new { o.CloseDate!.Value.Year, o.CloseDate!.Value.Month, o.Currency, o.Probability })
                    .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Currency, g.Key.Probability, Count = g.Count(), Amount = g.Sum(o => o.Amount) }).ToListAsync(cancellationToken))
                .Select(g => new Row(g.Year * 100L + g.Month, MonthName(g.Year * 100L + g.Month), g.Currency, g.Probability, g.Count, g.Amount)).ToList(),
            _ => await query.GroupBy(o => new { o.Stage, o.Currency, o.Probability })
                .Select(g => new Row(null, g.Key.Stage, g.Key.Currency, g.Key.Probability, g.Count(), g.Sum(o => o.Amount))).ToListAsync(cancellationToken),
        };
        return rows.GroupBy(r => (r.Id, r.Name, r.Currency))
            .Select(g => new GroupTotal(g.Key.Id, g.Key.Name, g.Sum(r => r.Count), g.Key.Currency, g.Sum(r => r.Amount ?? 0m), g.Sum(r => (r.Amount ?? 0m) * (r.Probability ?? 0m) / 100m)))
            .OrderByDescending(g => g.Amount).ThenBy(g => g.Name)
            .ToList();
    }

    // Summed by owner id alone, names looked up after: joining Reps first would cost a look-up per deal, not per rep.
    private async Task<List<Row>> OwnerRowsAsync(IQueryable<Opportunity> query, CancellationToken cancellationToken)
    {
        var sums = await query.GroupBy(o => new { o.OwnerId, o.Currency, o.Probability })
            .Select(g => new { g.Key.OwnerId, g.Key.Currency, g.Key.Probability, Count = g.Count(), Amount = g.Sum(o => o.Amount) })
            .ToListAsync(cancellationToken);
        var names = await NamesAsync(sums.Select(s => s.OwnerId), cancellationToken);
        return sums.Select(s => new Row(s.OwnerId, names[s.OwnerId], s.Currency, s.Probability, s.Count, s.Amount)).ToList();
    }

    private async Task<List<Row>> OwnerRowsAsync(DealFilter filter, bool weighted, CancellationToken cancellationToken)
    {
        var sums = await new TotalsSql(db).ByOwnerAsync(filter, weighted, cancellationToken);
        var names = await NamesAsync(sums.Select(s => s.OwnerId), cancellationToken);
        return sums.Select(s => new Row(s.OwnerId, names[s.OwnerId], s.Currency, s.Probability, s.Count, s.Amount)).ToList();
    }

    private async Task<Dictionary<long, string>> NamesAsync(IEnumerable<long> repIds, CancellationToken cancellationToken)
    {
        var ids = repIds.Distinct().ToList();
        if (ids.Count == 0)
            return [];
        if (_people is not null)
        {
            var wanted = ids.ToHashSet();
            var known = _people.Where(p => wanted.Contains(p.Id)).ToDictionary(p => p.Id, p => p.Name);
            if (known.Count == ids.Count)
                return known;
        }
        return await db.Reps.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.Name }).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
    }

    public async Task<IReadOnlyList<GroupAmount>> AmountsAsync(Viewer viewer, DealFilter filter, DealGrouping grouping, CancellationToken cancellationToken)
    {
        await PrepareAsync(viewer, filter, cancellationToken);
        if (grouping != DealGrouping.Owner || !OwnersVisible(viewer, filter))
            return (await GroupAsync(viewer, filter, grouping, cancellationToken)).Select(g => new GroupAmount(g.Id, g.Name, g.Count, g.Currency, g.Amount)).ToList();
        return (await OwnerRowsAsync(filter, weighted: false, cancellationToken))
            .Select(r => new GroupAmount(r.Id, r.Name, r.Count, r.Currency, r.Amount ?? 0m))
            .OrderByDescending(g => g.Amount).ThenBy(g => g.Name).ToList();
    }

    private static long MonthKey(DateOnly day) => day.Year * 100L + day.Month;

    private static string MonthName(long key) => new DateOnly((int)(key / 100), (int)(key % 100), 1).ToString("MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Row(long? Id, string Name, string Currency, decimal? Probability, int Count, decimal? Amount);

    public async Task<IReadOnlyList<QuotaRow>> QuotasAsync(Viewer viewer, IReadOnlyList<long> repIds, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var visible = VisibleReps(viewer).Select(r => r.Id);
        return await db.Quotas.AsNoTracking()
            .Where(q => repIds.Contains(q.RepId) && visible.Contains(q.RepId) && q.PeriodStart <= to && q.PeriodEnd >= from)
            .OrderBy(q => q.Rep!.Name).ThenBy(q => q.PeriodStart)
            .Select(q => new QuotaRow(q.RepId, q.Rep!.Name, q.PeriodStart, q.PeriodEnd, q.Amount, q.Currency, q.Rep.HierarchyPath))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SlippedDeal>> SlippedAsync(Viewer viewer, DealFilter filter, int minimumPushes, int take, CancellationToken cancellationToken)
    {
        var deals = Filtered(viewer, filter with { Category = StageCategory.Open }).Select(o => o.Id);
        var slipped = await db.OpportunityHistory.AsNoTracking()
            .Where(h => deals.Contains(h.OpportunityId) && h.CloseDate != null)
            .GroupBy(h => h.OpportunityId)
            .Where(g => g.Select(h => h.CloseDate).Distinct().Count() > minimumPushes)
            .Select(g => g.Key)
            .ToListAsync(cancellationToken);
        if (slipped.Count == 0)
            return [];
        var rows = await Project(db.Opportunities.AsNoTracking().Where(o => slipped.Contains(o.Id))).ToListAsync(cancellationToken);
        var history = (await db.OpportunityHistory.AsNoTracking()
                .Where(h => slipped.Contains(h.OpportunityId) && h.CloseDate != null)
                .Select(h => new { h.OpportunityId, h.ChangedAt, h.CloseDate })
                .ToListAsync(cancellationToken))
            .GroupBy(h => h.OpportunityId)
            .ToDictionary(g => g.Key, g => g.OrderBy(h => h.ChangedAt).Select(h => h.CloseDate!.Value).ToList());
        return rows
            .Select(r => new SlippedDeal(r, Pushes(history.GetValueOrDefault(r.Id) ?? [])))
            .Where(s => s.CloseDates.Count > minimumPushes)
            .OrderByDescending(s => s.CloseDates.Count).ThenByDescending(s => s.Deal.Amount).ThenBy(s => s.Deal.Id) // pages never repeat or skip a tie
            .Take(take)
            .ToList();
    }

    // The sequence of close dates as it changed, without repeats: Mar 3 → Mar 31 → Apr 30.
    private static List<DateOnly> Pushes(List<DateOnly> dates)
    {
        var result = new List<DateOnly>();
        foreach (var date in dates)
            if (result.Count == 0 || result[^1] != date)
                result.Add(date);
        return result;
    }

    public async Task<IReadOnlyList<RenewalRow>> RenewalsAsync(Viewer viewer, IReadOnlyList<long>? ownerIds, IReadOnlyList<long>? accountIds, IReadOnlyList<long>? productIds,
        DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var contracts = db.Contracts.AsNoTracking().Where(k => k.EndDate >= from && k.EndDate <= to);
        if (!viewer.SeesEverything || ownerIds is not null)
        {
            // Whose renewal: the account's owner or account manager — among the people the viewer sees.
            var owners = ownerIds is not null ? ownerIds.Intersect(await VisibleRepIdsAsync(viewer, cancellationToken)).ToList() : await VisibleRepIdsAsync(viewer, cancellationToken);
            contracts = contracts.Where(k => (k.Account!.OwnerId != null && owners.Contains(k.Account.OwnerId.Value))
                || (k.Account.AccountManagerId != null && owners.Contains(k.Account.AccountManagerId.Value)));
        }
        if (accountIds is not null)
            contracts = contracts.Where(k => accountIds.Contains(k.AccountId));
        if (productIds is not null)
            contracts = contracts.Where(k => k.ProductId != null && productIds.Contains(k.ProductId.Value));
        return await contracts.OrderBy(k => k.EndDate).ThenBy(k => k.Id)
            .Select(k => new RenewalRow(k.Id, k.Account!.Name, k.Product != null ? k.Product.Name : null, k.EndDate, k.AnnualValue, k.Currency,
                k.Account.Owner != null ? k.Account.Owner.Name : null, k.AutoRenew))
            .ToListAsync(cancellationToken);
    }

    public async Task<double?> AverageCycleDaysAsync(Viewer viewer, DealFilter filter, CancellationToken cancellationToken)
    {
        var won = await Filtered(viewer, filter with { Category = StageCategory.Won })
            .Where(o => o.CloseDate != null)
            .Select(o => new { o.CloseDate, o.CreatedAt })
            .ToListAsync(cancellationToken);
        if (won.Count == 0)
            return null;
        return won.Average(w => CycleDays(w.CloseDate!.Value, w.CreatedAt));
    }

    // Days from creation to close; a close dated before the deal was created in the CRM counts as none.
    private static int CycleDays(DateOnly closed, DateTimeOffset created) =>
        Math.Max(0, closed.DayNumber - DateOnly.FromDateTime(created.UtcDateTime).DayNumber);

    public async Task<IReadOnlyList<GroupCycle>> CycleDaysByAsync(Viewer viewer, DealFilter filter, DealGrouping grouping, CancellationToken cancellationToken)
    {
        if (grouping is not (DealGrouping.Owner or DealGrouping.Account or DealGrouping.Product or DealGrouping.Stage))
            return [];
        await PrepareAsync(viewer, filter, cancellationToken);
        var won = await Filtered(viewer, filter with { Category = StageCategory.Won })
            .Where(o => o.CloseDate != null)
            .Select(o => new
            {
                Key = grouping == DealGrouping.Owner ? (long?)o.OwnerId : grouping == DealGrouping.Account ? o.AccountId : grouping == DealGrouping.Product ? o.ProductId : null,
                Name = grouping == DealGrouping.Owner ? o.Owner!.Name : grouping == DealGrouping.Account ? o.Account!.Name : grouping == DealGrouping.Product ? o.Product!.Name : o.Stage,
                o.CloseDate,
                o.CreatedAt,
            })
            .ToListAsync(cancellationToken);
        return won.Where(w => grouping == DealGrouping.Stage || w.Key is not null)
            .GroupBy(w => (w.Key, w.Name))
            .Select(g => new GroupCycle(g.Key.Key, g.Key.Name, g.Count(), g.Average(w => CycleDays(w.CloseDate!.Value, w.CreatedAt))))
            .ToList();
    }

    // The same people the writes see (Access); every use here projects, so nothing is tracked.
    private IQueryable<Rep> VisibleReps(Viewer viewer) => Access.VisibleReps(db, viewer);

    /// <summary>The deals the viewer may see: the root of every deal query.</summary>
    private IQueryable<Opportunity> Visible(Viewer viewer)
    {
        var deals = db.Opportunities.AsNoTracking();
        if (viewer.SeesEverything)
            return deals;
        var owners = VisibleReps(viewer).Select(r => r.Id);
        var accounts = db.Accounts.Where(a => a.OwnerId == viewer.RepId || a.AccountManagerId == viewer.RepId).Select(a => a.Id);
        return deals.Where(o => owners.Contains(o.OwnerId) || (o.AccountId != null && accounts.Contains(o.AccountId.Value)));
    }

    private bool OwnersVisible(Viewer viewer, DealFilter f) =>
        f.OwnerIds is { } requested && (viewer.SeesEverything
            || viewer.Role == RepRole.Rep && requested.All(id => id == viewer.RepId)
            || _visibleRepIds is not null && _peopleFor == viewer.RepId && requested.All(_visibleRepIds.Contains));

    private IQueryable<Opportunity> Filtered(Viewer viewer, DealFilter f)
    {
        // Deals of named owners the viewer may see are visible by definition: the access predicate (an OR that
        // keeps SQLite off its best index) is only needed when the question spans "everything I may see".
        var q = OwnersVisible(viewer, f) ? db.Opportunities.AsNoTracking() : Visible(viewer);
        if (f.OwnerIds is { } owners)
            q = q.Where(o => owners.Contains(o.OwnerId));
        if (f.AccountIds is { } accounts)
            q = q.Where(o => o.AccountId != null && accounts.Contains(o.AccountId.Value));
        if (f.ProductIds is { } products)
            q = q.Where(o => o.ProductId != null && products.Contains(o.ProductId.Value));
        if (f.Category is { } category)
            q = q.Where(o => o.StageCategory == category);
        if (f.Stages is { } stages)
            q = q.Where(o => stages.Contains(o.Stage));
        if (f.CreatedFrom is { } createdFrom)
            q = q.Where(o => o.CreatedAt >= createdFrom);
        if (f.CreatedBefore is { } createdBefore)
            q = q.Where(o => o.CreatedAt < createdBefore);
        if (f.CloseFrom is { } from)
            q = q.Where(o => o.CloseDate >= from);
        if (f.CloseTo is { } to)
            q = q.Where(o => o.CloseDate <= to);
        if (f.MinAmount is { } min)
            q = q.Where(o => o.Amount >= min);
        if (f.MaxAmount is { } max)
            q = q.Where(o => o.Amount <= max);
        if (f.Type is { } type)
            q = q.Where(o => o.Type == type);
        if (f.Forecast is { } forecast)
            q = q.Where(o => o.ForecastCategory == forecast);
        if (f.NotEngagedSince is { } since)
            q = q.Where(o => o.LastEngagedAt < since || (o.LastEngagedAt == null && o.CreatedAt < since));
        return q;
    }

    private static IQueryable<DealRow> Project(IQueryable<Opportunity> query) =>
        query.Select(o => new DealRow(o.Id, o.Name, o.Account != null ? o.Account.Name : null, o.Owner!.Name, o.Amount, o.Currency, o.Stage,
            o.StageCategory, o.Probability, o.ForecastCategory, o.CloseDate, o.CreatedAt, o.LastEngagedAt,
            o.Amount == null && o.Product != null ? o.Product.ListPrice : null, o.Amount == null && o.Product != null ? o.Product.Currency : null));
}
