using AeBot.Core.Text;

namespace AeBot.Core.Conversation;

/// <summary>
/// The prefixes of button payloads, which say who handles a press: "act:" acts at once (done, snooze, undo), "dlg:"
/// answers the dialog that offered it, "ask:" asks a question as if typed, "more:" answers the next page of a list
/// that was cut short. Stored in sent cards: never change them.
/// </summary>
public static class Payloads
{
    public const string Act = "act:";
    public const string Dialog = "dlg:";
    public const string Ask = "ask:";
    public const string More = "more:";

    /// <summary>
    /// A dialog button bound to its dialog: "dlg:@{dialog id}:{choice}". Cards sent before dialogs had ids carry
    /// "dlg:{choice}" and still work, unbound.
    /// </summary>
    public static string BoundToDialog(string payload, string dialogId) =>
        payload.StartsWith(Dialog + "@", StringComparison.Ordinal) || !payload.StartsWith(Dialog, StringComparison.Ordinal) || dialogId.Length == 0
            ? payload
            : $"{Dialog}@{dialogId}:{payload[Dialog.Length..]}";

    /// <summary>The dialog a "dlg:" payload is bound to (null when unbound) and the choice it carries.</summary>
    public static (string? DialogId, string Choice) DialogChoice(string payload)
    {
        var rest = payload[Dialog.Length..];
        if (!rest.StartsWith('@'))
            return (null, rest);
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (rest[1..], "") : (rest[1..colon], rest[(colon + 1)..]);
    }

    /// <summary>
    /// What a payload says about the language of the message its button was on: "|lang:th" at its end. Payloads
    /// are otherwise English words, so a press by someone who never chose a language (and whose client reports
    /// none) would be answered in English under a Thai message. English, the default, is never written, so an
    /// English card's payloads are what they always were; a card sent before the mark existed has none.
    /// </summary>
    private const string LanguageMark = "|lang:";

    /// <summary><paramref name="payload"/> marked with the language of the reply it is on; English stays as it is.</summary>
    /// <remarks>A channel's own "More" page button ("page:…") is added after this, unmarked: its page keeps its language.</remarks>
    public static string WithLanguage(string payload, ReplyLanguage language) =>
        language.Code == ReplyLanguage.English.Code || Language(payload).Language is not null
            ? payload
            : payload + LanguageMark + language.Code;

    /// <summary>The payload without its language mark, and the language it was marked with (null when none or unknown).</summary>
    public static (string? Payload, ReplyLanguage? Language) Language(string? payload)
    {
        if (payload is null)
            return (null, null);
        var at = payload.LastIndexOf(LanguageMark, StringComparison.Ordinal);
        // Only the codes AeBot writes: a typed "ask:" text that happens to end so is left alone.
        var language = at < 0 ? null : payload[(at + LanguageMark.Length)..] switch
        {
            "th" => ReplyLanguage.Thai,
            "en" => ReplyLanguage.English,
            _ => null,
        };
        return language is null ? (payload, null) : (payload[..at], language);
    }

    /// <summary>Every button of <paramref name="reply"/> marked with the reply's language (see <see cref="WithLanguage"/>).</summary>
    public static Reply InLanguage(Reply reply)
    {
        if (ReplyLanguage.FromCode(reply.Language) is not { } language || language.Code == ReplyLanguage.English.Code)
            return reply;
        ReplyAction Mark(ReplyAction a) => a with { Payload = WithLanguage(a.Payload, language) };
        return reply with
        {
            Blocks = reply.Blocks.Select(b => b switch
            {
                ActionsBlock a => new ActionsBlock(a.Actions.Select(Mark).ToList()),
                ChoiceBlock c => c with { Options = c.Options.Select(Mark).ToList() },
                ItemListBlock l => l with { Items = l.Items.Select(i => i with { Actions = i.Actions.Select(Mark).ToList() }).ToList() },
                _ => b,
            }).ToList(),
        };
    }
}
