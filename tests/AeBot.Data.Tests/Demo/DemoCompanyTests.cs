using AeBot.Core.Interactions;
using AeBot.Core.Opportunities;
using AeBot.Core.Organization;
using AeBot.Core.Time;
using AeBot.Data.Demo;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AeBot.Data.Tests.Demo;

public sealed class DemoCompanyTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 28);
    private readonly TestDatabase _database = new();

    internal static Task<bool> SeedAsync(AeBotDbContext db, DateTimeOffset now) =>
        new DemoCompany(db, new FixedTimeProvider(now), Options.Create(new DemoOptions()), NullLogger<DemoCompany>.Instance).SeedAsync();

    [Fact]
    public async Task Demo_company_has_something_for_every_feature()
    {
        await using (var seed = _database.NewContext())
            Assert.True(await SeedAsync(seed, Now));
        await using var db = _database.NewContext();

        Assert.Equal(12, await db.Reps.CountAsync(r => r.Role == RepRole.Rep));
        Assert.InRange(await db.Reps.CountAsync(r => r.Role == RepRole.Manager), 3, 5);
        Assert.True(await db.Reps.AnyAsync(r => r.Role == RepRole.AccountManager));
        Assert.Equal(200, await db.Accounts.CountAsync());
        Assert.True(await db.Contacts.CountAsync() >= 400);
        Assert.Equal(1_500, await db.Opportunities.CountAsync());
        foreach (var category in Enum.GetValues<StageCategory>())
            Assert.True(await db.Opportunities.CountAsync(o => o.StageCategory == category) > 100, $"few {category} deals");

        // Won deals in the last four quarters and open deals closing in the next three.
        Assert.True(await db.Opportunities.CountAsync(o => o.StageCategory == StageCategory.Won && o.CloseDate >= Today.AddMonths(-12)) > 100);
        Assert.True(await db.Opportunities.CountAsync(o => o.StageCategory == StageCategory.Open && o.CloseDate >= Today && o.CloseDate <= Today.AddMonths(3)) > 50);
        Assert.True(await db.Opportunities.CountAsync(o => o.StageCategory == StageCategory.Open && o.CloseDate < Today) > 5, "no open deals past their close date");

        // Every AE has a quota for the current quarter.
        var quarterStart = new DateOnly(2026, 10, 1);
        Assert.Equal(12, await db.Quotas.CountAsync(q => q.PeriodStart == quarterStart && q.Rep!.Role == RepRole.Rep));

        // Renewals at every nudge horizon.
        foreach (var days in new[] { 7, 30, 60, 90, 120 })
            Assert.True(await db.Contracts.AnyAsync(c => c.EndDate == Today.AddDays(days)), $"no renewal in {days} days");
        Assert.True(await db.Contracts.CountAsync(c => c.EndDate >= Today && c.EndDate <= Today.AddDays(120)) >= 20);

        // Recent and stale engagement, overdue and due-today follow-ups.
        Assert.True(await db.Interactions.CountAsync(i => i.OccurredAt >= Now.AddDays(-7)) > 100);
        var staleBefore = Now.AddDays(-14);
        Assert.True(await db.Opportunities.CountAsync(o => o.StageCategory == StageCategory.Open && o.LastEngagedAt < staleBefore) > 20);
        Assert.True(await db.FollowUpTasks.CountAsync(t => t.Status == FollowUpStatus.Open && t.DueDate < Today) > 10);
        Assert.True(await db.FollowUpTasks.AnyAsync(t => t.Status == FollowUpStatus.Open && t.DueDate == Today));

        // Slipped deals: close date pushed out at least twice.
        var slipped = await db.OpportunityHistory.GroupBy(h => h.OpportunityId)
            .Where(g => g.Select(h => h.CloseDate).Distinct().Count() >= 3).CountAsync();
        Assert.True(slipped > 20, $"only {slipped} slipped deals");

        // Manager subtree: the VP sees everyone below.
        var vp = await db.Reps.SingleAsync(r => r.Name == "Victoria Hale");
        Assert.Equal(17, await db.Reps.CountAsync(r => r.HierarchyPath.StartsWith(vp.HierarchyPath) && r.Id != vp.Id));
    }

    [Fact]
    public async Task Same_seed_and_clock_give_the_same_company()
    {
        using var other = new TestDatabase();
        await using (var a = _database.NewContext())
            await SeedAsync(a, Now);
        await using (var b = other.NewContext())
            await SeedAsync(b, Now);

        static async Task<string> Fingerprint(TestDatabase database)
        {
            await using var db = database.NewContext();
            var deals = await db.Opportunities.OrderBy(o => o.Id).Select(o => new { o.Name, o.Amount, o.Stage, o.CloseDate, o.OwnerId, o.AccountId }).ToListAsync();
            var contracts = await db.Contracts.OrderBy(c => c.Id).Select(c => new { c.EndDate, c.AnnualValue }).ToListAsync();
            return string.Join("|", deals) + string.Join("|", contracts);
        }
        Assert.Equal(await Fingerprint(_database), await Fingerprint(other));
    }

    [Fact]
    public async Task Demo_is_not_created_over_existing_data()
    {
        await using var db = _database.NewContext();
        db.Reps.Add(new Rep { Name = "Real Person", Email = "real@example.com" });
        await db.SaveChangesAsync();

        Assert.False(await SeedAsync(db, Now));
        Assert.Equal(1, await db.Reps.CountAsync());
    }

    [Fact]
    public async Task Demo_names_read_like_real_companies_and_deals_and_each_is_distinct()
    {
        await using (var seed = _database.NewContext())
            Assert.True(await SeedAsync(seed, Now));

        // Plain SQL, not the seeder's own lists: no account ends in a lone letter ("Nimbus Software C"), no two
        // accounts share a name, and no account has two deals of the same name.
        var names = _database.Rows("SELECT Name FROM Accounts", r => r.GetString(0));
        Assert.Equal(200, names.Count);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain(names, n => System.Text.RegularExpressions.Regex.IsMatch(n, @" [A-Z]$"));
        Assert.Equal(0, _database.Scalar("SELECT COUNT(*) FROM (SELECT AccountId, Name FROM Opportunities GROUP BY AccountId, Name HAVING COUNT(*) > 1)"));
        Assert.True(_database.Scalar("SELECT COUNT(*) FROM Opportunities WHERE Name LIKE '% – phase %'") > 0, "no account bought a product twice: the phase names are untested");
    }

    [Theory]
    [InlineData("Insurance", "Insurance")]
    [InlineData("Bank", "Financial Services")]
    [InlineData("Capital", "Financial Services")]
    [InlineData("Health", "Healthcare")]
    [InlineData("Pharma", "Healthcare")]
    [InlineData("Software", "Technology")]
    [InlineData("Energy", "Energy")]
    [InlineData("Airlines", "Logistics")]
    [InlineData("Networks", "Telecommunications")]
    [InlineData("Media", "Media")]
    [InlineData("Retail", "Retail")]
    [InlineData("Manufacturing", "Manufacturing")]
    public async Task A_name_that_says_its_sector_is_filed_under_it(string suffix, string industry)
    {
        await using (var seed = _database.NewContext())
            Assert.True(await SeedAsync(seed, Now));

        Assert.True(_database.Scalar($"SELECT COUNT(*) FROM Accounts WHERE Name LIKE '% {suffix}'") > 0, $"no account named … {suffix}");
        var misfiled = _database.Rows($"SELECT Name || ': ' || COALESCE(Industry, '-') FROM Accounts WHERE Name LIKE '% {suffix}' AND COALESCE(Industry, '') <> '{industry}'", r => r.GetString(0));
        Assert.Empty(misfiled);
    }

    public void Dispose() => _database.Dispose();
}
