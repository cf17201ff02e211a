using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AeBot.Tests.Teams;

/// <summary>
/// The fake Bot Connector refuses what Teams refuses (each rule names its page in <see cref="FakeBotConnector"/>):
/// a test passing only because the fake was lenient would be worthless. Pages:
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages (size, 413),
/// https://learn.microsoft.com/microsoftteams/platform/bots/build-conversational-capability (status codes, 404),
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit (429/503 with Retry-After).
/// </summary>
public sealed class FakeBotConnectorTests : IAsyncLifetime
{
    private FakeBotConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeBotConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    private HttpClient Client()
    {
        var http = new HttpClient { BaseAddress = new Uri(_connector.ServiceUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "test-token");
        return http;
    }

    private static object Message(int textLength) => new { type = "message", text = new string('x', textLength) };

    private static async Task<string?> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())?["error"]?["code"]?.GetValue<string>();

    // learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages: about 100 KB as UTF-16, then 413 MessageSizeTooBig.
    [Fact]
    public async Task A_message_over_the_size_limit_is_refused_with_413_message_size_too_big()
    {
        using var http = Client();
        var tooBig = await http.PostAsJsonAsync("v3/conversations/a:1/activities", Message(FakeBotConnector.MaxMessageBytes / 2));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal("MessageSizeTooBig", await CodeOf(tooBig));
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("v3/conversations/a:1/activities", Message(40 * 1024))).StatusCode); // 80 KB as UTF-16
        Assert.DoesNotContain(_connector.Messages, m => m.Text?.Length > 50 * 1024);
    }

    // learn.microsoft.com/microsoftteams/platform/bots/build-conversational-capability ("Status codes from bot
    // conversational APIs"): 404 ConversationNotFound.
    [Fact]
    public async Task A_post_into_a_conversation_teams_does_not_know_is_refused_with_404_when_the_rule_is_on()
    {
        using var http = Client();
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("v3/conversations/a:unknown/activities", Message(10))).StatusCode); // off by default
        _connector.KnownConversationsOnly = true;
        var refused = await http.PostAsJsonAsync("v3/conversations/a:unknown/activities", Message(10));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("ConversationNotFound", await CodeOf(refused));

        // A conversation the connector created is known.
        var created = await (await http.PostAsJsonAsync("v3/conversations", new { isGroup = false, members = new[] { new { id = "29:u" } } })).Content.ReadFromJsonAsync<JsonObject>();
        var id = created!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync($"v3/conversations/{Uri.EscapeDataString(id)}/activities", Message(10))).StatusCode);
    }

    // learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit: 429 with Retry-After; 503 is a "retry" code.
    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Throttling_and_unavailability_answer_with_retry_after_then_the_service_is_back(int status)
    {
        using var http = Client();
        _connector.FailNext(status, retryAfter: "7");
        var refused = await http.PostAsJsonAsync("v3/conversations/a:1/activities", Message(10));
        Assert.Equal((HttpStatusCode)status, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("v3/conversations/a:1/activities", Message(10))).StatusCode);
        Assert.Equal([status, 200], _connector.Calls.Select(c => c.Status));
    }
}
