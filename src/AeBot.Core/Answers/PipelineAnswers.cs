using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Core.Text;
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
        var when = period is null ? null : c.Label(period);
        if (totals.Count == 0)
            return new Reply([
                new TextBlock(when is null ? c.T(nameof(AnswerTexts.Pipe_None), c.Whose) : c.T(nameof(AnswerTexts.Pipe_NoneWhen), c.Whose, when)),
                c.Provenance(c.T(nameof(AnswerTexts.What_OpenDeals)), period, totals),
            ]) { Summary = when is null ? c.T(nameof(AnswerTexts.Pipe_NoneSummary)) : c.T(nameof(AnswerTexts.Pipe_NoneWhenSummary), when) };

        var deals = await data.DealsAsync(c.Viewer, filter, DealOrder.CloseDateAscending, c.Offset, ListSize, ct);
        var table = DealTables.Of(MorePages.Title(c.T(nameof(AnswerTexts.Title_ClosingFirst)), c.Offset, deals.Count, totals.Count, c.Language), deals, c, ShowOwner(c));
        if (c.Offset > 0)
            return MorePages.Next(c, table, deals.Count, totals.Count, when is null ? c.T(nameof(AnswerTexts.What_OpenDeals)) : c.T(nameof(AnswerTexts.What_OpenDealsWhen), when));
        var headline = when is null
            ? c.Plural(totals.Count, nameof(AnswerTexts.Pipe_Headline_One), nameof(AnswerTexts.Pipe_Headline_Other), c.Money(totals), c.Money(totals, weighted: true))
            : c.Plural(totals.Count, nameof(AnswerTexts.Pipe_HeadlineWhen_One), nameof(AnswerTexts.Pipe_HeadlineWhen_Other), c.Money(totals), c.Money(totals, weighted: true), when);
        var priced = totals.AtListPrice.Sum(t => t.Count);
        var without = totals.CountWithoutAmount;
        if (without > 0)
            headline += " " + (priced == 0 ? c.Plural(without, nameof(AnswerTexts.Pipe_NoAmount_One), nameof(AnswerTexts.Pipe_NoAmount_Other))
                : priced == without ? c.Plural(without, nameof(AnswerTexts.Pipe_NoAmountPriced_One), nameof(AnswerTexts.Pipe_NoAmountPriced_Other), ListPriceText(c, totals.AtListPrice))
                : c.Plural(without, nameof(AnswerTexts.Pipe_NoAmountPricedSome_One), nameof(AnswerTexts.Pipe_NoAmountPricedSome_Other), ListPriceText(c, totals.AtListPrice), MoneyFormat.Number(priced)));
        // The exact totals beside the rounded headline: a figure someone will repeat to their manager.
        var facts = new List<Fact>
        {
            new(c.T(nameof(AnswerTexts.Fact_OpenDeals)), totals.Count.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)),
            new(c.T(nameof(AnswerTexts.Fact_Total)), MoneyFormat.Exact(totals.AmountIn(c.Currency), c.Currency)),
            new(c.T(nameof(AnswerTexts.Fact_Weighted)), MoneyFormat.Exact(decimal.Round(totals.WeightedIn(c.Currency), 2), c.Currency)),
        };
        // Deals with no amount, valued at their product's list price: a separate line, never added to the total.
        foreach (var price in totals.AtListPrice)
            facts.Add(new Fact(c.Plural(price.Count, nameof(AnswerTexts.Fact_AtListPrice_One), nameof(AnswerTexts.Fact_AtListPrice_Other)), MoneyFormat.Exact(price.Amount, price.Currency)));
        var factsBlock = new FactsBlock(facts);
        var blocks = new List<ReplyBlock> { new TextBlock(headline), factsBlock, table };
        if (MorePages.Button(c, deals.Count, totals.Count) is { } more)
            blocks.Add(more);
        blocks.Add(c.Provenance(c.T(nameof(AnswerTexts.What_OpenDeals)), period, totals));
        blocks.Add(new ActionsBlock([
            new ReplyAction(c.T(nameof(AnswerTexts.Button_Biggest)), "ask:biggest deals" + Suffix(period)),
            new ReplyAction(c.T(nameof(AnswerTexts.Button_PastDue)), "ask:deals past their close date"),
            new ReplyAction(c.T(nameof(AnswerTexts.Button_Forecast)), "ask:forecast" + Suffix(period)),
        ]));
        return new Reply(blocks)
        {
            Summary = when is null
                ? c.Plural(totals.Count, nameof(AnswerTexts.Pipe_Summary_One), nameof(AnswerTexts.Pipe_Summary_Other), c.Money(totals))
                : c.Plural(totals.Count, nameof(AnswerTexts.Pipe_SummaryWhen_One), nameof(AnswerTexts.Pipe_SummaryWhen_Other), c.Money(totals), when),
        };
    }

    private static string ListPriceText(AnswerContext c, IReadOnlyList<ListPriceTotal> totals) =>
        string.Join(" + ", totals.Select(t => c.Compact(t.Amount, t.Currency)));

    public async Task<Reply> BiggestAsync(AnswerContext c, CancellationToken ct)
    {
        var period = QueryAnswers.DefaultPeriod(c);
        var filter = c.Filter(StageCategory.Open, period);
        var take = c.Query.Rank?.N ?? 5;
        var deals = await data.DealsAsync(c.Viewer, filter, DealOrder.AmountDescending, take, ct);
        var when = period is null ? null : c.Label(period);
        if (deals.Count == 0)
            return new Reply([
                new TextBlock(when is null ? c.T(nameof(AnswerTexts.Big_None)) : c.T(nameof(AnswerTexts.Big_NoneWhen), when)),
                c.Provenance(c.T(nameof(AnswerTexts.What_OpenDeals)), period),
            ]) { Summary = c.T(nameof(AnswerTexts.Big_NoneSummary)) };
        var top = deals[0];
        var args = new object?[] { AnswerContext.Capitalize(c.Whose), top.Name, MoneyFormat.Exact(top.Amount!.Value, top.Currency), top.Stage, c.Date(top.CloseDate), when };
        var text = when is null ? c.T(nameof(AnswerTexts.Big_Text), args) : c.T(nameof(AnswerTexts.Big_TextWhen), args);
        return new Reply([new TextBlock(text), DealTables.Of(c.T(nameof(AnswerTexts.Title_TopByAmount), deals.Count), deals, c, ShowOwner(c)), c.Provenance(c.T(nameof(AnswerTexts.What_OpenDeals)), period)])
        {
            Summary = c.T(nameof(AnswerTexts.Big_Summary), top.Name, c.Compact(top.Amount.Value, top.Currency)),
        };
    }

    public async Task<Reply> PastDueAsync(AnswerContext c, CancellationToken ct)
    {
        var filter = c.Filter(StageCategory.Open, null) with { CloseTo = c.Today.AddDays(-1) };
        var totals = await data.TotalsAsync(c.Viewer, filter, ct);
        var what = c.T(nameof(AnswerTexts.What_PastDue));
        if (totals.Count == 0)
            return new Reply([new TextBlock(c.T(nameof(AnswerTexts.Past_None))), c.Provenance(what, null)]) { Summary = c.T(nameof(AnswerTexts.Past_NoneSummary)) };
        var deals = await data.DealsAsync(c.Viewer, filter, DealOrder.CloseDateAscending, c.Offset, ListSize, ct);
        var table = DealTables.Of(MorePages.Title(c.T(nameof(AnswerTexts.Title_OldestFirst)), c.Offset, deals.Count, totals.Count, c.Language), deals, c, ShowOwner(c));
        if (c.Offset > 0)
            return MorePages.Next(c, table, deals.Count, totals.Count, QueryWords.SetWords(DealSet.PastClose, c.Language));
        var text = c.Plural(totals.Count, nameof(AnswerTexts.Past_Text_One), nameof(AnswerTexts.Past_Text_Other), c.Money(totals));
        return new Reply([new TextBlock(text), table, .. Optional(MorePages.Button(c, deals.Count, totals.Count)), c.Provenance(what, null, totals)])
        {
            Summary = c.Plural(totals.Count, nameof(AnswerTexts.Past_Summary_One), nameof(AnswerTexts.Past_Summary_Other)),
        };
    }

    public async Task<Reply> StaleAsync(AnswerContext c, CancellationToken ct)
    {
        var since = c.Now.AddDays(-StaleDays);
        var filter = c.Filter(StageCategory.Open, QueryAnswers.DefaultPeriod(c)) with { NotEngagedSince = since };
        var totals = await data.TotalsAsync(c.Viewer, filter, ct);
        var what = c.T(nameof(AnswerTexts.What_Stale), StaleDays);
        if (totals.Count == 0)
            return new Reply([new TextBlock(c.T(nameof(AnswerTexts.Stale_None), StaleDays)), c.Provenance(what, QueryAnswers.DefaultPeriod(c))]) { Summary = c.T(nameof(AnswerTexts.Stale_NoneSummary)) };
        var deals = await data.DealsAsync(c.Viewer, filter, DealOrder.LastEngagedAscending, c.Offset, ListSize, ct);
        var table = DealTables.Of(MorePages.Title(c.T(nameof(AnswerTexts.Title_QuietFirst)), c.Offset, deals.Count, totals.Count, c.Language), deals, c, ShowOwner(c));
        var withQuiet = table with
        {
            Columns = [.. table.Columns, c.T(nameof(AnswerTexts.Col_QuietFor))],
            Rows = table.Rows.Select((r, i) => (IReadOnlyList<string>)[.. r, c.T(nameof(AnswerTexts.Days), (c.Now - (deals[i].LastEngagedAt ?? deals[i].CreatedAt)).Days)]).ToList(),
            Align = [.. table.Align, true],
        };
        if (c.Offset > 0)
            return MorePages.Next(c, withQuiet, deals.Count, totals.Count, QueryWords.SetWords(DealSet.Stale, c.Language));
        var text = c.Plural(totals.Count, nameof(AnswerTexts.Stale_Text_One), nameof(AnswerTexts.Stale_Text_Other), c.Money(totals), StaleDays);
        return new Reply([new TextBlock(text), withQuiet, .. Optional(MorePages.Button(c, deals.Count, totals.Count)), c.Provenance(what, QueryAnswers.DefaultPeriod(c), totals)])
        {
            Summary = c.Plural(totals.Count, nameof(AnswerTexts.Stale_Summary_One), nameof(AnswerTexts.Stale_Summary_Other)),
        };
    }

    public async Task<Reply> SlippedAsync(AnswerContext c, CancellationToken ct)
    {
        // All of them, paged here: the headline counts every slipped deal, never the length of one page.
        var all = await data.SlippedAsync(c.Viewer, c.Filter(StageCategory.Open, QueryAnswers.DefaultPeriod(c)), minimumPushes: 1, take: int.MaxValue, ct);
        var slipped = all.Skip(c.Offset).Take(ListSize).ToList();
        var what = c.T(nameof(AnswerTexts.What_Slipped));
        if (all.Count == 0)
            return new Reply([new TextBlock(c.T(nameof(AnswerTexts.Slip_None))), c.Provenance(what, QueryAnswers.DefaultPeriod(c))]) { Summary = c.T(nameof(AnswerTexts.Slip_NoneSummary)) };
        var rows = slipped.Select(s => (IReadOnlyList<string>)[
            s.Deal.Name, s.Deal.Owner, string.Join(" → ", s.CloseDates.Select(d => c.Date(d))), (s.CloseDates.Count - 1).ToString(),
            s.Deal.Amount is { } a ? MoneyFormat.Exact(a, s.Deal.Currency) : "—"]).ToList();
        var table = new TableBlock(MorePages.Title(c.T(nameof(AnswerTexts.Title_MostPushedFirst)), c.Offset, slipped.Count, all.Count, c.Language),
            [c.T(nameof(AnswerTexts.Col_Deal)), c.T(nameof(AnswerTexts.Col_Owner)), c.T(nameof(AnswerTexts.Col_CloseHistory)), c.T(nameof(AnswerTexts.Col_Pushes)), c.T(nameof(AnswerTexts.Col_Amount))],
            rows, [false, false, false, true, true]);
        if (c.Offset > 0)
            return MorePages.Next(c, table, slipped.Count, all.Count, QueryWords.SetWords(DealSet.Slipped, c.Language));
        var twice = all.Count(s => s.CloseDates.Count > 2);
        var text = twice > 0
            ? c.Plural(all.Count, nameof(AnswerTexts.Slip_TextTwice_One), nameof(AnswerTexts.Slip_TextTwice_Other), twice)
            : c.Plural(all.Count, nameof(AnswerTexts.Slip_Text_One), nameof(AnswerTexts.Slip_Text_Other));
        return new Reply([
            new TextBlock(text),
            table,
            .. Optional(MorePages.Button(c, slipped.Count, all.Count)),
            c.Provenance(what, QueryAnswers.DefaultPeriod(c)),
        ]) { Summary = c.T(nameof(AnswerTexts.Slip_Summary), all.Count) };
    }

    private static bool ShowOwner(AnswerContext c) => c.Kind != SubjectKind.Me || c.Viewer.HasTeam && c.Owners is null;

    internal static IEnumerable<ReplyBlock> Optional(ReplyBlock? block) => block is null ? [] : [block];

    private static string Suffix(Period? period) => period is null ? "" : $" {period.Label}";
}
