using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using AeBot.Core.Organization;
using AeBot.Data.Capture;
using AeBot.Data.Channels;
using AeBot.Data.Storage;
using AeBot.Telemetry;
using AeBot.Tests.Teams;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AeBot.Tests.Telemetry;

public sealed class TelemetryTests(AeBotApplication app) : IClassFixture<AeBotApplication>
{
    [Fact]
    public async Task A_web_chat_question_records_a_turn_with_its_intent_its_latency_and_a_span()
    {
        var services = app.Services; // starts the host
        var metrics = services.GetRequiredService<AeBotMetrics>();
        using var recorded = new RecordedMeasurements(services.GetRequiredService<IMeterFactory>());
        var spans = new List<Activity>();
        using var tracing = new ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, metrics.Source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span => { lock (spans) spans.Add(span); },
        };
        ActivitySource.AddActivityListener(tracing);

        var response = await app.CreateClient().PostAsJsonAsync("/api/chat", new { @as = "dana.reyes@northwind.example", text = "what closes this month?" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var turn = Assert.Single(recorded.Of("aebot.turns"));
        Assert.Equal(1, turn.Value);
        Assert.Equal(ChatChannels.WebChat, turn.Tags["aebot.channel"]);
        Assert.Equal("query", turn.Tags["aebot.intent"]);
        Assert.Equal("Answered", turn.Tags["aebot.outcome"]);
        var latency = Assert.Single(recorded.Of("aebot.turn.duration"));
        Assert.Equal("query", latency.Tags["aebot.intent"]);
        Assert.InRange(latency.Value, 0, 60);

        // The latency is the one the audit log keeps for the turn.
        await using var scope = services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<AeBot.Core.Audit.IAuditLog>().SinceAsync(AeBotApplication.Now.AddDays(-1), null, 1_000, CancellationToken.None);
        Assert.Contains(audit, a => a.Record.Text == "what closes this month?" && a.Record.LatencyMs / 1000.0 == latency.Value);

        Activity span;
        lock (spans)
            span = Assert.Single(spans);
        Assert.Equal("aebot.turn", span.OperationName);
        Assert.Equal(ChatChannels.WebChat, span.GetTagItem("aebot.channel"));
        Assert.Equal("query", span.GetTagItem("aebot.intent"));
    }

    [Fact]
    public async Task Outbox_and_inbound_gauges_report_the_true_counts()
    {
        // A host of its own, with nothing in the background that delivers or claims rows between two reads.
        using var own = new AeBotApplication();
        using var fresh = own.WithWebHostBuilder(b => b.UseSetting("Telemetry:DepthRefreshSeconds", "0").UseSetting("Scheduling:Enabled", "false"));
        using var recorded = new RecordedMeasurements(fresh.Services.GetRequiredService<IMeterFactory>());
        _ = fresh.Services.GetRequiredService<AeBotMetrics>();

        await AssertGaugesMatchSqlAsync(fresh, recorded);
        await AddRowsAsync(fresh, waiting: 3, settled: 2);
        await AssertGaugesMatchSqlAsync(fresh, recorded);
        await AddRowsAsync(fresh, waiting: 4, settled: 1);
        var (outbox, inbound) = await AssertGaugesMatchSqlAsync(fresh, recorded);
        Assert.True(outbox >= 7 && inbound >= 7, $"outbox {outbox}, inbound {inbound}");
    }

    [Fact]
    public async Task A_gauge_read_is_reused_within_the_refresh_time()
    {
        using var own = new AeBotApplication();
        using var cached = own.WithWebHostBuilder(b => b.UseSetting("Telemetry:DepthRefreshSeconds", "3600").UseSetting("Scheduling:Enabled", "false"));
        using var recorded = new RecordedMeasurements(cached.Services.GetRequiredService<IMeterFactory>());
        _ = cached.Services.GetRequiredService<AeBotMetrics>();

        var (outbox, inbound) = await AssertGaugesMatchSqlAsync(cached, recorded);
        await AddRowsAsync(cached, waiting: 2, settled: 0);
        recorded.Observe();
        Assert.Equal(outbox, recorded.Of("aebot.outbox.depth")[^1].Value);
        Assert.Equal(inbound, recorded.Of("aebot.inbound.depth")[^1].Value);
        Assert.Equal(outbox + 2, (await SqlCountsAsync(cached)).Outbox);
    }

    [Fact]
    public void The_OTLP_exporter_is_off_by_default()
    {
        Assert.Null(app.Services.GetService<MeterProvider>());
        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void The_OTLP_exporter_is_on_when_an_endpoint_is_configured()
    {
        using var exporting = app.WithWebHostBuilder(b => b.UseSetting("Telemetry:OtlpEndpoint", "http://127.0.0.1:4317").UseSetting("Scheduling:Enabled", "false"));
        Assert.NotNull(exporting.Services.GetService<MeterProvider>());
        Assert.NotNull(exporting.Services.GetService<TracerProvider>());
    }

    [Theory]
    [InlineData("collector:4317")]
    [InlineData("not a uri")]
    [InlineData("/v1/traces")]
    public void An_invalid_OTLP_endpoint_stops_start_up_with_a_clear_message(string endpoint)
    {
        var logs = new RecordingLoggerProvider();
        using var invalid = app.WithWebHostBuilder(b => b.UseSetting("Telemetry:OtlpEndpoint", endpoint).ConfigureLogging(l => l.AddProvider(logs)));
        Assert.ThrowsAny<Exception>(() => invalid.CreateClient());
        Assert.Contains(logs.Lines, l => l.Contains($"Configuration problem: Telemetry:OtlpEndpoint \"{endpoint}\" is not an absolute http(s) URI", StringComparison.Ordinal));
    }

    private static async Task<(long Outbox, long Inbound)> AssertGaugesMatchSqlAsync(WebApplicationFactory<Program> host, RecordedMeasurements recorded)
    {
        recorded.Observe();
        var sql = await SqlCountsAsync(host);
        Assert.Equal(sql.Outbox, recorded.Of("aebot.outbox.depth")[^1].Value);
        Assert.Equal(sql.Inbound, recorded.Of("aebot.inbound.depth")[^1].Value);
        return sql;
    }

    private static async Task<(long Outbox, long Inbound)> SqlCountsAsync(WebApplicationFactory<Program> host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AeBotDbContext>();
        var outbox = await db.Database.SqlQueryRaw<long>("""SELECT COUNT(*) AS "Value" FROM "Outbox" WHERE "DeliveredAt" IS NULL AND "FailedAt" IS NULL""").SingleAsync();
        var inbound = await db.Database.SqlQueryRaw<long>("""SELECT COUNT(*) AS "Value" FROM "InboundQueue" WHERE "ProcessedAt" IS NULL AND "FailedAt" IS NULL""").SingleAsync();
        return (outbox, inbound);
    }

    /// <summary>Waiting rows and settled ones (delivered or given up; processed or failed), which the gauges leave out.</summary>
    private static async Task AddRowsAsync(WebApplicationFactory<Program> host, int waiting, int settled)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AeBotDbContext>();
        var rep = await db.Reps.Select(r => r.Id).FirstAsync();
        var now = AeBotApplication.Now;
        for (var i = 0; i < waiting + settled; i++)
        {
            var done = i >= waiting ? now : (DateTimeOffset?)null;
            db.Outbox.Add(new OutboxMessageRow
            {
                ToRepId = rep, Reason = "test", Summary = "gauge test", Body = "{}", CreatedAt = now,
                DeliveredAt = i % 2 == 0 ? done : null, FailedAt = i % 2 == 1 ? done : null,
            });
            db.InboundQueue.Add(new InboundQueueRow
            {
                Channel = "test", Kind = "test", DeliveryKey = Guid.NewGuid().ToString("N"), Body = "{}", ReceivedAt = now,
                ProcessedAt = i % 2 == 0 ? done : null, FailedAt = i % 2 == 1 ? done : null,
            });
        }
        await db.SaveChangesAsync();
    }
}
