using AeBot.Core.Accounts;
using AeBot.Core.Sales;
using FuzzySharp;

namespace AeBot.Core.Understanding;

/// <summary>A name found in a message, with how sure the match is and the words it came from.</summary>
public sealed record EntityMatch(NamedRef Entity, int Score, string Matched);

/// <summary>
/// Finds known names (accounts, reps, products, stages) in free text: whole names in any spelling ("GTX Pro",
/// "GTXPro", "acme inc"), the leading words of longer names ("Sterling" for "Sterling Bank"), first names of people,
/// and small typos ("Globx"). Only names the viewer may see are offered to it, so a name outside their scope is
/// simply not found — the answer is the same as for a name that does not exist.
/// </summary>
public static class EntityMatcher
{
    private const int FuzzyThreshold = 86;

    public static IReadOnlyList<EntityMatch> Find(string text, IReadOnlyList<NamedRef> candidates, bool allowFirstName = false) =>
        Find(text, new NameIndex(candidates), allowFirstName);

    /// <summary>
    /// The best matches in <paramref name="text"/>. Several results mean the text fits several names equally well
    /// (the caller asks which one).
    /// </summary>
    public static IReadOnlyList<EntityMatch> Find(string text, NameIndex index, bool allowFirstName = false) =>
        Top(FindAll(text, index, allowFirstName));

    /// <summary>The matches that fit best: the longest words matched, then the best score ("Globex Europe" beats "Globex").</summary>
    public static IReadOnlyList<EntityMatch> Top(IReadOnlyCollection<EntityMatch> matches)
    {
        if (matches.Count == 0)
            return [];
        var top = matches.Max(m => (m.Matched.Length, m.Score));
        return matches.Where(m => (m.Matched.Length, m.Score) == top).OrderBy(m => m.Entity.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Every name the text could mean, each with its best match, before ranking. <paramref name="keywordsOnly"/>
    /// tells which runs of words are nothing but keywords; a caller that drops matches on those (unless exact and
    /// several words long) passes it, so they are not collected first: "rep" is the first name of a thousand
    /// people in an org whose people are called "Rep 1", "Rep 2"… It also keeps a person whose first name is a
    /// keyword: in "how is Mark Anthony doing", "Mark" alone (a first-name match, dropped as a keyword) no longer
    /// outranks "Mark Anthony" (the leading words of "Mark Anthony Diaz"), so he is found rather than lost.
    /// </summary>
    public static IReadOnlyList<EntityMatch> FindAll(string text, NameIndex index, bool allowFirstName = false, bool fuzzy = true, Func<string, bool>? keywordsOnly = null)
    {
        var tokens = Tokenize(text);
        if (tokens.Count == 0 || index.Names.Count == 0)
            return [];
        var windows = Windows(tokens, 4);
        var best = new Dictionary<long, EntityMatch>();
        var skippedAny = false; // a skipped match still counts as found: no fuzzy pass where there was none before

        void Offer(NamedRef entity, int score, string words)
        {
            if (!best.TryGetValue(entity.Id, out var current) || score > current.Score || score == current.Score && words.Length > current.Matched.Length)
                best[entity.Id] = new EntityMatch(entity, score, words);
        }

        foreach (var (key, words) in windows)
        {
            if (keywordsOnly is not null && keywordsOnly(words))
            {
                var single = !words.Contains(' ', StringComparison.Ordinal);
                if (index.Full.TryGetValue(key, out var exactKeywords))
                {
                    if (single)
                        skippedAny = true;
                    else
                        foreach (var entity in exactKeywords)
                            Offer(entity, 100, words);
                }
                skippedAny |= index.Leading.ContainsKey(key) || allowFirstName && index.FirstWord.ContainsKey(key);
                continue;
            }
            if (index.Full.TryGetValue(key, out var exact))
                foreach (var entity in exact)
                    Offer(entity, 100, words);
            if (index.Leading.TryGetValue(key, out var leading))
                foreach (var entity in leading)
                    Offer(entity, 88, words);
            if (allowFirstName && index.FirstWord.TryGetValue(key, out var first))
                foreach (var entity in first)
                    Offer(entity, 90, words);
        }

        if (best.Count == 0 && !skippedAny && fuzzy && index.Fuzzy)
        {
            // A fuzzy match is never exact, so on keywords alone it would be dropped.
            foreach (var (key, words) in windows.Where(w => w.Key.Length >= 4 && (keywordsOnly is null || !keywordsOnly(w.Words))))
                foreach (var (name, entities) in index.Full)
                {
                    if (name.Length < 5 || Math.Abs(name.Length - key.Length) > 2)
                        continue;
                    var score = Fuzz.Ratio(key, name);
                    if (score >= FuzzyThreshold)
                        foreach (var entity in entities)
                            Offer(entity, score, words);
                }
        }

        return best.Values.ToList();
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        foreach (var raw in text.Split([' ', ',', '?', '!', ';', ':', '"', '(', ')', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Trim('.', '\'', '’');
            if (token.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || token.EndsWith("’s", StringComparison.OrdinalIgnoreCase))
                token = token[..^2];
            // "&" and other bare symbols are not words: "Ember & Oak Home Goods" is four words long.
            if (token.Length == 0 || !token.Any(char.IsLetterOrDigit))
                continue;
            // Thai runs into the words around it ("ดีลAcmeได้แล้ว"): a Latin name is a word of its own.
            var from = 0;
            for (var i = 1; i < token.Length; i++)
                if (Thai.ThaiScript.IsThai(token[i]) != Thai.ThaiScript.IsThai(token[i - 1]) && char.IsLetterOrDigit(token[i]) && char.IsLetterOrDigit(token[i - 1]))
                {
                    tokens.Add(token[from..i]);
                    from = i;
                }
            tokens.Add(from == 0 ? token : token[from..]);
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
