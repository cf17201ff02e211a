using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
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
        var when = period?.Label ?? "to date";
        var filter = c.Filter(StageCategory.Won, period);
        var totals = await data.TotalsAsync(c.Viewer, filter, ct);
        var previous = period?.Previous("the period before");
        var before = previous is null ? DealTotals.Empty : await data.TotalsAsync(c.Viewer, c.Filter(StageCategory.Won, previous), ct);
        var who = c.Kind == SubjectKind.Me ? "You" : AnswerContext.Capitalize(c.Who);
        if (totals.Count == 0)
        {
            // An explicit zero, with the dates it covers: "nothing yet" is an answer, not a missing one.
            var text = $"No deals won {when} — {who.ToLowerInvariant() switch { "you" => "you have", _ => who + " has" }} **0 won deals**{(period is null ? "" : $" between {period.From:MMM d} and {period.To:MMM d, yyyy}")}."
                + (before.Count > 0 && previous is not null ? $" The period before ({DateFormat.Range(previous.From, previous.To)}): {MoneyFormat.Count(before.Count, "deal")}, {c.Money(before)}." : "");
            return new Reply([new TextBlock(text), c.Provenance("won deals", period, totals)]) { Summary = $"No deals won {when}" };
        }
        var amount = totals.AmountIn(c.Currency);
        var change = before.AmountIn(c.Currency) is var b && b > 0 ? (amount - b) / b : (decimal?)null;
        var comparison = change is null ? "" : $" — {(change >= 0 ? "up" : "down")} {MoneyFormat.Percent(Math.Abs(change.Value))} on the period before ({MoneyFormat.Count(before.Count, "deal")}, {c.Money(before)})";
        var headline = $"{who} closed **{MoneyFormat.Count(totals.Count, "deal")}** worth **{c.Money(totals)}** {when}{comparison}.";
        var deals = await data.DealsAsync(c.Viewer, filter, DealOrder.AmountDescending, 5, ct);
        var facts = new List<Fact>
        {
            new("Won", c.Money(totals)),
            new("Won (exact)", MoneyFormat.Exact(amount, c.Currency)),
            new("Deals", totals.Count.ToString("#,0")),
            new("Average deal", totals.Count > 0 ? MoneyFormat.Compact(amount / Math.Max(1, totals.ByCurrency.FirstOrDefault(t => t.Currency == c.Currency)?.Count ?? 1), c.Currency) : "—"),
        };
        if (deals.Count > 0)
            facts.Add(new Fact("Biggest win", $"{deals[0].Name} ({MoneyFormat.Compact(deals[0].Amount ?? 0, deals[0].Currency)})"));
        return new Reply([new TextBlock(headline), new FactsBlock(facts), DealTables.Of("Biggest wins", deals, c, c.Kind != SubjectKind.Me), c.Provenance("won deals", period, totals)])
        {
            Summary = $"Won {when}: {MoneyFormat.Count(totals.Count, "deal")}, {c.Money(totals)}",
        };
    }

    public async Task<Reply> LostAsync(AnswerContext c, CancellationToken ct)
    {
        var period = QueryAnswers.DefaultPeriod(c);
        var when = period?.Label ?? "to date";
        var filter = c.Filter(StageCategory.Lost, period);
        var totals = await data.TotalsAsync(c.Viewer, filter, ct);
        if (totals.Count == 0)
            return new Reply([new TextBlock($"No deals lost {when} — **0 lost deals**{(period is null ? "" : $" between {period.From:MMM d} and {period.To:MMM d, yyyy}")}."), c.Provenance("lost deals", period)])
            {
                Summary = $"No deals lost {when}",
            };
        var deals = await data.DealsAsync(c.Viewer, filter, DealOrder.AmountDescending, 5, ct);
        var text = $"**{MoneyFormat.Count(totals.Count, "deal")}** worth **{c.Money(totals)}** lost {when} ({MoneyFormat.Exact(totals.AmountIn(c.Currency), c.Currency)}).";
        return new Reply([new TextBlock(text), DealTables.Of("Biggest losses", deals, c, c.Kind != SubjectKind.Me), c.Provenance("lost deals", period, totals)])
        {
            Summary = $"Lost {when}: {MoneyFormat.Count(totals.Count, "deal")}, {c.Money(totals)}",
        };
    }

    public async Task<Reply> WinRateAsync(AnswerContext c, CancellationToken ct)
    {
        var period = QueryAnswers.DefaultPeriod(c) ?? DefaultPeriod(c);
        var won = await data.TotalsAsync(c.Viewer, c.Filter(StageCategory.Won, period), ct);
        var lost = await data.TotalsAsync(c.Viewer, c.Filter(StageCategory.Lost, period), ct);
        var decided = won.Count + lost.Count;
        if (decided == 0)
            return new Reply([new TextBlock($"No deals were won or lost {period.Label}, so there is no win rate yet."), c.Provenance("closed deals", period)]) { Summary = "No closed deals" };
        var byCount = (decimal)won.Count / decided;
        var wonValue = won.AmountIn(c.Currency);
        var decidedValue = wonValue + lost.AmountIn(c.Currency);
        var text = $"Win rate {period.Label}: **{MoneyFormat.Percent(byCount)}** by count ({won.Count} won of {decided} closed)"
            + (decidedValue > 0 ? $", **{MoneyFormat.Percent(wonValue / decidedValue)}** by value." : ".");
        return new Reply([new TextBlock(text), c.Provenance("won and lost deals", period, won)]) { Summary = $"Win rate {MoneyFormat.Percent(byCount)}" };
    }

    public async Task<Reply> AverageDealAsync(AnswerContext c, CancellationToken ct)
    {
        var period = QueryAnswers.DefaultPeriod(c) ?? DefaultPeriod(c);
        var won = await data.TotalsAsync(c.Viewer, c.Filter(StageCategory.Won, period), ct);
        var main = won.ByCurrency.FirstOrDefault(t => t.Currency == c.Currency);
        if (main is null || main.Count == 0)
            return new Reply([new TextBlock($"No deals won in {c.Currency} {period.Label}."), c.Provenance("won deals", period)]) { Summary = "No won deals" };
        var average = main.Amount / main.Count;
        var text = $"Average won deal {period.Label}: **{MoneyFormat.Exact(decimal.Round(average, 2), c.Currency)}** over {MoneyFormat.Count(main.Count, "deal")}.";
        return new Reply([new TextBlock(text), c.Provenance("won deals", period, won)]) { Summary = $"Average deal {MoneyFormat.Compact(average, c.Currency)}" };
    }

    public async Task<Reply> CycleAsync(AnswerContext c, CancellationToken ct)
    {
        var period = QueryAnswers.DefaultPeriod(c) ?? c.Fiscal.Year(c.Fiscal.FiscalYearOf(c.Today)) with { Label = "this year" };
        var days = await data.AverageCycleDaysAsync(c.Viewer, c.Filter(StageCategory.Won, period), ct);
        if (days is null)
            return new Reply([new TextBlock($"No deals won {period.Label}, so no sales cycle to measure."), c.Provenance("won deals", period)]) { Summary = "No won deals" };
        var text = $"Deals won {period.Label} took **{Math.Round(days.Value):0} days** on average from creation to close.";
        return new Reply([new TextBlock(text), c.Provenance("won deals", period)]) { Summary = $"Sales cycle {Math.Round(days.Value):0} days" };
    }

}
