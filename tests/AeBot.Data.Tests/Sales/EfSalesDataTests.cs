using AeBot.Core.Opportunities;
using AeBot.Core.Organization;
using AeBot.Core.Sales;
using AeBot.Data.Sales;

namespace AeBot.Data.Tests.Sales;

public sealed class EfSalesDataTests : IDisposable
{
    private readonly TestDatabase _database = new();

    [Fact]
    public async Task Deals_created_are_counted_in_the_month_of_the_askers_time_zone()
    {
        long repId;
        await using (var db = _database.NewContext())
        {
            var rep = new Rep { Name = "Dana Reyes", Email = "dana@example.com", Role = RepRole.Rep, TimeZoneId = "America/New_York", HierarchyPath = "/" };
            db.Reps.Add(rep);
            await db.SaveChangesAsync();
            rep.HierarchyPath = $"/{rep.Id}/";
            // 23:30 on Oct 31 in New York is 03:30 on Nov 1 in UTC; 00:30 on Nov 1 there is 04:30 UTC.
            foreach (var (name, created) in new[] { ("Late October", "2026-11-01T03:30:00Z"), ("Early November", "2026-11-01T04:30:00Z") })
                db.Opportunities.Add(new Opportunity
                {
                    Name = name, Owner = rep, Currency = "USD", Stage = "Discovery", StageCategory = StageCategory.Open, Amount = 1000m,
                    CreatedAt = DateTimeOffset.Parse(created, System.Globalization.CultureInfo.InvariantCulture), UpdatedAt = DateTimeOffset.UnixEpoch,
                });
            await db.SaveChangesAsync();
            repId = rep.Id;
        }

        await using var read = _database.NewContext();
        var viewer = new Viewer(repId, "Dana Reyes", RepRole.Rep, "America/New_York", $"/{repId}/");
        var filter = new DealFilter { OwnerIds = [repId], CreatedFrom = new DateTimeOffset(2026, 10, 1, 4, 0, 0, TimeSpan.Zero), CreatedBefore = new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero) };
        var months = await new EfSalesData(read).GroupAsync(viewer, filter, DealGrouping.Month, default);

        Assert.Equal([("Oct 2026", 1), ("Nov 2026", 1)], months.OrderBy(m => m.Id).Select(m => (m.Name, m.Count)));
    }

    public void Dispose() => _database.Dispose();
}
