using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AeBot.Slack;
using AeBot.Slack.Api;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AeBot.Tests.Slack;

/// <summary>
/// The fake refuses what Slack refuses (each rule names its page in <see cref="FakeSlackApi"/>), and the client calls
/// each method the way Slack reads it: a test passing only because the fake was lenient would be worthless.
/// </summary>
public sealed class FakeSlackApiTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _slack.Users["U061F7AUR"] = ("marcus.johnson@northwind.example", "Marcus Johnson");
    }

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    private HttpClient Raw()
    {
        var http = new HttpClient { BaseAddress = new Uri(_slack.ApiUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "xoxb-test-token");
        return http;
    }

    private SlackApiClient Client() =>
        new(new HttpClient { BaseAddress = new Uri(_slack.ApiUrl) }, Options.Create(new SlackOptions { BotToken = "xoxb-test-token" }),
            new MemoryCache(new MemoryCacheOptions()), NullLogger<SlackApiClient>.Instance);

    private static async Task<string?> ErrorOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())?["error"]?.GetValue<string>();

    // docs.slack.dev/apis/web-api ("JSON-encoded bodies": most write methods only), …/reference/methods/users.info
    // (user_not_found), …/reference/methods/users.lookupByEmail (users_not_found).
    [Fact]
    public async Task A_read_method_ignores_a_json_body_and_reads_the_query_string()
    {
        using var http = Raw();
        Assert.Equal("user_not_found", await ErrorOf(await http.PostAsJsonAsync("users.info", new { user = "U061F7AUR" })));
        var answer = await (await http.GetAsync("users.info?user=U061F7AUR")).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("marcus.johnson@northwind.example", answer!["user"]!["profile"]!["email"]!.GetValue<string>());
        Assert.Equal("users_not_found", await ErrorOf(await http.PostAsJsonAsync("users.lookupByEmail", new { email = "marcus.johnson@northwind.example" })));
    }

    // docs.slack.dev/changelog/2026-11-get-head-requests-with-body (403), …/reference/methods/chat.postMessage
    // (channel_not_found, no_text), …/reference/methods/conversations.open (users_list_not_supplied),
    // …/authentication/tokens (not_authed without a token).
    [Fact]
    public async Task A_get_with_a_body_is_refused_and_a_write_without_its_arguments_gets_the_documented_error()
    {
        using var http = Raw();
        using var get = new HttpRequestMessage(HttpMethod.Get, "users.info") { Content = JsonContent.Create(new { user = "U061F7AUR" }) };
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(get)).StatusCode);
        Assert.Equal("channel_not_found", await ErrorOf(await http.PostAsJsonAsync("chat.postMessage", new { text = "hi" })));
        Assert.Equal("no_text", await ErrorOf(await http.PostAsJsonAsync("chat.postMessage", new { channel = "D1" })));
        Assert.Equal("users_list_not_supplied", await ErrorOf(await http.PostAsJsonAsync("conversations.open", new { })));
        using var anonymous = new HttpClient { BaseAddress = new Uri(_slack.ApiUrl) };
        Assert.Equal("not_authed", await ErrorOf(await anonymous.PostAsJsonAsync("chat.postMessage", new { channel = "D1", text = "hi" })));
    }

    // The official SDK as evidence of the calls: slackapi/python-slack-sdk slack_sdk/web/client.py (users_info and
    // users_lookupByEmail as GET params, auth_test and files_completeUploadExternal as form params);
    // docs.slack.dev/messaging/working-with-files (getUploadURLExternal → upload → completeUploadExternal).
    [Fact]
    public async Task The_client_finds_people_by_id_and_by_email_and_uploads_files_as_slack_reads_them()
    {
        var client = Client();
        var marcus = await client.UserInfoAsync("U061F7AUR", default);
        Assert.Equal(("Marcus Johnson", "marcus.johnson@northwind.example"), (marcus.Name, marcus.Email));
        Assert.Equal("U061F7AUR", await client.LookupByEmailAsync("Marcus.Johnson@northwind.example", default));
        Assert.Null(await client.LookupByEmailAsync("nobody@northwind.example", default));
        Assert.Equal(FakeSlackApi.BotUserId, await client.BotUserIdAsync(default));

        var file = await client.UploadFileAsync("D1", "chart.png", "Chart", new byte[2048], default, "1700000000.000100");
        var complete = _slack.CallsTo("files.completeUploadExternal").Single();
        Assert.Equal(200, complete.Status);
        Assert.Contains(file, complete.Json!["files"]!.GetValue<string>());
        Assert.Equal("1700000000.000100", complete.Json!["thread_ts"]!.GetValue<string>());
    }

    // docs.slack.dev/reference/block-kit/blocks (50 blocks), …/blocks/section-block (3000 characters),
    // …/block-elements/button-element (75 characters of text); beyond them Slack answers invalid_blocks.
    [Fact]
    public async Task Blocks_beyond_slacks_limits_are_refused_as_invalid_blocks()
    {
        using var http = Raw();
        var tooMany = Enumerable.Range(0, 51).Select(_ => new { type = "divider" }).ToArray();
        Assert.Equal("invalid_blocks", await ErrorOf(await http.PostAsJsonAsync("chat.postMessage", new { channel = "D1", text = "x", blocks = tooMany })));
        var longSection = new[] { new { type = "section", text = new { type = "mrkdwn", text = new string('x', 3001) } } };
        Assert.Equal("invalid_blocks", await ErrorOf(await http.PostAsJsonAsync("chat.postMessage", new { channel = "D1", text = "x", blocks = longSection })));
        var longButton = new object[] { new { type = "actions", elements = new[] { new { type = "button", text = new { type = "plain_text", text = new string('x', 76) }, value = "v" } } } };
        Assert.Equal("invalid_blocks", await ErrorOf(await http.PostAsJsonAsync("chat.postMessage", new { channel = "D1", text = "x", blocks = longButton })));
        var fine = new[] { new { type = "section", text = new { type = "mrkdwn", text = new string('x', 3000) } } };
        Assert.Null(await ErrorOf(await http.PostAsJsonAsync("chat.postMessage", new { channel = "D1", text = "x", blocks = fine })));
    }
    // docs.slack.dev/reference/methods/assistant.threads.setStatus, …/setSuggestedPrompts, …/setTitle: channel_id
    // (channel_not_found), thread_ts (invalid_thread_ts), up to four prompts with title and message (invalid_arguments).
    [Fact]
    public async Task Assistant_thread_methods_refuse_what_slack_refuses()
    {
        using var http = Raw();
        static object Prompts(int n) => Enumerable.Range(1, n).Select(i => new { title = $"P{i}", message = $"p{i}" }).ToArray();
        Assert.Equal("channel_not_found", await ErrorOf(await http.PostAsJsonAsync("assistant.threads.setStatus", new { thread_ts = "1.2", status = "is thinking…" })));
        Assert.Equal("invalid_thread_ts", await ErrorOf(await http.PostAsJsonAsync("assistant.threads.setStatus", new { channel_id = "D1", status = "is thinking…" })));
        Assert.Equal("invalid_thread_ts", await ErrorOf(await http.PostAsJsonAsync("assistant.threads.setTitle", new { channel_id = "D1", title = "t" })));
        Assert.Equal("invalid_arguments", await ErrorOf(await http.PostAsJsonAsync("assistant.threads.setTitle", new { channel_id = "D1", thread_ts = "1.2" })));
        Assert.Equal("invalid_arguments", await ErrorOf(await http.PostAsJsonAsync("assistant.threads.setSuggestedPrompts", new { channel_id = "D1", thread_ts = "1.2", prompts = Prompts(5) })));
        Assert.Equal("invalid_arguments", await ErrorOf(await http.PostAsJsonAsync("assistant.threads.setSuggestedPrompts", new { channel_id = "D1", thread_ts = "1.2", prompts = new[] { new { title = "no message" } } })));
        Assert.Null(await ErrorOf(await http.PostAsJsonAsync("assistant.threads.setSuggestedPrompts", new { channel_id = "D1", thread_ts = "1.2", prompts = Prompts(4) })));

        // And the client's calls are accepted as sent.
        var client = Client();
        await client.SetAssistantStatusAsync("D1", "1.2", "is thinking…", default);
        await client.SetAssistantTitleAsync("D1", "1.2", "what closes this month?", default);
        await client.SetSuggestedPromptsAsync("D1", "1.2", "Try asking", [new SlackPrompt("Q", "q")], default);
        Assert.All(_slack.Calls.Where(c => c.Authorization == "Bearer xoxb-test-token" && c.Json?["thread_ts"] is not null).TakeLast(3), c => Assert.True(c.Ok, c.Error));
        var prompts = _slack.CallsTo("assistant.threads.setSuggestedPrompts").Last();
        Assert.Equal("q", prompts.Json!["prompts"]![0]!["message"]!.GetValue<string>());
    }

    // Every method page's "Errors" (missing_scope) and "Scopes"; the official SDKs' response types carry needed and
    // provided (@slack/web-api AssistantThreadsSetSuggestedPromptsResponse).
    [Fact]
    public async Task A_method_whose_scope_the_install_lacks_is_refused_with_missing_scope_naming_needed_and_provided()
    {
        Assert.Contains("assistant:write", _slack.Scopes); // by default the manifest's scopes
        _slack.Scopes = new HashSet<string> { "chat:write", "users:read" };
        using var http = Raw();
        var answer = await (await http.PostAsJsonAsync("assistant.threads.setTitle", new { channel_id = "D1", thread_ts = "1.2", title = "t" })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("missing_scope", answer!["error"]!.GetValue<string>());
        Assert.Equal("assistant:write", answer["needed"]!.GetValue<string>());
        Assert.Equal("chat:write,users:read", answer["provided"]!.GetValue<string>());
        Assert.Equal("missing_scope", await ErrorOf(await http.GetAsync("users.lookupByEmail?email=marcus.johnson@northwind.example")));
        // setStatus takes chat:write as well (docs.slack.dev/changelog/2026/03/05/set-status-scope-update).
        Assert.Null(await ErrorOf(await http.PostAsJsonAsync("assistant.threads.setStatus", new { channel_id = "D1", thread_ts = "1.2", status = "is thinking…" })));
        var e = await Assert.ThrowsAsync<SlackApiException>(() => Client().SetSuggestedPromptsAsync("D1", "1.2", null, [new SlackPrompt("Q", "q")], default));
        Assert.Equal("missing_scope", e.Error);
    }

    // docs.slack.dev/apis/web-api/rate-limits: past a method's tier Slack answers HTTP 429 with Retry-After; the
    // limit is per method, and the window frees a minute after the oldest call.
    [Fact]
    public async Task Past_a_methods_limit_slack_answers_429_with_retry_after_until_the_minute_has_passed()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 28, 14, 0, 0, TimeSpan.Zero));
        _slack.Clock = clock;
        _slack.LimitToTier("assistant.threads.setTitle", 1); // Tier 1: 1 a minute
        using var http = Raw();
        object Title() => new { channel_id = "D1", thread_ts = "1.2", title = "t" };
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("assistant.threads.setTitle", Title())).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(20));
        var limited = await http.PostAsJsonAsync("assistant.threads.setTitle", Title());
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(40), limited.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("assistant.threads.setStatus", new { channel_id = "D1", thread_ts = "1.2", status = "x" })).StatusCode); // other methods unaffected
        clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("assistant.threads.setTitle", Title())).StatusCode);
    }

    // docs.slack.dev/reference/methods/chat.postMessage ("not_in_channel"), …/reference/scopes/chat.write.public.
    [Fact]
    public async Task Posting_to_a_channel_the_bot_is_not_in_is_refused_unless_the_app_may_post_to_public_channels()
    {
        _slack.RemoveBotFrom("C0NOTIN01");
        var e = await Assert.ThrowsAsync<SlackApiException>(() => Client().PostMessageAsync("C0NOTIN01", new SlackMessage("hi", null), default));
        Assert.Equal("not_in_channel", e.Error);
        Assert.True(e.IsPermanentForRecipient);
        Assert.NotEmpty(await Client().PostMessageAsync("C0IN00001", new SlackMessage("hi", null), default));
        _slack.Scopes = new HashSet<string>(_slack.Scopes) { "chat:write.public" };
        Assert.NotEmpty(await Client().PostMessageAsync("C0NOTIN01", new SlackMessage("hi", null), default));
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
