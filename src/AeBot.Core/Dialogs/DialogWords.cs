using AeBot.Core.Interactions;
using AeBot.Core.Text;

namespace AeBot.Core.Dialogs;

/// <summary>The kinds of interaction in words, for the dialogs that log them and the replies that show them.</summary>
internal static class DialogWords
{
    /// <summary>"Call" / "โทร": a button or a fact's value.</summary>
    public static string Label(InteractionType type, ReplyLanguage language) =>
        language.Text(DialogTexts.ResourceManager, Of(type, nameof(DialogTexts.Type_Call), nameof(DialogTexts.Type_Meeting), nameof(DialogTexts.Type_Email), nameof(DialogTexts.Type_Note)));

    /// <summary>"call" / "การโทร": the kind inside a sentence.</summary>
    public static string Noun(InteractionType type, ReplyLanguage language) =>
        language.Text(DialogTexts.ResourceManager, Of(type, nameof(DialogTexts.TypeNoun_Call), nameof(DialogTexts.TypeNoun_Meeting), nameof(DialogTexts.TypeNoun_Email), nameof(DialogTexts.TypeNoun_Note)));

    /// <summary>The key of one kind; a kind not yet known reads as a call, as it always has.</summary>
    public static string Of(InteractionType? type, string call, string meeting, string email, string note) => type switch
    {
        InteractionType.Meeting => meeting,
        InteractionType.Email => email,
        InteractionType.Note => note,
        _ => call,
    };
}
