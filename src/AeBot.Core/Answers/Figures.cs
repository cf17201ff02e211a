using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Core.Understanding;

namespace AeBot.Core.Answers;

/// <summary>One measured value, with the counts behind it (a rate over how many deals, an average over how many).</summary>
public sealed record Figure(decimal? Value, int Count, int Basis)
{
    public static readonly Figure None = new(null, 0, 0);
}

/// <summary>
/// Any measure over any deal set, overall or per group: the arithmetic shared by every composed answer. Amounts are
/// in the reporting currency only (other currencies are never added in); rates are by count unless asked by value.
/// </summary>
public sealed class Figures(ISalesData data)
{
    /// <summary>Below this many won-or-lost deals a win rate is not ranked: too few to be fair.</summary>
    public const int MinimumDecided = 5;

    public async Task<Figure> MeasureAsync(AnswerContext c, Measure measure, DealSet set, DealFilter filter, CancellationToken ct)
    {
        switch (measure)
        {
            case Measure.WinRate or Measure.WinRateByValue:
            {
                var won = await data.TotalsAsync(c.Viewer, filter with { Category = StageCategory.Won }, ct);
                var lost = await data.TotalsAsync(c.Viewer, filter with { Category = StageCategory.Lost }, ct);
                return Rate(measure, won.Count, won.AmountIn(c.Currency), lost.Count, lost.AmountIn(c.Currency));
            }
            case Measure.CycleDays:
            {
                var days = await data.AverageCycleDaysAsync(c.Viewer, filter with { Category = StageCategory.Won }, ct);
                var count = (await data.TotalsAsync(c.Viewer, filter with { Category = StageCategory.Won }, ct)).Count;
                return new Figure(days is null ? null : decimal.Round((decimal)days.Value, 1), count, count);
            }
        }
        var totals = await TotalsAsync(c, set, filter, ct);
        var main = totals.ByCurrency.FirstOrDefault(t => t.Currency == c.Currency);
        return measure switch
        {
            Measure.Count or Measure.List => new Figure(totals.Count, totals.Count, totals.Count),
            Measure.WeightedAmount => new Figure(decimal.Round(totals.WeightedIn(c.Currency), 2), totals.Count, main?.Count ?? 0),
            Measure.AverageSize => main is { Count: > 0 } ? new Figure(decimal.Round(main.Amount / main.Count, 2), totals.Count, main.Count) : new Figure(null, totals.Count, 0),
            _ => new Figure(totals.AmountIn(c.Currency), totals.Count, main?.Count ?? 0),
        };
    }

    /// <summary>Totals of a deal set; "closed" adds won and lost.</summary>
    public async Task<DealTotals> TotalsAsync(AnswerContext c, DealSet set, DealFilter filter, CancellationToken ct)
    {
        if (set != DealSet.Closed)
            return await data.TotalsAsync(c.Viewer, Narrow(c, set, filter), ct);
        var won = await data.TotalsAsync(c.Viewer, filter with { Category = StageCategory.Won }, ct);
        var lost = await data.TotalsAsync(c.Viewer, filter with { Category = StageCategory.Lost }, ct);
        var byCurrency = won.ByCurrency.Concat(lost.ByCurrency).GroupBy(t => t.Currency)
            .Select(g => new CurrencyTotal(g.Key, g.Sum(t => t.Count), g.Sum(t => t.Amount), g.Sum(t => t.Weighted))).OrderByDescending(t => t.Amount).ToList();
        return new DealTotals(won.Count + lost.Count, won.CountWithoutAmount + lost.CountWithoutAmount, byCurrency);
    }

    /// <summary>A deal set as a filter (closed is two queries, see <see cref="TotalsAsync"/>).</summary>
    public static DealFilter Narrow(AnswerContext c, DealSet set, DealFilter filter) => set switch
    {
        DealSet.Open => filter with { Category = StageCategory.Open },
        DealSet.Won => filter with { Category = StageCategory.Won },
        DealSet.Lost => filter with { Category = StageCategory.Lost },
        DealSet.PastClose => filter with { Category = StageCategory.Open, CloseFrom = null, CloseTo = c.Today.AddDays(-1) },
        DealSet.Stale => filter with { Category = StageCategory.Open, NotEngagedSince = c.Now.AddDays(-PipelineAnswers.StaleDays) },
        _ => filter with { Category = null },
    };

