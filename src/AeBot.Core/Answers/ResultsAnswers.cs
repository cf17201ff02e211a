using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Core.Text;
using AeBot.Core.Understanding;

namespace AeBot.Core.Answers;

/// <summary>Closed business: won and lost, win rate, deal size, cycle length, top accounts and products.</summary>
public sealed class ResultsAnswers(ISalesData data)
{
    /// <summary>Results default to the current quarter: what reps are measured on.</summary>
    public static Period DefaultPeriod(AnswerContext c)
    {
        var quarter = c.Fiscal.ThisQuarter(c.Today);
        return quarter with { Label = $"this quarter ({quarter.Label})" };
    }

    public async Task<Reply> WonAsync(AnswerContext c, CancellationToken ct)
    {
        // No period at all only when the question is about an account's history ("…with Acme").
        var period = QueryAnswers.DefaultPeriod(c);
        var when = period is null ? c.T(nameof(AnswerTexts.ToDate)) : c.Label(period);
        var filter = c.Filter(StageCategory.Won, period);
        var totals = await data.TotalsAsync(c.Viewer, filter, ct);
        var previous = period?.Previous("the period before");
        var before = previous is null ? DealTotals.Empty : await data.TotalsAsync(c.Viewer, c.Filter(StageCategory.Won, previous), ct);
        var what = QueryWords.SetWords(DealSet.Won, c.Language);
        if (totals.Count == 0)
        {
            // An explicit zero, with the dates it covers: "nothing yet" is an answer, not a missing one.
            var me = c.Kind == SubjectKind.Me;
            var text = period is null
                ? c.T(me ? nameof(AnswerTexts.Won_None_You) : nameof(AnswerTexts.Won_None_Who), when, AnswerContext.Capitalize(c.Who))
                : c.T(me ? nameof(AnswerTexts.Won_NoneDates_You) : nameof(AnswerTexts.Won_NoneDates_Who), when, AnswerContext.Capitalize(c.Who),
                    DateFormat.Short(period.From, period.From, c.Language), DateFormat.Full(period.To, c.Language));
            if (before.Count > 0 && previous is not null)
                text += " " + c.T(nameof(AnswerTexts.Won_Before), c.Range(previous.From, previous.To), c.Deals(before.Count), c.Money(before));
            return new Reply([new TextBlock(text), c.Provenance(what, period, totals)]) { Summary = c.T(nameof(AnswerTexts.Won_NoneSummary), when) };
        }
        var amount = totals.AmountIn(c.Currency);
        var change = before.AmountIn(c.Currency) is var b && b > 0 ? (amount - b) / b : (decimal?)null;
        var who = c.Kind == SubjectKind.Me ? c.T(nameof(AnswerTexts.Won_You)) : AnswerContext.Capitalize(c.Who);
        var headline = change is null
            ? c.T(nameof(AnswerTexts.Won_Headline), who, c.Deals(totals.Count), c.Money(totals), when)
            : c.T(change >= 0 ? nameof(AnswerTexts.Won_HeadlineUp) : nameof(AnswerTexts.Won_HeadlineDown), who, c.Deals(totals.Count), c.Money(totals), when,
                MoneyFormat.Percent(Math.Abs(change.Value)), c.Deals(before.Count), c.Money(before));
        var deals = await data.DealsAsync(c.Viewer, filter, DealOrder.AmountDescending, 5, ct);
        var facts = new List<Fact>
        {
            new(c.T(nameof(AnswerTexts.Fact_Won)), c.Money(totals)),
            new(c.T(nameof(AnswerTexts.Fact_WonExact)), MoneyFormat.Exact(amount, c.Currency)),
            new(c.T(nameof(AnswerTexts.Fact_Deals)), totals.Count.ToString("#,0")),
            new(c.T(nameof(AnswerTexts.Fact_AverageDeal)), totals.Count > 0 ? c.Compact(amount / Math.Max(1, totals.ByCurrency.FirstOrDefault(t => t.Currency == c.Currency)?.Count ?? 1), c.Currency) : "—"),
        };
        if (deals.Count > 0)
            facts.Add(new Fact(c.T(nameof(AnswerTexts.Fact_BiggestWin)), $"{deals[0].Name} ({c.Compact(deals[0].Amount ?? 0, deals[0].Currency)})"));
        return new Reply([new TextBlock(headline), new FactsBlock(facts), DealTables.Of(c.T(nameof(AnswerTexts.Title_BiggestWins)), deals, c, c.Kind != SubjectKind.Me), c.Provenance(what, period, totals)])
        {
            Summary = c.T(nameof(AnswerTexts.Won_Summary), when, c.Deals(totals.Count), c.Money(totals)),
        };
    }

