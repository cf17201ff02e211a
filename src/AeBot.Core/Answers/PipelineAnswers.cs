using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Core.Understanding;

namespace AeBot.Core.Answers;

/// <summary>Open deals: what's in the pipeline, the biggest, the late, the quiet and the slipping.</summary>
public sealed class PipelineAnswers(ISalesData data)
{
    private const int ListSize = 10;
    public const int StaleDays = 14;

    public async Task<Reply> PipelineAsync(AnswerContext c, CancellationToken ct)
    {
        var period = QueryAnswers.DefaultPeriod(c);
        var filter = c.Filter(StageCategory.Open, period);
        var totals = await data.TotalsAsync(c.Viewer, filter, ct);
        var when = period is null ? "" : $" closing {period.Label}";
        if (totals.Count == 0)
            return new Reply([new TextBlock($"No open deals{when} in {c.Whose} pipeline."), c.Provenance("open deals", period, totals)]) { Summary = $"No open deals{when}" };

        var deals = await data.DealsAsync(c.Viewer, filter, DealOrder.CloseDateAscending, c.Offset, ListSize, ct);
        var table = DealTables.Of(MorePages.Title("Closing first", c.Offset, deals.Count, totals.Count), deals, c, ShowOwner(c));
        if (c.Offset > 0)
            return MorePages.Next(c, table, deals.Count, totals.Count, "open deals" + when);
        var headline = $"**{MoneyFormat.Count(totals.Count, "open deal")}**{when} worth **{c.Money(totals)}** (weighted **{c.Money(totals, weighted: true)}**).";
        var priced = totals.AtListPrice.Sum(t => t.Count);
        if (totals.CountWithoutAmount > 0)
            headline += $" {MoneyFormat.Count(totals.CountWithoutAmount, "deal")} {(totals.CountWithoutAmount == 1 ? "has" : "have")} no amount yet"
                + (priced == 0 ? "." : $"; at list price {(priced == totals.CountWithoutAmount ? (priced == 1 ? "it" : "they") : MoneyFormat.Count(priced, "of them", "of them"))} would add **{ListPriceText(totals.AtListPrice)}** (not in the total).");
        // The exact totals beside the rounded headline: a figure someone will repeat to their manager.
        var facts = new List<Fact>
        {
            new("Open deals", totals.Count.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)),
            new("Total", MoneyFormat.Exact(totals.AmountIn(c.Currency), c.Currency)),
            new("Weighted", MoneyFormat.Exact(decimal.Round(totals.WeightedIn(c.Currency), 2), c.Currency)),
        };
        // Deals with no amount, valued at their product's list price: a separate line, never added to the total.
        foreach (var price in totals.AtListPrice)
            facts.Add(new Fact($"At list price ({MoneyFormat.Count(price.Count, "deal")} without an amount, one unit each, not in the total)", MoneyFormat.Exact(price.Amount, price.Currency)));
        var factsBlock = new FactsBlock(facts);
        var blocks = new List<ReplyBlock> { new TextBlock(headline), factsBlock, table };
        if (MorePages.Button(c, deals.Count, totals.Count) is { } more)
            blocks.Add(more);
        blocks.Add(c.Provenance("open deals", period, totals));
        blocks.Add(new ActionsBlock([
            new ReplyAction("Biggest deals", "ask:biggest deals" + Suffix(period)),
            new ReplyAction("Past due", "ask:deals past their close date"),
            new ReplyAction("Forecast", "ask:forecast" + Suffix(period)),
        ]));
        return new Reply(blocks) { Summary = $"{MoneyFormat.Count(totals.Count, "open deal")}{when}, {c.Money(totals)}" };
    }

    private static string ListPriceText(IReadOnlyList<ListPriceTotal> totals) =>
        string.Join(" + ", totals.Select(t => MoneyFormat.Compact(t.Amount, t.Currency)));

    public async Task<Reply> BiggestAsync(AnswerContext c, CancellationToken ct)
    {
        var period = QueryAnswers.DefaultPeriod(c);
        var filter = c.Filter(StageCategory.Open, period);
        var take = c.Query.Rank?.N ?? 5;
        var deals = await data.DealsAsync(c.Viewer, filter, DealOrder.AmountDescending, take, ct);
        var when = period is null ? "" : $" closing {period.Label}";
        if (deals.Count == 0)
            return new Reply([new TextBlock($"No open deals with an amount{when}."), c.Provenance("open deals", period)]) { Summary = "No open deals" };
        var top = deals[0];
        var text = $"{AnswerContext.Capitalize(c.Whose)} biggest open deal{when} is **{top.Name}** at **{MoneyFormat.Exact(top.Amount!.Value, top.Currency)}** ({top.Stage}, closing {DateFormat.Short(top.CloseDate, c.Today)}).";
        return new Reply([new TextBlock(text), DealTables.Of($"Top {deals.Count} by amount", deals, c, ShowOwner(c)), c.Provenance("open deals", period)])
        {
            Summary = $"Biggest open deal: {top.Name}, {MoneyFormat.Compact(top.Amount.Value, top.Currency)}",
        };
    }

    public async Task<Reply> PastDueAsync(AnswerContext c, CancellationToken ct)
    {
        var filter = c.Filter(StageCategory.Open, null) with { CloseTo = c.Today.AddDays(-1) };
        var totals = await data.TotalsAsync(c.Viewer, filter, ct);
        if (totals.Count == 0)
            return new Reply([new TextBlock("No open deals are past their close date. 👍"), c.Provenance("open deals with a close date before today", null)]) { Summary = "No deals past their close date" };
        var deals = await data.DealsAsync(c.Viewer, filter, DealOrder.CloseDateAscending, c.Offset, ListSize, ct);
        var table = DealTables.Of(MorePages.Title("Oldest first", c.Offset, deals.Count, totals.Count), deals, c, ShowOwner(c));
        if (c.Offset > 0)
            return MorePages.Next(c, table, deals.Count, totals.Count, "deals past their close date");
        var text = $"**{MoneyFormat.Count(totals.Count, "open deal")}** worth **{c.Money(totals)}** {(totals.Count == 1 ? "is" : "are")} past {(totals.Count == 1 ? "its" : "their")} close date. Update the close date or close them out.";
        return new Reply([new TextBlock(text), table, .. Optional(MorePages.Button(c, deals.Count, totals.Count)), c.Provenance("open deals with a close date before today", null, totals)])
        {
            Summary = $"{MoneyFormat.Count(totals.Count, "deal")} past their close date",
        };
    }

    public async Task<Reply> StaleAsync(AnswerContext c, CancellationToken ct)
    {
        var since = c.Now.AddDays(-StaleDays);
        var filter = c.Filter(StageCategory.Open, QueryAnswers.DefaultPeriod(c)) with { NotEngagedSince = since };
        var totals = await data.TotalsAsync(c.Viewer, filter, ct);
        if (totals.Count == 0)
            return new Reply([new TextBlock($"Every open deal has had an interaction in the last {StaleDays} days."), c.Provenance($"open deals without an interaction for {StaleDays} days", QueryAnswers.DefaultPeriod(c))]) { Summary = "No stale deals" };
        var deals = await data.DealsAsync(c.Viewer, filter, DealOrder.LastEngagedAscending, c.Offset, ListSize, ct);
        var table = DealTables.Of(MorePages.Title("Quiet longest first", c.Offset, deals.Count, totals.Count), deals, c, ShowOwner(c));
        var withQuiet = table with
        {
            Columns = [.. table.Columns, "Quiet for"],
            Rows = table.Rows.Select((r, i) => (IReadOnlyList<string>)[.. r, $"{(c.Now - (deals[i].LastEngagedAt ?? deals[i].CreatedAt)).Days} days"]).ToList(),
            Align = [.. table.Align, true],
        };
        if (c.Offset > 0)
            return MorePages.Next(c, withQuiet, deals.Count, totals.Count, "stale deals");
        var text = $"**{MoneyFormat.Count(totals.Count, "open deal")}** worth **{c.Money(totals)}** {(totals.Count == 1 ? "has" : "have")} had no logged interaction for {StaleDays}+ days.";
        return new Reply([new TextBlock(text), withQuiet, .. Optional(MorePages.Button(c, deals.Count, totals.Count)), c.Provenance($"open deals without an interaction for {StaleDays} days", QueryAnswers.DefaultPeriod(c), totals)])
        {
            Summary = $"{MoneyFormat.Count(totals.Count, "stale deal")}",
        };
    }

    public async Task<Reply> SlippedAsync(AnswerContext c, CancellationToken ct)
    {
        // All of them, paged here: the headline counts every slipped deal, never the length of one page.
        var all = await data.SlippedAsync(c.Viewer, c.Filter(StageCategory.Open, QueryAnswers.DefaultPeriod(c)), minimumPushes: 1, take: int.MaxValue, ct);
        var slipped = all.Skip(c.Offset).Take(ListSize).ToList();
        if (all.Count == 0)
            return new Reply([new TextBlock("No open deal has had its close date pushed out."), c.Provenance("open deals whose close date moved out", QueryAnswers.DefaultPeriod(c))]) { Summary = "No slipped deals" };
        var rows = slipped.Select(s => (IReadOnlyList<string>)[
            s.Deal.Name, s.Deal.Owner, string.Join(" → ", s.CloseDates.Select(d => DateFormat.Short(d, c.Today))), (s.CloseDates.Count - 1).ToString(),
            s.Deal.Amount is { } a ? MoneyFormat.Exact(a, s.Deal.Currency) : "—"]).ToList();
        var table = new TableBlock(MorePages.Title("Most pushed first", c.Offset, slipped.Count, all.Count), ["Deal", "Owner", "Close date history", "Pushes", "Amount"], rows, [false, false, false, true, true]);
        if (c.Offset > 0)
            return MorePages.Next(c, table, slipped.Count, all.Count, "slipped deals");
        var twice = all.Count(s => s.CloseDates.Count > 2);
        var text = $"**{MoneyFormat.Count(all.Count, "open deal")}** had {(all.Count == 1 ? "its" : "their")} close date pushed out" + (twice > 0 ? $"; {twice} of them twice or more." : ".");
        return new Reply([
            new TextBlock(text),
            table,
            .. Optional(MorePages.Button(c, slipped.Count, all.Count)),
            c.Provenance("open deals whose close date moved out", QueryAnswers.DefaultPeriod(c)),
        ]) { Summary = $"{all.Count} slipped deals" };
    }

    private static bool ShowOwner(AnswerContext c) => c.Kind != SubjectKind.Me || c.Viewer.HasTeam && c.Owners is null;

    internal static IEnumerable<ReplyBlock> Optional(ReplyBlock? block) => block is null ? [] : [block];

    private static string Suffix(Period? period) => period is null ? "" : $" {period.Label}";
}
