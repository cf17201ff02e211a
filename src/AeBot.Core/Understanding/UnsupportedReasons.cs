using AeBot.Core.Text;

namespace AeBot.Core.Understanding;

/// <summary>
/// The reply to a declined request: one whole sentence per <see cref="UnsupportedReason"/> from
/// <c>UnderstandingTexts</c> (English and Thai), never an English fragment placed in a frame sentence.
/// </summary>
public static class UnsupportedReasons
{
    /// <summary>"I can't draft e-mails or messages — that's outside what I do. I can answer …"</summary>
    public static string Sentence(UnsupportedReason reason, ReplyLanguage language) => language.Text(UnderstandingTexts.ResourceManager, reason switch
    {
        UnsupportedReason.Drafting => nameof(UnderstandingTexts.Unsupported_Drafting),
        UnsupportedReason.Calendar => nameof(UnderstandingTexts.Unsupported_Calendar),
        UnsupportedReason.SendingEmail => nameof(UnderstandingTexts.Unsupported_SendingEmail),
        UnsupportedReason.Documents => nameof(UnderstandingTexts.Unsupported_Documents),
        UnsupportedReason.ActivityCounts => nameof(UnderstandingTexts.Unsupported_ActivityCounts),
        _ => nameof(UnderstandingTexts.Unsupported_OutsideData),
    });

    /// <summary>"Unsupported request: draft e-mails or messages" — the notification line and the transcript's summary.</summary>
    public static string Summary(UnsupportedReason reason, ReplyLanguage language) => language.Text(UnderstandingTexts.ResourceManager, reason switch
    {
        UnsupportedReason.Drafting => nameof(UnderstandingTexts.UnsupportedSummary_Drafting),
        UnsupportedReason.Calendar => nameof(UnderstandingTexts.UnsupportedSummary_Calendar),
        UnsupportedReason.SendingEmail => nameof(UnderstandingTexts.UnsupportedSummary_SendingEmail),
        UnsupportedReason.Documents => nameof(UnderstandingTexts.UnsupportedSummary_Documents),
        UnsupportedReason.ActivityCounts => nameof(UnderstandingTexts.UnsupportedSummary_ActivityCounts),
        _ => nameof(UnderstandingTexts.UnsupportedSummary_OutsideData),
    });
}
