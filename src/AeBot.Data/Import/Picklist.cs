using AeBot.Core.Text;

namespace AeBot.Data.Import;

/// <summary>
/// Folds the spellings of one picklist ("Negotiation", "negotiation ", "Negotaition") onto one value: same letters
/// ignoring case and spacing, or a small typo of a value already known. The first spelling seen wins unless a
/// well-known value is given up front.
/// </summary>
internal sealed class Picklist
{
    private readonly Dictionary<string, string> _byKey = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Value)> _values = [];

    public Picklist(IEnumerable<string> known)
    {
        foreach (var value in known)
            Add(value);
    }

    /// <summary>The canonical spelling, and whether it corrected a typo (not just case or spacing).</summary>
    public string Canonicalize(string value, out bool corrected)
    {
        corrected = false;
        var trimmed = string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var key = ColumnSynonyms.Normalize(trimmed);
        if (key.Length == 0)
            return trimmed;
        if (_byKey.TryGetValue(key, out var existing))
            return existing;

        var allowed = key.Length >= 8 ? 2 : key.Length >= 5 ? 1 : 0;
        if (allowed > 0)
        {
            foreach (var (knownKey, knownValue) in _values)
            {
                if (Math.Abs(knownKey.Length - key.Length) <= allowed && EditDistance.Within(key, knownKey, allowed))
                {
                    _byKey[key] = knownValue;
                    corrected = true;
                    return knownValue;
                }
            }
        }
        Add(trimmed);
        return trimmed;
    }

    private void Add(string value)
    {
        var key = ColumnSynonyms.Normalize(value);
        if (key.Length == 0 || !_byKey.TryAdd(key, value))
            return;
        _values.Add((key, value));
    }
}
