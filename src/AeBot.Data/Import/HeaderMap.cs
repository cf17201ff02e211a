namespace AeBot.Data.Import;

/// <summary>Which columns of a file feed which AeBot field, worked out once from the header.</summary>
internal sealed class HeaderMap
{
    private readonly Dictionary<string, int[]> _columns;

    private HeaderMap(Dictionary<string, int[]> columns, List<string> ignored, Dictionary<string, string> mapped)
    {
        _columns = columns;
        Ignored = ignored;
        Mapped = mapped;
    }

    public IReadOnlyList<string> Ignored { get; }

    /// <summary>Header → field, for the summary.</summary>
    public IReadOnlyDictionary<string, string> Mapped { get; }

    public int ColumnCount { get; private init; }

    public bool Has(string field) => _columns.ContainsKey(field);

    public static HeaderMap Build(IReadOnlyList<string> header, ImportKind kind, IReadOnlyDictionary<string, string?> overrides)
    {
        var columns = new Dictionary<string, List<int>>();
        var ignored = new List<string>();
        var mapped = new Dictionary<string, string>();
        var normalizedOverrides = overrides.ToDictionary(o => ColumnSynonyms.Normalize(o.Key), o => o.Value);
        var known = ColumnSynonyms.Fields[kind];
        // Fields a column is named for: a word-level guess never takes one of those.
        var named = header.Select(h => ColumnSynonyms.FieldFor(kind, ColumnSynonyms.Normalize(h))).OfType<string>().ToHashSet();

        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i];
            var normalized = ColumnSynonyms.Normalize(name);
            string? field;
            if (normalizedOverrides.TryGetValue(normalized, out var forced))
            {
                if (forced is null)
                    continue; // ignored on purpose by the mapping file
                field = forced;
                if (!known.ContainsKey(field))
                    throw new ImportException($"The mapping sends column '{name}' to '{field}', which is not a field of {kind.ToString().ToLowerInvariant()} (fields: {string.Join(", ", known.Keys)}).");
            }
            else
            {
                field = normalized.Length == 0 ? null : ColumnSynonyms.FieldFor(kind, normalized);
                // A column known by no name is read word by word — unless a column named for that field is there.
                if (field is null && normalized.Length > 0 && ColumnVocabulary.FieldFor(kind, name) is { } guessed
                    && !named.Contains(guessed) && !columns.ContainsKey(guessed))
                    field = guessed;
            }

            if (field is null)
            {
                ignored.Add(name.Length == 0 ? $"(column {i + 1} has no name)" : name);
                continue;
            }
            if (!columns.TryGetValue(field, out var list))
                columns[field] = list = [];
            list.Add(i);
            mapped[name] = field;
        }
        return new HeaderMap(columns.ToDictionary(c => c.Key, c => c.Value.ToArray()), ignored, mapped) { ColumnCount = header.Count };
    }

    /// <summary>The first non-empty value among the columns mapped to <paramref name="field"/>, trimmed; else null.</summary>
    public string? Get(List<string> row, string field)
    {
        if (!_columns.TryGetValue(field, out var indexes))
            return null;
        foreach (var i in indexes)
        {
            if (i >= row.Count)
                continue;
            var value = row[i].Trim();
            if (value.Length > 0)
                return value;
        }
        return null;
    }
}
