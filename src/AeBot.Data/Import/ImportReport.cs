namespace AeBot.Data.Import;

/// <summary>What one import did, file by file: nothing is dropped without a line here.</summary>
public sealed class ImportReport
{
    public List<FileImportResult> Files { get; } = [];

    /// <summary>True when nothing was written: the counts say what an import would do.</summary>
    public bool DryRun { get; init; }

    public bool Succeeded => Files.Count > 0 && Files.All(f => f.Error is null);
}

public sealed class FileImportResult(string path)
{
    public string Path { get; } = path;
    public ImportKind? Kind { get; set; }

    /// <summary>Why the file was read as <see cref="Kind"/> ("columns Stage, Amount; its file name").</summary>
    public string? KindReason { get; set; }

    /// <summary>Every column, the field it feeds and how AeBot knows — or the nearest field when it feeds none.</summary>
    public List<ColumnReading> Columns { get; } = [];
    public char Delimiter { get; set; }

    /// <summary>Why the whole file was not imported (the database is unchanged for it); null when it was.</summary>
    public string? Error { get; set; }

    public int RowsRead { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public List<RejectedRow> Rejected { get; } = [];

    /// <summary>Rows whose id (or natural key) repeated an earlier row of the same file; the later row wins.</summary>
    public int Duplicates { get; set; }

    /// <summary>Columns that feed nothing (and were not ignored on purpose by the mapping file).</summary>
    public List<string> IgnoredColumns => Columns.Where(c => c.Field is null && c.Source != MatchSource.Mapping)
        .Select(c => c.Header.Length == 0 ? $"(column {c.Index + 1} has no name)" : c.Header).ToList();

    /// <summary>Header → field, for the summary.</summary>
    public Dictionary<string, string> MappedColumns => Columns.Where(c => c.Field is not null)
        .GroupBy(c => c.Header, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Field!, StringComparer.Ordinal);

    /// <summary>Lines that hold no record (a report's title or footer): not imported, not rejected.</summary>
    public int Skipped { get; set; }

    /// <summary>Records created along the way, e.g. "accounts" made from an opportunity's account name.</summary>
    public SortedDictionary<string, int> AlsoCreated { get; } = new(StringComparer.Ordinal);

    /// <summary>Things that were imported but deserve a look ("'Negotaition' read as 'Negotiation' in 3 rows").</summary>
    public SortedDictionary<string, int> Warnings { get; } = new(StringComparer.Ordinal);

    public TimeSpan Elapsed { get; set; }

    /// <summary>Where each warning was seen: the first few line numbers, for the summary.</summary>
    public Dictionary<string, List<int>> WarningLines { get; } = [];

    internal void Warn(string warning, int line = 0)
    {
        Warnings[warning] = Warnings.GetValueOrDefault(warning) + 1;
        if (line <= 0)
            return;
        if (!WarningLines.TryGetValue(warning, out var lines))
            WarningLines[warning] = lines = [];
        if (lines.Count < 5)
            lines.Add(line);
    }

    internal void Skip(int line, string why)
    {
        Skipped++;
        Warn(why, line);
    }

    internal void Reject(int line, string reason) => Rejected.Add(new RejectedRow(Path, line, reason));

    internal void CountCreated(string what) => AlsoCreated[what] = AlsoCreated.GetValueOrDefault(what) + 1;
}

public sealed record RejectedRow(string File, int Line, string Reason);

/// <summary>Progress of a running import, reported to a progress bar.</summary>
public readonly record struct ImportProgress(string File, ImportKind? Kind, long BytesRead, long BytesTotal, int Rows);
