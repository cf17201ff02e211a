using System.Globalization;
using System.Text;

namespace AeBot.Core.Accounts;

/// <summary>
/// Folds names so that spellings people and CRMs use interchangeably compare equal:
/// "ACME, Inc.", "Acme Inc" and "acme" all become "acme"; "GTX Pro" and "GTXPro" both become "gtxpro".
/// </summary>
public static class NameNormalizer
{
    private static readonly string[] LegalSuffixes =
        ["inc", "incorporated", "llc", "ltd", "limited", "gmbh", "ag", "sa", "sas", "bv", "nv", "plc", "corp", "corporation", "co", "pty", "srl", "spa", "oy", "ab", "as"];

    public static string Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "";

        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
                continue;
            if (char.IsLetterOrDigit(ch))
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
        return string.Concat(words);
    }
}
