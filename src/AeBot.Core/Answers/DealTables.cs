using AeBot.Core.Conversation;
using AeBot.Core.Sales;
using AeBot.Core.Text;

namespace AeBot.Core.Answers;

/// <summary>Deals as a table: exact amounts, dates in the viewer's calendar.</summary>
internal static class DealTables
{
    public static TableBlock Of(string? title, IReadOnlyList<DealRow> deals, AnswerContext context, bool showOwner)
    {
        var c = context;
        var columns = new List<string> { c.T(nameof(AnswerTexts.Col_Deal)), c.T(nameof(AnswerTexts.Col_Account)) };
        if (showOwner)
            columns.Add(c.T(nameof(AnswerTexts.Col_Owner)));
        columns.AddRange([c.T(nameof(AnswerTexts.Col_Stage)), c.T(nameof(AnswerTexts.Col_Close)), c.T(nameof(AnswerTexts.Col_Amount))]);
        var rows = deals.Select(d =>
        {
            var row = new List<string> { d.Name, d.Account ?? "—" };
            if (showOwner)
                row.Add(d.Owner);
            row.AddRange([d.Stage, context.Date(d.CloseDate), AmountText(d, context)]);
            return (IReadOnlyList<string>)row;
        }).ToList();
        // Only the amount, the last column, is aligned right.
        var align = columns.Select((_, i) => i == columns.Count - 1).ToList();
        return new TableBlock(title, columns, rows, align);
    }

    /// <summary><see cref="DealRow.AmountText"/> in the reader's language: a list price is always labelled as one.</summary>
    private static string AmountText(DealRow d, AnswerContext c) => d.Amount is null && d.ListPrice is { } price
        ? c.T(nameof(AnswerTexts.AtListPrice), Formatting.MoneyFormat.Exact(price, d.ListPriceCurrency ?? d.Currency))
        : d.AmountText;
}
