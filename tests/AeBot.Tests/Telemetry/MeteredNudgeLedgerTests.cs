using System.Diagnostics.Metrics;
using AeBot.Core.Conversation;
using AeBot.Core.Handoff;
using AeBot.Core.Nudges;
using AeBot.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace AeBot.Tests.Telemetry;

public sealed class MeteredNudgeLedgerTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 11, 30);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private static NudgeRecord Sent(string rule, long rep) => new(new NudgeKey(rule, "deal:" + rep, Day, rep), null, new ProactiveMessage(rep, rule, new Reply([new TextBlock("…")]) { Summary = "…" }));

    private static NudgeRecord Folded(string rule, long rep) => new(new NudgeKey(rule, "deal:" + rep, Day, rep), new NudgeNote(Day, "t", "w", Folded: true), null);

    private static NudgeRecord Skipped(string rule, long rep) => new(new NudgeKey(rule, "day:" + rep, Day, rep), null, null);

    [Fact]
    public async Task Only_newly_recorded_nudges_are_counted_as_sent_or_folded_by_rule()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        using var recorded = new RecordedMeasurements(meters);
        var metrics = new AeBotMetrics(meters, new QueueDepths(_services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new TelemetryOptions()), NullLogger<QueueDepths>.Instance));
        var inner = new Mock<INudgeLedger>();
        var batch = new[] { Sent("renewal", 1), Sent("renewal", 2), Folded("stale", 3), Skipped("daily-digest", 4) };
        // The second renewal was recorded before (a retried job): the ledger does not return it, so it is not counted.
        inner.Setup(l => l.RecordManyAsync(batch, It.IsAny<CancellationToken>())).ReturnsAsync([batch[0], batch[2], batch[3]]);
        inner.Setup(l => l.RecordAsync(It.Is<NudgeRecord>(r => r.Key.RecipientRepId == 5), It.IsAny<IReadOnlyCollection<long>>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        inner.Setup(l => l.RecordAsync(It.Is<NudgeRecord>(r => r.Key.RecipientRepId == 6), It.IsAny<IReadOnlyCollection<long>>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);
        INudgeLedger ledger = new MeteredNudgeLedger(inner.Object, metrics);

        await ledger.RecordManyAsync(batch, CancellationToken.None);
        Assert.True(await ledger.RecordAsync(Sent("daily-digest", 5), [], CancellationToken.None));
        Assert.False(await ledger.RecordAsync(Sent("daily-digest", 6), [], CancellationToken.None));

        Assert.Equal(["daily-digest", "renewal"], recorded.Of("aebot.nudges.sent").Select(m => (string)m.Tags["aebot.rule"]!).Order());
        Assert.Equal(["stale"], recorded.Of("aebot.nudges.folded").Select(m => (string)m.Tags["aebot.rule"]!));
    }

    public void Dispose() => _services.Dispose();
}
