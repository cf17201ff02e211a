using System.Text;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Text;
using AeBot.Text;

namespace AeBot.Rendering;

/// <summary>
/// Renders a reply for a terminal: markdown markers removed, facts and tables aligned, charts as bars, buttons
/// and choices numbered so a chat user can answer with the number. Widths are terminal cells, not UTF-16 units: a
/// Thai vowel or tone mark over or under its letter takes none, and a cell is cut between whole characters.
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
        var language = ReplyLanguage.FromCode(reply.Language) ?? ReplyLanguage.English;
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
                    var width = facts.Facts.Max(f => TextElements.Columns(f.Label));
                    foreach (var fact in facts.Facts)
                        sb.Append(PadRight(fact.Label, width)).Append("  ").AppendLine(fact.Value);
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
                    sb.AppendLine(language.Format(RenderTexts.ResourceManager, nameof(RenderTexts.Next), Buttons(actions.Actions, payloads)));
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
        var widths = table.Columns.Select((c, i) => Math.Min(40, Math.Max(TextElements.Columns(c), table.Rows.Select(r => i < r.Count ? TextElements.Columns(Cell(r[i])) : 0).DefaultIfEmpty(0).Max()))).ToList();
        string Line(IReadOnlyList<string> cells) => string.Join("  ", cells.Select((cell, i) =>
        {
            var text = Cell(cell);
            if (TextElements.Columns(text) > widths[i])
                text = TextElements.Prefix(text, widths[i] - 1, TextMeasure.Columns) + TextElements.Ellipsis; // whole characters only
            return table.Align[i] ? PadLeft(text, widths[i]) : PadRight(text, widths[i]);
        })).TrimEnd();
        sb.AppendLine(Line(table.Columns));
        sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in table.Rows)
            sb.AppendLine(Line(row));
    }

    private static string Cell(string text) => text.Replace('\n', ' ');

    /// <summary>Padded to <paramref name="width"/> terminal cells (string.PadRight would count Thai marks as cells).</summary>
    private static string PadRight(string text, int width) => text + new string(' ', Math.Max(0, width - TextElements.Columns(text)));

    private static string PadLeft(string text, int width) => new string(' ', Math.Max(0, width - TextElements.Columns(text))) + text;

    private static void Chart(StringBuilder sb, ChartBlock chart)
    {
        sb.AppendLine(chart.Title);
        var max = chart.Series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max();
        var labelWidth = chart.Categories.Select(TextElements.Columns).DefaultIfEmpty(0).Max();
        var seriesWidth = chart.Series.Select(s => TextElements.Columns(s.Name)).DefaultIfEmpty(0).Max();
        for (var i = 0; i < chart.Categories.Count; i++)
        {
            foreach (var series in chart.Series)
            {
                var value = i < series.Values.Count ? series.Values[i] : 0;
                var bar = max > 0 ? (int)Math.Round(value / max * BarWidth) : 0;
                var label = series == chart.Series[0] ? chart.Categories[i] : "";
                sb.AppendLine($"{PadRight(label, labelWidth)}  {(chart.Series.Count > 1 ? PadRight(series.Name, seriesWidth) + " " : "")}{new string('█', bar)} {MoneyFormat.Compact(value, chart.Unit)}");
            }
        }
    }

    private static string StripMarkdown(string markdown) =>
        markdown.Replace("**", "").Replace("`", "");
}
