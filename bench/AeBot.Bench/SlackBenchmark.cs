using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AeBot.Bench;

/// <summary>
/// <c>/slack/events</c> acknowledgement over loopback HTTP: AeBot (verify the signature, parse, store the event
/// durably under its event_id, answer 200) beside a bare Kestrel endpoint that answers 200 to the same requests, in
/// the same process and run. Two measures: throughput with 16 clients as fast as they go, and latency at a steady
/// 500 requests a second (open loop: requests leave on schedule whether or not earlier ones returned). The events
/// are channel messages from another bot: each is verified, parsed and committed to the inbound queue before the 200
/// (stored settled, as no turn answers it), so the run measures the durable acknowledgement rather than answering
/// questions.
/// </summary>
public static class SlackBenchmark
{
    private const string Secret = "bench-signing-secret";
    private const int Clients = 16;

    public static async Task<int> RunAsync(int requests)
    {
        var work = Directory.CreateTempSubdirectory("aebot-slack-bench-");
        try
        {
            await using var bare = await BareAsync();
            await using var floor = await DurableFloorAsync(Path.Combine(work.FullName, "floor.db"));
            using var aebot = new WebApplicationFactory<AeBot.WebChat.WebChatOptions>().WithWebHostBuilder(b => b
                .UseEnvironment("Production")
                .UseSetting("Storage:SqlitePath", Path.Combine(work.FullName, "aebot.db"))
                .UseSetting("Demo:Seed", "false")
                .UseSetting("Slack:BotToken", "xoxb-bench")
                .UseSetting("Slack:SigningSecret", Secret)
                .UseSetting("Slack:ApiBaseUrl", "http://127.0.0.1:9/api/") // never called: the events are ignored
                .ConfigureLogging(l => l.ClearProviders()));
            aebot.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
            aebot.StartServer();
            var aebotUrl = new Uri(aebot.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/slack/events");
            var bareUrl = new Uri(bare.Urls.First().TrimEnd('/') + "/slack/events");
            var floorUrl = new Uri(floor.Urls.First().TrimEnd('/') + "/slack/events");

            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
            Console.WriteLine($"/slack/events ack, loopback: {Clients} clients × {requests:N0} requests (closed loop), then 500 requests/s for 10 s (open loop)");
            Console.WriteLine();
            await ClosedLoopAsync(client, bareUrl, 2_000);
            await ClosedLoopAsync(client, aebotUrl, 2_000);

            await ClosedLoopAsync(client, floorUrl, 2_000);
            var bareRounds = new List<(double PerSecond, double P99)>();
            var floorRounds = new List<(double PerSecond, double P99)>();
            var aebotRounds = new List<(double PerSecond, double P99)>();
            for (var round = 0; round < 3; round++)
            {
                bareRounds.Add(await ClosedLoopAsync(client, bareUrl, requests));
                floorRounds.Add(await ClosedLoopAsync(client, floorUrl, requests));
                aebotRounds.Add(await ClosedLoopAsync(client, aebotUrl, requests));
            }
            var bareSteady = await OpenLoopAsync(client, bareUrl, 500, TimeSpan.FromSeconds(10));
            var aebotSteady = await OpenLoopAsync(client, aebotUrl, 500, TimeSpan.FromSeconds(10));

            Console.WriteLine($"{"",-36} {"req/s",9} {"p99 ms",8}");
            for (var i = 0; i < 3; i++)
            {
                Console.WriteLine($"{$"bare Kestrel 200 (round {i + 1})",-36} {bareRounds[i].PerSecond,9:N0} {bareRounds[i].P99,8:N2}");
                Console.WriteLine($"{$"durable-ack floor (round {i + 1})",-36} {floorRounds[i].PerSecond,9:N0} {floorRounds[i].P99,8:N2}");
                Console.WriteLine($"{$"AeBot /slack/events (round {i + 1})",-36} {aebotRounds[i].PerSecond,9:N0} {aebotRounds[i].P99,8:N2}");
            }
            Console.WriteLine($"{"bare Kestrel 200 at 500 req/s",-36} {bareSteady.PerSecond,9:N0} {bareSteady.P99,8:N2}");
            Console.WriteLine($"{"AeBot /slack/events at 500 req/s",-36} {aebotSteady.PerSecond,9:N0} {aebotSteady.P99,8:N2}");
            var ratio = aebotRounds.Max(r => r.PerSecond) / bareRounds.Max(r => r.PerSecond);
            Console.WriteLine();
            Console.WriteLine($"durable-ack floor: {floorRounds.Max(r => r.PerSecond) / bareRounds.Max(r => r.PerSecond):P0} of the bare endpoint; AeBot: {aebotRounds.Max(r => r.PerSecond) / floorRounds.Max(r => r.PerSecond):P0} of the floor");
            var stored = await CountStoredAsync(aebot);
            Console.WriteLine();
            Console.WriteLine($"best rounds: AeBot {ratio:P0} of the bare endpoint's throughput; p99 at 500 req/s {aebotSteady.P99:N1} ms; events stored: {stored:N0}");
            var met = ratio >= 0.6 && aebotSteady.P99 <= 50;
            Console.WriteLine(met ? "targets met: ≥ 60 % of the bare endpoint, p99 ≤ 50 ms at 500 req/s" : "TARGET MISSED (≥ 60 % of the bare endpoint and p99 ≤ 50 ms at 500 req/s)");
            return met ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<long> CountStoredAsync(WebApplicationFactory<AeBot.WebChat.WebChatOptions> aebot)
    {
        await using var scope = aebot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AeBot.Data.Storage.AeBotDbContext>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.LongCountAsync(db.InboundQueue);
    }

    private static HttpRequestMessage Request(Uri url)
    {
        var id = "Ev" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var body = $$"""{"token":"x","team_id":"T111","api_app_id":"A111","event":{"bot_id":"B999","type":"message","text":"status update from another bot","user":"UB111","ts":"1610261539.000900","channel":"C111","event_ts":"1610261539.000900","channel_type":"channel"},"type":"event_callback","event_id":"{{id}}","event_time":1610261539}""";
        return Signed(url, body, Secret);
    }

    /// <summary>A POST of <paramref name="body"/> signed as Slack signs it, now, with <paramref name="secret"/>.</summary>
    internal static HttpRequestMessage Signed(Uri url, string body, string secret)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        return request;
    }

    private static async Task<(double PerSecond, double P99)> ClosedLoopAsync(HttpClient client, Uri url, int requests)
    {
        var latencies = new ConcurrentBag<double>();
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < requests)
            {
                using var request = Request(url);
                var begin = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
                latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
            }
        })));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return (requests / seconds, P99(latencies));
    }

    private static async Task<(double PerSecond, double P99)> OpenLoopAsync(HttpClient client, Uri url, int perSecond, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var pending = new List<Task>();
        var total = (int)(perSecond * duration.TotalSeconds);
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = interval * i;
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.FromMilliseconds(1))
                await Task.Delay(wait);
            var request = Request(url);
            // Latency counts from when the request was due, so a stall cannot hide behind a late send.
            var scheduled = started + (long)(due.TotalSeconds * Stopwatch.Frequency);
            pending.Add(Task.Run(async () =>
            {
                using (request)
                using (var response = await client.SendAsync(request))
                {
                    if (!response.IsSuccessStatusCode)
                        throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
                }
                latencies.Add(Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds);
            }));
        }
        await Task.WhenAll(pending);
        return (total / Stopwatch.GetElapsedTime(started).TotalSeconds, P99(latencies));
    }

    private static double P99(IEnumerable<double> latencies)
    {
        var sorted = latencies.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))];
    }

    /// <summary>
    /// The least any endpoint that must not lose an acknowledged event can do, for comparison: check the signature,
    /// read the event id, insert the body into SQLite (WAL, one prepared statement, each request its own commit)
    /// and answer 200 — no framework, no queue, no worker.
    /// </summary>
    private static async Task<WebApplication> DurableFloorAsync(string path)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE Events (Id TEXT PRIMARY KEY, Body TEXT NOT NULL);";
            setup.ExecuteNonQuery();
        }
        var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO Events (Id, Body) VALUES ($id, $body) ON CONFLICT (Id) DO NOTHING";
        var id = insert.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
        var body = insert.Parameters.Add("$body", Microsoft.Data.Sqlite.SqliteType.Text);
        insert.Prepare();
        var gate = new SemaphoreSlim(1, 1);
        var key = Encoding.UTF8.GetBytes(Secret);
        app.MapPost("/slack/events", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var bytes = buffer.ToArray();
            var timestamp = request.Headers["X-Slack-Request-Timestamp"].ToString();
            var expected = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, (byte[])[.. Encoding.ASCII.GetBytes($"v0:{timestamp}:"), .. bytes]));
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(request.Headers["X-Slack-Signature"].ToString())))
                return Results.Unauthorized();
            var reader = new System.Text.Json.Utf8JsonReader(bytes);
            string? eventId = null;
            while (eventId is null && reader.Read())
                if (reader.TokenType == System.Text.Json.JsonTokenType.PropertyName && reader.ValueTextEquals("event_id") && reader.Read())
                    eventId = reader.GetString();
            await gate.WaitAsync();
            try
            {
                id.Value = eventId;
                body.Value = Encoding.UTF8.GetString(bytes);
                insert.ExecuteNonQuery();
            }
            finally
            {
                gate.Release();
            }
            return Results.Ok();
        });
        await app.StartAsync();
        return app;
    }

    private static async Task<WebApplication> BareAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/slack/events", () => Results.Ok());
        await app.StartAsync();
        return app;
    }
}
