using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Core.Understanding;

namespace AeBot.Core.Answers;

/// <summary>Quota: attainment, gap, coverage, pace, and what-if.</summary>
public sealed class QuotaAnswers(ISalesData data)
{
    /// <summary>Quota, won and open pipeline for a set of owners over a period, in the reporting currency.</summary>
    public sealed record Standing(decimal Quota, decimal Won, decimal OpenInPeriod, bool HasQuota)
    {
        public decimal? Attainment => Quota > 0 ? Won / Quota : null;
        public decimal Gap => Math.Max(0, Quota - Won);

        /// <summary>Open pipeline closing in the rest of the period, over the gap; null when nothing is left to close.</summary>
        public decimal? Coverage => Gap > 0 ? OpenInPeriod / Gap : null;
    }

    public async Task<Standing> StandingAsync(AnswerContext c, IReadOnlyList<long> owners, Period period, CancellationToken ct)
    {
        var quotas = await data.QuotasAsync(c.Viewer, owners, period.From, period.To, ct);
        var filter = new DealFilter { OwnerIds = owners };
        var won = await data.TotalsAsync(c.Viewer, filter with { Category = StageCategory.Won, CloseFrom = period.From, CloseTo = period.To }, ct);
        var open = await data.TotalsAsync(c.Viewer, filter with { Category = StageCategory.Open, CloseFrom = OpenFrom(c, period), CloseTo = period.To }, ct);
        return new Standing(QuotaIn(WithoutRollUps(quotas), period, c.Currency), won.AmountIn(c.Currency), open.AmountIn(c.Currency), quotas.Count > 0);
    }

    /// <summary>
    /// A manager's quota is usually their team's quotas rolled up. When a group holds both the manager and people
    /// below them who carry quotas of their own for an overlapping period, the manager's is left out — otherwise
    /// the team's quota counts twice (a team of four at $450K each showed $3.6M instead of $1.8M).
    /// </summary>
    internal static IReadOnlyList<QuotaRow> WithoutRollUps(IReadOnlyList<QuotaRow> quotas) =>
        quotas.Where(q => !quotas.Any(below => below.RepId != q.RepId
            && below.HierarchyPath.StartsWith(q.HierarchyPath, StringComparison.Ordinal) && below.HierarchyPath.Length > q.HierarchyPath.Length
            && below.PeriodStart <= q.PeriodEnd && below.PeriodEnd >= q.PeriodStart)).ToList();

    /// <summary>Each owner's standing, from three grouped queries however many owners there are.</summary>
    public async Task<IReadOnlyDictionary<long, Standing>> StandingsAsync(AnswerContext c, IReadOnlyList<long> owners, Period period, CancellationToken ct)
    {
        var quotas = await data.QuotasAsync(c.Viewer, owners, period.From, period.To, ct);
        var filter = new DealFilter { OwnerIds = owners };
        var won = await data.AmountsAsync(c.Viewer, filter with { Category = StageCategory.Won, CloseFrom = period.From, CloseTo = period.To }, DealGrouping.Owner, ct);
        var open = await data.AmountsAsync(c.Viewer, filter with { Category = StageCategory.Open, CloseFrom = OpenFrom(c, period), CloseTo = period.To }, DealGrouping.Owner, ct);
        decimal Sum(IReadOnlyList<GroupAmount> groups, long owner) => groups.Where(g => g.Id == owner && g.Currency == c.Currency).Sum(g => g.Amount);
        return owners.Distinct().ToDictionary(owner => owner, owner =>
        {
            var own = quotas.Where(q => q.RepId == owner).ToList();
            return new Standing(QuotaIn(own, period, c.Currency), Sum(won, owner), Sum(open, owner), own.Count > 0);
        });
    }

    private static DateOnly OpenFrom(AnswerContext c, Period period) => c.Today > period.From ? c.Today : period.From;

    /// <summary>Open deals of <paramref name="filter"/> whose close date in the period is already behind us.</summary>
    private async Task<DealTotals> PastDueAsync(AnswerContext c, DealFilter filter, Period period, CancellationToken ct)
    {
        if (c.Today <= period.From)
            return DealTotals.Empty;
        var yesterday = c.Today.AddDays(-1);
        return await data.TotalsAsync(c.Viewer, filter with { CloseFrom = period.From, CloseTo = yesterday < period.To ? yesterday : period.To }, ct);
    }

