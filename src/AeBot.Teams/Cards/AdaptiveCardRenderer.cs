using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AeBot.Charts;
using AeBot.Core.Conversation;
using AeBot.Core.Text;
using AeBot.Core.Understanding.Thai;

using AeBot.Teams.Text;

namespace AeBot.Teams.Cards;

/// <summary>A reply made ready for Teams: plain markdown text, or an Adaptive Card plus what did not fit in it.</summary>
/// <param name="Rest">Blocks (or the end of a long table or list) left for a "More" button; null when everything fit.</param>
internal sealed record TeamsRendering(string? Text, JsonObject? Card, string Summary, Reply? Rest);

/// <summary>
/// The core's reply as an Adaptive Card, schema 1.5 (what Teams renders today). Buttons are Universal Actions
/// (<c>Action.Execute</c>, with <c>Action.Submit</c> as fallback for older clients) carrying only the core's payload
/// — a verb and ids, never anything trusted for authorisation. Cards stay under <see cref="TeamsOptions.MaxCardBytes"/>:
/// long tables and lists are cut into pages and the rest returned for a "More" button.
/// <para>
/// Laid out for a phone as much as for a desktop (AdaptiveCardBrowserTests draws every kind of card with the official
/// renderer at 560 and 375 px): a row of buttons never holds more than fits on a phone, because Teams neither wraps
/// nor scrolls an ActionSet — it cuts the buttons off; choices and long labels are full-width tappable rows whose text
/// wraps; a list shows each item's title and detail and keeps its buttons folded under the item, and a long list
/// shows its first items and folds the rest behind "Show N more".
/// </para>
/// <para>
/// Elements used, all in schema 1.5 (https://adaptivecards.io/explorer/ and
/// https://learn.microsoft.com/en-us/adaptive-cards/schema-explorer/): Container <c>selectAction</c> (1.1; any action
/// but Action.ShowCard — adaptivecards.io/explorer/Container.html), <c>Action.ToggleVisibility</c> with
/// TargetElement (1.2 — adaptivecards.io/explorer/Action.ToggleVisibility.html, …/schema-explorer/target-element),
/// element <c>id</c>/<c>isVisible</c> (1.2), <c>ActionSet</c> (1.2 — …/schema-explorer/action-set),
/// <c>Action.Execute</c> (1.4 — …/schema-explorer/action-execute), <c>Table</c> (1.5).
/// </para>
/// </summary>
internal sealed partial class AdaptiveCardRenderer(ChartRenderer charts, int maxCardBytes)
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const int TableRowsPerPage = 15;
    public const int ListItemsPerPage = 8;

    /// <summary>Room kept for the "More" button and the activity around the card.</summary>
    private const int Reserve = 1500;

    /// <summary>
    /// At most this many buttons in one ActionSet: Teams' host config has <c>maxActions</c> 6 and the renderer silently
    /// drops the rest (the designer's microsoft-teams-light host config; adaptivecards ActionCollection.render).
    /// </summary>
    private const int ActionsPerSet = 5;

    /// <summary>
    /// Pixels a row of buttons may take: a 375 px phone less the card's 16 px padding each side and a nested container's.
    /// Teams lays an ActionSet out in one horizontal line (<c>actionsOrientation</c> Horizontal) and cuts off what does
    /// not fit, so rows are made to fit the narrowest screen.
    /// </summary>
    private const int RowWidth = 310;

    /// <summary>Items of a list shown before "Show N more"; the rest are in the card, folded.</summary>
    public const int ListItemsShown = 3;

    /// <summary>Chart sizes for cards: a Teams card column is about 500 px wide.</summary>
    public const int ChartWidth = 560;
    public const int ChartHeight = 300;

    /// <param name="chartUrls">Where each chart's picture is served, when it is; other charts go inline if they fit.</param>
    public TeamsRendering Render(Reply reply, bool asCard = false, IReadOnlyDictionary<ChartBlock, string>? chartUrls = null)
    {
        if (!asCard && reply.Blocks.All(b => b is TextBlock or ContextBlock))
            return new TeamsRendering(PlainText(reply), null, reply.Summary, null);

        var language = LanguageOf(reply);
        var body = new JsonArray();
        var card = Card(body, reply.Summary);
        var budget = maxCardBytes - Reserve;
        var rest = new List<ReplyBlock>();
        var ids = new ElementIds();
        for (var i = 0; i < reply.Blocks.Count; i++)
        {
            if (rest.Count > 0)
            {
                rest.Add(reply.Blocks[i]);
                continue;
            }
            var (shown, leftover) = Page(reply.Blocks[i]);
            var elements = Elements(shown, chartUrls, ids, language).Select(ThaiAsRichText).ToList();
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
                        foreach (var element in Elements(table, chartUrls, ids, language))
                            body.Add(element);
                    continue;
                }
                if (body.Count == 0)
                {
                    // Even one page of this block is too big (very long texts): show it cut, never an error.
                    body.Add(ThaiAsRichText(TextElement(Cut(BlockText(shown), budget / 2))));
                    continue;
                }
                rest.Add(reply.Blocks[i]);
                continue;
            }
            if (leftover is not null)
                rest.Add(leftover);
        }
        return new TeamsRendering(null, card, reply.Summary, rest.Count == 0 ? null : new Reply(rest) { Summary = T(language, nameof(TeamsTexts.MoreSummary), reply.Summary), Language = reply.Language });
    }

    /// <summary>Adds the "More" button that fetches the rest (<see cref="Core.Channels.ReplyPaging"/>).</summary>
    public static void AddMore(JsonObject card, string payload) => AddMore(card, payload, ReplyLanguage.English);

    public static void AddMore(JsonObject card, string payload, ReplyLanguage language) =>
        card["body"]!.AsArray().Add(ActionSet([new ReplyAction(T(language, nameof(TeamsTexts.More)), payload, ActionStyle.Primary)]));

    /// <summary>The language of a reply's own channel words; English for a reply stored before replies carried one.</summary>
    public static ReplyLanguage LanguageOf(Reply reply) => ReplyLanguage.FromCode(reply.Language) ?? ReplyLanguage.English;

    internal static string T(ReplyLanguage language, string key, params object?[] args) => language.Format(TeamsTexts.ResourceManager, key, args);

    /// <summary>A card holding only a short text: the in-place refresh after a button whose answer is plain.</summary>
    public static JsonObject TextCard(string markdown, string summary) => Card(new JsonArray(ThaiAsRichText(TextElement(markdown))), summary);

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

    private List<JsonNode> Elements(ReplyBlock block, IReadOnlyDictionary<ChartBlock, string>? chartUrls, ElementIds ids, ReplyLanguage language)
    {
        switch (block)
        {
            case TextBlock text:
                return [TextElement(Markdown(text.Markdown))];
            case ContextBlock context:
                return [new JsonObject { ["type"] = "TextBlock", ["text"] = Plain(context.Text), ["wrap"] = true, ["isSubtle"] = true, ["size"] = "Small" }];
            case FactsBlock facts when facts.Facts.Any(f => ThaiScript.Contains(f.Label) || ThaiScript.Contains(f.Value)):
                // A FactSet draws titles and values as TextBlocks, which cut the tops of Thai tone marks (see
                // ThaiAsRichText), and cannot hold anything else: Thai facts are rows of two columns instead, laid out
                // as the FactSet is (the titles bold in a column at most 150 px wide — the renderer's default for a
                // FactSet's titles — the values beside them 16 px on), whose texts become RichTextBlocks.
                var titles = $"{Math.Min(150, 8 * facts.Facts.Max(f => TextElements.Columns(f.Label)) + 4)}px";
                return [.. facts.Facts.Select((f, i) => (JsonNode)new JsonObject
                {
                    ["type"] = "ColumnSet",
                    ["spacing"] = i == 0 ? "Default" : "None",
                    ["columns"] = new JsonArray(
                        new JsonObject { ["type"] = "Column", ["width"] = titles, ["items"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = Plain(f.Label), ["wrap"] = true, ["weight"] = "Bolder" }) },
                        new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["spacing"] = "Medium", ["items"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = Plain(f.Value), ["wrap"] = true }) }),
                })];
            case FactsBlock facts:
                return [new JsonObject
                {
                    ["type"] = "FactSet",
                    ["facts"] = new JsonArray(facts.Facts.Select(f => (JsonNode)new JsonObject { ["title"] = Plain(f.Label), ["value"] = Plain(f.Value) }).ToArray()),
                }];
            case TableBlock table:
                return [.. Title(table.Title), .. FitsPhone(table) ? [Table(table)] : Records(table)];
            case ItemListBlock list:
                return List(list, ids, language);
            case ActionsBlock actions:
                return [.. Buttons(actions.Actions)];
            case ChoiceBlock choice:
                return Choices(choice);
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

    /// <summary>
    /// A list: each item's title and detail, its buttons folded under it (tapping the item shows them — one tap more,
    /// but a "my day" of 20 items is not 60 buttons to scroll past); past <see cref="ListItemsShown"/> items, the rest
    /// folded behind "Show N more". Everything stays in the card, so every button is reachable without a round trip.
    /// </summary>
    private static List<JsonNode> List(ItemListBlock list, ElementIds ids, ReplyLanguage language)
    {
        var elements = Title(list.Title);
        foreach (var item in list.Items.Take(ListItemsShown))
            elements.AddRange(Item(item, ids));
        var folded = list.Items.Skip(ListItemsShown).ToList();
        if (folded.Count == 0)
            return elements;
        var rest = ids.Next("more");
        var button = ids.Next("more-button");
        elements.Add(new JsonObject
        {
            ["type"] = "Container",
            ["id"] = rest,
            ["isVisible"] = false,
            ["spacing"] = "None",
            ["items"] = new JsonArray(folded.SelectMany(item => Item(item, ids)).ToArray()),
        });
        elements.Add(new JsonObject
        {
            ["type"] = "ActionSet",
            ["id"] = button,
            ["actions"] = new JsonArray(Toggle(T(language, nameof(TeamsTexts.ShowMore), folded.Count), (rest, true), (button, false))),
        });
        return elements;
    }

    private static IEnumerable<JsonNode> Item(ListItem item, ElementIds ids)
    {
        var text = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = Plain(item.Title), ["wrap"] = true, ["weight"] = "Bolder" });
        if (item.Detail is not null)
            text.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = Plain(item.Detail), ["wrap"] = true, ["isSubtle"] = true, ["spacing"] = "None" });
        if (item.Actions.Count == 0)
            return [new JsonObject { ["type"] = "Container", ["separator"] = true, ["items"] = text }];

        var actions = ids.Next("actions");
        var row = new JsonObject
        {
            ["type"] = "Container",
            ["separator"] = true,
            ["selectAction"] = Toggle(item.Title, (actions, null)),
            ["items"] = new JsonArray(new JsonObject
            {
                ["type"] = "ColumnSet",
                ["columns"] = new JsonArray(
                    new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = text },
                    new JsonObject
                    {
                        ["type"] = "Column",
                        ["width"] = "auto",
                        ["verticalContentAlignment"] = "Center",
                        // Says what tapping does, and which buttons are there, without showing them all.
                        ["items"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = "▾", ["color"] = "Accent", ["size"] = "Medium", ["weight"] = "Bolder" }),
                    }),
            }),
        };
        var buttons = new JsonObject
        {
            ["type"] = "Container",
            ["id"] = actions,
            ["isVisible"] = false,
            ["spacing"] = "Small",
            ["items"] = new JsonArray([.. Buttons(item.Actions)]),
        };
        return [row, buttons];
    }

    /// <summary>
    /// "Which one did you mean?" as full-width tappable rows, one per option: the text wraps (a button would cut it
    /// off), and options sharing a beginning ("Cobalt Insurance – GTX Pro · $114K …", "Cobalt Insurance – Cloud …")
    /// show what tells them apart first, the shared part said once above them.
    /// </summary>
    private static List<JsonNode> Choices(ChoiceBlock choice)
    {
        var elements = new List<JsonNode> { TextElement(Plain(choice.Prompt)) };
        var (shared, labels) = Distinguishing(choice.Options.Select(o => o.Label).ToList());
        if (shared is not null && !choice.Prompt.Contains(shared, StringComparison.OrdinalIgnoreCase))
            elements.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = Plain(shared), ["wrap"] = true, ["isSubtle"] = true, ["spacing"] = "Small" });
        for (var i = 0; i < choice.Options.Count; i++)
            elements.Add(Row(choice.Options[i], labels[i]));
        return elements;
    }

    /// <summary>Buttons in rows that fit a phone; a label too long for a button of its own becomes a tappable row.</summary>
    private static IEnumerable<JsonNode> Buttons(IReadOnlyList<ReplyAction> actions)
    {
        var row = new List<ReplyAction>();
        var width = 0;
        foreach (var action in actions)
        {
            var needed = ButtonWidth(action.Label);
            if (needed > RowWidth)
            {
                if (row.Count > 0)
                    yield return ActionSet(row);
                row = [];
                width = 0;
                yield return Row(action, action.Label);
                continue;
            }
            if (row.Count > 0 && (width + ButtonSpacing + needed > RowWidth || row.Count == ActionsPerSet))
            {
                yield return ActionSet(row);
                row = [];
                width = 0;
            }
            width += (row.Count > 0 ? ButtonSpacing : 0) + needed;
            row.Add(action);
        }
        if (row.Count > 0)
            yield return ActionSet(row);
    }

    /// <summary>
    /// Teams' button: 10 px padding and a 2 px border each side, 14 px text — about 7 px a character in DejaVu Sans,
    /// which the browser test draws with and which is wider than Segoe UI, so the estimate errs on the safe side.
    /// </summary>
    private static int ButtonWidth(string label) => 24 + 7 * label.Length;

    private const int ButtonSpacing = 8;

    /// <summary>
    /// A full-width tappable row carrying the same action a button would (Container.selectAction, which takes any
    /// action but Action.ShowCard — adaptivecards.io/explorer/Container.html). The first part of the label is bold,
    /// what follows a " · " is the detail line.
    /// </summary>
    private static JsonObject Row(ReplyAction action, string label)
    {
        var split = label.IndexOf(" · ", StringComparison.Ordinal);
        var text = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = Plain(split < 0 ? label : label[..split]), ["wrap"] = true, ["weight"] = "Bolder", ["color"] = action.Style == ActionStyle.Danger ? "Attention" : "Default" });
        if (split >= 0)
            text.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = Plain(label[(split + 3)..]), ["wrap"] = true, ["isSubtle"] = true, ["spacing"] = "None" });
        return new JsonObject
        {
            ["type"] = "Container",
            ["style"] = "emphasis",
            ["spacing"] = "Small",
            ["selectAction"] = Action(action),
            ["items"] = new JsonArray(new JsonObject
            {
                ["type"] = "ColumnSet",
                ["columns"] = new JsonArray(
                    new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = text },
                    new JsonObject
                    {
                        ["type"] = "Column",
                        ["width"] = "auto",
                        ["verticalContentAlignment"] = "Center",
                        ["items"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = "›", ["color"] = "Accent", ["size"] = "Large", ["weight"] = "Bolder" }),
                    }),
            }),
        };
    }

    /// <summary>Separators after which a label's beginning may be shared with its siblings ("Cobalt Insurance – …").</summary>
    private static readonly string[] Separators = [" – ", " — ", " - ", ": ", " · "];

    /// <summary>
    /// The beginning (up to a separator) that two or more labels share, and each label with it dropped; labels not
    /// starting with it ("None — just the account", "Cancel") stay whole. Null when no beginning is shared.
    /// </summary>
    internal static (string? Shared, IReadOnlyList<string> Labels) Distinguishing(IReadOnlyList<string> labels)
    {
        string? Head(string label)
        {
            var cut = Separators.Select(s => (At: label.IndexOf(s, StringComparison.Ordinal), s.Length)).Where(x => x.At > 0).OrderBy(x => x.At).FirstOrDefault();
            return cut.Length == 0 || cut.At + cut.Length >= label.Length ? null : label[..(cut.At + cut.Length)];
        }
        var shared = labels.Select(Head).Where(h => h is not null).GroupBy(h => h!).Where(g => g.Count() >= 2).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        if (shared is null)
            return (null, labels);
        return (shared.TrimEnd(' ', '–', '—', '-', ':', '·'), labels.Select(l => l.StartsWith(shared, StringComparison.Ordinal) ? l[shared.Length..] : l).ToList());
    }

    /// <summary>Shows, hides or flips elements in place, no round trip (adaptivecards.io/explorer/Action.ToggleVisibility.html).</summary>
    private static JsonObject Toggle(string title, params (string Id, bool? Visible)[] targets) => new()
    {
        ["type"] = "Action.ToggleVisibility",
        ["title"] = title,
        ["targetElements"] = new JsonArray(targets.Select(t => (JsonNode)(t.Visible is { } v
            ? new JsonObject { ["elementId"] = t.Id, ["isVisible"] = v }
            : new JsonObject { ["elementId"] = t.Id })).ToArray()),
    };

    /// <summary>Ids unique within one card, for what a toggle shows and hides.</summary>
    private sealed class ElementIds
    {
        private int _next;

        public string Next(string kind) => $"{kind}-{++_next}";
    }

    private static List<JsonNode> Title(string? title) =>
        title is null ? [] : [new JsonObject { ["type"] = "TextBlock", ["text"] = Plain(title), ["wrap"] = true, ["weight"] = "Bolder", ["size"] = "Medium" }];

    private static JsonObject Table(TableBlock table)
    {
        var columns = new JsonArray(table.Columns.Select((_, i) => (JsonNode)new JsonObject { ["width"] = ColumnWeight(table, i) }).ToArray());
        var rows = new JsonArray { Row(table.Columns, table.Align, header: true) };
        foreach (var row in table.Rows)
            rows.Add(Row(row, table.Align, header: false));
        return new JsonObject { ["type"] = "Table", ["firstRowAsHeader"] = true, ["showGridLines"] = false, ["columns"] = columns, ["rows"] = rows };
    }

    /// <summary>
    /// Whether the table's columns fit side by side on a phone: each column at least as wide as its longest word (a
    /// Table has no horizontal scroll, so a wider one breaks "Negotiation" and "$114,000" in the middle), at about 8 px
    /// a character plus the cell's padding, within the <see cref="RowWidth"/> a phone leaves.
    /// </summary>
    private static bool FitsPhone(TableBlock table) =>
        Enumerable.Range(0, table.Columns.Count).Sum(i => 8 * LongestWord(table, i) + 16) <= RowWidth + 30;

    private static int LongestWord(TableBlock table, int column) =>
        table.Rows.Select(r => column < r.Count ? r[column] : "").Append(table.Columns[column])
            .SelectMany(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(w => w.Length).DefaultIfEmpty(1).Max();

    /// <summary>
    /// A table too wide for a phone, one record per row: the first cell as its title, the others labelled by their
    /// column on a line below ("Stage: Proposal · Amount: $114,000 · Close: Dec 14") — readable at any width.
    /// </summary>
    private static IEnumerable<JsonNode> Records(TableBlock table) => table.Rows.Select(row =>
    {
        var rest = row.Skip(1).Select((cell, i) => (Header: table.Columns[i + 1], Cell: cell)).Where(c => c.Cell.Length > 0)
            .Select(c => c.Header.Length == 0 ? c.Cell : $"{c.Header}: {c.Cell}");
        return (JsonNode)new JsonObject
        {
            ["type"] = "Container",
            ["separator"] = true,
            ["items"] = new JsonArray(
                new JsonObject { ["type"] = "TextBlock", ["text"] = Plain(row.Count > 0 ? row[0] : ""), ["wrap"] = true, ["weight"] = "Bolder" },
                new JsonObject { ["type"] = "TextBlock", ["text"] = Plain(string.Join(" · ", rest)), ["wrap"] = true, ["isSubtle"] = true, ["spacing"] = "None" }),
        };
    });

    /// <summary>
    /// A column's share of the width (Table columns take relative weights): room for its longest word, so a narrow
    /// screen does not break "Negotiation" in two, and more for long texts — equal shares squeeze the deal names.
    /// </summary>
    private static int ColumnWeight(TableBlock table, int column)
    {
        var longest = table.Rows.Select(r => column < r.Count ? r[column].Length : 0).Append(table.Columns[column].Length).Max();
        return Math.Clamp(Math.Max(LongestWord(table, column) + 2, longest / 3), 3, 30);
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
        var execute = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = action.Label,
            ["verb"] = action.Payload,
            ["data"] = new JsonObject { ["payload"] = action.Payload },
        };
        // "default" is the default style: left out, a "my day" of 60 buttons is a kilobyte smaller.
        if (action.Style != ActionStyle.Default)
            execute["style"] = action.Style == ActionStyle.Primary ? "positive" : "destructive";
        execute["fallback"] = new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = action.Label,
            ["data"] = new JsonObject { ["payload"] = action.Payload },
        };
        return execute;
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
        Encoding.UTF8.GetByteCount(text) <= maxBytes ? text : TextElements.Shorten(text, maxBytes / 4);

    /// <summary>
    /// Thai text as RichTextBlocks rather than TextBlocks. The official renderer draws a TextBlock in a box that clips
    /// (overflow hidden) with lines 1.33 × the font size high — Segoe UI's ascent plus descent — and the tone marks Thai
    /// stacks over an upper vowel (ที่, ทั้ง) rise higher, so on a first line their tops are cut off; a RichTextBlock's
    /// lines are as tall as the fonts drawing them need, and nothing clips them (AdaptiveCardBrowserTests measures
    /// this with Debian's Thai fonts). The same subset of markdown is kept: **bold** runs, "- " items as "• " lines.
    /// </summary>
    internal static JsonNode ThaiAsRichText(JsonNode node)
    {
        if (node is JsonObject o && o["type"]?.GetValue<string>() == "TextBlock" && o["text"]?.GetValue<string>() is { } text && ThaiScript.Contains(text))
            return RichText(o, text);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is null)
                        continue;
                    var replaced = ThaiAsRichText(value);
                    if (!ReferenceEquals(replaced, value))
                        obj[key] = replaced;
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not { } item)
                        continue;
                    var replaced = ThaiAsRichText(item);
                    if (!ReferenceEquals(replaced, item))
                        array[i] = replaced;
                }
                break;
        }
        return node;
    }

    private static readonly string[] BlockProperties = ["spacing", "separator", "id", "isVisible", "height"];
    private static readonly string[] RunProperties = ["weight", "color", "isSubtle", "size", "fontType", "italic"];

    private static JsonNode RichText(JsonObject textBlock, string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var paragraphs = new List<JsonObject>();
        var afterBreak = false;
        foreach (var raw in lines)
        {
            if (raw.Trim().Length == 0)
            {
                afterBreak = true;
                continue;
            }
            var line = raw.StartsWith("- ", StringComparison.Ordinal) ? "• " + raw[2..] : raw;
            var inlines = new JsonArray();
            var at = 0;
            foreach (Match bold in Bold().Matches(line))
            {
                if (bold.Index > at)
                    inlines.Add(Run(textBlock, line[at..bold.Index], bolder: false));
                inlines.Add(Run(textBlock, bold.Groups[1].Value, bolder: true));
                at = bold.Index + bold.Length;
            }
            if (at < line.Length)
                inlines.Add(Run(textBlock, line[at..], bolder: false));
            var paragraph = new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = inlines };
            if (paragraphs.Count > 0)
                paragraph["spacing"] = afterBreak ? "Default" : "None";
            if (textBlock["horizontalAlignment"] is { } alignment)
                paragraph["horizontalAlignment"] = alignment.DeepClone();
            paragraphs.Add(paragraph);
            afterBreak = false;
        }
        var result = paragraphs.Count == 1 ? paragraphs[0] : new JsonObject { ["type"] = "Container", ["items"] = new JsonArray([.. paragraphs]) };
        foreach (var key in BlockProperties)
            if (textBlock[key] is { } value)
                result[key] = value.DeepClone();
        return result;
    }

    private static JsonObject Run(JsonObject textBlock, string text, bool bolder)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text };
        foreach (var key in RunProperties)
            if (textBlock[key] is { } value)
                run[key] = value.DeepClone();
        if (bolder)
            run["weight"] = "Bolder";
        return run;
    }

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

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();
}
