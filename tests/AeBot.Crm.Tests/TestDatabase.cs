using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AeBot.Crm.Tests;

/// <summary>A real SQLite database in a temporary file, migrated like production, deleted afterwards; plain SQL for the oracle.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aebot-crm-test-").FullName;

    public TestDatabase()
    {
        ConnectionString = $"Data Source={System.IO.Path.Combine(_directory, "aebot.db")};Pooling=False";
        using var db = NewContext();
        new DatabaseInitializer(db, Options.Create(new StorageOptions()), NullLogger<DatabaseInitializer>.Instance).MigrateAsync().GetAwaiter().GetResult();
    }

    public string ConnectionString { get; }

    public string Path => System.IO.Path.Combine(_directory, "aebot.db");

    public AeBotDbContext NewContext() =>
        new SqliteAeBotDbContext(new DbContextOptionsBuilder<SqliteAeBotDbContext>().UseSqlite(ConnectionString).Options);

    /// <summary>One value by plain SQL — the tests' independent oracle; 0 when the query finds nothing.</summary>
    public long Scalar(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>A money column by plain SQL: SQLite stores decimals as integer ten-thousandths (ScaledDecimalConverter).</summary>
    public decimal Money(string sql) => Scalar(sql) / 10_000m;

    public string? Text(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