    // A quota counts in proportion to how much of its period falls inside the question's period.
    private static decimal QuotaIn(IEnumerable<QuotaRow> quotas, Period period, string currency)
    {
        decimal quota = 0;
        foreach (var q in quotas.Where(q => q.Currency == currency))
        {
            var overlapFrom = q.PeriodStart > period.From ? q.PeriodStart : period.From;
            var overlapTo = q.PeriodEnd < period.To ? q.PeriodEnd : period.To;
            var share = (decimal)(overlapTo.DayNumber - overlapFrom.DayNumber + 1) / (q.PeriodEnd.DayNumber - q.PeriodStart.DayNumber + 1);
            quota += q.Amount * share;
        }
        return decimal.Round(quota, 2);
    }

    public static Period DefaultPeriod(AnswerContext c) => ResultsAnswers.DefaultPeriod(c);

    public async Task<Reply> QuotaAsync(AnswerContext c, CancellationToken ct)
    {
        var period = QueryAnswers.DefaultPeriod(c) ?? DefaultPeriod(c);
        var owners = await OwnersAsync(c, ct);
        var s = await StandingAsync(c, owners, period, ct);
        if (!s.HasQuota)
            return new Reply([new TextBlock($"There is no quota on record for {Who(c)} {period.Label}. Won so far: **{MoneyFormat.Compact(s.Won, c.Currency)}**."), c.Provenance("quota and won deals", period)])
            {
                Summary = "No quota on record",
            };
        var elapsed = Elapsed(period, c.Today);
        var pace = s.Attainment is { } a && elapsed > 0 ? a / elapsed : (decimal?)null;
        var verdict = s.Won >= s.Quota ? "Quota made — everything else is upside. 🎉"
            : pace is >= 1m ? "On pace." : pace is >= 0.8m ? "Slightly behind pace." : "Behind pace.";
        var headline = $"{AnswerContext.Capitalize(Who(c))} {(c.Kind == SubjectKind.Me ? "are" : "is")} at **{MoneyFormat.Percent(s.Attainment ?? 0)}** of quota {period.Label}: **{MoneyFormat.Compact(s.Won, c.Currency)}** won of **{MoneyFormat.Compact(s.Quota, c.Currency)}**. {verdict}";
        var facts = new List<Fact>
        {
            new("Quota", MoneyFormat.Exact(s.Quota, c.Currency)),
            new("Won", MoneyFormat.Exact(s.Won, c.Currency)),
            new("Attainment", MoneyFormat.Percent(s.Attainment ?? 0)),
            new("Gap to quota", MoneyFormat.Exact(s.Gap, c.Currency)),
            new("Open pipeline closing by period end", MoneyFormat.Exact(s.OpenInPeriod, c.Currency)),
            new("Coverage of the gap", s.Coverage is { } cov ? $"{cov:0.0}×" : "—"),
            new("Period elapsed", MoneyFormat.Percent(elapsed)),
        };
        // Deals still open whose close date has passed are not "closing by period end"; the forecast counts them.
        // Said here, so the two cards reconcile instead of disagreeing without a word.
        var pastDue = await PastDueAsync(c, new DealFilter { OwnerIds = owners, Category = StageCategory.Open }, period, ct);
        if (pastDue.Count > 0)
            facts.Add(new("Past-due deals still open (not counted above)", $"{MoneyFormat.Count(pastDue.Count, "deal")}, {MoneyFormat.Exact(pastDue.AmountIn(c.Currency), c.Currency)}"));
        return new Reply([new TextBlock(headline), new FactsBlock(facts), c.Provenance("quota, won deals and open pipeline", period)])
        {
            Summary = $"Attainment {MoneyFormat.Percent(s.Attainment ?? 0)} {period.Label}",
        };
    }

