using AeBot.Core;
using AeBot.Core.Time;
using AeBot.Data.Import;
using AeBot.Data.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AeBot.Data.Tests.Import;

/// <summary>Runs real imports against a real database, with the clock fixed.</summary>
internal static class ImportFixture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    public static string Exports(string folder) => Path.Combine(AppContext.BaseDirectory, "Import", "Exports", folder);

    public static async Task<ImportReport> ImportAsync(AeBotDbContext db, string path, ImportMapping? mapping = null,
        ImportOptions? options = null, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default, DateTimeOffset? now = null, bool dryRun = false)
    {
        var importer = new CrmImporter(db, new FixedTimeProvider(now ?? Now), Options.Create(new AeBotOptions()),
            Options.Create(options ?? new ImportOptions()), NullLogger<CrmImporter>.Instance);
        return await importer.ImportAsync(path, mapping, progress, dryRun, cancellationToken);
    }

    public static FileImportResult File(this ImportReport report, string name) =>
        report.Files.Single(f => Path.GetFileName(f.Path) == name);
}
