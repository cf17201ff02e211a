using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
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
        if (await SchemaIsCurrentAsync(cancellationToken))
            return;
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

    /// <summary>
    /// The answer to "is any migration pending?" from one plain query of the history table, set beside the migrations
    /// this build carries — what <c>GetPendingMigrationsAsync</c> computes, without the conventions-built history model
    /// and query pipeline it brings up first (most of a CLI command's migrations check). False whenever in doubt (no
    /// history table yet, a database that cannot be read): the full path then decides, as before.
    /// </summary>
    internal async Task<bool> SchemaIsCurrentAsync(CancellationToken cancellationToken)
    {
        var known = db.GetService<IMigrationsAssembly>().Migrations.Keys;
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"";
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                    applied.Add(reader.GetString(0));
            }
            if (!known.All(applied.Contains))
                return false;
            if (db.Database.IsSqlite())
            {
                command.CommandText = "PRAGMA journal_mode=WAL;";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            return true;
        }
        catch (DbException)
        {
            return false;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
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
