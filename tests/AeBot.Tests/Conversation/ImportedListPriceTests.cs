using AeBot.Core.Conversation;
using AeBot.Data.Import;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AeBot.Tests.Conversation;

/// <summary>
/// What an import recognises is used (#16, item 5): products' list prices value open deals that have no amount yet —
/// labelled "at list price" and kept out of the total — and the export's created dates drive the sales cycle and the
/// stale-deal rule. Figures are checked against plain SQL over the imported database.
/// </summary>
public sealed class ImportedListPriceTests : IAsyncLifetime
{
    private const string Omar = "omar.haddad@orbit-sales.example";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-list-prices-");
    private IHost? _host;

    private string DbPath => Path.Combine(_directory.FullName, "aebot.db");

    public async Task InitializeAsync()
    {
        _host = await TestHosts.StartAsync(new()
        {
            ["Storage:SqlitePath"] = DbPath,
            ["Clock:Now"] = "2026-11-28T14:00:00Z",
        }, seedDemo: false);
        await using var scope = _host.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<CrmImporter>().ImportAsync(Path.Combine(AppContext.BaseDirectory, "CrmExports", "list-prices"));
        Assert.True(report.Succeeded, string.Join("; ", report.Files.Select(f => $"{f.Path}: {f.Error}")));
    }

    private Task<Reply> AskAsync(string text) => TestHosts.AskAsync(_host!.Services, Omar, text, Guid.NewGuid().ToString());

    [Fact]
    public async Task Open_deals_without_an_amount_are_valued_at_list_price_apart_from_the_total()
    {
        var reply = await AskAsync("what's in my pipeline?");
        var text = reply.Read();

        // O-2 (Orbit Edge, 9,500) and O-3 (Orbit Core, 24,000) have no amount but a product; O-4 has neither.
        Assert.StartsWith("4 open deals worth $30K", text);
        Assert.Contains("3 deals have no amount yet; at list price 2 of them would add **$33.5K** (not in the total).", reply.Blocks.OfType<TextBlock>().First().Markdown);
        var facts = reply.Blocks.OfType<FactsBlock>().Single().Facts;
        Assert.Equal(Money(await MoneyAsync("""
            SELECT SUM(o.Amount) FROM Opportunities o JOIN Reps r ON r.Id = o.OwnerId
            WHERE r.Email = 'omar.haddad@orbit-sales.example' AND o.StageCategory = 0
            """)), facts.Single(f => f.Label == "Total").Value);
        Assert.Equal(Money(await MoneyAsync("""
            SELECT SUM(p.ListPrice) FROM Opportunities o JOIN Products p ON p.Id = o.ProductId JOIN Reps r ON r.Id = o.OwnerId
            WHERE r.Email = 'omar.haddad@orbit-sales.example' AND o.StageCategory = 0 AND o.Amount IS NULL
            """)), facts.Single(f => f.Label.StartsWith("At list price (2 deals without an amount", StringComparison.Ordinal)).Value);

        // In the table, the price is shown where the amount would be, and says what it is.
        var rows = reply.Blocks.OfType<TableBlock>().Single().Rows;
        Assert.Equal("$9,500 at list price", rows.Single(r => r[0] == "Bolt Edge")[^1]);
        Assert.Equal("—", rows.Single(r => r[0] == "Dune services")[^1]);
        Assert.Equal("$30,000", rows.Single(r => r[0] == "Acme Core")[^1]);
    }

    [Fact]
    public async Task The_exports_created_dates_drive_the_sales_cycle_and_the_stale_rule()
    {
        // O-5 was created on Aug 1 and won on Oct 15: 75 days.
        Assert.Contains("75 days", (await AskAsync("how long is my sales cycle?")).Read());

        // Untouched for 14+ days on Nov 28: O-1 (created Sep 1) and O-2 (Oct 5); O-3 (Nov 20) and O-4 (Nov 25) are new.
        var stale = await AskAsync("which of my deals are stale?");
        var names = stale.Blocks.OfType<TableBlock>().Single().Rows.Select(r => r[0]).Order().ToList();
        Assert.Equal(["Acme Core", "Bolt Edge"], names);
    }

    /// <summary>A money figure by plain SQL (stored scaled by 10,000: ScaledDecimalConverter).</summary>
    private async Task<decimal> MoneyAsync(string sql)
    {
        await using var scope = _host!.Services.CreateAsyncScope();
        return await SqlOracle.ScalarAsync(scope.ServiceProvider.GetRequiredService<AeBot.Data.Storage.AeBotDbContext>(), sql) / 10_000m;
    }

    private static string Money(decimal amount) => "$" + amount.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);

    public Task DisposeAsync()
    {
        _host?.Dispose();
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
