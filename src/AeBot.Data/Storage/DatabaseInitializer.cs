using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeBot.Data.Storage;

/// <summary>Brings the database to the current schema at start-up.</summary>
public sealed partial class DatabaseInitializer(AeBotDbContext db, IOptions<StorageOptions> options, ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (!options.Value.MigrateOnStart)
        {
            LogMigrationSkipped(logger);
            return;
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogMigrating(logger, options.Value.Provider, pending.Count);
            await db.Database.MigrateAsync(cancellationToken);
        }
        if (db.Database.IsSqlite())
        {
            // WAL lets the server read while an import or a CLI turn writes; it is a property of the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>True when nobody is in the org yet: the only state in which the demo company may be created.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default) =>
        !await db.Reps.AnyAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) to the {Provider} database")]
    private static partial void LogMigrating(ILogger logger, StorageProvider provider, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage:MigrateOnStart is off; the schema is assumed current")]
    private static partial void LogMigrationSkipped(ILogger logger);
}
