using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Import.Kinds;

/// <summary>A row of a CSV file, with the line it started on.</summary>
internal sealed record CsvRow(int Line, List<string> Fields);

/// <summary>Imports one kind of file, a batch of rows at a time.</summary>
internal abstract class KindImporter(ImportSession session, HeaderMap map)
{
    protected ImportSession S { get; } = session;
    protected HeaderMap Map { get; } = map;
    protected FileImportResult Result => S.Result;

    public abstract Task ImportBatchAsync(IReadOnlyList<CsvRow> rows, CancellationToken cancellationToken);

    /// <summary>Work that needs the whole file (e.g. manager links that point to later rows).</summary>
    public virtual Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected string? Get(CsvRow row, string field) => Map.Get(row.Fields, field);

    /// <summary>
    /// Loads the stored records of a batch by external id in one query. Records are returned untracked: the
    /// importer writes through <see cref="EntityWriter{T}"/>, never through the change tracker.
    /// </summary>
    protected async Task<Dictionary<string, T>> ExistingAsync<T>(IEnumerable<string> externalIds, CancellationToken cancellationToken)
        where T : class
    {
        var ids = externalIds.Distinct().ToList();
        if (ids.Count == 0)
            return [];
        var found = await S.Db.Set<T>().AsNoTracking()
            .Where(e => ids.Contains(EF.Property<string>(e, "ExternalId")))
            .ToListAsync(cancellationToken);
        var getter = S.Db.Model.FindEntityType(typeof(T))!.FindProperty("ExternalId")!.GetGetter();
        return found.ToDictionary(e => (string)getter.GetClrValue(e)!, StringComparer.Ordinal);
    }

    /// <summary>
    /// Counts a row as a duplicate when its id repeated an earlier row; returns true when the caller should still
    /// apply it (the later row wins).
    /// </summary>
    protected bool NoteDuplicate(string externalId, CsvRow row)
    {
        var earlier = S.SeenBefore(externalId, row.Line);
        if (earlier == 0)
            return false;
        Result.Duplicates++;
        Result.Warn($"same record as an earlier row (line {earlier}); the later row wins", row.Line);
        return true;
    }

    /// <summary>Books the row as created, updated or unchanged (duplicates are already booked).</summary>
    protected void Count(bool duplicate, bool created, bool changed)
    {
        if (duplicate)
            return;
        if (created)
            Result.Created++;
        else if (changed)
            Result.Updated++;
        else
            Result.Unchanged++;
    }
}
