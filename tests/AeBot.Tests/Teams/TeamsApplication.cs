using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AeBot.Data.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Rest;

namespace AeBot.Tests.Teams;

/// <summary>
/// The real server with Teams on and authentication required (app id configured), a fake Bot Connector on loopback,
/// and the local token service. The only replaced part is how the bot gets its own outbound token (no Entra here).
/// </summary>
public sealed class TeamsApplication : WebApplicationFactory<Program>
{
    public const string AppId = "9f6f3a3e-6a53-4b83-9f5e-6f0e4c1d2a10";
    public const string BotId = "28:" + AppId;
    public const string OwnTenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string OutboundToken = "fake-outbound-token";

    /// <summary>The tenants of the fixture payloads; every other tenant is refused.</summary>
    public static readonly string[] AllowedTenants = [OwnTenant, "50612dbb-0237-4969-b378-8d42590f9c00", "56653e9d-2158-46ee-90d7-675c39642038"];

    public static readonly DateTimeOffset Now = new(2026, 11, 28, 14, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-teams-");
    private readonly Dictionary<string, string?> _settings = new();

    public FakeBotConnector Connector { get; }

    public RecordingLoggerProvider Logs { get; } = new();

    private readonly Action<IServiceCollection>? _services;

    public TeamsApplication(FakeBotConnector connector, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        BotFrameworkTestIdentity.EnsureSeeded();
        Connector = connector;
        if (settings is not null)
            foreach (var (key, value) in settings)
                _settings[key] = value;
    }

    public string DatabasePath => Path.Combine(_directory.FullName, "aebot.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Storage:SqlitePath", DatabasePath);
        builder.UseSetting("Clock:Now", Now.ToString("O"));
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Teams:MicrosoftAppType", "SingleTenant");
        builder.UseSetting("Teams:MicrosoftAppId", AppId);
        builder.UseSetting("Teams:MicrosoftAppPassword", "not-used-outbound-credentials-are-faked");
        builder.UseSetting("Teams:MicrosoftAppTenantId", OwnTenant);
        for (var i = 0; i < AllowedTenants.Length; i++)
            builder.UseSetting($"Teams:AllowedTenants:{i}", AllowedTenants[i]);
        builder.UseSetting("Teams:ToBotFromChannelOpenIdMetadataUrl", BotFrameworkTestIdentity.MetadataUrl);
        builder.UseSetting("Teams:ToBotFromEmulatorOpenIdMetadataUrl", BotFrameworkTestIdentity.MetadataUrl);
        builder.UseSetting("Teams:BotOpenIdMetadata", BotFrameworkTestIdentity.MetadataUrl);
        // Setting any metadata URL switches the SDK to its "parameterized" cloud, which then needs the public
        // cloud's other values spelled out (they are the SDK's own defaults for Azure public cloud).
        builder.UseSetting("Teams:ToBotFromChannelTokenIssuer", BotFrameworkTestIdentity.Issuer);
        builder.UseSetting("Teams:ToChannelFromBotLoginUrl", "https://login.microsoftonline.com/botframework.com");
        builder.UseSetting("Teams:ToChannelFromBotOAuthScope", "https://api.botframework.com");
        builder.UseSetting("Teams:OAuthUrl", "https://api.botframework.com");
        builder.UseSetting("Teams:CallerId", "urn:botframework:azure");
        builder.UseSetting("Teams:ValidateAuthority", "true");
        builder.UseSetting("Teams:RetryBaseDelayMilliseconds", "20");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ServiceClientCredentialsFactory, FakeOutboundCredentials>();
            _services?.Invoke(services);
        });
    }

    /// <summary>Posts an activity to /api/messages with a valid token (or the given Authorization header).</summary>
    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? authorization = null, bool sign = true, bool settle = true)
    {
        var response = await SendAsync(activity, authorization, sign);
        // A message is stored and answered by the inbound engine after the 200: wait for its row to be settled, so
        // a test sees the answer (or the lack of one) — and fails if it never is.
        if (settle && response.IsSuccessStatusCode && activity["type"]?.GetValue<string>() == "message"
            && activity["id"]?.GetValue<string>() is { } id && activity["conversation"]?["id"]?.GetValue<string>() is { } conversation)
            await SettledAsync($"{conversation}|{id}");
        return response;
    }

    /// <summary>Waits until the stored inbound item is processed or given up; throws when that takes over a minute.</summary>
    public async Task SettledAsync(string deliveryKey)
    {
        var key = AeBot.Data.Channels.InboundQueueWriter.StoredKey(deliveryKey);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await QueryAsync(db => db.InboundQueue.AnyAsync(q => q.Channel == "teams" && q.DeliveryKey == key && (q.ProcessedAt != null || q.FailedAt != null))))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Inbound Teams item {deliveryKey} was never settled.");
            await Task.Delay(25);
        }
    }

    /// <summary>Waits until the inbound engine has looked at the queue <paramref name="rounds"/> more times.</summary>
    public async Task WaitForEngineRoundsAsync(int rounds)
    {
        var engine = Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<AeBot.Inbound.InboundEngine>().Single();
        var target = engine.ClaimRounds + rounds;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (engine.ClaimRounds < target)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The inbound engine stopped looking at the queue.");
            await Task.Delay(25);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(JsonObject activity, string? authorization, bool sign)
    {
        var client = CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        var serviceUrl = activity["serviceUrl"]?.GetValue<string>() ?? Connector.ServiceUrl;
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        else if (sign)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BotFrameworkTestIdentity.Mint(AppId, serviceUrl));
        return await client.SendAsync(request);
    }

    /// <summary>A fixture payload from ../shared/fixtures/teams, pointed at the fake connector and this bot.</summary>
    public JsonObject Fixture(string name)
    {
        var activity = TeamsFixtures.Load(name);
        activity["serviceUrl"] = Connector.ServiceUrl;
        activity["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "AeBot" };
        foreach (var entity in activity["entities"]?.AsArray() ?? [])
        {
            if (entity?["type"]?.GetValue<string>() == "mention" && entity["mentioned"]?["id"]?.GetValue<string>()?.StartsWith("28:") == true)
                entity["mentioned"]!["id"] = BotId;
        }
        activity["id"] = Guid.NewGuid().ToString("N");
        return activity;
    }

    public async Task<T> QueryAsync<T>(Func<AeBotDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AeBotDbContext>());
    }

    public Task<int> AuditCountAsync() => QueryAsync(db => db.AuditEntries.CountAsync());

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        TestDirectory.Delete(_directory);
    }

    /// <summary>The bot's outbound token: fixed, instead of one from Entra ID (not reachable here).</summary>
    // Outbound tokens are faked; the inbound audience check is the real one's: the bot's configured app id.
    private sealed class FakeOutboundCredentials(Microsoft.Extensions.Options.IOptions<AeBot.Teams.TeamsOptions> options) : ServiceClientCredentialsFactory
    {
        public override Task<bool> IsValidAppIdAsync(string appId, CancellationToken cancellationToken) => Task.FromResult(appId == options.Value.MicrosoftAppId);

        public override Task<bool> IsAuthenticationDisabledAsync(CancellationToken cancellationToken) => Task.FromResult(false);

        public override Task<ServiceClientCredentials> CreateCredentialsAsync(string appId, string audience, string loginEndpoint, bool validateAuthority, CancellationToken cancellationToken) =>
            Task.FromResult<ServiceClientCredentials>(new TokenCredentials(OutboundToken));
    }
}

/// <summary>Teams payloads as Microsoft publishes them (copied from ../shared/fixtures/teams; each names its source).</summary>
public static class TeamsFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Teams", "Fixtures");

    public static JsonObject Load(string name)
    {
        var activity = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")))!.AsObject();
        activity.Remove("_source");
        return activity;
    }
}
