using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AeBot.Data.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AeBot.Tests.Slack;

/// <summary>The real server with Slack on (bot token, signing secret), talking to a local fake Slack.</summary>
public sealed class SlackApplication(FakeSlackApi slack, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public const string SigningSecret = "test-signing-secret-0123456789abcdef";
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 14, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-slack-");

    public FakeSlackApi Slack { get; } = slack;

    public AeBot.Tests.Teams.RecordingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Storage:SqlitePath", Path.Combine(_directory.FullName, "aebot.db"));
        builder.UseSetting("Clock:Now", Now.ToString("O"));
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Slack:BotToken", "xoxb-test-token");
        builder.UseSetting("Slack:SigningSecret", SigningSecret);
        builder.UseSetting("Slack:ApiBaseUrl", Slack.ApiUrl);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (services is not null)
            builder.ConfigureTestServices(services);
    }

    public static string Sign(string secret, long timestamp, string body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return "v0=" + Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
    }

    /// <summary>Posts a body signed like Slack signs it (now, with the test secret), unless told otherwise.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string body, string contentType, long? timestamp = null, string? signature = null, bool sign = true, IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var ts = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds(); // Slack signs with the real time
        if (sign)
        {
            request.Headers.Add("X-Slack-Request-Timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Signature", signature ?? Sign(SigningSecret, ts, body));
        }
        foreach (var (key, value) in headers ?? new Dictionary<string, string>())
            request.Headers.Add(key, value);
        return await CreateClient().SendAsync(request);
    }

    public Task<HttpResponseMessage> EventAsync(JsonObject envelope, IDictionary<string, string>? headers = null) =>
        PostAsync("/slack/events", envelope.ToJsonString(), "application/json", headers: headers);

    public Task<HttpResponseMessage> InteractAsync(JsonObject payload) =>
        PostAsync("/slack/interactivity", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), "application/x-www-form-urlencoded");

    /// <summary>
    /// Waits for one stored inbound item to be settled (processed or given up on); fails the test on timeout instead
    /// of going on to assert that something did not happen.
    /// </summary>
    public Task SettledAsync(string deliveryKey) =>
        WaitForAsync(db => db.InboundQueue.AnyAsync(q => q.DeliveryKey == deliveryKey && (q.ProcessedAt != null || q.FailedAt != null)), $"inbound item {deliveryKey} to be settled");

    /// <summary>Waits until <paramref name="condition"/> holds in the database; throws (naming <paramref name="what"/>) after a minute.</summary>
    public async Task WaitForAsync(Func<AeBotDbContext, Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await QueryAsync(condition))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("Timed out waiting for " + what);
            await Task.Delay(25);
        }
    }

    public async Task<T> QueryAsync<T>(Func<AeBotDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AeBotDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        TestDirectory.Delete(_directory);
    }
}

/// <summary>Slack payloads as Slack publishes them (copied from ../shared/fixtures/slack; the first line names the source).</summary>
public static class SlackFixtures
{
    public static string Text(string name)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Slack", "Fixtures", name));
        return text[(text.IndexOf('\n') + 1)..];
    }

    public static JsonObject Json(string name) => JsonNode.Parse(Text(name))!.AsObject();
}
