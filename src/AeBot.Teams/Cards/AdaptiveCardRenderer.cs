using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AeBot.Charts;
using AeBot.Core.Conversation;

namespace AeBot.Teams.Cards;

/// <summary>A reply made ready for Teams: plain markdown text, or an Adaptive Card plus what did not fit in it.</summary>
/// <param name="Rest">Blocks (or the end of a long table or list) left for a "More" button; null when everything fit.</param>
internal sealed record TeamsRendering(string? Text, JsonObject? Card, string Summary, Reply? Rest);

/// <summary>
/// The core's reply as an Adaptive Card, schema 1.5 (what Teams renders today). Buttons are Universal Actions
/// (<c>Action.Execute</c>, with <c>Action.Submit</c> as fallback for older clients) carrying only the core's payload
/// — a verb and ids, never anything trusted for authorisation. Cards stay under <see cref="TeamsOptions.MaxCardBytes"/>:
/// long tables and lists are cut into pages and the rest returned for a "More" button.
/// </summary>
internal sealed partial class AdaptiveCardRenderer(ChartRenderer charts, int maxCardBytes)
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const int TableRowsPerPage = 15;
    public const int ListItemsPerPage = 8;

    /// <summary>Room kept for the "More" button and the activity around the card.</summary>
    private const int Reserve = 1500;

    private const int ActionsPerSet = 5;

    /// <summary>Chart sizes for cards: a Teams card column is about 500 px wide.</summary>
    public const int ChartWidth = 560;
    public const int ChartHeight = 300;

    /// <param name="chartUrls">Where each chart's picture is served, when it is; other charts go inline if they fit.</param>
    public TeamsRendering Render(Reply reply, bool asCard = false, IReadOnlyDictionary<ChartBlock, string>? chartUrls = null)
    {
        if (!asCard && reply.Blocks.All(b => b is TextBlock or ContextBlock))
            return new TeamsRendering(PlainText(reply), null, reply.Summary, null);

        var body = new JsonArray();
        var card = Card(body, reply.Summary);
        var budget = maxCardBytes - Reserve;
        var rest = new List<ReplyBlock>();
        for (var i = 0; i < reply.Blocks.Count; i++)
        {
            if (rest.Count > 0)
            {
                rest.Add(reply.Blocks[i]);
                continue;
            }
            var (shown, leftover) = Page(reply.Blocks[i]);
            var elements = Elements(shown, chartUrls);
            foreach (var element in elements)
                body.Add(element);
            if (Size(card) > budget)
            {
                foreach (var element in elements)
                    body.Remove(element);
                if (shown is ChartBlock chart)
                {
                    // A picture too big for what is left: the same figures as a table, which always fits a page.
                    var table = ChartAsTable(chart);
                    if (body.Count > 0)
                        rest.Add(table);
                    else
                        foreach (var element in Elements(table, chartUrls))
                            body.Add(element);
                    continue;
                }
                if (body.Count == 0)
                {
                    // Even one page of this block is too big (very long texts): show it cut, never an error.
                    body.Add(TextElement(Cut(BlockText(shown), budget / 2)));
                    continue;
                }
                rest.Add(reply.Blocks[i]);
                continue;
            }
            if (leftover is not null)
                rest.Add(leftover);
        }
        return new TeamsRendering(null, card, reply.Summary, rest.Count == 0 ? null : new Reply(rest) { Summary = reply.Summary + " (more)" });
    }

    /// <summary>Adds the "More" button that fetches the rest (<see cref="Core.Channels.ReplyPaging"/>).</summary>
    public static void AddMore(JsonObject card, string payload) =>
        card["body"]!.AsArray().Add(ActionSet([new ReplyAction("More", payload, ActionStyle.Primary)]));

    /// <summary>A card holding only a short text: the in-place refresh after a button whose answer is plain.</summary>
    public static JsonObject TextCard(string markdown, string summary) => Card(new JsonArray(TextElement(markdown)), summary);

    public static int Size(JsonObject card) => Encoding.UTF8.GetByteCount(card.ToJsonString());

    private static JsonObject Card(JsonArray body, string summary) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["version"] = "1.5",
        ["fallbackText"] = summary,
        ["speak"] = summary,
        ["msteams"] = new JsonObject { ["width"] = "Full" },
        ["body"] = body,
    };

    private static (ReplyBlock Shown, ReplyBlock? Leftover) Page(ReplyBlock block) => block switch
    {
        TableBlock t when t.Rows.Count > TableRowsPerPage =>
            (t with { Rows = t.Rows.Take(TableRowsPerPage).ToList() }, t with { Rows = t.Rows.Skip(TableRowsPerPage).ToList() }),
        ItemListBlock l when l.Items.Count > ListItemsPerPage =>
            (l with { Items = l.Items.Take(ListItemsPerPage).ToList() }, l with { Items = l.Items.Skip(ListItemsPerPage).ToList() }),
        _ => (block, null),
    };

    private List<JsonNode> Elements(ReplyBlock block, IReadOnlyDictionary<ChartBlock, string>? chartUrls)
    {
        switch (block)
        {
            case TextBlock text:
                return [TextElement(Markdown(text.Markdown))];
            case ContextBlock context:
                return [new JsonObject { ["type"] = "TextBlock", ["text"] = Plain(context.Text), ["wrap"] = true, ["isSubtle"] = true, ["size"] = "Small" }];
            case FactsBlock facts:
                return [new JsonObject
                {
                    ["type"] = "FactSet",
                    ["facts"] = new JsonArray(facts.Facts.Select(f => (JsonNode)new JsonObject { ["title"] = Plain(f.Label), ["value"] = Plain(f.Value) }).ToArray()),
                }];
            case TableBlock table:
                return [.. Title(table.Title), Table(table)];
            case ItemListBlock list:
            {
                var elements = Title(list.Title);
                foreach (var item in list.Items)
                {
                    var items = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = Plain(item.Title), ["wrap"] = true, ["weight"] = "Bolder" });
                    if (item.Detail is not null)
                        items.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = Plain(item.Detail), ["wrap"] = true, ["isSubtle"] = true, ["spacing"] = "None" });
                    if (item.Actions.Count > 0)
                        items.Add(ActionSet(item.Actions));
                    elements.Add(new JsonObject { ["type"] = "Container", ["separator"] = true, ["items"] = items });
                }
                return elements;
            }
            case ActionsBlock actions:
                return [.. actions.Actions.Chunk(ActionsPerSet).Select(ActionSet)];
            case ChoiceBlock choice:
                return [TextElement(Plain(choice.Prompt)), .. choice.Options.Chunk(ActionsPerSet).Select(ActionSet)];
            case ChartBlock chart:
            {
                var url = chartUrls is not null && chartUrls.TryGetValue(chart, out var served)
                    ? served
                    : "data:image/png;base64," + Convert.ToBase64String(charts.RenderPng(chart, ChartWidth, ChartHeight));
                return [.. Title(chart.Title), new JsonObject
                {
                    ["type"] = "Image",
                    ["url"] = url,
                    ["altText"] = chart.Title,
                    ["size"] = "Stretch",
                }];
            }
            default:
                return [];
        }
    }

    private static List<JsonNode> Title(string? title) =>
        title is null ? [] : [new JsonObject { ["type"] = "TextBlock", ["text"] = Plain(title), ["wrap"] = true, ["weight"] = "Bolder", ["size"] = "Medium" }];

    private static JsonObject Table(TableBlock table)
    {
        var columns = new JsonArray(table.Columns.Select(_ => (JsonNode)new JsonObject { ["width"] = 1 }).ToArray());
        var rows = new JsonArray { Row(table.Columns, table.Align, header: true) };
        foreach (var row in table.Rows)
            rows.Add(Row(row, table.Align, header: false));
        return new JsonObject { ["type"] = "Table", ["firstRowAsHeader"] = true, ["showGridLines"] = false, ["columns"] = columns, ["rows"] = rows };
    }

    private static JsonObject Row(IReadOnlyList<string> cells, IReadOnlyList<bool> align, bool header) => new()
    {
        ["type"] = "TableRow",
        ["cells"] = new JsonArray(cells.Select((cell, i) => (JsonNode)new JsonObject
        {
            ["type"] = "TableCell",
            ["items"] = new JsonArray(new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = Plain(cell),
                ["wrap"] = true,
                ["weight"] = header ? "Bolder" : "Default",
                ["horizontalAlignment"] = i < align.Count && align[i] ? "Right" : "Left",
            }),
        }).ToArray()),
    };

    private static JsonObject ActionSet(IEnumerable<ReplyAction> actions) => new()
    {
        ["type"] = "ActionSet",
        ["actions"] = new JsonArray(actions.Select(a => (JsonNode)Action(a)).ToArray()),
    };

    /// <summary>
    /// Universal Action: the verb is the core's payload, so the invoke needs nothing else. The Submit fallback sends
    /// the same payload as a message for clients without Universal Actions.
    /// </summary>
    private static JsonObject Action(ReplyAction action)
    {
        var style = action.Style switch { ActionStyle.Primary => "positive", ActionStyle.Danger => "destructive", _ => "default" };
        return new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = action.Label,
            ["verb"] = action.Payload,
            ["data"] = new JsonObject { ["payload"] = action.Payload },
            ["style"] = style,
            ["fallback"] = new JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = action.Label,
                ["data"] = new JsonObject { ["payload"] = action.Payload },
            },
        };
    }

    private static JsonObject TextElement(string markdown) => new() { ["type"] = "TextBlock", ["text"] = markdown, ["wrap"] = true };

    private static TableBlock ChartAsTable(ChartBlock chart)
    {
        var columns = new List<string> { "" };
        columns.AddRange(chart.Series.Select(s => s.Name));
        var rows = chart.Categories.Select((category, i) =>
            (IReadOnlyList<string>)[category, .. chart.Series.Select(s => i < s.Values.Count ? s.Values[i].ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "")]).ToList();
        return new TableBlock($"{chart.Title} ({chart.Unit})", columns, rows, [false, .. chart.Series.Select(_ => true)]);
    }

    private static string BlockText(ReplyBlock block) => block switch
    {
        TextBlock t => Markdown(t.Markdown),
        ContextBlock c => c.Text,
        _ => "",
    };

    private static string Cut(string text, int maxBytes) =>
        Encoding.UTF8.GetByteCount(text) <= maxBytes ? text : text[..Math.Min(text.Length, maxBytes / 4)] + "…";

    /// <summary>Markdown for a text message: the core's subset, with the context as a small italic line.</summary>
    private static string PlainText(Reply reply) => string.Join("\n\n", reply.Blocks.Select(b => b switch
    {
        TextBlock t => Markdown(t.Markdown),
        ContextBlock c => "_" + Plain(c.Text) + "_",
        _ => "",
    }).Where(s => s.Length > 0));

    /// <summary>
    /// The core's markdown subset in the dialect Teams renders: paragraphs need a blank line, list items a line of
    /// their own; `code` has no style there, so its backticks go.
    /// </summary>
    internal static string Markdown(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var sb = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = Code().Replace(lines[i], "$1");
            var bullet = line.StartsWith("- ", StringComparison.Ordinal);
            var nextBullet = i + 1 < lines.Length && lines[i + 1].StartsWith("- ", StringComparison.Ordinal);
            sb.Append(line);
            if (i < lines.Length - 1)
                sb.Append(bullet && nextBullet ? "\n" : "\n\n");
        }
        return sb.ToString();
    }

    /// <summary>
    /// Text from data (names, notes). Adaptive Cards have no markdown escape, so a stray "*" can only be left as is;
    /// tables, facts and titles are where data goes and those render it literally enough.
    /// </summary>
    internal static string Plain(string text) => text.Replace("\r\n", "\n");

    [GeneratedRegex("`(.+?)`")]
    private static partial Regex Code();
}
