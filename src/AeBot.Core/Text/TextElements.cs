using System.Globalization;
using System.Text;

namespace AeBot.Core.Text;

/// <summary>How long a text counts as: what a limit is written in.</summary>
public enum TextMeasure
{
    /// <summary>UTF-16 code units (string.Length): never fewer than the code points, so a safe bound for any limit in characters.</summary>
    Utf16,

    /// <summary>Unicode code points: a Thai vowel or tone mark is one of its own (ที่ is three).</summary>
    CodePoints,

    /// <summary>Cells of a monospaced line: code points less the marks drawn over or under the letter before them.</summary>
    Columns,
}

/// <summary>
/// Cutting text to a length without cutting a character in two. A user-perceived character may be several code points
/// — a Thai consonant with the vowel and tone mark above it (ที่), an accented letter, an emoji with its modifiers —
/// and a cut between them leaves a letter without its vowel, or a mark with nothing under it on the next line. Cuts
/// fall between grapheme clusters (.NET's text elements, UAX #29), and never right after a Thai vowel that is written
/// before its consonant (เ แ โ ใ ไ), which belongs with what follows.
/// </summary>
public static class TextElements
{
    public const string Ellipsis = "…";

    public static int Length(string text, TextMeasure measure) => measure switch
    {
        TextMeasure.Utf16 => text.Length,
        TextMeasure.CodePoints => CodePoints(text),
        _ => Columns(text),
    };

    public static int CodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
            count++;
        return count;
    }

    /// <summary>Monospaced cells: nonspacing and enclosing marks and format characters take none.</summary>
    public static int Columns(string text)
    {
        var count = 0;
        foreach (var rune in text.EnumerateRunes())
            if (Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format))
                count++;
        return count;
    }

    /// <summary>The longest beginning of the text, in whole clusters, no longer than <paramref name="max"/>.</summary>
    public static string Prefix(string text, int max, TextMeasure measure = TextMeasure.Utf16)
    {
        if (Length(text, measure) <= max)
            return text;
        var end = 0;
        var length = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var cluster = enumerator.GetTextElement();
            var next = length + Length(cluster, measure);
            if (next > max)
                break;
            length = next;
            end = enumerator.ElementIndex + cluster.Length;
        }
        while (end > 0 && IsThaiLeadingVowel(text[end - 1]))
            end--;
        return text[..end];
    }

    /// <summary>The text, or as much of it as fits in <paramref name="max"/> with "…" after it.</summary>
    public static string Shorten(string text, int max, TextMeasure measure = TextMeasure.Utf16) =>
        Length(text, measure) <= max ? text : Prefix(text, max - Length(Ellipsis, measure), measure).TrimEnd() + Ellipsis;

    /// <summary>เ แ โ ใ ไ: written before the consonant they are said after.</summary>
    private static bool IsThaiLeadingVowel(char c) => c is >= '\u0E40' and <= '\u0E44';
}