    public async Task<Reply> LostAsync(AnswerContext c, CancellationToken ct)
    {
        var period = QueryAnswers.DefaultPeriod(c);
        var when = period is null ? c.T(nameof(AnswerTexts.ToDate)) : c.Label(period);
        var filter = c.Filter(StageCategory.Lost, period);
        var totals = await data.TotalsAsync(c.Viewer, filter, ct);
        var what = QueryWords.SetWords(DealSet.Lost, c.Language);
        if (totals.Count == 0)
            return new Reply([
                new TextBlock(period is null ? c.T(nameof(AnswerTexts.Lost_None), when)
                    : c.T(nameof(AnswerTexts.Lost_NoneDates), when, DateFormat.Short(period.From, period.From, c.Language), DateFormat.Full(period.To, c.Language))),
                c.Provenance(what, period),
            ])
            {
                Summary = c.T(nameof(AnswerTexts.Lost_NoneSummary), when),
            };
        var deals = await data.DealsAsync(c.Viewer, filter, DealOrder.AmountDescending, 5, ct);
        var text = c.T(nameof(AnswerTexts.Lost_Text), c.Deals(totals.Count), c.Money(totals), when, MoneyFormat.Exact(totals.AmountIn(c.Currency), c.Currency));
        return new Reply([new TextBlock(text), DealTables.Of(c.T(nameof(AnswerTexts.Title_BiggestLosses)), deals, c, c.Kind != SubjectKind.Me), c.Provenance(what, period, totals)])
        {
            Summary = c.T(nameof(AnswerTexts.Lost_Summary), when, c.Deals(totals.Count), c.Money(totals)),
        };
    }

    public async Task<Reply> WinRateAsync(AnswerContext c, CancellationToken ct)
    {
        var period = QueryAnswers.DefaultPeriod(c) ?? DefaultPeriod(c);
        var won = await data.TotalsAsync(c.Viewer, c.Filter(StageCategory.Won, period), ct);
        var lost = await data.TotalsAsync(c.Viewer, c.Filter(StageCategory.Lost, period), ct);
        var decided = won.Count + lost.Count;
        if (decided == 0)
            return new Reply([new TextBlock(c.T(nameof(AnswerTexts.WinRate_None), c.Label(period))), c.Provenance(QueryWords.SetWords(DealSet.Closed, c.Language), period)])
            {
                Summary = c.T(nameof(AnswerTexts.WinRate_NoneSummary)),
            };
        var byCount = (decimal)won.Count / decided;
        var wonValue = won.AmountIn(c.Currency);
        var decidedValue = wonValue + lost.AmountIn(c.Currency);
        var text = decidedValue > 0
            ? c.T(nameof(AnswerTexts.WinRate_TextValue), c.Label(period), MoneyFormat.Percent(byCount), won.Count, decided, MoneyFormat.Percent(wonValue / decidedValue))
            : c.T(nameof(AnswerTexts.WinRate_Text), c.Label(period), MoneyFormat.Percent(byCount), won.Count, decided);
        return new Reply([new TextBlock(text), c.Provenance(c.T(nameof(AnswerTexts.What_WonLost)), period, won)]) { Summary = c.T(nameof(AnswerTexts.WinRate_Summary), MoneyFormat.Percent(byCount)) };
    }

    public async Task<Reply> AverageDealAsync(AnswerContext c, CancellationToken ct)
    {
        var period = QueryAnswers.DefaultPeriod(c) ?? DefaultPeriod(c);
        var won = await data.TotalsAsync(c.Viewer, c.Filter(StageCategory.Won, period), ct);
        var main = won.ByCurrency.FirstOrDefault(t => t.Currency == c.Currency);
        var what = QueryWords.SetWords(DealSet.Won, c.Language);
        if (main is null || main.Count == 0)
            return new Reply([new TextBlock(c.T(nameof(AnswerTexts.Average_None), c.Currency, c.Label(period))), c.Provenance(what, period)]) { Summary = c.T(nameof(AnswerTexts.NoWonSummary)) };
        var average = main.Amount / main.Count;
        var text = c.T(nameof(AnswerTexts.Average_Text), c.Label(period), MoneyFormat.Exact(decimal.Round(average, 2), c.Currency), c.Deals(main.Count));
        return new Reply([new TextBlock(text), c.Provenance(what, period, won)]) { Summary = c.T(nameof(AnswerTexts.Average_Summary), c.Compact(average, c.Currency)) };
    }

    public async Task<Reply> CycleAsync(AnswerContext c, CancellationToken ct)
    {
        var period = QueryAnswers.DefaultPeriod(c) ?? c.Fiscal.Year(c.Fiscal.FiscalYearOf(c.Today)) with { Label = "this year" };
        var days = await data.AverageCycleDaysAsync(c.Viewer, c.Filter(StageCategory.Won, period), ct);
        var what = QueryWords.SetWords(DealSet.Won, c.Language);
        if (days is null)
            return new Reply([new TextBlock(c.T(nameof(AnswerTexts.Cycle_None), c.Label(period))), c.Provenance(what, period)]) { Summary = c.T(nameof(AnswerTexts.NoWonSummary)) };
        var rounded = Math.Round(days.Value).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
        var text = c.T(nameof(AnswerTexts.Cycle_Text), c.Label(period), rounded);
        return new Reply([new TextBlock(text), c.Provenance(what, period)]) { Summary = c.T(nameof(AnswerTexts.Cycle_Summary), rounded) };
    }

}
