using Microsoft.Extensions.Logging;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AeBot.Tests.Teams;

[Collection(TeamsCollection.Name)]
public sealed class TeamsAuthenticationTests(TeamsFixture fixture)
{
    private TeamsApplication App => fixture.App;

    public static TheoryData<string> BadTokens => new()
    {
        "missing", "not a bearer token", "malformed", "expired", "not yet valid", "alg none", "HS256", "wrong audience",
        "wrong issuer", "unknown signing key", "key not endorsed for msteams", "service URL not the token's",
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_request_without_a_valid_token_is_refused_with_401_and_never_reaches_the_core(string kind)
    {
        var activity = App.Fixture("teams-personal-message");
        activity["text"] = "what closes this month?";
        var url = fixture.Connector.ServiceUrl;
        var now = DateTime.UtcNow;
        string? header = kind switch
        {
            "missing" => null,
            "not a bearer token" => "Basic ZGFuYTpwYXNzd29yZA==",
            "malformed" => "Bearer eyJhbGciOiJSUzI1NiJ9.not-a-token",
            "expired" => Bearer(BotFrameworkTestIdentity.Mint(TeamsApplication.AppId, url, notBefore: now.AddHours(-2), expires: now.AddHours(-1))),
            "not yet valid" => Bearer(BotFrameworkTestIdentity.Mint(TeamsApplication.AppId, url, notBefore: now.AddHours(1), expires: now.AddHours(2))),
            "alg none" => Bearer(BotFrameworkTestIdentity.MintUnsigned(TeamsApplication.AppId, url)),
            "HS256" => Bearer(BotFrameworkTestIdentity.MintHs256(TeamsApplication.AppId, url)),
            "wrong audience" => Bearer(BotFrameworkTestIdentity.Mint(Guid.NewGuid().ToString(), url)),
            "wrong issuer" => Bearer(BotFrameworkTestIdentity.Mint(TeamsApplication.AppId, url, issuer: "https://evil.example.com")),
            "unknown signing key" => Bearer(BotFrameworkTestIdentity.Mint(TeamsApplication.AppId, url, BotFrameworkTestIdentity.UnknownKey)),
            "key not endorsed for msteams" => Bearer(BotFrameworkTestIdentity.Mint(TeamsApplication.AppId, url, BotFrameworkTestIdentity.OtherChannelKey)),
            "service URL not the token's" => Bearer(BotFrameworkTestIdentity.Mint(TeamsApplication.AppId, "https://smba.trafficmanager.net/emea/")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var auditBefore = await App.AuditCountAsync();
        var sentBefore = fixture.Connector.Calls.Count;

        var response = await App.PostAsync(activity, authorization: header, sign: false);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(auditBefore, await App.AuditCountAsync());
        Assert.Equal(sentBefore, fixture.Connector.Calls.Count);
    }

    [Fact]
    public async Task A_valid_token_gets_through()
    {
        var activity = App.Fixture("teams-personal-message");
        activity["text"] = "what closes this month?";
        var response = await App.PostAsync(activity);
        Assert.True(response.StatusCode == HttpStatusCode.OK, string.Join("\n", App.Logs.Lines.Where(l => l.Contains("Teams"))));
        var reply = await fixture.Connector.WaitForMessageAsync(m => m.ConversationId == activity["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal("Bearer " + TeamsApplication.OutboundToken, reply.Authorization);
    }

    [Fact]
    public async Task A_tenant_not_allowed_is_refused_with_403_before_the_core()
    {
        var activity = App.Fixture("teams-personal-message");
        activity["channelData"]!["tenant"]!["id"] = "0b0b0b0b-1111-2222-3333-444444444444";
        var auditBefore = await App.AuditCountAsync();
        var response = await App.PostAsync(activity);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(auditBefore, await App.AuditCountAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_an_activity_is_refused_without_a_500()
    {
        var client = App.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent("{\"type\":", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BotFrameworkTestIdentity.Mint(TeamsApplication.AppId, fixture.Connector.ServiceUrl));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Without_an_app_id_the_endpoint_is_not_served_outside_development()
    {
        using var production = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("Storage:SqlitePath", Path.Combine(Path.GetTempPath(), $"aebot-noteams-{Guid.NewGuid():N}.db"))
            .UseSetting("Demo:Seed", "false"));
        var response = await production.CreateClient().PostAsync("/api/messages", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Without_an_app_id_development_accepts_anonymous_requests()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        connector.RequireBearer = false; // the Emulator, which a bot without an app id talks to
        connector.Members[TeamsFixture.MeganId] = (TeamsFixture.MeganAad, "dana.reyes@northwind.example", "Megan Bowen");
        using var development = new AeBotApplication();
        var activity = TeamsFixtures.Load("teams-personal-message");
        activity["serviceUrl"] = connector.ServiceUrl;
        activity["text"] = "what closes this month?";
        var response = await development.CreateClient().PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await connector.WaitForMessageAsync(_ => true);
        Assert.Contains("close", reply.AllText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Start_up_refuses_incomplete_credentials()
    {
        var logs = new RecordingLoggerProvider();
        using var broken = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("Storage:SqlitePath", Path.Combine(Path.GetTempPath(), $"aebot-badteams-{Guid.NewGuid():N}.db"))
            .UseSetting("Teams:MicrosoftAppId", TeamsApplication.AppId)
            .UseSetting("Teams:MicrosoftAppType", "SingleTenant")
            .ConfigureLogging(l => l.AddProvider(logs)));
        Assert.ThrowsAny<Exception>(() => broken.CreateClient());
        Assert.Contains(logs.Lines, l => l.Contains("Configuration problem: Teams:MicrosoftAppPassword", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Configuration problem: Teams:MicrosoftAppTenantId", StringComparison.Ordinal));
    }

    // What Azure Bot's ARM templates and Teams Toolkit write: the Bot Framework's keys at the root of the configuration.
    private static Dictionary<string, string?> RootKeys(string? teamsAppId) => new()
    {
        ["Teams:MicrosoftAppId"] = teamsAppId, ["Teams:MicrosoftAppPassword"] = null, ["Teams:MicrosoftAppTenantId"] = null, ["Teams:MicrosoftAppType"] = null,
        ["MicrosoftAppId"] = TeamsApplication.AppId, ["MicrosoftAppPassword"] = "root-secret", ["MicrosoftAppTenantId"] = TeamsApplication.OwnTenant, ["MicrosoftAppType"] = "SingleTenant",
    };

    [Fact]
    public async Task The_bot_frameworks_own_keys_at_the_configuration_root_serve_the_endpoint()
    {
        await using var app = new TeamsApplication(fixture.Connector, RootKeys(teamsAppId: null));
        var activity = app.Fixture("teams-personal-message");
        activity["text"] = "what closes this month?";

        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync(activity)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.PostAsync(activity, authorization: null, sign: false)).StatusCode);
    }

    [Fact]
    public async Task A_teams_section_key_wins_over_the_same_key_at_the_root()
    {
        // Teams:MicrosoftAppId names another bot: a token minted for the root's app id is then not for this bot.
        await using var app = new TeamsApplication(fixture.Connector, RootKeys(teamsAppId: Guid.NewGuid().ToString()));
        var activity = app.Fixture("teams-personal-message");
        activity["text"] = "what closes this month?";

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.PostAsync(activity)).StatusCode);
    }

    private static string Bearer(string token) => "Bearer " + token;
}
