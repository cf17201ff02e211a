using AeBot.Core.Nudges;
using AeBot.Data.Storage;
using AeBot.Scheduling.Nudges;
using AeBot.Tests.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AeBot.Tests.Scheduling;

/// <summary>
/// The daily digest over the demo company, with hosts whose clocks stand at chosen instants over one database:
/// 08:30 in each person's own zone, weekdays only, once per person and local day, never a stale one.
/// </summary>
public sealed class DailyDigestTests : IAsyncLifetime
{
    private const string Dana = "dana.reyes@northwind.example"; // America/New_York
    private static readonly DateTimeOffset Saturday = ConversationFixture.Now; // Sat 28 Nov 2026, 14:00Z
    private static readonly DateTimeOffset MondayEarly = new(2026, 11, 30, 13, 0, 0, TimeSpan.Zero); // 08:00 in New York
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 13, 35, 0, TimeSpan.Zero); // 08:35 New York, 07:35 Chicago, 14:35 Berlin
    private static readonly DateTimeOffset Tuesday = Monday.AddDays(1);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-digest-");
    private readonly List<IHost> _hosts = [];

    public Task InitializeAsync() => HostAtAsync(Saturday, seed: true);

    private async Task<IHost> HostAtAsync(DateTimeOffset clock, bool seed = false)
    {
        var host = await TestHosts.StartAsync(new()
        {
            ["Storage:SqlitePath"] = Path.Combine(_directory.FullName, "aebot.db"),
            ["Clock:Now"] = clock.ToString("O"),
            ["Demo:Seed"] = seed ? "true" : "false",
        }, seedDemo: seed);
        _hosts.Add(host);
        return host;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
            host.Dispose();
        await Task.Yield();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestDirectory.Delete(_directory);
    }

    private static async Task<T> WithAsync<T>(IHost host, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    [Fact]
    public async Task Digests_go_at_half_past_eight_local_on_weekdays_once_each_and_never_late()
    {
        var zones = (await WithAsync(_hosts[0], sp => sp.GetRequiredService<AeBotDbContext>().Reps.ToDictionaryAsync(r => r.Id, r => r.TimeZoneId)));
        var danaId = (await WithAsync(_hosts[0], sp => sp.GetRequiredService<AeBotDbContext>().Reps.SingleAsync(r => r.Email == Dana))).Id;

        Assert.Empty(await WithAsync(_hosts[0], sp => sp.GetRequiredService<DailyDigests>().DueAsync(default))); // Saturday
        var early = await WithAsync(await HostAtAsync(MondayEarly), sp => sp.GetRequiredService<DailyDigests>().DueAsync(default));
        Assert.DoesNotContain(early, d => d.RepId == danaId); // 08:00 in New York
        Assert.Contains(early, d => zones[d.RepId] == "Europe/Berlin"); // already 14:00 there

        var monday = await HostAtAsync(Monday);
        var due = await WithAsync(monday, sp => sp.GetRequiredService<DailyDigests>().DueAsync(default));
        Assert.Contains((danaId, new DateOnly(2026, 11, 30)), due);
        Assert.All(due, d => Assert.Contains(zones[d.RepId], new[] { "America/New_York", "Europe/Berlin", "Europe/London" }));
        Assert.DoesNotContain(due, d => zones[d.RepId] is "America/Chicago" or "America/Los_Angeles");

        // The scan, twice (a retry, a second instance): each person once.
        var sent = await WithAsync(monday, sp => sp.GetRequiredService<DigestJobs>().ScanAsync(default));
        Assert.Equal(0, await WithAsync(monday, sp => sp.GetRequiredService<DigestJobs>().ScanAsync(default)));
        Assert.Empty(await WithAsync(monday, sp => sp.GetRequiredService<DailyDigests>().DueAsync(default)));
        var ledger = await WithAsync(monday, sp => sp.GetRequiredService<AeBotDbContext>().NudgeLedger.Where(n => n.Rule == DailyDigests.Rule).ToListAsync());
        Assert.Equal(due.Count, ledger.Count);
        var outbox = await WithAsync(monday, sp => sp.GetRequiredService<AeBotDbContext>().Outbox.Where(o => o.Reason == DailyDigests.Rule).ToListAsync());
        var weekly = await WithAsync(monday, sp => sp.GetRequiredService<AeBotDbContext>().Outbox.CountAsync(o => o.Reason == WeeklyDigests.Rule)); // Monday: managers' too
        Assert.Equal(sent, outbox.Count + weekly);
        Assert.Equal(ledger.Count(l => l.Sent), outbox.Count); // empty days are recorded, not sent
        var danas = Assert.Single(outbox, o => o.ToRepId == danaId);
        Assert.Contains("your day, Dana", danas.Body);
        Assert.Contains("Your daily digest", danas.Body); // says why it came
        Assert.Contains("act:fu.done:", danas.Body); // with buttons that act

        // Monday's digest asked for on Tuesday (the server was down): recorded as missed, not sent.
        var tuesday = await HostAtAsync(Tuesday);
        await WithAsync(tuesday, async sp => await sp.GetRequiredService<AeBotDbContext>().NudgeLedger.Where(n => n.RecipientRepId == danaId).ExecuteDeleteAsync());
        Assert.Equal(DigestOutcome.Missed, await WithAsync(tuesday, sp => sp.GetRequiredService<DailyDigests>().SendAsync(danaId, new DateOnly(2026, 11, 30), default)));
        Assert.Single(await WithAsync(tuesday, sp => sp.GetRequiredService<AeBotDbContext>().Outbox.Where(o => o.Reason == DailyDigests.Rule && o.ToRepId == danaId).ToListAsync()));
    }
}
