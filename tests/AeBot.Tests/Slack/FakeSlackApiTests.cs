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
}
