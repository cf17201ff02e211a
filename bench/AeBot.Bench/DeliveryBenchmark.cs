using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AeBot.Core.Conversation;
using AeBot.Core.Handoff;
using AeBot.Core.Nudges;
using AeBot.Core.Organization;
using AeBot.Data.Storage;
using AeBot.Scheduling.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AeBot.Bench;

/// <summary>
/// A 10,000-recipient digest run on Teams at Teams' published limits: N people with a 1:1 chat with the bot, a digest
/// each recorded through the nudge ledger, then delivered by the outbox jobs (four at a time, as Hangfire's four
/// workers would) through the real Teams messenger and pacer to a local Bot Connector that enforces the per-tenant
/// limit (50 a second) and answers 429 above it, as Teams does. Reports the time, the 429s, what arrived and whether
/// anything arrived twice or not at all.
/// </summary>
public static class DeliveryBenchmark
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 13, 35, 0, TimeSpan.Zero);
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const int TenantLimitPerSecond = 50;

    public static async Task<int> RunAsync(int recipients)
    {
        var work = Directory.CreateTempSubdirectory("aebot-delivery-");
        try
        {
            await using var connector = await Connector.StartAsync();
            using var aebot = new WebApplicationFactory<AeBot.WebChat.WebChatOptions>().WithWebHostBuilder(b => b
                .UseEnvironment("Development") // anonymous Bot Framework: outbound calls carry no token, the connector is local
                .UseSetting("Storage:SqlitePath", Path.Combine(work.FullName, "aebot.db"))
                .UseSetting("Demo:Seed", "false")
                .UseSetting("Clock:Now", Now.ToString("O"))
                .UseSetting("WebChat:Enabled", "false")
                .UseSetting("Scheduling:Enabled", "false")
                .ConfigureLogging(l => { l.ClearProviders(); if (Environment.GetEnvironmentVariable("AEBOT_BENCH_LOG") is not null) l.AddConsole().SetMinimumLevel(LogLevel.Warning); }));
            _ = aebot.Server;
            var path = Path.Combine(work.FullName, "aebot.db");
            var ids = Generate(path, recipients, connector.ServiceUrl);

            var record = Stopwatch.StartNew();
            await using (var scope = aebot.Services.CreateAsyncScope())
            {
                var ledger = scope.ServiceProvider.GetRequiredService<INudgeLedger>();
                var date = DateOnly.FromDateTime(Now.UtcDateTime);
                foreach (var chunk in ids.Chunk(500))
                    await ledger.RecordManyAsync(chunk.Select(id => new NudgeRecord(new NudgeKey(DailyDigests.Rule, "rep:" + id, date, id), null,
                        new ProactiveMessage(id, DailyDigests.Rule, Digest(id)))).ToList(), default);
            }
            record.Stop();

            // The delivery jobs: 25 recipients each, four running at once.
            var deliver = Stopwatch.StartNew();
            var chunks = ids.Chunk(OutboxJobs.RecipientsPerJob).ToList();
            var failedJobs = 0;
            await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (chunk, ct) =>
            {
                await using var scope = aebot.Services.CreateAsyncScope();
                var job = ActivatorUtilities.CreateInstance<OutboxJobs>(scope.ServiceProvider);
                try
                {
                    await job.DeliverToAsync(chunk, ct);
                }
                catch (ChannelDeliveryException)
                {
                    Interlocked.Increment(ref failedJobs); // Hangfire would retry it
                }
            });
            deliver.Stop();

            int delivered, pending;
            await using (var scope = aebot.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AeBotDbContext>();
                delivered = await db.Outbox.CountAsync(o => o.DeliveredAt != null);
                pending = await db.Outbox.CountAsync(o => o.DeliveredAt == null);
            }
            var arrived = connector.Posts.Count;
            var distinct = connector.Posts.Keys.Count;
            var twice = connector.Posts.Values.Count(c => c > 1);
            Console.WriteLine($"Delivery benchmark: a digest run to {recipients:N0} people on Teams (one tenant, each in their own 1:1 chat); connector limit {TenantLimitPerSecond}/s per tenant; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            Console.WriteLine($"  recorded {recipients:N0} digests through the nudge ledger          {record.Elapsed.TotalSeconds,7:N2} s");
            Console.WriteLine($"  delivered by {chunks.Count:N0} outbox jobs (4 at a time)            {deliver.Elapsed.TotalSeconds,7:N2} s   ({delivered / deliver.Elapsed.TotalSeconds:N1} messages/s; the floor at {TenantLimitPerSecond}/s is {recipients / (double)TenantLimitPerSecond:N0} s)");
            Console.WriteLine($"  arrived at the connector: {distinct:N0} conversations, {twice:N0} of them twice or more; outbox: {delivered:N0} delivered, {pending:N0} pending; jobs to retry: {failedJobs}");
            Console.WriteLine($"  429 answers from the connector: {connector.Refused:N0}; busiest second: {connector.BusiestSecond} posts");
            var ok = connector.Refused == 0 && distinct == recipients && twice == 0 && delivered == recipients && pending == 0;
            Console.WriteLine(ok ? "  target met: every message delivered once, no 429" : "  TARGET MISSED (every message delivered once, no 429)");
            return ok ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    /// <summary>A digest-sized message: a greeting, two lists with buttons, the why line.</summary>
    private static Reply Digest(long id) => new([
        new TextBlock($"Here's your day, Rep {id}:"),
        new ItemListBlock("Overdue follow-ups (2)", [
            new ListItem("Send the revised quote", "Account A · due Fri", [new ReplyAction("Done", "act:fu.done:1", ActionStyle.Primary), new ReplyAction("Snooze", "act:fu.snooze:1")]),
            new ListItem("Call back about pricing", "Account B · due Thu", [new ReplyAction("Done", "act:fu.done:2", ActionStyle.Primary), new ReplyAction("Snooze", "act:fu.snooze:2")]),
        ]),
        new ItemListBlock("Renewals in the next 30 days (1)", [new ListItem("Account C — Platform", "ends Dec 20 · $48,000 a year", [new ReplyAction("Brief", "ask:brief me on Account C")])]),
        new ContextBlock("Your daily digest — sent at 08:30 on weekdays."),
    ]) { Summary = "My day: 2 overdue, 1 renewal" };

    private static List<long> Generate(string path, int recipients, string serviceUrl)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var bulk = new BulkInsert(connection, transaction);
        var created = Now.UtcTicks;
        using var rep = bulk.Prepare("INSERT INTO Reps (Name, Email, Role, TimeZoneId, HierarchyPath, IsActive, CreatedAt) VALUES ($1,$2,0,'America/New_York','/',1,$3)", 3);
        using var address = bulk.Prepare("""
            INSERT INTO ChannelAddresses (RepId, Channel, TenantId, UserId, ConversationId, ServiceUrl, BotId, UpdatedAt) VALUES ($1,$2,$3,$4,$5,$6,'28:bench-bot',$7)
            """, 7);
        var ids = new List<long>(recipients);
        for (var i = 0; i < recipients; i++)
        {
            var id = bulk.Insert(rep, $"Rep {i}", $"rep{i}@bench.example", created);
            bulk.Insert(address, id, ChatChannels.Teams, Tenant, "29:user-" + id, "a:chat-" + id, serviceUrl, created);
            ids.Add(id);
        }
        transaction.Commit();
        return ids;
    }

    /// <summary>A Bot Connector on loopback that counts posts per conversation and refuses (429) above the tenant's per-second limit.</summary>
    private sealed class Connector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Queue<long> _recent = new();
        private readonly Dictionary<long, int> _perSecond = [];
        private int _refused;

        private Connector(WebApplication app) => _app = app;

        public ConcurrentDictionary<string, int> Posts { get; } = new();

        public int Refused => _refused;

        public int BusiestSecond { get { lock (_recent) return _perSecond.Count == 0 ? 0 : _perSecond.Values.Max(); } }

        public string ServiceUrl => _app.Urls.First().TrimEnd('/') + "/";

        public static async Task<Connector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var connector = new Connector(app);
            app.MapPost("/v3/conversations/{conversation}/activities/{**rest}", async (string conversation, HttpContext http) =>
            {
                await http.Request.Body.CopyToAsync(Stream.Null);
                if (!connector.Admit())
                {
                    Interlocked.Increment(ref connector._refused);
                    http.Response.Headers.RetryAfter = "1";
                    return Results.StatusCode(429);
                }
                connector.Posts.AddOrUpdate(conversation, 1, (_, n) => n + 1);
                return Results.Json(new { id = Guid.NewGuid().ToString("N") });
            });
            await app.StartAsync();
            return connector;
        }

        /// <summary>Teams' accounting as we model it: no more than the limit within any one-second window.</summary>
        private bool Admit()
        {
            var now = Stopwatch.GetTimestamp();
            lock (_recent)
            {
                while (_recent.Count > 0 && Stopwatch.GetElapsedTime(_recent.Peek(), now) >= TimeSpan.FromSeconds(1))
                    _recent.Dequeue();
                if (_recent.Count >= TenantLimitPerSecond)
                    return false;
                _recent.Enqueue(now);
                var second = now / Stopwatch.Frequency;
                _perSecond[second] = _perSecond.GetValueOrDefault(second) + 1;
                return true;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
