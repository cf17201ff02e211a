using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AeBot.Bench;

/// <summary>
/// <c>/api/messages</c> end to end over loopback HTTP: AeBot answering a pipeline question ("what closes this
/// month?" — identity, duplicate check, understanding, queries, card, audit) beside a bare Bot Framework echo bot
/// (CloudAdapter + ActivityHandler, the SDK's own sample shape) in the same process and run. Both with
/// authentication off, both replying through the same local fake Bot Connector. A turn counts as done when its
/// reply has reached the connector and the HTTP request has returned.
/// </summary>
public static class TeamsBenchmark
{
    private static int Workers = 8;
    private const string UserId = "29:bench-user";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 14, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(int turnsPerRound, int workers = 8)
    {
        Workers = workers;
        var work = Directory.CreateTempSubdirectory("aebot-teams-bench-");
        try
        {
            await using var connector = await Connector.StartAsync();
            await using var echo = await EchoBot.StartAsync(reuseConnectors: false);
            await using var echoReusing = await EchoBot.StartAsync(reuseConnectors: true);
            using var aebot = new WebApplicationFactory<AeBot.WebChat.WebChatOptions>() // any type of the aebot assembly names its entry point
               .WithWebHostBuilder(b => b
                .UseEnvironment("Development") // anonymous Bot Framework requests: authentication off, as for the echo bot
                .UseSetting("Storage:SqlitePath", Path.Combine(work.FullName, "aebot.db"))
                .UseSetting("Demo:Seed", "true")
                .UseSetting("Clock:Now", Now.ToString("O"))
                .UseSetting("WebChat:Enabled", "false")
                .ConfigureLogging(l => { l.ClearProviders(); if (Environment.GetEnvironmentVariable("AEBOT_BENCH_LOG") is not null) l.AddConsole().SetMinimumLevel(LogLevel.Warning); }));
            aebot.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
            aebot.StartServer();
            var address = aebot.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
            var aebotUrl = new Uri(address.TrimEnd('/') + "/api/messages");

            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Workers * 2 });
            Console.WriteLine($"/api/messages, {Workers} concurrent clients, {turnsPerRound:N0} turns a round, 3 rounds each, alternating (loopback; fake connector)");
            Console.WriteLine();

            // Warm up both (JIT, pools, the rep's identity cache and conversation rows).
            await RoundAsync(client, connector, echo.Url, 300, "hello");
            await RoundAsync(client, connector, echoReusing.Url, 300, "hello");
            await RoundAsync(client, connector, aebotUrl, 300, "what closes this month?");

            var echoRounds = new List<Result>();
            var reusingRounds = new List<Result>();
            var aebotRounds = new List<Result>();
            for (var round = 0; round < 3; round++)
            {
                echoRounds.Add(await RoundAsync(client, connector, echo.Url, turnsPerRound, "hello"));
                reusingRounds.Add(await RoundAsync(client, connector, echoReusing.Url, turnsPerRound, "hello"));
                aebotRounds.Add(await RoundAsync(client, connector, aebotUrl, turnsPerRound, "what closes this month?"));
            }
            var echoBest = echoRounds.MaxBy(r => r.PerSecond)!;
            var aebotBest = aebotRounds.MaxBy(r => r.PerSecond)!;
            Console.WriteLine($"{"",-44} {"turns/s",10} {"p50 ms",9} {"p99 ms",9}");
            foreach (var (name, rounds) in new[] { ("baseline Bot Framework echo bot", echoRounds), ("echo bot + AeBot's connector reuse", reusingRounds), ("AeBot pipeline question", aebotRounds) })
                for (var i = 0; i < rounds.Count; i++)
                    Console.WriteLine($"{$"{name} (round {i + 1})",-44} {rounds[i].PerSecond,10:N0} {rounds[i].P50,9:N2} {rounds[i].P99,9:N2}");
            var ratio = aebotBest.PerSecond / echoBest.PerSecond;
            var reusingBest = reusingRounds.MaxBy(r => r.PerSecond)!;
            Console.WriteLine();
            Console.WriteLine($"AeBot's own work (vs the echo bot with the same connector reuse): {aebotBest.PerSecond / reusingBest.PerSecond:P0} of its throughput");
            Console.WriteLine($"best round: AeBot {aebotBest.PerSecond:N0} turns/s vs echo {echoBest.PerSecond:N0} turns/s = {ratio:P0} of the echo bot's throughput; AeBot p99 {aebotBest.P99:N1} ms");
            var sample = connector.LastReply() is { } last ? JsonNode.Parse(last)?["summary"]?.GetValue<string>() ?? "(no summary)" : "(none)";
            Console.WriteLine($"AeBot's reply (sample summary): {sample}");
            var met = ratio >= 0.8;
            Console.WriteLine(met ? "target met: ≥ 80 % of the echo bot's throughput" : "TARGET MISSED: < 80 % of the echo bot's throughput");
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

