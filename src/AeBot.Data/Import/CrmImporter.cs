using System.Diagnostics;
using AeBot.Core;
using AeBot.Core.Time;
using AeBot.Data.Import.Kinds;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeBot.Data.Import;

/// <summary>
/// Imports CRM CSV exports — one file or a folder of them. Each file is imported in one transaction: it lands
/// whole (with its rejected rows listed) or not at all, so a bad file or a crash leaves the database as it was
/// for that file. Re-importing the same export changes nothing: records are matched by their CRM id, or by a
/// natural key when the export has none.
/// </summary>
public sealed partial class CrmImporter(
    AeBotDbContext db,
    TimeProvider clock,
    IOptions<AeBotOptions> aeBotOptions,
    IOptions<ImportOptions> importOptions,
    ILogger<CrmImporter> logger)
{
    /// <summary>
    /// Imports <paramref name="path"/>. With <paramref name="dryRun"/> everything is worked out exactly as an import
    /// would — kinds, columns, rows created, updated and rejected — inside one transaction that is rolled back, so
    /// nothing is written.
    /// </summary>
    public async Task<ImportReport> ImportAsync(string path, ImportMapping? mapping = null, IProgress<ImportProgress>? progress = null,
        bool dryRun = false, CancellationToken cancellationToken = default)
    {
        mapping ??= new ImportMapping();
        var report = new ImportReport { DryRun = dryRun };
        List<string> files;
        if (Directory.Exists(path))
        {
            files = Directory.EnumerateFiles(path)
                .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".csv" or ".txt" or ".tsv")
                .Order(StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
            {
                report.Files.Add(new FileImportResult(path) { Error = "folder has no .csv files" });
                return report;
            }
        }
        else
        {
            files = [path];
        }

        // Open every file and read them together (a roster is known by its people being the deals' owners), then
        // import in dependency order: users before the deals they own.
        var dateOrder = mapping.DateOrder ?? importOptions.Value.DateOrder;
        var inputs = new List<(ExportRecognizer.Input Input, FileImportResult Result)>();
        foreach (var file in files)
        {
            var result = new FileImportResult(file);
            report.Files.Add(result);
            var rule = mapping.RuleFor(Path.GetFileName(file));
            var csv = CsvFile.TryOpen(file, mapping.DelimiterChar, out var problem);
            if (csv is null)
            {
                result.Error = problem;
                continue;
            }
            result.Delimiter = csv.Delimiter;
            var columns = new Dictionary<string, string?>(mapping.Columns, StringComparer.OrdinalIgnoreCase);
            foreach (var (column, field) in rule?.Columns ?? [])
                columns[column] = field;
            var kind = rule?.Kind ?? (files.Count == 1 ? mapping.Kind : null);
            inputs.Add((new ExportRecognizer.Input(csv, kind, columns, ColumnProfile.Sample(csv, dateOrder)), result));
        }

        var readings = ExportRecognizer.Recognize(inputs.Select(i => i.Input).ToList());
        // The order of day and month, settled by the files' own dates (18/12/2026 is only day first). A file that
        // settles it for itself is read its way; the others of the folder — one export, one locale — follow the
        // files that do, when those agree. The mapping file's order, when given, is the user's word and wins.
        var seenOrders = inputs.Select(i => ColumnProfile.DateOrderOf(i.Input.Profiles)).ToList();
        var agreed = seenOrders.OfType<(DateOrder Order, string Example)>().Select(o => o.Order).Distinct().ToList();
        var folderOrder = agreed.Count == 1 ? seenOrders.First(o => o is not null) : null;
        var plan = new List<(CsvFile File, ImportKind Kind, FileImportResult Result, DateOrder DateOrder)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var (input, result) = inputs[i];
            var reading = readings[i];
            result.KindReason = reading.Why;
            result.Columns.AddRange(reading.Columns);
            if (reading.Kind is not { } kind)
            {
                result.Error = reading.Why;
                continue;
            }
            result.Kind = kind;
            var order = dateOrder;
            if (mapping.DateOrder is null && (seenOrders[i] ?? folderOrder) is { } seen && seen.Order != order)
            {
                order = seen.Order;
                result.Warn($"dates read {(order == DateOrder.DayMonthYear ? "day first" : "month first")}: "
                    + (seenOrders[i] is null ? $"another file of the export writes '{seen.Example}'" : $"the file writes '{seen.Example}'"));
            }
            plan.Add((input.File, kind, result, order));
        }

        await using var dryRunTransaction = dryRun ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        foreach (var (file, kind, result, order) in plan.OrderBy(p => p.Kind).ThenBy(p => p.File.Path, StringComparer.Ordinal))
            await ImportFileAsync(file, kind, result, order, mapping, dryRunTransaction is not null, progress, cancellationToken);
        if (dryRunTransaction is not null)
            await dryRunTransaction.RollbackAsync(CancellationToken.None);
        return report;
    }

    private async Task ImportFileAsync(CsvFile file, ImportKind kind, FileImportResult result, DateOrder dateOrder,
        ImportMapping mapping, bool insideDryRun, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        HeaderMap map;
        try
        {
            map = HeaderMap.Build(result.Columns, kind);
        }
        catch (ImportException e)
        {
            result.Error = e.Message;
            return;
        }

        var options = importOptions.Value;
        var defaultCurrency = Core.Money.CurrencyCode.FromSymbolOrCode(mapping.DefaultCurrency) ?? aeBotOptions.Value.Currency;
        LogFileStarted(logger, file.Path, kind);

        db.ChangeTracker.Clear();
        if (db.Database.IsSqlite())
        {
            // Each deal touches several indexes at random places; SQLite's default 2 MB page cache turns that
            // into constant re-reads. 64 MB for this connection keeps the hot index pages in memory.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -65536;", cancellationToken);
        }
        // A file lands whole or not at all: its own transaction, or — inside a dry run's — a savepoint.
        const string savepoint = "aebot_import_file";
        var outer = insideDryRun ? db.Database.CurrentTransaction : null;
        await using var own = outer is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (outer is not null)
            await outer.CreateSavepointAsync(savepoint, cancellationToken);
        var transaction = own ?? outer!;
        var dbTransaction = transaction.GetDbTransaction();
        using var session = new ImportSession
        {
            Db = db,
            Result = result,
            Now = clock.GetUtcNow(),
            DefaultCurrency = defaultCurrency,
            DateOrder = dateOrder,
            // Semicolon-separated files come from locales that write 1.234,56.
            CommaDecimal = file.Delimiter == ';',
            Zone = RepTime.FindZone(aeBotOptions.Value.DefaultTimeZone) ?? TimeZoneInfo.Utc,
            Stages = new StageClassifier(options.WonStages.Concat(mapping.Stages?.Won ?? []), options.LostStages.Concat(mapping.Stages?.Lost ?? [])),
            BatchSize = options.BatchSize,
            FiscalYearStartMonth = aeBotOptions.Value.FiscalYearStartMonth,
            Seen = await SeenRows.CreateAsync(dbTransaction.Connection!, dbTransaction, cancellationToken),
        };
        try
        {
            await session.LoadDirectoriesAsync(cancellationToken);
            KindImporter importer = kind switch
            {
                ImportKind.Opportunities => new OpportunityImporter(session, map),
                ImportKind.Accounts => new AccountImporter(session, map),
                ImportKind.Contacts => new ContactImporter(session, map),
                ImportKind.Reps => new RepImporter(session, map),
                ImportKind.Products => new ProductImporter(session, map),
                ImportKind.Contracts => new ContractImporter(session, map),
                ImportKind.Activities => new ActivityImporter(session, map),
                _ => throw new ArgumentOutOfRangeException(nameof(kind)),
            };

            using var text = file.OpenText();
            var stream = ((StreamReader)text).BaseStream;
            using var reader = new CsvReader(text, file.Delimiter);
            var fields = new List<string>();
            for (var skip = 0; skip <= file.PreambleRecords; skip++)
                reader.TryRead(fields, out _); // comment lines, then the header
            var batch = new List<CsvRow>(session.BatchSize);
            var oneValueLines = new List<int>();
            while (reader.TryRead(fields, out var info))
            {
                result.RowsRead++;
                if (info.UnterminatedQuote)
                    result.Reject(info.FirstLine, "a quoted value is never closed; the rest of the file was read as this one value");
                else if (fields.Count > map.ColumnCount && fields.Skip(map.ColumnCount).Any(f => f.Trim().Length > 0))
                    result.Reject(info.FirstLine, $"{fields.Count} values but the header has {map.ColumnCount} columns (an unquoted delimiter inside a value?)");
                else if (fields.Count == 1 && map.ColumnCount >= 3)
                    // A report's footer ("Confidential Information - Do Not Distribute", "Generated By: …") — if
                    // records follow after all, it was a broken row and is rejected below.
                    oneValueLines.Add(info.FirstLine);
                else if (fields.All(f => f.Trim().Length == 0))
                    result.Reject(info.FirstLine, "empty row");
                else
                {
                    foreach (var line in oneValueLines)
                        result.Reject(line, $"a single value where the header has {map.ColumnCount} columns");
                    oneValueLines.Clear();
                    batch.Add(new CsvRow(info.FirstLine, [.. fields]));
                }

                if (batch.Count >= session.BatchSize)
                {
                    await importer.ImportBatchAsync(batch, cancellationToken);
                    batch.Clear();
                    progress?.Report(new ImportProgress(file.Path, kind, stream.Position, file.Length, result.RowsRead));
                }
            }
            if (batch.Count > 0)
                await importer.ImportBatchAsync(batch, cancellationToken);
            foreach (var line in oneValueLines)
                result.Skip(line, "a line with a single value after the last record (a report's footer) skipped");
            await importer.CompleteAsync(cancellationToken);
            await session.Seen.DropAsync(cancellationToken);
            if (own is not null)
                await own.CommitAsync(cancellationToken);
            else
                await outer!.ReleaseSavepointAsync(savepoint, cancellationToken);
            progress?.Report(new ImportProgress(file.Path, kind, file.Length, file.Length, result.RowsRead));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (own is not null)
                await own.RollbackAsync(CancellationToken.None);
            else
                await outer!.RollbackToSavepointAsync(savepoint, CancellationToken.None);
            LogFileFailed(logger, e, file.Path);
            result.Error = $"import stopped at an unexpected error and was rolled back, nothing from this file was saved: {e.GetBaseException().Message}";
            result.Created = result.Updated = result.Unchanged = 0;
            result.AlsoCreated.Clear();
        }
        finally
        {
            db.ChangeTracker.Clear();
            result.Elapsed = stopwatch.Elapsed;
        }
        LogFileDone(logger, file.Path, result.RowsRead, result.Created, result.Updated, result.Rejected.Count, stopwatch.ElapsedMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Importing {File} as {Kind}")]
    private static partial void LogFileStarted(ILogger logger, string file, ImportKind kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import of {File} failed and was rolled back")]
    private static partial void LogFileFailed(ILogger logger, Exception exception, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {File}: {Rows} rows, {Created} created, {Updated} updated, {Rejected} rejected in {ElapsedMs} ms")]
    private static partial void LogFileDone(ILogger logger, string file, int rows, int created, int updated, int rejected, long elapsedMs);
}
