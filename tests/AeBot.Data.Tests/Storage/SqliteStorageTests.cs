using AeBot.Core.Opportunities;
using AeBot.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Tests.Storage;

public class SqliteStorageTests
{
    [Fact]
    public async Task Money_sums_and_orders_exactly_in_SQL()
    {
        using var database = new TestDatabase();
        await using (var db = database.NewContext())
        {
            var rep = new Rep { Name = "Dana", Email = "dana@example.com" };
            db.Reps.Add(rep);
            await db.SaveChangesAsync();
            foreach (var amount in new[] { 9m, 10m, 0.1m, 0.2m, 1_234_567.8912m })
                db.Opportunities.Add(new Opportunity { Name = $"d{amount}", OwnerId = rep.Id, Amount = amount, Currency = "USD", Stage = "Open" });
            await db.SaveChangesAsync();
        }

        await using var read = database.NewContext();
        var total = await read.Opportunities.SumAsync(o => o.Amount);
        var ordered = await read.Opportunities.OrderBy(o => o.Amount).Select(o => o.Amount).ToListAsync();
        var above = await read.Opportunities.CountAsync(o => o.Amount > 9.5m);
        var sql = read.Opportunities.Where(o => o.Amount > 9.5m).ToQueryString();

        Assert.Equal(1_234_587.1912m, total);
        Assert.Equal(new decimal?[] { 0.1m, 0.2m, 9m, 10m, 1_234_567.8912m }, ordered);
        Assert.Equal(2, above);
        Assert.DoesNotContain("ef_", sql); // compared as integers, not through EF's slow decimal functions
    }

    [Fact]
    public async Task Instants_compare_by_moment_not_by_text()
    {
        using var database = new TestDatabase();
        await using (var db = database.NewContext())
        {
            db.Reps.Add(new Rep { Name = "Early", CreatedAt = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.FromHours(5)) }); // 05:00 UTC
            db.Reps.Add(new Rep { Name = "Late", CreatedAt = new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.Zero) }); // 06:00 UTC
            await db.SaveChangesAsync();
        }
        await using var read = database.NewContext();
        var names = await read.Reps.OrderBy(r => r.CreatedAt).Select(r => r.Name).ToListAsync();
        Assert.Equal(["Early", "Late"], names);
    }

    [Fact]
    public async Task Unique_email_is_enforced_by_the_database()
    {
        using var database = new TestDatabase();
        await using var db = database.NewContext();
        db.Reps.Add(new Rep { Name = "A", Email = "same@example.com" });
        db.Reps.Add(new Rep { Name = "B", Email = "same@example.com" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public void Migrations_are_checked_in_for_both_providers_and_match_the_model()
    {
        using var database = new TestDatabase();
        using var db = database.NewContext();
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run dotnet ef migrations add for both contexts.");

        using var pg = new AeBot.Data.Storage.PostgresAeBotDbContext(new DbContextOptionsBuilder<AeBot.Data.Storage.PostgresAeBotDbContext>().UseNpgsql("Host=localhost").Options);
        Assert.NotEmpty(pg.Database.GetMigrations());
        Assert.False(pg.Database.HasPendingModelChanges(), "The PostgreSQL migrations are behind the model.");
    }
}
