using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AeBot.Data.Tests;

/// <summary>A real SQLite database in a temporary file, migrated like production, deleted afterwards.</summary>
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
