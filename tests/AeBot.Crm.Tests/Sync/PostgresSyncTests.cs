using AeBot.Core.Interactions;
using AeBot.Core.Sales;
using AeBot.Core.Work;
using AeBot.Crm.Sources;
using AeBot.Crm.Sync;
using AeBot.Crm.Tests.Salesforce;
using AeBot.Data.Capture;
using AeBot.Data.Crm;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AeBot.Crm.Tests.Sync;

/// <summary>
/// The sync on PostgreSQL (several AeBot instances share one database there): when <c>AEBOT_TEST_POSTGRES</c> holds
/// a connection string (CI starts a server), each run creates and drops its own database.
/// </summary>
public sealed class PostgresSyncTests
{
    private static readonly string? ServerConnectionString = Environment.GetEnvironmentVariable("AEBOT_TEST_POSTGRES");

    [SkippableFact]
    public async Task Two_instances_syncing_at_once_on_PostgreSQL_send_a_chat_change_once_and_release_the_lease()
    {
        Skip.If(string.IsNullOrWhiteSpace(ServerConnectionString), "AEBOT_TEST_POSTGRES is not set");
        var name = $"aebot_crm_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(ServerConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
        PostgresAeBotDbContext NewContext() => new(new DbContextOptionsBuilder<PostgresAeBotDbContext>().UseNpgsql(connectionString).Options);
        await using var sf = await SalesforceTestOrg.StartAsync();
        try
        {
            await using (var db = NewContext())
            {
                var options = Microsoft.Extensions.Options.Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString });
                await new DatabaseInitializer(db, options, NullLogger<DatabaseInitializer>.Instance).MigrateAsync();
            }
            var org = sf.Org;
            org.AddStage("Prospecting", 1, 10);
            org.AddStage("Closed Won", 2, 100, closed: true, won: true, forecastCategory: "Closed");
            var raj = org.AddUser("Raj Patel", "raj.patel@acme-sales.example");
            var acme = org.AddAccount("Acme Corp", raj);
            var deal = org.AddOpportunity("Acme Platform", "Prospecting", new DateOnly(2026, 12, 15), 120_000m, raj, acme);
            var client = sf.Client();
            var crmOptions = Microsoft.Extensions.Options.Options.Create(new CrmOptions { Provider = "Salesforce" });
            async Task<CrmSyncReport> SyncAsync(bool full = false)
            {
                await using var db = NewContext();
                return await new CrmSync(db, new ChatChangeFeed(db), client, client, crmOptions, sf.Fake.Clock, NullLogger<CrmSync>.Instance)
                    .RunAsync(full, null, CancellationToken.None);
            }

            Assert.Equal("ok", (await SyncAsync(full: true)).Outcome);
            await using (var db = NewContext())
            {
                var rep = await db.Reps.SingleAsync(r => r.Email == "raj.patel@acme-sales.example");
                var viewer = new Viewer(rep.Id, rep.Name, rep.Role, rep.TimeZoneId, rep.HierarchyPath);
                var localDeal = await db.Opportunities.SingleAsync(o => o.Name == "Acme Platform");
                var writes = new EfSalesWrites(db, new EfWorkData(db, new MemoryCache(new MemoryCacheOptions())), TimeProvider.System);
                await writes.LogInteractionAsync(viewer, new InteractionDraft(InteractionType.Call, localDeal.AccountId!.Value, localDeal.Id, [],
                    "Budget confirmed.", [], null, null, sf.Fake.Clock.Now), default);
                await writes.UpdateDealAsync(viewer, new DealChange(localDeal.Id, Amount: 125_000m), default);
            }
            sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
            var tasks = org.Ids("Task").Count;

            var both = await Task.WhenAll(SyncAsync(), SyncAsync());

            Assert.Contains(both, r => r.Outcome == "ok");
            Assert.Equal(2, both.Sum(r => r.WritesSent)); // the call and the deal change, each by one of the two
            Assert.Equal(tasks + 1, org.Ids("Task").Count);
            Assert.Equal(125_000m, Convert.ToDecimal(org.Get(deal, "Amount")));
            await using (var db = NewContext())
                Assert.All(await db.CrmWriteBacks.ToListAsync(), w => Assert.Equal("sent", w.State));
            // The lease was handed back (its stamp compared to the microsecond PostgreSQL keeps): the next run runs.
            sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal("ok", (await SyncAsync()).Outcome);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(ServerConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
