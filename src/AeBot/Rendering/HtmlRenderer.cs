using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AeBot.Charts;
using AeBot.Core.Conversation;

namespace AeBot.Rendering;

/// <summary>
/// Renders a reply as an HTML fragment for the web chat. Every piece of text is HTML-encoded before the small
/// markdown subset is applied, so nothing from the data can inject markup. Buttons and choices carry their payload
/// in <c>data-payload</c>; charts are PNGs drawn by <see cref="ChartRenderer"/>, inlined as data URIs.
/// </summary>
public sealed partial class HtmlRenderer(ChartRenderer charts)
{
    public string Render(Reply reply)
    {
        var sb = new StringBuilder();
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case TextBlock text:
                    sb.Append("<div class=\"text\">").Append(Markdown(text.Markdown)).Append("</div>");
                    break;
                case FactsBlock facts:
                    sb.Append("<dl class=\"facts\">");
                    foreach (var fact in facts.Facts)
                        sb.Append("<dt>").Append(E(fact.Label)).Append("</dt><dd>").Append(E(fact.Value)).Append("</dd>");
                    sb.Append("</dl>");
                    break;
                case TableBlock table:
                    sb.Append("<table class=\"data\">");
                    if (table.Title is not null)
                        sb.Append("<caption>").Append(E(table.Title)).Append("</caption>");
                    sb.Append("<thead><tr>");
                    for (var i = 0; i < table.Columns.Count; i++)
                        sb.Append(table.Align[i] ? "<th class=\"num\">" : "<th>").Append(E(table.Columns[i])).Append("</th>");
                    sb.Append("</tr></thead><tbody>");
                    foreach (var row in table.Rows)
                    {
                        sb.Append("<tr>");
                        // Each cell carries its column's name: on a narrow screen the rows stack as "label: value".
                        for (var i = 0; i < row.Count; i++)
                            sb.Append(i < table.Align.Count && table.Align[i] ? "<td class=\"num\"" : "<td").Append(" data-label=\"").Append(E(i < table.Columns.Count ? table.Columns[i] : "")).Append("\">")
                                .Append(E(row[i])).Append("</td>");
                        sb.Append("</tr>");
                    }
                    sb.Append("</tbody></table>");
                    break;
                case ItemListBlock list:
                    if (list.Title is not null)
                        sb.Append("<div class=\"list-title\">").Append(E(list.Title)).Append("</div>");
                    sb.Append("<ul class=\"items\">");
                    foreach (var item in list.Items)
                    {
                        sb.Append("<li><span class=\"item-title\">").Append(E(item.Title)).Append("</span>");
                        if (item.Detail is not null)
                            sb.Append(" <span class=\"item-detail\">").Append(E(item.Detail)).Append("</span>");
                        Buttons(sb, item.Actions);
                        sb.Append("</li>");
                    }
                    sb.Append("</ul>");
                    break;
                case ActionsBlock actions:
                    Buttons(sb, actions.Actions);
                    break;
                case ChoiceBlock choice:
                    sb.Append("<div class=\"choice\"><div class=\"prompt\">").Append(E(choice.Prompt)).Append("</div>");
                    Buttons(sb, choice.Options);
                    sb.Append("</div>");
                    break;
                case ChartBlock chart:
                    // Two pictures of one chart: a phone-wide column gets the narrow one, whose text is not shrunk to a blur.
                    var png = Convert.ToBase64String(charts.RenderPng(chart));
                    var narrow = Convert.ToBase64String(charts.RenderPng(chart, ChartRenderer.NarrowWidth, ChartRenderer.NarrowHeight));
                    sb.Append("<figure class=\"chart\"><picture><source media=\"(max-width: 640px)\" srcset=\"data:image/png;base64,").Append(narrow).Append("\">")
                        .Append("<img alt=\"").Append(E(chart.Title)).Append("\" src=\"data:image/png;base64,").Append(png).Append("\"></picture></figure>");
                    break;
                case ContextBlock context:
                    sb.Append("<div class=\"context\">").Append(E(context.Text)).Append("</div>");
                    break;
            }
        }
        return sb.ToString();
    }

    private static void Buttons(StringBuilder sb, IReadOnlyList<ReplyAction> actions)
    {
        if (actions.Count == 0)
            return;
        sb.Append("<div class=\"actions\">");
        foreach (var action in actions)
        {
            var style = action.Style switch { ActionStyle.Primary => " primary", ActionStyle.Danger => " danger", _ => "" };
            // "More" continues the list just above it (the page appends the rows there instead of a new answer).
            if (action.Payload.StartsWith(Payloads.More, StringComparison.Ordinal))
                style += " more";
            sb.Append("<button type=\"button\" class=\"action").Append(style).Append("\" data-payload=\"").Append(E(action.Payload)).Append("\">")
                .Append(E(action.Label)).Append("</button>");
        }
        sb.Append("</div>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The core's markdown subset, applied after encoding: **bold**, _italic_, `code`, "- " bullets, line breaks.</summary>
    internal static string Markdown(string markdown)
    {
        var lines = E(markdown).Split('\n');
        var sb = new StringBuilder();
        var inList = false;
        foreach (var line in lines)
        {
            var isBullet = line.StartsWith("- ", StringComparison.Ordinal);
            if (isBullet && !inList)
            {
                sb.Append("<ul>");
                inList = true;
            }
            else if (!isBullet && inList)
            {
                sb.Append("</ul>");
                inList = false;
            }
            var content = Inline(isBullet ? line[2..] : line);
            sb.Append(isBullet ? $"<li>{content}</li>" : content + "<br>");
        }
        if (inList)
            sb.Append("</ul>");
        var html = sb.ToString();
        return html.EndsWith("<br>", StringComparison.Ordinal) ? html[..^4] : html;
    }

    private static string Inline(string text)
    {
        text = Bold().Replace(text, "<strong>$1</strong>");
        text = Code().Replace(text, "<code>$1</code>");
        return Italic().Replace(text, "<em>$1</em>");
    }

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"`(.+?)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"(?<![\w])_(.+?)_(?![\w])")]
    private static partial Regex Italic();
}
