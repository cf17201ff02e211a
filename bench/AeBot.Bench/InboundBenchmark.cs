using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
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
/// Head-of-line blocking, measured (issue #15): DMs from many people at a steady rate through the real server —
/// signed <c>/slack/events</c>, stored, answered by the inbound engine, posted to a local Slack stand-in — timed from
/// the event's send to its answer's arrival. Two runs in the same process: every post answered at once (the
/// baseline), and 1 % of the people's posts taking 10 s each (a slow or rate-limited conversation). The other
/// people's p99 must stay within 2× of the baseline's.
/// </summary>
public static class InboundBenchmark
{
    private const string Secret = "bench-signing-secret";
    private const int People = 200;
    private static readonly TimeSpan SlowPost = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(int perSecond, int seconds)
    {
        // Baseline before and after the slow run (the first run also warms the process); the stricter one counts.
        var before = await RunOnceAsync(perSecond, seconds, slowPeople: 0);
        var slow = await RunOnceAsync(perSecond, seconds, slowPeople: People / 100);
        var after = await RunOnceAsync(perSecond, seconds, slowPeople: 0);
        var baseline = before.P99 <= after.P99 ? before : after;
        Console.WriteLine();
        Console.WriteLine($"{People} people, {perSecond} DMs a second for {seconds} s per run (\"what closes this month?\")");
        Console.WriteLine($"{"run",-44} {"answers",8} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
        Console.WriteLine($"{"baseline: every post at once (first)",-44} {before.Count,8:N0} {before.P50,8:N1} {before.P99,8:N1} {before.Max,8:N1}");
        Console.WriteLine($"{"baseline: every post at once (last)",-44} {after.Count,8:N0} {after.P50,8:N1} {after.P99,8:N1} {after.Max,8:N1}");
        Console.WriteLine($"{"1 % of people's posts take 10 s (others)",-44} {slow.Count,8:N0} {slow.P50,8:N1} {slow.P99,8:N1} {slow.Max,8:N1}");
        Console.WriteLine($"{"1 % of people's posts take 10 s (the slow)",-44} {slow.SlowCount,8:N0} {"",8} {"",8} {slow.SlowMax,8:N1}");
        var ratio = slow.P99 / baseline.P99;
        Console.WriteLine();
        Console.WriteLine($"other conversations' p99 with slow ones: {ratio:N2}× the lower baseline's");
        var met = ratio <= 2;
        Console.WriteLine(met ? "target met: p99 of the other conversations within 2× of the run without slow ones" : "TARGET MISSED (p99 of the other conversations within 2×)");
        return met ? 0 : 1;
    }

    private sealed record Result(int Count, double P50, double P99, double Max, int SlowCount, double SlowMax);

    private static async Task<Result> RunOnceAsync(int perSecond, int seconds, int slowPeople)
    {
        var work = Directory.CreateTempSubdirectory("aebot-inbound-bench-");
        var sent = new ConcurrentDictionary<string, long>(); // channel → when its event left
        var answered = new ConcurrentDictionary<string, long>(); // channel → when its answer arrived
        var emails = new ConcurrentDictionary<string, string>();
        var slowUsers = Enumerable.Range(0, slowPeople).Select(p => $"UBENCH{p:D3}").ToHashSet();
        await using var slack = await SlackStandInAsync(emails, slowUsers, answered);
        try
        {
            using var aebot = new WebApplicationFactory<AeBot.WebChat.WebChatOptions>().WithWebHostBuilder(b => b
                .UseEnvironment("Production")
                .UseSetting("Storage:SqlitePath", Path.Combine(work.FullName, "aebot.db"))
                .UseSetting("Demo:Seed", "true")
                .UseSetting("Clock:Now", "2026-11-28T14:00:00Z")
                .UseSetting("Slack:BotToken", "xoxb-bench")
                .UseSetting("Slack:SigningSecret", Secret)
                .UseSetting("Slack:ApiBaseUrl", slack.Urls.First().TrimEnd('/') + "/api/")
                .UseSetting("Scheduling:Enabled", "false")
                .ConfigureLogging(l => l.ClearProviders()));
            aebot.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
            aebot.StartServer();
            var url = new Uri(aebot.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/slack/events");
            await using (var scope = aebot.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AeBot.Data.Storage.AeBotDbContext>();
                var reps = Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Reps.Where(r => r.Email != null).OrderBy(r => r.Id).Select(r => r.Email!));
                var list = await reps;
                for (var p = 0; p < People; p++)
                    emails[$"UBENCH{p:D3}"] = list[p % list.Count];
            }

            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });
            // Warm-up: one question per person, not timed (identities resolved, caches filled).
            for (var p = 0; p < People; p++)
                await SendAsync(client, url, $"W{p}", $"UBENCH{p:D3}", sent);
            await WaitAsync(() => answered.Count >= People - slowPeople, TimeSpan.FromMinutes(3));
            sent.Clear();
            answered.Clear();

            var random = new Random(15);
            var total = perSecond * seconds;
            var started = Stopwatch.GetTimestamp();
            var sends = new List<Task>();
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / perSecond);
                var wait = due - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.FromMilliseconds(1))
                    await Task.Delay(wait);
                sends.Add(SendAsync(client, url, $"E{i}", $"UBENCH{random.Next(People):D3}", sent));
            }
            await Task.WhenAll(sends);
            var fast = sent.Keys.Where(c => !slowUsers.Contains(User(c))).ToList();
            await WaitAsync(() => fast.All(answered.ContainsKey), TimeSpan.FromMinutes(5));
            var latencies = fast.Select(c => Stopwatch.GetElapsedTime(sent[c], answered[c]).TotalMilliseconds).Order().ToArray();
            // The slow people's answers: each waits its 10 s post and those before it (order per conversation).
            var slowOnes = sent.Keys.Where(c => slowUsers.Contains(User(c))).ToList();
            await WaitAsync(() => slowOnes.All(answered.ContainsKey), TimeSpan.FromMinutes(10));
            var slowMax = slowOnes.Count == 0 ? 0 : slowOnes.Max(c => Stopwatch.GetElapsedTime(sent[c], answered[c]).TotalMilliseconds);
            return new Result(latencies.Length, latencies[latencies.Length / 2], latencies[Math.Min(latencies.Length - 1, (int)(latencies.Length * 0.99))], latencies[^1], slowOnes.Count, slowMax);
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

