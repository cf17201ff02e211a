namespace AeBot.Data.Import;

/// <summary>Which columns of a file feed which AeBot field, from the file's reading (see <see cref="ExportRecognizer"/>).</summary>
internal sealed class HeaderMap
{
    private readonly Dictionary<string, int[]> _columns;

    private HeaderMap(Dictionary<string, int[]> columns, int columnCount)
    {
        _columns = columns;
        ColumnCount = columnCount;
    }

    public int ColumnCount { get; }

    public bool Has(string field) => _columns.ContainsKey(field);

    /// <summary>The map of a file's columns; throws <see cref="ImportException"/> when the mapping names a field the kind does not have.</summary>
    public static HeaderMap Build(IReadOnlyList<ColumnReading> columns, ImportKind kind)
    {
        var known = ColumnSynonyms.Fields[kind];
        var map = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column.Field is not { } field)
                continue;
            if (!known.ContainsKey(field))
                throw new ImportException($"The mapping sends column '{column.Header}' to '{field}', which is not a field of {kind.ToString().ToLowerInvariant()} (fields: {string.Join(", ", known.Keys)}).");
            if (!map.TryGetValue(field, out var list))
                map[field] = list = [];
            list.Add(column.Index);
        }
        // Where several columns feed one field, the first non-empty is used: what happened before what was planned
        // (Pipedrive's Won time before its Expected close date, Dynamics' Actual Revenue before Est. Revenue).
        return new HeaderMap(map.ToDictionary(c => c.Key, c => c.Value.OrderBy(i => Precedence(columns[i].Header)).ToArray()), columns.Count);
    }

    private static int Precedence(string header)
    {
        var words = ColumnVocabulary.Words(header);
        if (words.Overlaps(["actual", "won", "lost", "completed", "closed"]))
            return 0;
        if (words.Overlaps(["expected", "est", "estimated", "forecast", "projected"]))
            return 2;
        return 1;
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
