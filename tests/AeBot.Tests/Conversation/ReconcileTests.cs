using System.Globalization;
using AeBot.Core.Conversation;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AeBot.Tests.Conversation;

/// <summary>
/// Figures that should add up do, or say why not (#17, item 6), on the demo company against plain SQL: a heading's
/// count is the true count ("10 of 24"), never the length of a shortened list; the forecast and the quota card
/// account for the same open deals.
/// </summary>
public sealed class ReconcileTests : IAsyncLifetime
{
    private const string Dana = "dana.reyes@northwind.example";
    private const string Marcus = "marcus.johnson@northwind.example";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-reconcile-");
    private IHost? _host;

    // Thursday 3 December 2026, 09:00 in New York: two months into Q4, so some Q4 deals are past due.
    private static readonly DateOnly Today = new(2026, 12, 3);
    private const string Now = "2026-12-03T14:00:00Z";

    private string DbPath => Path.Combine(_directory.FullName, "aebot.db");

    public async Task InitializeAsync() =>
        _host = await TestHosts.StartAsync(new() { ["Storage:SqlitePath"] = DbPath, ["Clock:Now"] = Now, ["Demo:Seed"] = "true" }, seedDemo: true);

    private Task<Reply> AskAsync(string email, string text) => TestHosts.AskAsync(_host!.Services, email, text, Guid.NewGuid().ToString(),
        at: DateTimeOffset.Parse(Now, CultureInfo.InvariantCulture));

    [Fact]
    public async Task My_day_headings_count_every_item_not_the_shortened_list()
    {
        var reply = await AskAsync(Dana, "my day");
        var lists = reply.Blocks.OfType<ItemListBlock>().ToList();
        var danaOpen = "FROM Opportunities o JOIN Reps r ON r.Id = o.OwnerId WHERE r.Email = 'dana.reyes@northwind.example' AND o.StageCategory = 0";
        var today = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var since = DateTimeOffset.Parse(Now, CultureInfo.InvariantCulture).AddDays(-14).UtcTicks;

        var pastClose = await CountAsync($"SELECT COUNT(*) {danaOpen} AND o.CloseDate < '{today}'");
        // Quiet for 14 days and not already listed as past its close date (each deal once).
        var stale = await CountAsync($"SELECT COUNT(*) {danaOpen} AND NOT (o.CloseDate < '{today}') AND (o.LastEngagedAt < {since} OR (o.LastEngagedAt IS NULL AND o.CreatedAt < {since}))");
        Assert.True(stale + pastClose > 0, "the demo should give Dana deals that need a look");

        AssertHeading(lists, "Past their close date", pastClose);
        AssertHeading(lists, "No activity for 14+ days", stale);
        Assert.Contains($"{stale} stale, {pastClose} past close date", reply.Summary);
    }

    [Fact]
    public async Task The_forecast_and_the_quota_card_account_for_the_same_open_deals()
    {
        var forecast = await AskAsync(Marcus, "team forecast this quarter");
        var quota = await AskAsync(Marcus, "how is my team tracking against quota this quarter?");

        // Marcus's team: the people under him. Open deals closing in Q4 (Oct 1 – Dec 31), split at today.
        var team = """
            FROM Opportunities o JOIN Reps r ON r.Id = o.OwnerId
            WHERE r.HierarchyPath LIKE (SELECT HierarchyPath FROM Reps WHERE Email = 'marcus.johnson@northwind.example') || '%'
              AND o.StageCategory = 0 AND o.Currency = 'USD' AND o.CloseDate >= '2026-10-01' AND o.CloseDate <= '2026-12-31'
            """;
        var today = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var pastDueCount = await CountAsync($"SELECT COUNT(*) {team} AND o.CloseDate < '{today}'");
        var pastDue = await MoneyAsync($"SELECT COALESCE(SUM(o.Amount), 0) {team} AND o.CloseDate < '{today}'");
        var ahead = await MoneyAsync($"SELECT COALESCE(SUM(o.Amount), 0) {team} AND o.CloseDate >= '{today}'");
        Assert.True(pastDueCount > 0, "the demo should have past-due Q4 deals on Marcus's team");

        // The forecast's open categories hold both; it says how much of it is past due.
        var table = forecast.Blocks.OfType<TableBlock>().Single();
        var openInForecast = table.Rows.Where(r => r[0] != "Closed won").Sum(r => ParseMoney(r[1]));
        Assert.Equal(ahead + pastDue, openInForecast);
        Assert.Contains($"Includes {pastDueCount} past-due deal{(pastDueCount == 1 ? "" : "s")}", forecast.Read());

        // The quota card counts only what closes from today, and names the rest.
        var facts = quota.Blocks.OfType<FactsBlock>().Single().Facts;
        Assert.Equal(ahead, ParseMoney(facts.Single(f => f.Label == "Open pipeline closing by period end").Value));
        Assert.Equal($"{pastDueCount} deal{(pastDueCount == 1 ? "" : "s")}, {FormatMoney(pastDue)}",
            facts.Single(f => f.Label == "Past-due deals still open (not counted above)").Value);
    }

    private static void AssertHeading(List<ItemListBlock> lists, string title, int total)
    {
        if (total == 0)
        {
            Assert.DoesNotContain(lists, l => l.Title!.StartsWith(title, StringComparison.Ordinal));
            return;
        }
        var list = lists.Single(l => l.Title!.StartsWith(title, StringComparison.Ordinal));
        var expected = list.Items.Count < total ? $"({list.Items.Count} of {total})" : $"({total})";
        Assert.EndsWith(expected, list.Title);
    }

    private static decimal ParseMoney(string text) => decimal.Parse(text.TrimStart('$'), NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string FormatMoney(decimal amount) => "$" + amount.ToString("#,0.##", CultureInfo.InvariantCulture);

    private async Task<int> CountAsync(string sql) => (int)await ScalarAsync(sql);

    // Money is stored scaled by 10,000 (ScaledDecimalConverter).
    private async Task<decimal> MoneyAsync(string sql) => await ScalarAsync(sql) / 10_000m;

    private async Task<decimal> ScalarAsync(string sql)
    {
        await using var scope = _host!.Services.CreateAsyncScope();
        return await SqlOracle.ScalarAsync(scope.ServiceProvider.GetRequiredService<AeBot.Data.Storage.AeBotDbContext>(), sql);
    }

    public Task DisposeAsync()
    {
        _host?.Dispose();
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
