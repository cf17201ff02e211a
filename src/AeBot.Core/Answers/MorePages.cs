using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using AeBot.Core.Conversation;
using AeBot.Core.Text;
using AeBot.Core.Understanding;

namespace AeBot.Core.Answers;

/// <summary>
/// What a "More" button asks for: the next page of a shortened list. Either the same <see cref="Understanding.Query"/>
/// (with its resolved period and filters, so the page is the same question even after the conversation moved on)
/// or a section of "my day", from <see cref="Offset"/> on.
/// </summary>
public sealed record MorePage(Query? Query, string? Section, int Offset);

/// <summary>
/// "More" for every list the core shortens: the button's payload ("more:" + the page as JSON) and the reply a page
/// after the first is (the list's next rows, and "More" again while rows are left). The storage layer checks access on
/// every read, so a payload someone edits by hand can ask only for what its sender may see anyway.
/// </summary>
public static class MorePages
{
    /// <summary>Rows per page of a list of deals, contracts or follow-ups.</summary>
    public const int PageSize = 10;

    /// <summary>The furthest a page may start: beyond any list the core keeps, and a bound on a hand-made payload.</summary>
    public const int MaxOffset = 100_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Payload(MorePage page) => Payloads.More + JsonSerializer.Serialize(page, Json);

    /// <summary>The page a "more:" payload asks for; null when it is not one this version can read.</summary>
    public static MorePage? Read(string payload)
    {
        if (!payload.StartsWith(Payloads.More, StringComparison.Ordinal))
            return null;
        try
        {
            var page = JsonSerializer.Deserialize<MorePage>(payload[Payloads.More.Length..], Json);
            return page is { Offset: > 0 and <= MaxOffset } && (page.Query is not null ^ page.Section is not null) ? page : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The "More" button under a list that shows <paramref name="shown"/> rows from the context's offset, or null on the last page.</summary>
    public static ActionsBlock? Button(AnswerContext c, int shown, int total) =>
        shown > 0 ? Button(new MorePage(c.Query, null, c.Offset + shown), total, c.Language) : null;

    /// <summary>
    /// The longest payload every channel carries back: Slack's button value and the Teams adapter's card payload both
    /// stop at 2,000 characters (Block Kit button element: "value … Maximum length is 2000 characters").
    /// </summary>
    public const int MaxPayload = 2_000;

    /// <summary>
    /// "More" for the page <paramref name="next"/> asks for, or null when the list has no rows from there on — or
    /// when the question is too long to carry (dozens of named accounts): its "10 of 24" still says the list is cut.
    /// </summary>
    public static ActionsBlock? Button(MorePage next, int total) => Button(next, total, ReplyLanguage.English);

    /// <summary>The same, its label in the reader's language ("More" / "ดูเพิ่ม").</summary>
    public static ActionsBlock? Button(MorePage next, int total, ReplyLanguage language) =>
        next.Offset < total && Payload(next) is { Length: <= MaxPayload } payload
            ? new ActionsBlock([new ReplyAction(language.Text(AnswerTexts.ResourceManager, nameof(AnswerTexts.More)), payload)])
            : null;

    /// <summary>"Closing first — 10 of 267" on the first page, "Closing first — 11–20 of 267" after; the bare title when nothing is cut.</summary>
    public static string Title(string title, int offset, int shown, int total) => Title(title, offset, shown, total, ReplyLanguage.English);

    public static string Title(string title, int offset, int shown, int total, ReplyLanguage language) =>
        offset == 0 && shown >= total ? title : language.Format(AnswerTexts.ResourceManager, nameof(AnswerTexts.Page_Title), title, Range(offset, shown, total, language));

    /// <summary>"10 of 24" for the first page (as <see cref="Formatting.MoneyFormat.OfTotal"/>), "11–20 of 24" for the next.</summary>
    public static string Range(int offset, int shown, int total) => Range(offset, shown, total, ReplyLanguage.English);

    /// <summary>The same in the reader's language ("11–20 จาก 24").</summary>
    public static string Range(int offset, int shown, int total, ReplyLanguage language) => offset == 0
        ? Formatting.MoneyFormat.OfTotal(shown, total, language)
        : language.Format(AnswerTexts.ResourceManager, nameof(AnswerTexts.Page_Range), (offset + 1).ToString("#,0", CultureInfo.InvariantCulture),
            (offset + shown).ToString("#,0", CultureInfo.InvariantCulture), total.ToString("#,0", CultureInfo.InvariantCulture));

    /// <summary>A page after the first: only the list's next rows (each channel shows them under the list they continue) and "More" while rows are left.</summary>
    public static Reply Next(AnswerContext c, ReplyBlock list, int shown, int total, string what)
    {
        var blocks = new List<ReplyBlock> { list };
        if (Button(c, shown, total) is { } more)
            blocks.Add(more);
        return new Reply(blocks) { Summary = c.T(nameof(AnswerTexts.Page_Summary), AnswerContext.Capitalize(what), Range(c.Offset, shown, total, c.Language)) };
    }
}
