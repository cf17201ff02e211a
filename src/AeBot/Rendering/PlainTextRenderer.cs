using System.Text;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;

namespace AeBot.Rendering;

/// <summary>
/// Renders a reply for a terminal: markdown markers removed, facts and tables aligned, charts as bars, buttons
/// and choices numbered so a chat user can answer with the number.
/// </summary>
public static class PlainTextRenderer
{
    private const int BarWidth = 30;

    public static string Render(Reply reply) => Render(reply, out _);

    /// <summary>Renders the reply and returns the payloads of its numbered buttons and choices, in order.</summary>
    public static string Render(Reply reply, out IReadOnlyList<string> numbered)
    {
        var sb = new StringBuilder();
        var payloads = new List<string>();
        foreach (var block in reply.Blocks)
        {
            if (sb.Length > 0)
                sb.AppendLine();
            switch (block)
            {
                case TextBlock text:
                    sb.AppendLine(StripMarkdown(text.Markdown));
                    break;
                case FactsBlock facts:
                    var width = facts.Facts.Max(f => f.Label.Length);
                    foreach (var fact in facts.Facts)
                        sb.Append(fact.Label.PadRight(width)).Append("  ").AppendLine(fact.Value);
                    break;
                case TableBlock table:
                    Table(sb, table);
                    break;
                case ItemListBlock list:
                    if (list.Title is not null)
                        sb.AppendLine(list.Title);
                    foreach (var item in list.Items)
                    {
                        sb.Append("• ").Append(item.Title);
                        if (item.Detail is not null)
                            sb.Append(" — ").Append(item.Detail);
                        sb.AppendLine();
                        if (item.Actions.Count > 0)
                            sb.Append("    ").AppendLine(Buttons(item.Actions, payloads));
                    }
                    break;
                case ActionsBlock actions:
                    sb.Append("Next: ").AppendLine(Buttons(actions.Actions, payloads));
                    break;
                case ChoiceBlock choice:
                    sb.AppendLine(choice.Prompt);
                    foreach (var option in choice.Options)
                    {
                        payloads.Add(option.Payload);
                        sb.AppendLine($"  {payloads.Count}. {option.Label}");
                    }
                    break;
                case ChartBlock chart:
                    Chart(sb, chart);
                    break;
                case ContextBlock context:
                    sb.Append('(').Append(context.Text).AppendLine(")");
                    break;
            }
        }
        numbered = payloads;
        return sb.ToString().TrimEnd();
    }

    private static string Buttons(IReadOnlyList<ReplyAction> actions, List<string> payloads) =>
        string.Join("  ", actions.Select(a =>
        {
            payloads.Add(a.Payload);
            return $"[{payloads.Count}] {a.Label}";
        }));

    private static void Table(StringBuilder sb, TableBlock table)
    {
        if (table.Title is not null)
            sb.AppendLine(table.Title);
        var widths = table.Columns.Select((c, i) => Math.Min(40, Math.Max(c.Length, table.Rows.Select(r => i < r.Count ? Cell(r[i]).Length : 0).DefaultIfEmpty(0).Max()))).ToList();
        string Line(IReadOnlyList<string> cells) => string.Join("  ", cells.Select((cell, i) =>
        {
            var text = Cell(cell);
            if (text.Length > widths[i])
                text = text[..(widths[i] - 1)] + "…";
            return table.Align[i] ? text.PadLeft(widths[i]) : text.PadRight(widths[i]);
        })).TrimEnd();
        sb.AppendLine(Line(table.Columns));
        sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in table.Rows)
            sb.AppendLine(Line(row));
    }

    private static string Cell(string text) => text.Replace('\n', ' ');

    private static void Chart(StringBuilder sb, ChartBlock chart)
    {
        sb.AppendLine(chart.Title);
        var max = chart.Series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max();
        var labelWidth = chart.Categories.Select(c => c.Length).DefaultIfEmpty(0).Max();
        var seriesWidth = chart.Series.Select(s => s.Name.Length).DefaultIfEmpty(0).Max();
        for (var i = 0; i < chart.Categories.Count; i++)
        {
            foreach (var series in chart.Series)
            {
                var value = i < series.Values.Count ? series.Values[i] : 0;
                var bar = max > 0 ? (int)Math.Round(value / max * BarWidth) : 0;
                var label = series == chart.Series[0] ? chart.Categories[i] : "";
                sb.AppendLine($"{label.PadRight(labelWidth)}  {(chart.Series.Count > 1 ? series.Name.PadRight(seriesWidth) + " " : "")}{new string('█', bar)} {MoneyFormat.Compact(value, chart.Unit)}");
            }
        }
    }

    private static string StripMarkdown(string markdown) =>
        markdown.Replace("**", "").Replace("`", "");
}