    /// <summary>One figure per group (rep, product, account, stage, month, quarter), all from grouped queries.</summary>
    public async Task<IReadOnlyList<(string Name, long? Id, Figure Figure)>> GroupedAsync(AnswerContext c, Measure measure, DealSet set, DealFilter filter, GroupBy group, CancellationToken ct)
    {
        var grouping = group switch
        {
            GroupBy.Rep => DealGrouping.Owner,
            GroupBy.Product => DealGrouping.Product,
            GroupBy.Account => DealGrouping.Account,
            GroupBy.Stage => DealGrouping.Stage,
            _ => DealGrouping.Month,
        };
        async Task<Dictionary<(long? Id, string Name), (int Count, decimal Amount, decimal Weighted, int InCurrency)>> GroupOf(DealFilter f)
        {
            // The weighted amount costs the database a sort by probability: only asked for when it is shown.
            var rows = measure == Measure.WeightedAmount
                ? await data.GroupAsync(c.Viewer, f, grouping, ct)
                : (await data.AmountsAsync(c.Viewer, f, grouping, ct)).Select(a => new GroupTotal(a.Id, a.Name, a.Count, a.Currency, a.Amount, 0m)).ToList();
            var map = new Dictionary<(long? Id, string Name), (int Count, decimal Amount, decimal Weighted, int InCurrency)>();
            foreach (var row in rows)
            {
                var key = group == GroupBy.Quarter ? QuarterKey(c, row.Id) : (row.Id, row.Name);
                map.TryGetValue(key, out var sum);
                var own = row.Currency == c.Currency;
                map[key] = (sum.Count + row.Count, sum.Amount + (own ? row.Amount : 0), sum.Weighted + (own ? row.Weighted : 0), sum.InCurrency + (own ? row.Count : 0));
            }
            return map;
        }

        var result = new List<(string, long?, Figure)>();
        if (measure is Measure.WinRate or Measure.WinRateByValue)
        {
            var won = await GroupOf(filter with { Category = StageCategory.Won });
            var lost = await GroupOf(filter with { Category = StageCategory.Lost });
            foreach (var key in won.Keys.Union(lost.Keys))
            {
                var w = won.GetValueOrDefault(key);
                var l = lost.GetValueOrDefault(key);
                result.Add((key.Name, key.Id, Rate(measure, w.Count, w.Amount, l.Count, l.Amount)));
            }
            return result;
        }
        if (measure == Measure.CycleDays)
        {
            // One query for every group (months and quarters have no cycle breakdown).
            foreach (var g in await data.CycleDaysByAsync(c.Viewer, filter with { Category = StageCategory.Won }, grouping, ct))
                result.Add((g.Name, g.Id, new Figure(decimal.Round((decimal)g.AverageDays, 1), g.Count, g.Count)));
            return result;
        }
        var groups = set == DealSet.Closed
            ? Merge(await GroupOf(filter with { Category = StageCategory.Won }), await GroupOf(filter with { Category = StageCategory.Lost }))
            : await GroupOf(Narrow(c, set, filter));
        foreach (var (key, g) in groups)
        {
            var figure = measure switch
            {
                Measure.Count or Measure.List => new Figure(g.Count, g.Count, g.Count),
                Measure.WeightedAmount => new Figure(decimal.Round(g.Weighted, 2), g.Count, g.InCurrency),
                Measure.AverageSize => new Figure(g.InCurrency > 0 ? decimal.Round(g.Amount / g.InCurrency, 2) : null, g.Count, g.InCurrency),
                _ => new Figure(g.Amount, g.Count, g.InCurrency),
            };
            result.Add((key.Name, key.Id, figure));
        }
        return result;
    }

    private static Dictionary<(long? Id, string Name), (int Count, decimal Amount, decimal Weighted, int InCurrency)> Merge(
        Dictionary<(long? Id, string Name), (int Count, decimal Amount, decimal Weighted, int InCurrency)> a,
        Dictionary<(long? Id, string Name), (int Count, decimal Amount, decimal Weighted, int InCurrency)> b)
    {
        var merged = new Dictionary<(long? Id, string Name), (int Count, decimal Amount, decimal Weighted, int InCurrency)>();
        foreach (var key in a.Keys.Union(b.Keys))
        {
            var x = a.GetValueOrDefault(key);
            var y = b.GetValueOrDefault(key);
            merged[key] = (x.Count + y.Count, x.Amount + y.Amount, x.Weighted + y.Weighted, x.InCurrency + y.InCurrency);
        }
        return merged;
    }

    // Months come back as yyyyMM; quarters follow the fiscal calendar.
    private static (long? Id, string Name) QuarterKey(AnswerContext c, long? monthKey)
    {
        if (monthKey is not { } key)
            return (null, "(no date)");
        var (year, quarter) = c.Fiscal.QuarterOf(new DateOnly((int)(key / 100), (int)(key % 100), 1));
        return (year * 10L + quarter, c.Fiscal.Quarter(year, quarter).Label);
    }

    private static Figure Rate(Measure measure, int won, decimal wonAmount, int lost, decimal lostAmount)
    {
        var decided = won + lost;
        if (measure == Measure.WinRateByValue)
            return wonAmount + lostAmount > 0 ? new Figure(wonAmount / (wonAmount + lostAmount), won, decided) : new Figure(null, won, decided);
        return decided > 0 ? new Figure((decimal)won / decided, won, decided) : new Figure(null, won, decided);
    }
}
