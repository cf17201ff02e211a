using System.Globalization;
using AeBot.Core.Answers;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Text;

namespace AeBot.Core.MyDay;

/// <summary>
/// <see cref="MorePages"/>' button and page range in the reader's language, for the lists of "my day" and the
/// digests: the same payloads and numbers, with the button's word and "of" from <c>MyDayTexts</c>.
/// </summary>
internal static class PageLabels
{
    public static ActionsBlock? Button(MorePage next, int total, ReplyLanguage language) =>
        MorePages.Button(next, total) is { } more && language.IsThai
            ? more with { Actions = [.. more.Actions.Select(a => a with { Label = language.Text(MyDayTexts.ResourceManager, nameof(MyDayTexts.ButtonMore)) })] }
            : MorePages.Button(next, total);

    /// <summary>"10 of 24" / "10 จาก 24" on the first page, "11–20 of 24" / "11–20 จาก 24" after.</summary>
    public static string Range(int offset, int shown, int total, ReplyLanguage language) =>
        !language.IsThai ? MorePages.Range(offset, shown, total)
        : offset == 0 ? MoneyFormat.OfTotal(shown, total, language)
        : language.Format(MyDayTexts.ResourceManager, nameof(MyDayTexts.PageRange), Number(offset + 1), Number(offset + shown), Number(total));

    private static string Number(int n) => n.ToString("#,0", CultureInfo.InvariantCulture);
}
