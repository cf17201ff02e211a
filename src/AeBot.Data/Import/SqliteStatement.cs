using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AeBot.Data.Import;

/// <summary>
/// A statement prepared once on the import's SQLite connection and bound by position. Microsoft.Data.Sqlite looks
/// every parameter up by name on every execution, which cost more than the insert itself for a 20-column row;
/// this binds by index, in the same transaction, with the same value encodings Microsoft.Data.Sqlite uses.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _stmt);
        ThrowOnError(rc);
    }

    public void Bind(int index, object? value)
    {
        var position = index + 1;
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_stmt, position),
            long l => raw.sqlite3_bind_int64(_stmt, position, l),
            int i => raw.sqlite3_bind_int64(_stmt, position, i),
            short s => raw.sqlite3_bind_int64(_stmt, position, s),
            byte b => raw.sqlite3_bind_int64(_stmt, position, b),
            bool b => raw.sqlite3_bind_int64(_stmt, position, b ? 1 : 0),
            double d => raw.sqlite3_bind_double(_stmt, position, d),
            float f => raw.sqlite3_bind_double(_stmt, position, f),
            string s => raw.sqlite3_bind_text(_stmt, position, s),
            DateOnly d => raw.sqlite3_bind_text(_stmt, position, d.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
            TimeOnly t => raw.sqlite3_bind_text(_stmt, position, t.ToString(@"HH\:mm\:ss\.fffffff", CultureInfo.InvariantCulture)),
            DateTime dt => raw.sqlite3_bind_text(_stmt, position, dt.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            byte[] blob => raw.sqlite3_bind_blob(_stmt, position, blob),
            _ => throw new NotSupportedException($"Cannot bind a {value.GetType().Name} to SQLite; add a value converter to the model."),
        };
        ThrowOnError(rc);
    }

    /// <summary>Runs the statement; returns the rowid it inserted (meaningful for INSERTs only).</summary>
    public long Execute()
    {
        var started = DateTime.UtcNow;
        try
        {
            while (true)
            {
                var rc = raw.sqlite3_step(_stmt);
                if (rc is raw.SQLITE_DONE or raw.SQLITE_ROW)
                    return raw.sqlite3_last_insert_rowid(_db);
                // Another connection is writing: wait as Microsoft.Data.Sqlite would, up to its default timeout.
                if (rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED && DateTime.UtcNow - started < BusyTimeout)
                {
                    raw.sqlite3_reset(_stmt);
                    Thread.Sleep(20);
                    continue;
                }
                ThrowOnError(rc);
            }
        }
        finally
        {
            raw.sqlite3_reset(_stmt);
        }
    }

    public int Changes => raw.sqlite3_changes(_db);

    private void ThrowOnError(int rc)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW)
            return;
        throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_db));
    }

    public void Dispose() => _stmt.Dispose();
}
