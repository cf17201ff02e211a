using Microsoft.Data.Sqlite;

namespace AeBot.Bench;

/// <summary>
/// Generators write straight into the migrated SQLite file: prepared statements with positional parameters
/// ($1, $2 …) in one transaction, returning the new row id — the fastest way to build a million-row company.
/// </summary>
internal sealed class BulkInsert(SqliteConnection connection, SqliteTransaction transaction)
{
    public SqliteCommand Prepare(string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 1; i <= parameters; i++)
            command.Parameters.Add(new SqliteParameter($"${i}", null));
        command.Prepare();
        return command;
    }

    public long Insert(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
        return SQLitePCL.raw.sqlite3_last_insert_rowid(connection.Handle);
    }
}
