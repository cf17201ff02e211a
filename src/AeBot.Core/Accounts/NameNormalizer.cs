using System.Globalization;
using System.Text;

namespace AeBot.Core.Accounts;

/// <summary>
/// Folds names so that spellings people and CRMs use interchangeably compare equal:
/// "ACME, Inc.", "Acme Inc" and "acme" all become "acme"; "GTX Pro" and "GTXPro" both become "gtxpro";
/// "บริษัท สยามเทค จำกัด", "บจก. สยามเทค" and "สยามเทค" all become "สยามเทค". Thai vowel and tone marks are letters of
/// the word (สยาม and สยม are different words), so they stay; accents on Latin letters go.
/// </summary>
public static class NameNormalizer
{
    private static readonly string[] LegalSuffixes =
        ["inc", "incorporated", "llc", "ltd", "limited", "gmbh", "ag", "sa", "sas", "bv", "nv", "plc", "corp", "corporation", "co", "pty", "srl", "spa", "oy", "ab", "as",
         "จำกัด", "มหาชน", "จำกัดมหาชน"];

    // Thai legal forms come first ("บริษัท … จำกัด", "บจก. …", "บมจ. …", "ห้างหุ้นส่วนจำกัด …").
    private static readonly string[] LegalPrefixes = ["บริษัท", "บจก", "บมจ", "หจก", "หสน", "ห้างหุ้นส่วนจำกัด", "ห้างหุ้นส่วน"];

    public static string Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "";

        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in name.Normalize(NormalizationForm.FormD))
        {
            var thai = ch is >= '\u0E00' and <= '\u0E7F';
            if (!thai && CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
                continue;
            if (char.IsLetterOrDigit(ch) || thai && ch is not ('\u0E2F' or '\u0E46' or '\u0E4F' or '\u0E5A' or '\u0E5B'))
                current.Append(char.ToLowerInvariant(ch));
            else if (ch is '.' or '\'')
                continue; // "Inc." and "O'Brien" keep their word together
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0)
            words.Add(current.ToString());

        // Drop trailing legal forms, but never the whole name ("AG" alone stays "ag").
        while (words.Count > 1 && LegalSuffixes.Contains(words[^1]))
            words.RemoveAt(words.Count - 1);
        while (words.Count > 1 && LegalPrefixes.Contains(words[0]))
            words.RemoveAt(0);
        // Thai written without spaces: "บริษัทสยามเทคจำกัด".
        if (words.Count == 1 && words[0].Length > 0 && words[0][0] is >= '\u0E00' and <= '\u0E7F')
            words[0] = WithoutThaiAffixes(words[0]);
        return string.Concat(words);
    }

    private static string WithoutThaiAffixes(string word)
    {
        foreach (var suffix in new[] { "จำกัดมหาชน", "จำกัด", "มหาชน" })
            if (word.Length > suffix.Length + 1 && word.EndsWith(suffix, StringComparison.Ordinal))
                word = word[..^suffix.Length];
        foreach (var prefix in LegalPrefixes)
            if (word.Length > prefix.Length + 1 && word.StartsWith(prefix, StringComparison.Ordinal))
                return word[prefix.Length..];
        return word;
    }
}
