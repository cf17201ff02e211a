using AeBot.Core.Accounts;
using AeBot.Core.Sales;

namespace AeBot.Core.Understanding;

/// <summary>
/// Names prepared for matching: folded full names and leading words, so a lookup is a few dictionary probes even
/// over 50,000 accounts. Typo-tolerant (fuzzy) matching runs only over small catalogues, where it stays cheap.
/// Built once per catalogue and reused across turns.
/// </summary>
public sealed class NameIndex
{
    /// <summary>Above this many names, only exact and leading-word matches are tried.</summary>
    public const int FuzzyLimit = 3_000;

    public NameIndex(IReadOnlyList<NamedRef> names)
    {
        Names = names;
        foreach (var name in names)
        {
            var key = NameNormalizer.Normalize(name.Name);
            if (key.Length < 2)
                continue;
            if (Add(Full, key, name) && Thai.ThaiScript.Contains(key))
                ThaiKeys.Add(key);
            var words = name.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var n = 1; n < words.Length; n++)
            {
                var prefix = NameNormalizer.Normalize(string.Join(' ', words.Take(n)));
                if (prefix.Length >= 5 && prefix != key)
                    Add(Leading, prefix, name);
            }
            foreach (var word in words)
            {
                var lower = word.Trim('.', ',', '\'', '(', ')').ToLowerInvariant();
                if (lower.Length >= 3)
                    Words.Add(lower);
            }
            var first = NameNormalizer.Normalize(words[0]);
            if (first.Length >= 3)
                Add(FirstWord, first, name);
        }
    }

    public IReadOnlyList<NamedRef> Names { get; }

    /// <summary>The lower-case words names are made of (3 letters or more).</summary>
    public HashSet<string> Words { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, List<NamedRef>> Full { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, List<NamedRef>> Leading { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, List<NamedRef>> FirstWord { get; } = new(StringComparer.Ordinal);
    public bool Fuzzy => Names.Count <= FuzzyLimit;

    /// <summary>The folded names written in Thai script: found inside Thai text, where words are not spaced.</summary>
    internal List<string> ThaiKeys { get; } = [];

    /// <summary>Adds a name under a key; true when the key is new.</summary>
    private static bool Add(Dictionary<string, List<NamedRef>> map, string key, NamedRef name)
    {
        var added = false;
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
            added = true;
        }
        list.Add(name);
        return added;
    }
}
