using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Sales;

namespace AeBot.Core.Answers;

/// <summary>Deals as a table: exact amounts, dates in the viewer's calendar.</summary>
internal static class DealTables
{
    public static TableBlock Of(string? title, IReadOnlyList<DealRow> deals, AnswerContext context, bool showOwner)
    {
        var columns = new List<string> { "Deal", "Account" };
        if (showOwner)
            columns.Add("Owner");
        columns.AddRange(["Stage", "Close", "Amount"]);
        var rows = deals.Select(d =>
        {
            var row = new List<string> { d.Name, d.Account ?? "—" };
            if (showOwner)
                row.Add(d.Owner);
            row.AddRange([d.Stage, DateFormat.Short(d.CloseDate, context.Today), d.AmountText]);
            return (IReadOnlyList<string>)row;
        }).ToList();
        var align = columns.Select(c => c == "Amount").ToList();
        return new TableBlock(title, columns, rows, align);
    }
}