    private sealed record Result(double PerSecond, double P50, double P99);

    private static async Task<Result> RoundAsync(HttpClient client, Connector connector, Uri bot, int turns, string text)
    {
        var latencies = new ConcurrentBag<double>();
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var conversation = $"a:bench-{bot.Port}-{worker}";
            while (Interlocked.Increment(ref next) < turns)
            {
                var id = Guid.NewGuid().ToString("N");
                var waiter = connector.Expect(id);
                var begin = Stopwatch.GetTimestamp();
                using var response = await client.PostAsync(bot, new StringContent(Activity(connector.ServiceUrl, conversation, id, text), Encoding.UTF8, "application/json"));
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"{bot} answered {(int)response.StatusCode}");
                await waiter.WaitAsync(TimeSpan.FromSeconds(30));
                latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var sorted = latencies.Order().ToArray();
        return new Result(turns / elapsed, sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))]);
    }

    private static string Activity(string serviceUrl, string conversation, string id, string text) => new JsonObject
    {
        ["type"] = "message",
        ["id"] = id,
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = UserId, ["name"] = "Dana Reyes", ["aadObjectId"] = "11111111-0000-4000-8000-000000000001" },
        ["recipient"] = new JsonObject { ["id"] = "28:bench-bot", ["name"] = "AeBot" },
        ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = "personal", ["tenantId"] = "bench-tenant" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "bench-tenant" } },
        ["text"] = text,
        ["textFormat"] = "plain",
        ["locale"] = "en-US",
    }.ToJsonString();

    /// <summary>The SDK's echo sample: what any Bot Framework bot costs at the least.</summary>
    private sealed class EchoBot : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private EchoBot(WebApplication app, Uri url)
        {
            _app = app;
            Url = url;
        }

        public Uri Url { get; }

        /// <param name="reuseConnectors">Give the echo bot AeBot's connector-client reuse too: the floor for AeBot's own work.</param>
        public static async Task<EchoBot> StartAsync(bool reuseConnectors)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            if (Environment.GetEnvironmentVariable("AEBOT_BENCH_LOG") is not null)
                builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddHttpClient();
            builder.Services.AddSingleton<BotFrameworkAuthentication>(sp =>
            {
                var sdk = new ConfigurationBotFrameworkAuthentication(
                    new ConfigurationBuilder().Build(), new PasswordServiceClientCredentialFactory(), null, sp.GetRequiredService<IHttpClientFactory>(), null);
                return reuseConnectors ? new AeBot.Teams.Hosting.ReusingBotFrameworkAuthentication(sdk, TimeProvider.System) : sdk;
            });
            builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp => new CloudAdapter(sp.GetRequiredService<BotFrameworkAuthentication>()));
            builder.Services.AddTransient<IBot, Echo>();
            var app = builder.Build();
            app.MapPost("/api/messages", (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot) => adapter.ProcessAsync(request, response, bot));
            await app.StartAsync();
            return new EchoBot(app, new Uri(app.Urls.First().TrimEnd('/') + "/api/messages"));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        private sealed class Echo : ActivityHandler
        {
            protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
                turnContext.SendActivityAsync(MessageFactory.Text("Echo: " + turnContext.Activity.Text), cancellationToken);
        }
    }

    /// <summary>A Bot Connector on loopback: answers member look-ups (the user is Dana) and records replies.</summary>
    private sealed class Connector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new();
        private readonly ConcurrentDictionary<int, string> _last = new();

        private Connector(WebApplication app)
        {
            _app = app;
        }

        public string ServiceUrl => _app.Urls.First().TrimEnd('/') + "/";

        public Task Expect(string activityId) => _waiting.GetOrAdd(activityId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        /// <summary>One of AeBot's replies (the echo bot's carry no summary).</summary>
        public string? LastReply() => _last.Values.FirstOrDefault(v => v.Contains("\"summary\"", StringComparison.Ordinal));

        public static async Task<Connector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var connector = new Connector(app);
            app.MapGet("/v3/conversations/{conversation}/members/{user}", (string user) =>
                Results.Json(new { id = user, name = "Dana Reyes", aadObjectId = "11111111-0000-4000-8000-000000000001", userPrincipalName = "dana.reyes@northwind.example", email = "dana.reyes@northwind.example" }));
            app.MapPost("/v3/conversations/{conversation}/activities/{**rest}", async (HttpContext http) =>
            {
                using var reader = new StreamReader(http.Request.Body);
                var body = await reader.ReadToEndAsync();
                var reply = JsonNode.Parse(body)!;
                var replyTo = reply["replyToId"]?.GetValue<string>();
                connector._last[http.Connection.LocalPort] = body;
                if (replyTo is not null && connector._waiting.TryRemove(replyTo, out var waiter))
                    waiter.TrySetResult();
                return Results.Json(new { id = Guid.NewGuid().ToString("N") });
            });
            await app.StartAsync();
            return connector;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
