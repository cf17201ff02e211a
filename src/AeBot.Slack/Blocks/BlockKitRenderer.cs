using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AeBot.Core.Conversation;
using AeBot.Core.Text;

using AeBot.Slack.Text;

namespace AeBot.Slack.Blocks;

/// <summary>A reply made ready for Slack: fallback text, blocks, charts to upload, and what did not fit.</summary>
internal sealed record SlackRendering(string Text, JsonArray Blocks, IReadOnlyList<ChartBlock> Charts, Reply? Rest);

/// <summary>
/// The core's reply as Block Kit, inside Slack's limits: 50 blocks a message, 3,000 characters of section text,
/// 10 fields a section, 150-character headers, 75-character button labels, 2,000-character button values, 25
/// elements an actions block. Long tables and lists are cut into pages and the rest returned for a "More" button
/// rather than cut off or rejected. Buttons carry only the core's payload (a verb and ids) as their value.
/// </summary>
internal static partial class BlockKitRenderer
{
    public const int MaxBlocks = 50;
    public const int MaxSectionText = 3000;
    public const int MaxFields = 10;
    public const int MaxFieldText = 2000;
    public const int MaxButtonText = 75;
    public const int MaxButtonValue = 2000;
    public const int MaxActionElements = 25;
    public const int MaxFallbackText = 3000;
    public const int TableRowsPerPage = 20;
    public const int ListItemsPerPage = 10;

    /// <summary>Options a page: as lines of their own (long labels) they take a block each.</summary>
    public const int ChoicesPerPage = 20;

    /// <summary>
    /// Longest option label kept on a button. Slack's limit is 75 characters, but a button is one line that a phone
    /// cuts far sooner; a longer option gets a line of its own.
    /// </summary>
    private const int ShortLabel = 30;

    /// <summary>Blocks kept free for the "More" button.</summary>
    private const int Reserve = 1;