    public async Task<Reply> WhatIfAsync(AnswerContext c, CancellationToken ct)
    {
        if (c.Query.Assume.Count == 0)
            return new Reply([new TextBlock("Which deals should close? Name the accounts, e.g. \"if Acme and Globex close, where do I land?\"")]) { Summary = "What-if without accounts" };
        var period = QueryAnswers.DefaultPeriod(c) ?? DefaultPeriod(c);
        var owners = await OwnersAsync(c, ct);
        var s = await StandingAsync(c, owners, period, ct);
        // Every open deal the asker can see on the named accounts, then the ones that count: in the book asked about,
        // in the currency of the quota, with an amount. Each one left out is named with its reason, never dropped.
        var accountIds = c.Query.Assume.Select(a => a.Id).ToList();
        // (By close date: the amount order would skip the deals with no amount, which must be named too.)
        var named = await data.DealsAsync(c.Viewer, new DealFilter { AccountIds = accountIds, Category = StageCategory.Open }, DealOrder.CloseDateAscending, 200, ct);
        var inBook = (await data.DealsAsync(c.Viewer, new DealFilter { OwnerIds = owners, AccountIds = accountIds, Category = StageCategory.Open }, DealOrder.CloseDateAscending, 200, ct))
            .Select(d => d.Id).ToHashSet();
        var counted = named.Where(d => inBook.Contains(d.Id) && d.Currency == c.Currency && d.Amount is not null).OrderByDescending(d => d.Amount).ThenBy(d => d.Id).ToList();
        var leftOut = LeftOut(c, named, inBook, counted);
        if (counted.Count == 0)
            return new Reply([
                new TextBlock($"There are no open {c.Currency} deals with an amount on {string.Join(" or ", c.Query.Assume.Select(a => a.Name))} in {c.Whose} pipeline, so nothing changes."),
                .. leftOut, c.Provenance("open deals", null),
            ])
            {
                Summary = "What-if: no matching open deals",
            };
        var added = counted.Sum(d => d.Amount!.Value);
        var landed = s.Won + added;
        var attainment = s.Quota > 0 ? landed / s.Quota : (decimal?)null;
        var text = $"If {string.Join(" and ", counted.Select(d => $"**{d.Name}** ({MoneyFormat.Compact(d.Amount!.Value, d.Currency)})"))} close, {Who(c)} land{(c.Kind == SubjectKind.Me ? "" : "s")} at **{MoneyFormat.Compact(landed, c.Currency)}**"
            + (attainment is { } a ? $" — **{MoneyFormat.Percent(a)}** of the {MoneyFormat.Compact(s.Quota, c.Currency)} quota {period.Label}" + (landed >= s.Quota ? ", quota made." : $", {MoneyFormat.Compact(s.Quota - landed, c.Currency)} short.") : ".");
        return new Reply([
            new TextBlock(text),
            new FactsBlock([new("Won so far", MoneyFormat.Exact(s.Won, c.Currency)), new("These deals", MoneyFormat.Exact(added, c.Currency)), new("Would land at", MoneyFormat.Exact(landed, c.Currency)), new("Quota", MoneyFormat.Exact(s.Quota, c.Currency))]),
            .. leftOut,
            c.Provenance("won deals plus the named open deals", period),
        ]) { Summary = $"What-if: {MoneyFormat.Compact(landed, c.Currency)}" };
    }

    /// <summary>
    /// What a what-if did not count, deal by deal with the reason — someone else's deal on a named account, another
    /// currency, no amount yet — and the named accounts with no open deal at all; nothing when all counted.
    /// </summary>
    private static IReadOnlyList<ReplyBlock> LeftOut(AnswerContext c, IReadOnlyList<DealRow> named, HashSet<long> inBook, IReadOnlyList<DealRow> counted)
    {
        var lines = new List<string>();
        foreach (var d in named.Where(d => !counted.Contains(d)))
        {
            var why = !inBook.Contains(d.Id) ? $"{d.Owner}'s deal, not in {c.Whose} pipeline"
                : d.Amount is null ? "no amount yet"
                : $"in {d.Currency}, not added to {c.Currency}";
            lines.Add($"- **{d.Name}**" + (d.Amount is { } amount ? $" ({MoneyFormat.Compact(amount, d.Currency)})" : "") + $": {why}");
        }
        foreach (var account in c.Query.Assume.Where(a => named.All(d => d.Account != a.Name)))
            lines.Add($"- **{account.Name}**: no open deals");
        return lines.Count == 0 ? [] : [new TextBlock($"Left out ({lines.Count}):\n" + string.Join("\n", lines))];
    }

