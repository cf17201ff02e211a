using System.Text;

namespace AeBot.Core.Understanding.Thai;

/// <summary>What is Thai in a message, and the two repairs Thai text needs before it is read.</summary>
public static class ThaiScript
{
    public static bool IsThai(char c) => c is >= '\u0E00' and <= '\u0E7F';

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
            else
                sb.Append(c);
        }
        return sb.ToString();
    }
}