    public static SlackRendering Render(Reply reply)
    {
        // The channel's own few words (More, Choose, notes) in the reply's language.
        var language = ReplyLanguage.FromCode(reply.Language) ?? ReplyLanguage.English;
        var blocks = new JsonArray();
        var charts = new List<ChartBlock>();
        var rest = new List<ReplyBlock>();
        var buttons = 0;
        foreach (var block in reply.Blocks)
        {
            if (rest.Count > 0)
            {
                rest.Add(block);
                continue;
            }
            var (shown, leftover) = Page(block);
            var rendered = Blocks(shown, language, ref buttons);
            if (blocks.Count + rendered.Count > MaxBlocks - Reserve)
            {
                if (blocks.Count == 0)
                {
                    // Cannot happen with the page sizes above (a page is at most 21 blocks); defensive: say so.
                    foreach (var b in rendered.Take(MaxBlocks - Reserve - 1))
                        blocks.Add(b);
                    blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(MrkdwnText(T(language, nameof(SlackTexts.Shortened)))) });
                    continue;
                }
                rest.Add(block);
                continue;
            }
            foreach (var b in rendered)
                blocks.Add(b);
            if (shown is ChartBlock chart)
                charts.Add(chart);
            if (leftover is not null)
                rest.Add(leftover);
        }
        var text = Cut(Plain(reply.Summary), MaxFallbackText);
        return new SlackRendering(text, blocks, charts, rest.Count == 0 ? null : new Reply(rest) { Summary = T(language, nameof(SlackTexts.MoreSummary), reply.Summary), Language = reply.Language });
    }

    /// <summary>Adds the "More" button that fetches the rest (<see cref="Core.Channels.ReplyPaging"/>).</summary>
    public static void AddMore(JsonArray blocks, string payload) => AddMore(blocks, payload, ReplyLanguage.English);

    public static void AddMore(JsonArray blocks, string payload, ReplyLanguage language)
    {
        var counter = 1000;
        blocks.Add(Actions([new ReplyAction(T(language, nameof(SlackTexts.More)), payload, ActionStyle.Primary)], ref counter));
    }

    private static string T(ReplyLanguage language, string key, params object?[] args) => language.Format(SlackTexts.ResourceManager, key, args);

    private static (ReplyBlock Shown, ReplyBlock? Leftover) Page(ReplyBlock block) => block switch
    {
        TableBlock t when t.Rows.Count > TableRowsPerPage =>
            (t with { Rows = t.Rows.Take(TableRowsPerPage).ToList() }, t with { Rows = t.Rows.Skip(TableRowsPerPage).ToList() }),
        ItemListBlock l when l.Items.Count > ListItemsPerPage =>
            (l with { Items = l.Items.Take(ListItemsPerPage).ToList() }, l with { Items = l.Items.Skip(ListItemsPerPage).ToList() }),
        FactsBlock f when f.Facts.Count > 3 * MaxFields =>
            (f with { Facts = f.Facts.Take(3 * MaxFields).ToList() }, f with { Facts = f.Facts.Skip(3 * MaxFields).ToList() }),
        ChoiceBlock c when c.Options.Count > ChoicesPerPage =>
            (c with { Options = c.Options.Take(ChoicesPerPage).ToList() }, c with { Options = c.Options.Skip(ChoicesPerPage).ToList() }),
        ActionsBlock a when a.Actions.Count > 2 * MaxActionElements =>
            (a with { Actions = a.Actions.Take(2 * MaxActionElements).ToList() }, a with { Actions = a.Actions.Skip(2 * MaxActionElements).ToList() }),
        _ => (block, null),
    };

    private static List<JsonObject> Blocks(ReplyBlock block, ReplyLanguage language, ref int buttons)
    {
        switch (block)
        {
            case TextBlock text:
                return Sections(Mrkdwn(text.Markdown));
            case ContextBlock context:
                return [new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(MrkdwnText(Cut(Escape(context.Text), MaxSectionText))) }];
            case FactsBlock facts:
                return facts.Facts.Chunk(MaxFields).Select(chunk => new JsonObject
                {
                    ["type"] = "section",
                    ["fields"] = new JsonArray(chunk.Select(f => (JsonNode)MrkdwnText(Cut($"*{Escape(f.Label)}*\n{Escape(f.Value)}", MaxFieldText))).ToArray()),
                }).ToList();
            case TableBlock table:
            {
                var result = new List<JsonObject>();
                if (table.Title is not null)
                    result.Add(Section($"*{Escape(table.Title)}*"));
                result.AddRange(CodeSections(Monospace(table)));
                return result;
            }
            case ItemListBlock list:
            {
                var result = new List<JsonObject>();
                if (list.Title is not null)
                    result.Add(Section($"*{Escape(list.Title)}*"));
                foreach (var item in list.Items)
                {
                    var line = $"*{Escape(item.Title)}*" + (item.Detail is null ? "" : "\n" + Escape(item.Detail));
                    var section = Section(Cut(line, MaxSectionText));
                    if (item.Actions.Count == 1)
                        section["accessory"] = Button(item.Actions[0], ref buttons);
                    result.Add(section);
                    if (item.Actions.Count > 1)
                        result.Add(Actions(item.Actions, ref buttons));
                }
                return result;
            }
            case ActionsBlock actions:
            {
                var result = new List<JsonObject>();
                foreach (var chunk in actions.Actions.Chunk(MaxActionElements))
                    result.Add(Actions(chunk, ref buttons));
                return result;
            }
            case ChoiceBlock choice:
            {
                var result = new List<JsonObject> { Section(Cut(Escape(choice.Prompt), MaxSectionText)) };
                if (choice.Options.All(o => o.Label.Length <= ShortLabel))
                {
                    foreach (var chunk in choice.Options.Chunk(MaxActionElements))
                        result.Add(Actions(chunk, ref buttons));
                    return result;
                }
                // Long options ("Cobalt Insurance – GTX Pro · $114K · Proposal · closes Dec 14") as a line each, whose
                // text wraps, with a "Choose" button beside it: on a button they would be cut off, and options sharing
                // a beginning would look alike.
                foreach (var option in choice.Options)
                {
                    var split = option.Label.IndexOf(" · ", StringComparison.Ordinal);
                    var line = split < 0 ? $"*{Escape(option.Label)}*" : $"*{Escape(option.Label[..split])}*\n{Escape(option.Label[(split + 3)..])}";
                    var section = Section(Cut(line, MaxSectionText));
                    section["accessory"] = Button(option with { Label = T(language, nameof(SlackTexts.Choose)) }, ref buttons);
                    result.Add(section);
                }
                return result;
            }
            case ChartBlock chart:
                // The picture is uploaded beside the message (files.*); here, its figures in words for screen readers.
                return [new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(MrkdwnText(Cut(T(language, nameof(SlackTexts.ChartAttached), Escape(chart.Title)), MaxSectionText))) }];
            default:
                return [];
        }
    }

    private static JsonObject Actions(IEnumerable<ReplyAction> actions, ref int buttons)
    {
        var elements = new JsonArray();
        foreach (var action in actions)
            elements.Add(Button(action, ref buttons));
        return new JsonObject { ["type"] = "actions", ["elements"] = elements };
    }

    private static JsonObject Button(ReplyAction action, ref int buttons)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Cut(action.Label, MaxButtonText), ["emoji"] = true },
            ["value"] = action.Payload.Length <= MaxButtonValue ? action.Payload : throw new ArgumentException($"A button payload is over Slack's {MaxButtonValue} characters: {action.Payload[..40]}…"),
            // action_id must be unique within the message; Slack sends it back, AeBot reads only the value.
            ["action_id"] = "aebot-" + (buttons++).ToString(CultureInfo.InvariantCulture),
        };
        if (action.Style != ActionStyle.Default)
            button["style"] = action.Style == ActionStyle.Primary ? "primary" : "danger";
        return button;
    }

    private static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = MrkdwnText(mrkdwn) };

    private static JsonObject MrkdwnText(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    /// <summary>Long text split at line breaks into sections of at most 3,000 characters.</summary>
    private static List<JsonObject> Sections(string mrkdwn)
    {
        var result = new List<JsonObject>();
        var current = new StringBuilder();
        foreach (var line in mrkdwn.Split('\n'))
        {
            if (current.Length > 0 && current.Length + 1 + line.Length > MaxSectionText)
            {
                result.Add(Section(current.ToString()));
                current.Clear();
            }
            if (current.Length > 0)
                current.Append('\n');
            current.Append(line.Length > MaxSectionText ? Cut(line, MaxSectionText) : line);
        }
        if (current.Length > 0)
            result.Add(Section(current.ToString()));
        return result;
    }

    private static IEnumerable<JsonObject> CodeSections(IReadOnlyList<string> lines)
    {
        const int room = MaxSectionText - 8; // the ``` fences
        var current = new StringBuilder();
        foreach (var line in lines)
        {
            if (current.Length > 0 && current.Length + 1 + line.Length > room)
            {
                yield return Section("```" + current + "```");
                current.Clear();
            }
            if (current.Length > 0)
                current.Append('\n');
            current.Append(TextElements.Prefix(line, room));
        }
        if (current.Length > 0)
            yield return Section("```" + current + "```");
    }

    /// <summary>
    /// A table as aligned text: Slack has no table block that works in messages everywhere. Widths are in monospaced
    /// cells, where a Thai vowel or tone mark over or under a letter takes none (TextElements.Columns), so columns of
    /// Thai names line up with the rest; a cell too wide is cut between whole characters.
    /// </summary>
    private static List<string> Monospace(TableBlock table)
    {
        static int Width(string text) => TextElements.Columns(text);
        var widths = table.Columns.Select((c, i) => Math.Min(40, Math.Max(Width(c), table.Rows.Select(r => i < r.Count ? Width(r[i]) : 0).DefaultIfEmpty(0).Max()))).ToList();
        string Line(IReadOnlyList<string> cells) => string.Join("  ", widths.Select((w, i) =>
        {
            var cell = i < cells.Count ? cells[i] : "";
            if (Width(cell) > w)
                cell = TextElements.Shorten(cell, w, TextMeasure.Columns);
            var pad = new string(' ', Math.Max(0, w - Width(cell)));
            return i < table.Align.Count && table.Align[i] ? pad + cell : cell + pad;
        })).TrimEnd();
        var lines = new List<string> { Line(table.Columns), string.Join("  ", widths.Select(w => new string('-', w))) };
        lines.AddRange(table.Rows.Select(Line));
        return lines;
    }

    /// <summary>The core's markdown subset in Slack's mrkdwn: *bold*, _italic_, `code`, "• " bullets; &lt; &gt; &amp; escaped.</summary>
    internal static string Mrkdwn(string markdown)
    {
        var text = Escape(markdown.Replace("\r\n", "\n"));
        text = Bold().Replace(text, "*$1*");
        return Bullet().Replace(text, "• ");
    }

    /// <summary>Slack reads &lt;…&gt; as links and mentions; data must not.</summary>
    internal static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Plain(string text) => text.Replace("**", "");

    /// <summary>
    /// At most <paramref name="max"/> characters, cut between whole characters as a reader sees them (see
    /// <see cref="TextElements"/>): a Thai consonant keeps the vowel and tone marks over and under it, and no mark is
    /// left without its letter. Slack counts a limit's characters as code points, each Thai mark one of its own; the
    /// length here is UTF-16 units, never fewer than the code points, so a cut text is always within Slack's count.
    /// </summary>
    private static string Cut(string text, int max) => TextElements.Shorten(text, max);

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?m)^- ")]
    private static partial Regex Bullet();
}
