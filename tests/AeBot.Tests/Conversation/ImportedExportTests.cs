using AeBot.Core.Conversation;
using AeBot.Core.Organization;
using AeBot.Data.Import;
using AeBot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AeBot.Tests.Conversation;

/// <summary>Questions over a CRM export the core has never seen: the Salesforce fixture, imported into an empty database.</summary>
public sealed class ImportedExportTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-imported-");
    private IHost? _host;

    public async Task InitializeAsync()
    {
        _host = await TestHosts.StartAsync(new()
        {
            ["Storage:SqlitePath"] = Path.Combine(_directory.FullName, "aebot.db"),
            ["Clock:Now"] = "2026-11-28T14:00:00Z",
        }, seedDemo: false);
        await using var scope = _host.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<CrmImporter>().ImportAsync(Path.Combine(AppContext.BaseDirectory, "CrmExports", "salesforce"));
        Assert.True(report.Succeeded);
    }

    private Task<Reply> AskAsync(string email, string text) => TestHosts.AskAsync(_host!.Services, email, text, Guid.NewGuid().ToString());

    [Fact]
    public async Task A_rep_from_the_export_gets_their_pipeline_and_wins()
    {
        // Jamie owns 006O1 ($120,000, Dec 15), 006O4 (no amount, no date) and 006O5 ($80,000, Jan 31 2027).
        var all = await AskAsync("jamie.fox@acme-sales.example", "what's in my pipeline?");
        Assert.StartsWith("3 open deals worth $200K (weighted $152K). 1 deal has no amount yet.", all.Read());
        var quarter = await AskAsync("jamie.fox@acme-sales.example", "what closes this quarter?");
        Assert.StartsWith("1 open deal closing this quarter (Q4 2026) worth $120K", quarter.Read());

        // Robin won "Globex Expansion" ($45,500, Oct 3) and lost a EUR deal.
        var won = await AskAsync("robin.yu@acme-sales.example", "what did I close this quarter?");
        Assert.Contains("closed 1 deal worth $45.5K this quarter (Q4 2026)", won.Read());
        var lost = await AskAsync("robin.yu@acme-sales.example", "what did I lose this quarter");
        Assert.StartsWith("1 deal worth €30K lost this quarter", lost.Read());
    }

    [Fact]
    public async Task The_imported_manager_sees_the_imported_team_and_quotas()
    {
        var team = await AskAsync("sam.carter@acme-sales.example", "how is my team doing this quarter");
        var table = team.Blocks.OfType<TableBlock>().Single();
        Assert.Equal(["Jamie Fox", "Robin Yu"], table.Rows.Select(r => r[0]).Order());
        Assert.Equal("$250,000", table.Rows.Single(r => r[0] == "Robin Yu")[2]);
    }

    public Task DisposeAsync()
    {
        _host?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
