using System.Globalization;
using System.Text;

namespace AeBot.Core.Understanding;

/// <summary>
/// The one normalisation step every message goes through before it is parsed: Unicode NFKC (full-width letters,
/// ligatures and non-breaking spaces become their plain forms), zero-width and control characters removed, curly
/// quotes and apostrophes made straight, dashes made plain, runs of white space collapsed. Case is kept: capitals
/// help tell names from words.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var composed = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        composed = Thai.ThaiScript.Repair(composed); // NFKC splits Thai SARA AM; Thai digits read as digits
        var sb = new StringBuilder(composed.Length);
        var space = false;
        foreach (var ch in composed)
        {
            var c = ch switch
            {
                '\u2018' or '\u2019' or '\u201B' or '\u2032' or '`' or '\u00B4' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u2033' => '"',
                '\u2010' or '\u2011' or '\u2012' or '\u2212' => '-',
                _ => ch,
            };
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            // Zero-width spaces and joiners, the BOM, soft hyphens and other invisible format characters.
            if (category == UnicodeCategory.Format)
                continue;
            if (char.IsWhiteSpace(c) || category == UnicodeCategory.Control)
            {
                // Line breaks matter to log entries ("Next step:" on its own line); everything else is a space.
                if (c == '\n')
                {
                    while (sb.Length > 0 && sb[^1] == ' ')
                        sb.Length--;
                    sb.Append('\n');
                    space = true;
                    continue;
                }
                if (!space && sb.Length > 0)
                    sb.Append(' ');
                space = true;
                continue;
            }
            sb.Append(c);
            space = false;
        }
        while (sb.Length > 0 && (sb[^1] == ' ' || sb[^1] == '\n'))
            sb.Length--;
        return sb.ToString();
    }
}
