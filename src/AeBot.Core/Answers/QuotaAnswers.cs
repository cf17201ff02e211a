using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Core.Text;
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
            return new Reply([new TextBlock(c.T(nameof(AnswerTexts.Quota_None), Who(c), c.Label(period), c.Compact(s.Won, c.Currency))), c.Provenance(c.T(nameof(AnswerTexts.What_QuotaWon)), period)])
            {
                Summary = c.T(nameof(AnswerTexts.Quota_NoneSummary)),
            };
        var elapsed = Elapsed(period, c.Today);
        var pace = s.Attainment is { } a && elapsed > 0 ? a / elapsed : (decimal?)null;
        var verdict = c.T(s.Won >= s.Quota ? nameof(AnswerTexts.Verdict_Made)
            : pace is >= 1m ? nameof(AnswerTexts.Verdict_OnPace) : pace is >= 0.8m ? nameof(AnswerTexts.Verdict_SlightlyBehind) : nameof(AnswerTexts.Verdict_Behind));
        var headline = c.T(c.Kind == SubjectKind.Me ? nameof(AnswerTexts.Quota_Headline_You) : nameof(AnswerTexts.Quota_Headline_Who), AnswerContext.Capitalize(Who(c)),
            MoneyFormat.Percent(s.Attainment ?? 0), c.Label(period), c.Compact(s.Won, c.Currency), c.Compact(s.Quota, c.Currency)) + " " + verdict;
        var facts = new List<Fact>
        {
            new(c.T(nameof(AnswerTexts.Fact_Quota)), MoneyFormat.Exact(s.Quota, c.Currency)),
            new(c.T(nameof(AnswerTexts.Fact_Won)), MoneyFormat.Exact(s.Won, c.Currency)),
            new(c.T(nameof(AnswerTexts.Fact_Attainment)), MoneyFormat.Percent(s.Attainment ?? 0)),
            new(c.T(nameof(AnswerTexts.Fact_Gap)), MoneyFormat.Exact(s.Gap, c.Currency)),
            new(c.T(nameof(AnswerTexts.Fact_OpenByPeriodEnd)), MoneyFormat.Exact(s.OpenInPeriod, c.Currency)),
            new(c.T(nameof(AnswerTexts.Fact_Coverage)), s.Coverage is { } cov ? $"{cov:0.0}×" : "—"),
            new(c.T(nameof(AnswerTexts.Fact_Elapsed)), MoneyFormat.Percent(elapsed)),
        };
        // Deals still open whose close date has passed are not "closing by period end"; the forecast counts them.
        // Said here, so the two cards reconcile instead of disagreeing without a word.
        var pastDue = await PastDueAsync(c, new DealFilter { OwnerIds = owners, Category = StageCategory.Open }, period, ct);
        if (pastDue.Count > 0)
            facts.Add(new(c.T(nameof(AnswerTexts.Fact_PastDueOpen)), c.T(nameof(AnswerTexts.Fact_PastDueValue), c.Deals(pastDue.Count), MoneyFormat.Exact(pastDue.AmountIn(c.Currency), c.Currency))));
        return new Reply([new TextBlock(headline), new FactsBlock(facts), c.Provenance(c.T(nameof(AnswerTexts.What_QuotaWonOpen)), period)])
        {
            Summary = c.T(nameof(AnswerTexts.Quota_Summary), MoneyFormat.Percent(s.Attainment ?? 0), c.Label(period)),
        };
    }

    public async Task<Reply> WhatIfAsync(AnswerContext c, CancellationToken ct)
    {
        if (c.Query.Assume.Count == 0)
            return new Reply([new TextBlock(c.T(nameof(AnswerTexts.WhatIf_NoAccounts)))]) { Summary = c.T(nameof(AnswerTexts.WhatIf_NoAccountsSummary)) };
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
                new TextBlock(c.T(nameof(AnswerTexts.WhatIf_None), c.Currency, string.Join(c.T(nameof(AnswerTexts.Or)), c.Query.Assume.Select(a => a.Name)), c.Whose)),
                .. leftOut, c.Provenance(c.T(nameof(AnswerTexts.What_OpenDeals)), null),
            ])
            {
                Summary = c.T(nameof(AnswerTexts.WhatIf_NoneSummary)),
            };
        var added = counted.Sum(d => d.Amount!.Value);
        var landed = s.Won + added;
        var attainment = s.Quota > 0 ? landed / s.Quota : (decimal?)null;
        var me = c.Kind == SubjectKind.Me;
        var list = string.Join(c.T(nameof(AnswerTexts.And)), counted.Select(d => $"**{d.Name}** ({c.Compact(d.Amount!.Value, d.Currency)})"));
        var text = attainment is not { } a ? c.T(me ? nameof(AnswerTexts.WhatIf_Text_You) : nameof(AnswerTexts.WhatIf_Text_Who), list, Who(c), c.Compact(landed, c.Currency))
            : landed >= s.Quota ? c.T(me ? nameof(AnswerTexts.WhatIf_TextMade_You) : nameof(AnswerTexts.WhatIf_TextMade_Who), list, Who(c), c.Compact(landed, c.Currency),
                MoneyFormat.Percent(a), c.Compact(s.Quota, c.Currency), c.Label(period))
            : c.T(me ? nameof(AnswerTexts.WhatIf_TextShort_You) : nameof(AnswerTexts.WhatIf_TextShort_Who), list, Who(c), c.Compact(landed, c.Currency),
                MoneyFormat.Percent(a), c.Compact(s.Quota, c.Currency), c.Label(period), c.Compact(s.Quota - landed, c.Currency));
        return new Reply([
            new TextBlock(text),
            new FactsBlock([new(c.T(nameof(AnswerTexts.Fact_WonSoFar)), MoneyFormat.Exact(s.Won, c.Currency)), new(c.T(nameof(AnswerTexts.Fact_TheseDeals)), MoneyFormat.Exact(added, c.Currency)),
                new(c.T(nameof(AnswerTexts.Fact_WouldLand)), MoneyFormat.Exact(landed, c.Currency)), new(c.T(nameof(AnswerTexts.Fact_Quota)), MoneyFormat.Exact(s.Quota, c.Currency))]),
            .. leftOut,
            c.Provenance(c.T(nameof(AnswerTexts.What_WonPlusNamed)), period),
        ]) { Summary = c.T(nameof(AnswerTexts.WhatIf_Summary), c.Compact(landed, c.Currency)) };
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
            var why = !inBook.Contains(d.Id) ? c.T(nameof(AnswerTexts.LeftOut_NotInBook), d.Owner, c.Whose)
                : d.Amount is null ? c.T(nameof(AnswerTexts.LeftOut_NoAmount))
                : c.T(nameof(AnswerTexts.LeftOut_OtherCurrency), d.Currency, c.Currency);
            lines.Add($"- **{d.Name}**" + (d.Amount is { } amount ? $" ({c.Compact(amount, d.Currency)})" : "") + $": {why}");
        }
        foreach (var account in c.Query.Assume.Where(a => named.All(d => d.Account != a.Name)))
            lines.Add($"- **{account.Name}**: {c.T(nameof(AnswerTexts.LeftOut_NoOpenDeals))}");
        return lines.Count == 0 ? [] : [new TextBlock(c.T(nameof(AnswerTexts.LeftOut), lines.Count) + "\n" + string.Join("\n", lines))];
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
        var text = s.HasQuota
            ? c.T(nameof(AnswerTexts.Forecast_TextQuota), c.Label(period), c.Compact(commit, c.Currency), c.Compact(bestCase, c.Currency), c.Compact(s.Quota, c.Currency), MoneyFormat.Percent(s.Quota > 0 ? commit / s.Quota : 0))
            : c.T(nameof(AnswerTexts.Forecast_Text), c.Label(period), c.Compact(commit, c.Currency), c.Compact(bestCase, c.Currency));
        // Open deals whose close date in the period has already passed stay in the forecast (they may still close);
        // the quota card's "closing by period end" starts today. One line says so, with the figure.
        var pastDue = await PastDueAsync(c, c.Filter(StageCategory.Open, period) with { OwnerIds = c.Kind == SubjectKind.Team && c.ResolvedOwners is null ? null : owners }, period, ct);
        if (pastDue.Count > 0)
            text += " " + c.Plural(pastDue.Count, nameof(AnswerTexts.Forecast_PastDue_One), nameof(AnswerTexts.Forecast_PastDue_Other), c.Compact(pastDue.AmountIn(c.Currency), c.Currency));
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { c.T(nameof(AnswerTexts.Forecast_ClosedWon)), MoneyFormat.Exact(closed, c.Currency), MoneyFormat.Exact(closed, c.Currency) },
            new[] { c.T(nameof(AnswerTexts.Forecast_Commit)), MoneyFormat.Exact(Open(ForecastCategory.Commit), c.Currency), MoneyFormat.Exact(commit, c.Currency) },
            new[] { c.T(nameof(AnswerTexts.Forecast_BestCase)), MoneyFormat.Exact(Open(ForecastCategory.BestCase), c.Currency), MoneyFormat.Exact(bestCase, c.Currency) },
            new[] { c.T(nameof(AnswerTexts.Forecast_Pipeline)), MoneyFormat.Exact(Open(ForecastCategory.Pipeline), c.Currency), MoneyFormat.Exact(pipeline, c.Currency) },
        };
        return new Reply([
            new TextBlock(text),
            new TableBlock(c.T(nameof(AnswerTexts.Title_ByForecastCategory)), [c.T(nameof(AnswerTexts.Col_Category)), c.T(nameof(AnswerTexts.Col_Amount)), c.T(nameof(AnswerTexts.Col_Cumulative))], rows, [false, true, true]),
            c.Provenance(c.T(nameof(AnswerTexts.What_Forecast)), period, won),
        ]) { Summary = c.T(nameof(AnswerTexts.Forecast_Summary), c.Compact(commit, c.Currency), c.Compact(bestCase, c.Currency)) };
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
