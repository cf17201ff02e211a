using System.Text;

namespace AeBot.Core.Understanding.Thai;

/// <summary>What is Thai in a message, and the two repairs Thai text needs before it is read.</summary>
public static class ThaiScript
{
    public static bool IsThai(char c) => c is >= '\u0E00' and <= '\u0E7F';

    /// <summary>
    /// A vowel or tone mark written after its consonant (ะ า ำ, the marks above and below, ่ ้ ๊ ๋ ์): it belongs to the
    /// syllable before it, so a word can never end just before one — "มาร์ค|ัส" is no word break, "มาร์คัส" is one name.
    /// </summary>
    public static bool IsMark(char c) => c is >= '\u0E30' and <= '\u0E3A' or >= '\u0E47' and <= '\u0E4E';

    /// <summary>Whether <paramref name="at"/> is inside a syllable: a mark, or a letter silenced by the mark after it ("ร์").</summary>
    public static bool MidSyllable(string text, int at) =>
        at < text.Length && (IsMark(text[at]) || at + 1 < text.Length && text[at + 1] == '\u0E4C');

    public static bool Contains(string text) => text.AsSpan().IndexOfAnyInRange('\u0E00', '\u0E7F') >= 0;

    /// <summary>
    /// Thai digits (๐–๙) become 0–9, so "๒.๕ ล้าน" reads as "2.5 ล้าน"; and SARA AM, which Unicode NFKC splits into
    /// NIKHAHIT + SARA AA (U+0E4D U+0E32), is put back together — otherwise "ทำ" or "จำนวน" would never match a word.
    /// </summary>
    public static string Repair(string text)
    {
        if (!Contains(text))
            return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '\u0E50' and <= '\u0E59')
                sb.Append((char)('0' + (c - '\u0E50')));
            else if (c == '\u0E4D' && i + 1 < text.Length && text[i + 1] == '\u0E32')
            {
                sb.Append('\u0E33');
                i++;
            }
            // "เเ" typed for แ (two SARA E look the same).
            else if (c == 'เ' && i + 1 < text.Length && text[i + 1] == 'เ')
            {
                sb.Append('แ');
                i++;
            }
            // A stretched letter ("ค่าาา", "ครับบบ", "มากกกก"): Thai spells no word with one letter three times running.
            else if (IsThai(c) && i + 2 < text.Length && text[i + 1] == c && text[i + 2] == c)
            {
                sb.Append(c);
                while (i + 1 < text.Length && text[i + 1] == c)
                    i++;
            }
            else
                sb.Append(c);
        }
        return sb.ToString();
    }
}
