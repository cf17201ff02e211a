using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Data.Sales;
using AeBot.Data.Tests.Demo;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Tests.Sales;

/// <summary>The hand-written totals statement against the same totals computed in memory from every deal.</summary>
public sealed class TotalsSqlTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new();
    private List<Opportunity> _deals = [];

    public async Task InitializeAsync()
    {
        await using (var db = _database.NewContext())
        {
            await DemoCompanyTests.SeedAsync(db, Now);
            // The demo company sells in dollars only; some deals in euros make owners with more than one currency.
            await db.Opportunities.Where(o => o.Id % 7 == 0).ExecuteUpdateAsync(u => u.SetProperty(o => o.Currency, "EUR"));
        }
        await using var read = _database.NewContext();
        _deals = await read.Opportunities.AsNoTracking().ToListAsync();
    }

    public static TheoryData<string> Filters => new() { "owners", "open-quarter", "won-amounts", "products-type", "accounts", "stage-forecast", "stages-created", "stale", "nobody" };

    private DealFilter FilterFor(string name)
    {
        var owners = _deals.Select(d => d.OwnerId).Distinct().Order().Take(3).ToList();
        return name switch
        {
            "owners" => new DealFilter { OwnerIds = owners },
            "open-quarter" => new DealFilter { OwnerIds = owners, Category = StageCategory.Open, CloseFrom = new DateOnly(2026, 10, 1), CloseTo = new DateOnly(2026, 12, 31) },
            "won-amounts" => new DealFilter { OwnerIds = owners, Category = StageCategory.Won, MinAmount = 20_000.5m, MaxAmount = 150_000m },
            "products-type" => new DealFilter { OwnerIds = owners, ProductIds = _deals.Select(d => d.ProductId!.Value).Distinct().Order().Take(2).ToList(), Type = OpportunityType.Upsell },
            "accounts" => new DealFilter { OwnerIds = owners, AccountIds = _deals.Where(d => owners.Contains(d.OwnerId)).Select(d => d.AccountId!.Value).Distinct().Take(5).ToList() },
            "stage-forecast" => new DealFilter { OwnerIds = owners, Stages = ["Negotiation"], Forecast = ForecastCategory.Commit },
            "stages-created" => new DealFilter { OwnerIds = owners, Stages = ["Proposal", "Demo"], CreatedFrom = Now.AddDays(-200), CreatedBefore = Now.AddDays(-30) },
            "stale" => new DealFilter { OwnerIds = owners, Category = StageCategory.Open, NotEngagedSince = Now.AddDays(-14) },
            _ => new DealFilter { OwnerIds = [] },
        };
    }

    private static bool Matches(Opportunity o, DealFilter f) =>
        (f.OwnerIds is null || f.OwnerIds.Contains(o.OwnerId))
        && (f.AccountIds is null || o.AccountId is { } a && f.AccountIds.Contains(a))
        && (f.ProductIds is null || o.ProductId is { } p && f.ProductIds.Contains(p))
        && (f.Category is null || o.StageCategory == f.Category)
        && (f.Stages is null || f.Stages.Contains(o.Stage))
        && (f.CreatedFrom is null || o.CreatedAt >= f.CreatedFrom)
        && (f.CreatedBefore is null || o.CreatedAt < f.CreatedBefore)
        && (f.CloseFrom is null || o.CloseDate >= f.CloseFrom)
        && (f.CloseTo is null || o.CloseDate <= f.CloseTo)
        && (f.MinAmount is null || o.Amount >= f.MinAmount)
        && (f.MaxAmount is null || o.Amount <= f.MaxAmount)
        && (f.Type is null || o.Type == f.Type)
        && (f.Forecast is null || o.ForecastCategory == f.Forecast)
        && (f.NotEngagedSince is null || o.LastEngagedAt < f.NotEngagedSince || o.LastEngagedAt == null && o.CreatedAt < f.NotEngagedSince);

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Totals_equal_the_sum_of_the_matching_deals(string name)
    {
        var filter = FilterFor(name);
        var expected = _deals.Where(d => Matches(d, filter)).ToList();

        await using var db = _database.NewContext();
        var totals = await new TotalsSql(db).RunAsync(filter, default);

        Assert.Equal(expected.Count, totals.Count);
        Assert.Equal(expected.Count(d => d.Amount is null), totals.CountWithoutAmount);
        foreach (var currency in new[] { "USD", "EUR" })
        {
            var inCurrency = expected.Where(d => d.Currency == currency).ToList();
            Assert.Equal(inCurrency.Sum(d => d.Amount ?? 0), totals.AmountIn(currency));
            Assert.Equal(inCurrency.Sum(d => (d.Amount ?? 0) * (d.Probability ?? 0) / 100m), totals.WeightedIn(currency));
        }
        if (name != "nobody")
            Assert.True(expected.Count > 0, $"filter '{name}' selects nothing in the demo company; the test would prove little");
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Per_owner_sums_equal_the_sums_of_each_owners_matching_deals(string name)
    {
        var filter = FilterFor(name);
        var expected = _deals.Where(d => Matches(d, filter))
            .GroupBy(d => (d.OwnerId, d.Currency))
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Amount: g.Sum(d => d.Amount ?? 0)));

        await using var db = _database.NewContext();
        foreach (var weighted in new[] { true, false })
        {
            var sums = await new TotalsSql(db).ByOwnerAsync(filter, weighted, default);

            var actual = sums.GroupBy(s => (s.OwnerId, s.Currency))
                .ToDictionary(g => g.Key, g => (Count: g.Sum(s => s.Count), Amount: g.Sum(s => s.Amount ?? 0)));
            Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(a => a.Key));
            if (weighted) // one row per owner, currency and probability, so the caller can weight
                Assert.All(sums.GroupBy(s => (s.OwnerId, s.Currency, s.Probability)), g => Assert.Single(g));
            else
                Assert.All(sums.GroupBy(s => (s.OwnerId, s.Currency)), g => Assert.Null(Assert.Single(g).Probability));
        }
        if (name is "owners" or "open-quarter")
        {
            Assert.True(expected.Keys.Select(k => k.OwnerId).Distinct().Count() > 1, $"filter '{name}' should span several owners");
            Assert.True(expected.Keys.GroupBy(k => k.OwnerId).Any(g => g.Count() > 1), $"filter '{name}' should hold an owner with deals in two currencies");
        }
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }
}
