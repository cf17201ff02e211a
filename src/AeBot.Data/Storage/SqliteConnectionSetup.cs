using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AeBot.Data.Storage;

/// <summary>
/// Per-connection SQLite settings (<see cref="StorageOptions.SqliteSynchronous"/>). In WAL mode, NORMAL syncs at
/// checkpoints instead of at every commit: a committed turn survives a crash of AeBot or of the process and the
/// database is never corrupted; only a power cut or OS crash may lose the last commits. That is SQLite's
/// recommended setting for WAL, and it takes two fsyncs off every chat turn (turn p50 3.6 → 2.6 ms, see
/// docs/performance.md). FULL syncs every commit, for those who need the last commit to survive a power cut.
/// </summary>
internal sealed class SqliteConnectionSetup(SqliteSynchronous synchronous) : DbConnectionInterceptor
{
    // busy_timeout: when another connection holds the write lock, SQLite itself retries within milliseconds.
    // Without it Microsoft.Data.Sqlite sees SQLITE_BUSY and sleeps 150 ms before retrying — concurrent chat turns
    // then wait hundreds of milliseconds for a lock held for well under one (p99 312 → see docs/performance.md).
    private readonly string _pragmas = $"PRAGMA synchronous = {synchronous.ToString().ToUpperInvariant()}; PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