    // Each event gets a channel of its own ("D{user}-{id}"), so its answer names it; its person is the user.
    private static string User(string channel) => channel[1..channel.IndexOf('-')];

    private static async Task SendAsync(HttpClient client, Uri url, string id, string user, ConcurrentDictionary<string, long> sent)
    {
        var channel = $"D{user}-{id}";
        var body = $$"""{"token":"x","team_id":"T111","api_app_id":"A111","event":{"type":"message","text":"what closes this month?","user":"{{user}}","ts":"1764338400.000100","channel":"{{channel}}","event_ts":"1764338400.000100","channel_type":"im"},"type":"event_callback","event_id":"Ev{{id}}{{Guid.NewGuid():N}}","event_time":1764338400}""";
        using var request = SlackBenchmark.Signed(url, body, Secret);
        sent[channel] = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"/slack/events answered {(int)response.StatusCode}");
    }

    private static async Task WaitAsync(Func<bool> done, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!done())
        {
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException("answers did not all arrive");
            await Task.Delay(5);
        }
    }

    /// <summary>
    /// Just enough of Slack's Web API for a DM turn: users.info (GET, the person's e-mail) and chat.postMessage,
    /// which records when each answer arrived — after 10 s for the slow people's channels.
    /// </summary>
    private static async Task<WebApplication> SlackStandInAsync(ConcurrentDictionary<string, string> emails, HashSet<string> slowUsers, ConcurrentDictionary<string, long> answered)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/api/users.info", (HttpContext http) =>
        {
            var user = http.Request.Query["user"].ToString();
            return Results.Json(new { ok = true, user = new { id = user, name = user, real_name = user, tz = "America/New_York", profile = new { email = emails.GetValueOrDefault(user) } } });
        });
        app.MapPost("/api/chat.postMessage", async (HttpContext http) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body);
            var channel = body!["channel"]!.GetValue<string>();
            if (slowUsers.Contains(User(channel)))
                await Task.Delay(SlowPost);
            answered.TryAdd(channel, Stopwatch.GetTimestamp());
            return Results.Json(new { ok = true, channel, ts = "1764338400.000200" });
        });
        app.MapFallback(() => Results.Json(new { ok = true }));
        await app.StartAsync();
        return app;
    }
}
