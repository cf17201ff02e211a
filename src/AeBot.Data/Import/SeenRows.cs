using System.Data;
using System.Data.Common;

namespace AeBot.Data.Import;

/// <summary>
/// Remembers which record ids a file has already met, to report repeated rows, in a temporary table instead of
/// memory: a million-row export then costs the importer no more memory than a thousand-row one. The table lives
/// in the import's transaction and connection and is dropped with it.
/// </summary>
internal sealed class SeenRows : IDisposable
{
    private const string Table = "aebot_import_seen";
    private readonly DbCommand _insert;
    private readonly DbCommand _lookup;
    private readonly DbParameter _fingerprint;
    private readonly DbParameter _line;
    private readonly DbParameter _lookupFingerprint;

    private SeenRows(DbConnection connection, DbTransaction transaction)
    {
        _insert = connection.CreateCommand();
        _insert.Transaction = transaction;
        _insert.CommandText = $"INSERT INTO {Table} (fp, line) VALUES (@fp, @line) ON CONFLICT DO NOTHING";
        _fingerprint = Add(_insert, "@fp", DbType.Int64);
        _line = Add(_insert, "@line", DbType.Int32);
        _lookup = connection.CreateCommand();
        _lookup.Transaction = transaction;
        _lookup.CommandText = $"SELECT line FROM {Table} WHERE fp = @fp";
        _lookupFingerprint = Add(_lookup, "@fp", DbType.Int64);
    }

    public static async Task<SeenRows> CreateAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = $"DROP TABLE IF EXISTS {Table}; CREATE TEMPORARY TABLE {Table} (fp BIGINT PRIMARY KEY, line INTEGER NOT NULL)";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var seen = new SeenRows(connection, transaction);
        seen._insert.Prepare();
        seen._lookup.Prepare();
        return seen;
    }

    /// <summary>Records the id at <paramref name="line"/>; returns the line of an earlier row with that id, or 0.</summary>
    public async Task<int> SeenBeforeAsync(string externalId, int line, CancellationToken cancellationToken)
    {
        var fingerprint = NaturalKey.Fingerprint(externalId);
        _fingerprint.Value = fingerprint;
        _line.Value = line;
        if (await _insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            return 0;
        _lookupFingerprint.Value = fingerprint;
        return Convert.ToInt32(await _lookup.ExecuteScalarAsync(cancellationToken));
    }

    /// <summary>Drops the table; call before committing so the connection goes back to the pool clean.</summary>
    public async Task DropAsync(CancellationToken cancellationToken)
    {
        await using var drop = _insert.Connection!.CreateCommand();
        drop.Transaction = _insert.Transaction;
        drop.CommandText = $"DROP TABLE IF EXISTS {Table}";
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    // Typed up front: a prepared PostgreSQL statement must get the same type on every execution.
    private static DbParameter Add(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = type == DbType.Int64 ? 0L : 0;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public void Dispose()
    {
        _insert.Dispose();
        _lookup.Dispose();
    }
}
