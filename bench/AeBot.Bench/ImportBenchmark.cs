using System.Diagnostics;
using System.Globalization;
using System.Text;
using AeBot.Core;
using AeBot.Core.Time;
using AeBot.Data.Import;
using AeBot.Data.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AeBot.Bench;

/// <summary>
/// Imports a generated Salesforce-style opportunity export of N rows into a fresh SQLite database and sets it
/// beside two baselines measured in the same run on the same file:
///  1. read: parse every row with the same CSV reader, nothing else (the floor for any importer);
///  2. raw insert: one prepared INSERT per row into a bare table, no look-ups or mapping (the floor for writing).
/// Memory: the largest managed heap seen during the import, sampled after every batch, for N/10 rows and N rows:
/// flat memory means the two are close although the file is ten times larger.
/// </summary>
public static class ImportBenchmark
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(int rows)
    {
        var work = Directory.CreateTempSubdirectory("aebot-bench-");
        try
        {
            var small = Path.Combine(work.FullName, "opportunities-small.csv");
            var large = Path.Combine(work.FullName, "opportunities.csv");
            Generate(small, rows / 10);
            Generate(large, rows);
            Console.WriteLine($"Import benchmark: {rows:N0} opportunity rows ({new FileInfo(large).Length / 1_048_576.0:N0} MiB), {Environment.ProcessorCount} cores, .NET {Environment.Version}");

            var read = Time(() => ReadOnly(large));
            Console.WriteLine($"  baseline read-only parse      {read.TotalSeconds,7:N1} s  ({rows / read.TotalSeconds:N0} rows/s)");
            var raw = Time(() => RawInsert(large, Path.Combine(work.FullName, "raw.db")));
            Console.WriteLine($"  baseline raw SQLite INSERT    {raw.TotalSeconds,7:N1} s  ({rows / raw.TotalSeconds:N0} rows/s)");

            var (smallTime, smallHeap, _) = await ImportAsync(small, Path.Combine(work.FullName, "small.db"));
            var (time, heap, report) = await ImportAsync(large, Path.Combine(work.FullName, "aebot.db"));
            var file = report.Files[0];
            Console.WriteLine($"  AeBot import (first run)      {time.TotalSeconds,7:N1} s  ({rows / time.TotalSeconds:N0} rows/s)  created {file.Created:N0}, rejected {file.Rejected.Count:N0}");
            var (again, _, reportAgain) = await ImportAsync(large, Path.Combine(work.FullName, "aebot.db"));
            Console.WriteLine($"  AeBot re-import (no changes)  {again.TotalSeconds,7:N1} s  unchanged {reportAgain.Files[0].Unchanged:N0}, updated {reportAgain.Files[0].Updated:N0}");
            Console.WriteLine($"  import / raw insert           {time / raw,7:N2} x");
            Console.WriteLine($"  peak managed heap             {smallHeap / 1_048_576.0,7:N0} MiB at {rows / 10:N0} rows, {heap / 1_048_576.0:N0} MiB at {rows:N0} rows ({smallTime.TotalSeconds:N1} s for the small file)");
            var ok = time < TimeSpan.FromSeconds(60) && file.Created == rows && reportAgain.Files[0].Unchanged == rows;
            Console.WriteLine(ok ? "  target met: under 60 s, every row imported, re-import unchanged" : "  TARGET MISSED");
            return ok ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    private static readonly string[] Stages = ["Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost"];

    // A deterministic Salesforce-style export: 2,000 owners, 50,000 accounts, quoted names with commas.
    private static void Generate(string path, int rows)
    {
        var random = new Random(7);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 16);
        writer.WriteLine("Opportunity ID,Opportunity Name,Account Name,Opportunity Owner,Amount,Currency,Stage,Probability (%),Close Date,Created Date,Type,Next Step");
        for (var i = 0; i < rows; i++)
        {
            var account = random.Next(50_000);
            var stage = Stages[random.Next(Stages.Length)];
            var close = new DateOnly(2025, 1, 1).AddDays(random.Next(900));
            writer.Write("006B");
            writer.Write(i.ToString("D9", CultureInfo.InvariantCulture));
            writer.Write($",\"Account {account}, Inc. – deal {i}\",\"Account {account}, Inc.\",Rep {random.Next(2_000)},");
            writer.Write((random.Next(1_000, 500_000) * 10m).ToString("F2", CultureInfo.InvariantCulture));
            writer.Write($",USD,{stage},{random.Next(0, 101)},{close.Month}/{close.Day}/{close.Year},{close.AddDays(-90):M/d/yyyy},New Business,Follow up\n");
        }
    }

    private static void ReadOnly(string path)
    {
        var file = CsvFile.TryOpen(path, null, out var problem) ?? throw new InvalidOperationException(problem);
        using var reader = new CsvReader(file.OpenText(), file.Delimiter);
        var fields = new List<string>();
        var count = 0;
        while (reader.TryRead(fields, out _))
            count++;
        GC.KeepAlive(count);
    }

    private static void RawInsert(string path, string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE deals (id INTEGER PRIMARY KEY, ext TEXT UNIQUE, name TEXT, account TEXT, owner TEXT, amount INTEGER, stage TEXT, close TEXT)";
            create.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO deals (ext, name, account, owner, amount, stage, close) VALUES ($1, $2, $3, $4, $5, $6, $7)";
        var parameters = Enumerable.Range(1, 7).Select(i => insert.Parameters.Add(new SqliteParameter($"${i}", null))).ToArray();
        insert.Prepare();
        var file = CsvFile.TryOpen(path, null, out var problem) ?? throw new InvalidOperationException(problem);
        using var reader = new CsvReader(file.OpenText(), file.Delimiter);
        var fields = new List<string>();
        reader.TryRead(fields, out _);
        while (reader.TryRead(fields, out _))
        {
            parameters[0].Value = fields[0];
            parameters[1].Value = fields[1];
            parameters[2].Value = fields[2];
            parameters[3].Value = fields[3];
            parameters[4].Value = (long)(decimal.Parse(fields[4], CultureInfo.InvariantCulture) * 10_000);
            parameters[5].Value = fields[6];
            parameters[6].Value = fields[8];
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static async Task<(TimeSpan Time, long PeakHeap, ImportReport Report)> ImportAsync(string path, string database)
    {
        var options = new DbContextOptionsBuilder<SqliteAeBotDbContext>().UseSqlite($"Data Source={database};Pooling=False").Options;
        await using var db = new SqliteAeBotDbContext(options);
        await new DatabaseInitializer(db, Options.Create(new StorageOptions()), NullLogger<DatabaseInitializer>.Instance).MigrateAsync();
        var importer = new CrmImporter(db, new FixedTimeProvider(Now), Options.Create(new AeBotOptions()), Options.Create(new ImportOptions()), NullLogger<CrmImporter>.Instance);
        GC.Collect();
        var peak = new PeakHeap();
        var stopwatch = Stopwatch.StartNew();
        var report = await importer.ImportAsync(path, progress: peak);
        stopwatch.Stop();
        if (report.Files[0].Error is { } error)
            throw new InvalidOperationException(error);
        return (stopwatch.Elapsed, peak.Max, report);
    }

    private static TimeSpan Time(Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed;
    }

    private sealed class PeakHeap : IProgress<ImportProgress>
    {
        public long Max { get; private set; }

        public void Report(ImportProgress value) => Max = Math.Max(Max, GC.GetTotalMemory(false));
    }
}