    public async Task<Reply> ForecastAsync(AnswerContext c, CancellationToken ct)
    {
        var period = QueryAnswers.DefaultPeriod(c) ?? DefaultPeriod(c);
        var owners = await OwnersAsync(c, ct);
        var won = await data.TotalsAsync(c.Viewer, c.Filter(StageCategory.Won, period) with { OwnerIds = c.Kind == SubjectKind.Team && c.ResolvedOwners is null ? null : owners }, ct);
        var open = await data.GroupAsync(c.Viewer, c.Filter(StageCategory.Open, period) with { OwnerIds = c.Kind == SubjectKind.Team && c.ResolvedOwners is null ? null : owners }, DealGrouping.Forecast, ct);
        decimal Open(ForecastCategory category) => open.Where(g => g.Id == (long)category && g.Currency == c.Currency).Sum(g => g.Amount);
        var closed = won.AmountIn(c.Currency);
        var commit = closed + Open(ForecastCategory.Commit);
        var bestCase = commit + Open(ForecastCategory.BestCase);
        var pipeline = bestCase + Open(ForecastCategory.Pipeline);
        var s = await StandingAsync(c, owners, period, ct);
        var text = $"Forecast {period.Label}: commit **{MoneyFormat.Compact(commit, c.Currency)}**, best case **{MoneyFormat.Compact(bestCase, c.Currency)}**"
            + (s.HasQuota ? $" against a quota of **{MoneyFormat.Compact(s.Quota, c.Currency)}** ({MoneyFormat.Percent(s.Quota > 0 ? commit / s.Quota : 0)} in commit)." : ".");
        // Open deals whose close date in the period has already passed stay in the forecast (they may still close);
        // the quota card's "closing by period end" starts today. One line says so, with the figure.
        var pastDue = await PastDueAsync(c, c.Filter(StageCategory.Open, period) with { OwnerIds = c.Kind == SubjectKind.Team && c.ResolvedOwners is null ? null : owners }, period, ct);
        if (pastDue.Count > 0)
            text += $" Includes {MoneyFormat.Count(pastDue.Count, "past-due deal")} ({MoneyFormat.Compact(pastDue.AmountIn(c.Currency), c.Currency)}) still open with a close date before today.";
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "Closed won", MoneyFormat.Exact(closed, c.Currency), MoneyFormat.Exact(closed, c.Currency) },
            new[] { "Commit", MoneyFormat.Exact(Open(ForecastCategory.Commit), c.Currency), MoneyFormat.Exact(commit, c.Currency) },
            new[] { "Best case", MoneyFormat.Exact(Open(ForecastCategory.BestCase), c.Currency), MoneyFormat.Exact(bestCase, c.Currency) },
            new[] { "Pipeline", MoneyFormat.Exact(Open(ForecastCategory.Pipeline), c.Currency), MoneyFormat.Exact(pipeline, c.Currency) },
        };
        return new Reply([
            new TextBlock(text),
            new TableBlock("By forecast category", ["Category", "Amount", "Cumulative"], rows, [false, true, true]),
            c.Provenance("won deals and open deals by forecast category", period, won),
        ]) { Summary = $"Forecast: commit {MoneyFormat.Compact(commit, c.Currency)}, best case {MoneyFormat.Compact(bestCase, c.Currency)}" };
    }

    private async Task<IReadOnlyList<long>> OwnersAsync(AnswerContext c, CancellationToken ct) => c.ResolvedOwners ?? c.Kind switch
    {
        SubjectKind.People => c.People.Select(r => r.Id).ToList(),
        SubjectKind.Team => (await data.VisibleRepsAsync(c.Viewer, ct)).Select(r => r.Id).ToList(),
        _ => [c.Viewer.RepId],
    };

    private static string Who(AnswerContext c) => c.Who;

    /// <summary>Share of the period gone by today (0–1).</summary>
    public static decimal Elapsed(Period period, DateOnly today)
    {
        var total = period.To.DayNumber - period.From.DayNumber + 1;
        var gone = Math.Clamp(today.DayNumber - period.From.DayNumber + 1, 0, total);
        return (decimal)gone / total;
    }
}
