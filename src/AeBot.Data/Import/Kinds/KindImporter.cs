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
    /// Counts a row as a duplicate when its id repeated an earlier row of this file; returns true when it did (the
    /// caller still applies it: the later row wins). <paramref name="storedId"/> is the id of the record the row
    /// matched, null when it matched none. A row that matched nothing cannot repeat an earlier row (that row would
    /// have been stored), and a record stored above the file's starting id was created by an earlier row: only
    /// rows matching records older than the file need the <see cref="SeenRows"/> look-up, so a first import of a
    /// large file pays nothing for duplicate detection.
    /// </summary>
    protected async Task<bool> NoteDuplicateAsync<T>(string externalId, long? storedId, CsvRow row, CancellationToken cancellationToken)
    {
        if (storedId is not > 0)
            return false;
        if (storedId > S.Watermark<T>())
        {
            Booked(row, "repeats a record created by an earlier row of this file; the later row wins");
            return true;
        }
        var earlier = await S.Seen.SeenBeforeAsync(externalId, row.Line, cancellationToken);
        if (earlier == 0)
            return false;
        Booked(row, $"repeats the record of line {earlier}; the later row wins");
        return true;
    }

    private void Booked(CsvRow row, string warning)
    {
        Result.Duplicates++;
        Result.Warn(warning, row.Line);
    }

    /// <summary>
    /// Writes the entity if the row changed it: inserts it when <paramref name="before"/> is null (a new record),
    /// updates it when its values differ from <paramref name="before"/>, and otherwise leaves the database alone
    /// — which is what makes re-importing an export a no-op. Returns whether anything was written.
    /// </summary>
    protected async Task<bool> SaveAsync<T>(T entity, object?[]? before, CancellationToken cancellationToken, Action<T>? whenChanged = null)
        where T : class
    {
        var writer = S.Writer<T>();
        if (before is not null && writer.Unchanged(entity, before))
            return false;
        whenChanged?.Invoke(entity);
        if (before is null)
            await writer.InsertAsync(entity, cancellationToken);
        else
            await writer.UpdateAsync(entity, cancellationToken);
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
