using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Data.Sales;
using AeBot.Data.Demo;
using AeBot.Data.Storage;
using AeBot.Data.Tests.Demo;
using AeBot.Data.Tests.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AeBot.Data.Tests.Storage;

/// <summary>
/// Runs against a real PostgreSQL server when <c>AEBOT_TEST_POSTGRES</c> holds a connection string (CI starts one);
/// each run creates and drops its own database.
/// </summary>
public sealed class PostgresSmokeTests
{
    private static readonly string? ServerConnectionString = Environment.GetEnvironmentVariable("AEBOT_TEST_POSTGRES");

    [SkippableFact]
    public async Task Migrations_import_demo_and_queries_work_on_PostgreSQL()
    {
        Skip.If(string.IsNullOrWhiteSpace(ServerConnectionString), "AEBOT_TEST_POSTGRES is not set");
        var name = $"aebot_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(ServerConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
        PostgresAeBotDbContext NewContext() => new(new DbContextOptionsBuilder<PostgresAeBotDbContext>().UseNpgsql(connectionString).Options);
        try
        {
            await using (var db = NewContext())
            {
                var options = Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString });
                await new DatabaseInitializer(db, options, NullLogger<DatabaseInitializer>.Instance).MigrateAsync();
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            }

            await using (var db = NewContext())
            {
                var report = await ImportFixture.ImportAsync(db, ImportFixture.Exports("salesforce"));
                Assert.True(report.Succeeded);
                Assert.Equal(6, report.File("Opportunities.csv").Created);
            }
            await using (var db = NewContext())
            {
                var again = await ImportFixture.ImportAsync(db, ImportFixture.Exports("salesforce"));
                Assert.All(again.Files, f => Assert.Equal((0, 0), (f.Created, f.Updated)));
                var platform = await db.Opportunities.SingleAsync(o => o.ExternalId == "006O1");
                Assert.Equal(120_000m, platform.Amount);
                Assert.Equal("Send revised quote\nby Friday", platform.NextStep);
                var open = await db.Opportunities.Where(o => o.StageCategory == StageCategory.Open).SumAsync(o => o.Amount);
                Assert.Equal(120_000m + 80_000m + 5_000m, open);
            }

            // #16 on PostgreSQL: a dry run (savepoints inside one rolled-back transaction) writes nothing; the folder read
            // by its values imports; list prices value deals without an amount apart from the total.
            await using (var db = NewContext())
            {
                var before = await db.Opportunities.CountAsync();
                var dry = await ImportFixture.ImportAsync(db, ImportFixture.Exports("unclear"), dryRun: true);
                Assert.Equal(5, dry.File("deals.csv").Created);
                Assert.Equal(before, await db.Opportunities.CountAsync());
                Assert.True((await ImportFixture.ImportAsync(db, ImportFixture.Exports("unclear"))).Succeeded);
                Assert.True((await ImportFixture.ImportAsync(db, ImportFixture.Exports("list-prices"))).Succeeded);
            }
            await using (var db = NewContext())
            {
                var omar = await db.Reps.SingleAsync(r => r.Email == "omar.haddad@orbit-sales.example");
                var viewer = new Viewer(omar.Id, omar.Name, omar.Role, omar.TimeZoneId, omar.HierarchyPath);
                var totals = await new EfSalesData(db).TotalsAsync(viewer, new DealFilter { OwnerIds = [omar.Id], Category = StageCategory.Open }, default);
                // Open: O-1 $30,000; O-2 (Orbit Edge 9,500) and O-3 (Orbit Core 24,000) without an amount; O-4 with neither.
                Assert.Equal((4, 3, 30_000m), (totals.Count, totals.CountWithoutAmount, totals.AmountIn("USD")));
                Assert.Equal(new ListPriceTotal("USD", 2, 33_500m), Assert.Single(totals.AtListPrice));
            }

            await using (var db = NewContext())
            {
                await db.Database.ExecuteSqlRawAsync("TRUNCATE \"Reps\", \"Accounts\", \"Products\", \"Teams\" CASCADE");
                Assert.True(await DemoCompanyTests.SeedAsync(db, new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero)));
                Assert.Equal(1_500, await db.Opportunities.CountAsync());
            }
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
