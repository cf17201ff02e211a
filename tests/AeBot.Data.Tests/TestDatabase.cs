using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AeBot.Data.Tests;

/// <summary>
/// A real SQLite database in a temporary file, migrated like production, deleted afterwards. Compiled into the CRM
/// tests too (one file, linked), which sync into the same kind of database.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aebot-test-").FullName;

    public TestDatabase()
    {
        ConnectionString = $"Data Source={Path.Combine(_directory, "aebot.db")};Pooling=False";
        using var db = NewContext();
        new DatabaseInitializer(db, Options.Create(new StorageOptions()), NullLogger<DatabaseInitializer>.Instance).MigrateAsync().GetAwaiter().GetResult();
    }

    public string ConnectionString { get; }

    public AeBotDbContext NewContext() =>
        new SqliteAeBotDbContext(new DbContextOptionsBuilder<SqliteAeBotDbContext>().UseSqlite(ConnectionString).Options);

    /// <summary>Row counts of every table: "nothing changed" means these are equal before and after.</summary>
    public Dictionary<string, int> Counts()
    {
        using var db = NewContext();
        return new Dictionary<string, int>
        {
            ["reps"] = db.Reps.Count(), ["teams"] = db.Teams.Count(), ["quotas"] = db.Quotas.Count(), ["accounts"] = db.Accounts.Count(),
            ["contacts"] = db.Contacts.Count(), ["products"] = db.Products.Count(), ["opportunities"] = db.Opportunities.Count(),
            ["history"] = db.OpportunityHistory.Count(), ["contracts"] = db.Contracts.Count(), ["interactions"] = db.Interactions.Count(),
            ["interactionContacts"] = db.InteractionContacts.Count(), ["tasks"] = db.FollowUpTasks.Count(),
        };
    }

    /// <summary>One value by plain SQL — the tests' independent oracle; 0 when the query finds nothing.</summary>
    public long Scalar(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>A money column's value by plain SQL: SQLite stores decimals as integer ten-thousandths (ScaledDecimalConverter).</summary>
    public decimal Money(string sql) => Scalar(sql) / 10_000m;

    /// <summary>A text value by plain SQL; null when the query finds nothing.</summary>
    public string? Text(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    /// <summary>Rows by plain SQL, each read by <paramref name="read"/>.</summary>
    public List<TRow> Rows<TRow>(string sql, Func<Microsoft.Data.Sqlite.SqliteDataReader, TRow> read)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<TRow>();
        while (reader.Read())
            rows.Add(read(reader));
        return rows;
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
