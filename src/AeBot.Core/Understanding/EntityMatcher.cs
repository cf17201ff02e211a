using AeBot.Core.Accounts;
using AeBot.Core.Sales;
using FuzzySharp;

namespace AeBot.Core.Understanding;

/// <summary>A name found in a message, with how sure the match is and the words it came from.</summary>
public sealed record EntityMatch(NamedRef Entity, int Score, string Matched);

/// <summary>
/// Finds known names (accounts, reps, products, stages) in free text: whole names in any spelling ("GTX Pro",
/// "GTXPro", "acme inc"), first names of people, and small typos ("Globx"). Only names the viewer may see are
/// offered to it, so a name outside their scope is simply not found — the answer is the same as for a name
/// that does not exist.
/// </summary>
public static class EntityMatcher
{
    private const int FuzzyThreshold = 86;

    /// <summary>
    /// The best matches for <paramref name="candidates"/> in <paramref name="text"/>. Several results mean the text
    /// fits several names equally well (the caller asks which one).
    /// </summary>
    public static IReadOnlyList<EntityMatch> Find(string text, IReadOnlyList<NamedRef> candidates, bool allowFirstName = false)
    {
        var tokens = Tokenize(text);
        if (tokens.Count == 0 || candidates.Count == 0)
            return [];
        var windows = Windows(tokens, 4);
        var matches = new List<EntityMatch>();
        foreach (var candidate in candidates)
        {
            var key = NameNormalizer.Normalize(candidate.Name);
            if (key.Length < 2)
                continue;
            EntityMatch? best = null;
            foreach (var (window, words) in windows)
            {
                int score;
                if (window == key)
                    score = 100;
                else if (key.Length >= 5 && window.Length >= 4 && Math.Abs(window.Length - key.Length) <= 2)
                    score = Fuzz.Ratio(window, key);
                else
                    continue;
                if (score >= FuzzyThreshold && (best is null || score > best.Score || score == best.Score && words.Length > best.Matched.Length))
                    best = new EntityMatch(candidate, score, words);
            }
            if (best is null && allowFirstName)
            {
                var first = NameNormalizer.Normalize(candidate.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);
                var hit = windows.FirstOrDefault(w => w.Key == first && first.Length >= 3);
                if (hit.Key is not null)
                    best = new EntityMatch(candidate, 90, hit.Words);
            }
            // The leading whole words of a longer name ("Sterling" or "Blue Harbor" for "Blue Harbor Logistics"),
            // at least 5 letters: how people shorten company names. Several such hits make the name ambiguous.
            if (best is null && candidate.Name.Contains(' '))
            {
                var leading = LeadingWords(candidate.Name);
                var hit = windows.Where(w => w.Key.Length >= 5 && leading.Contains(w.Key)).OrderByDescending(w => w.Key.Length).FirstOrDefault();
                if (hit.Key is not null)
                    best = new EntityMatch(candidate, 88, hit.Words);
            }
            if (best is not null)
                matches.Add(best);
        }
        if (matches.Count == 0)
            return [];
        // Prefer the longest words matched, then the best score: "Globex Europe" beats "Globex".
        var top = matches.Max(m => (m.Matched.Length, m.Score));
        return matches.Where(m => (m.Matched.Length, m.Score) == top).ToList();
    }

    // "Blue Harbor Logistics" → {"blue", "blueharbor"}: every proper prefix of whole words, folded.
    private static HashSet<string> LeadingWords(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        for (var n = 1; n < words.Length; n++)
            prefixes.Add(NameNormalizer.Normalize(string.Join(' ', words.Take(n))));
        return prefixes;
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        foreach (var raw in text.Split([' ', ',', '?', '!', ';', ':', '"', '(', ')', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Trim('.', '\'', '’');
            if (token.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || token.EndsWith("’s", StringComparison.OrdinalIgnoreCase))
                token = token[..^2];
            if (token.Length > 0)
                tokens.Add(token);
        }
        return tokens;
    }

    // Every run of 1..max consecutive words, folded like names ("gtx pro" → "gtxpro"), with the original words.
    private static List<(string Key, string Words)> Windows(List<string> tokens, int max)
    {
        var windows = new List<(string, string)>();
        for (var i = 0; i < tokens.Count; i++)
            for (var n = 1; n <= max && i + n <= tokens.Count; n++)
            {
                var words = string.Join(' ', tokens.Skip(i).Take(n));
                var key = NameNormalizer.Normalize(words);
                if (key.Length > 0)
                    windows.Add((key, words));
            }
        return windows;
    }
}
