using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace AeBot.Tests.Teams;

/// <summary>
/// Mutated copies of real Teams activities (fixed seed, 2,000 per mode): with a valid token minted for whatever service
/// URL the mutation left (Production), and anonymously (Development). Whatever the body, never a 5xx and nothing logged
/// as unhandled. Mutations: a field of another JSON type, removed, emptied or huge; a missing or invalid serviceUrl;
/// lone surrogates; bytes flipped, cut or inserted.
/// </summary>
public sealed class TeamsFuzzTests : IAsyncLifetime
{
    private const int Mutations = 2_000;
    private FakeBotConnector _connector = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _connector.Members[TeamsFixture.MeganId] = (TeamsFixture.MeganAad, "dana.reyes@northwind.example", "Megan Bowen");
    }

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    private static readonly string[] Fixtures =
    [
        "teams-personal-message", "teams-channel-message-mention", "teams-conversationUpdate-membersAdded-personal", "teams-installationUpdate-add",
        "teams-invoke-adaptiveCard-action", "teams-message-card-submit-value",
    ];

    [Fact]
    public async Task No_signed_mutation_of_a_real_activity_gets_a_5xx()
    {
        await using var app = new TeamsApplication(_connector);
        await FuzzAsync(app.CreateClient(), app.Logs, serviceUrl => BotFrameworkTestIdentity.Mint(TeamsApplication.AppId, serviceUrl), seed: 1);
    }

    [Fact]
    public async Task No_mutation_gets_a_5xx_from_the_anonymous_development_endpoint()
    {
        _connector.RequireBearer = false; // an anonymous bot talks to the Emulator
        var logs = new RecordingLoggerProvider();
        await using var app = new AeBotApplication();
        using var development = app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        await FuzzAsync(development.CreateClient(), logs, token: null, seed: 2);
    }

    private async Task FuzzAsync(HttpClient client, RecordingLoggerProvider logs, Func<string, string>? token, int seed)
    {
        var random = new Random(20261202 + seed);
        var failures = new List<string>();
        for (var i = 0; i < Mutations; i++)
        {
            var activity = TeamsFixtures.Load(Fixtures[random.Next(Fixtures.Length)]);
            activity["serviceUrl"] = _connector.ServiceUrl;
            activity["id"] = $"1:fuzz-{seed}-{i}";
            JsonFuzz.Mutate(activity, random);
            var text = activity.ToJsonString();
            var body = Encoding.UTF8.GetBytes(text);
            if (random.Next(4) == 0)
                body = JsonFuzz.MutateBytes(body, random);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (token is not null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token(activity["serviceUrl"] is JsonValue v && v.TryGetValue<string>(out var url) ? url : _connector.ServiceUrl));
            using var response = await client.SendAsync(request);
            if ((int)response.StatusCode >= 500)
                failures.Add($"#{i} → {(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
        }
        var errors = logs.Lines.Where(l => l.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase)).Distinct().Take(5);
        Assert.True(failures.Count == 0, $"{failures.Count} of {Mutations} got a 5xx:\n" + string.Join("\n", failures.Take(5)) + "\nlogged:\n" + string.Join("\n", errors));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));
    }
}
