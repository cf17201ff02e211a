using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AeBot.Core.Channels;
using AeBot.Core.Organization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;

namespace AeBot.Slack.Api;

/// <summary>Slack answered <c>{"ok": false, "error": …}</c>.</summary>
public sealed class SlackApiException(string method, string error, HttpStatusCode? status = null)
    : Exception($"Slack {method} failed: {error}")
{
    public string Method { get; } = method;

    /// <summary>Slack's error code ("channel_not_found", "ratelimited", "invalid_auth", …).</summary>
    public string Error { get; } = error;

    public HttpStatusCode? Status { get; } = status;

    /// <summary>The user or conversation is gone or the app was removed: retrying will not help.</summary>
    public bool IsPermanentForRecipient => Error is "channel_not_found" or "user_not_found" or "is_archived" or "not_in_channel"
        or "account_inactive" or "user_disabled" or "cannot_dm_bot" or "messages_tab_disabled" or "token_revoked" or "invalid_auth";
}

/// <summary>
/// Slack's Web API over one typed <see cref="HttpClient"/> (base address <see cref="SlackOptions.ApiBaseUrl"/>, bot
/// token as bearer). JSON in, JSON out; <c>ok:false</c> becomes <see cref="SlackApiException"/>. HTTP 429 becomes
/// <see cref="ChannelThrottledException"/> with Slack's <c>Retry-After</c> — the caller's queue waits, not a worker —
/// and the resilience handler retries transient 5xx quickly with jitter. Tokens never reach a log line.
/// </summary>
public sealed partial class SlackApiClient(
    HttpClient http, Microsoft.Extensions.Options.IOptions<SlackOptions> options, Microsoft.Extensions.Caching.Memory.IMemoryCache cache, ILogger<SlackApiClient> logger)
{
    private readonly AuthenticationHeaderValue _bearer = new("Bearer", options.Value.BotToken ?? "");

    /// <summary>
    /// Calls a write method with a JSON body; returns Slack's whole answer. Only write methods read JSON bodies
    /// (docs.slack.dev/apis/web-api, "JSON-encoded bodies"): read methods go through <see cref="ReadAsync"/>.
    /// </summary>
    public Task<JsonObject> CallAsync(string method, object body, CancellationToken cancellationToken) =>
        SendAsync(method, () => new HttpRequestMessage(HttpMethod.Post, method) { Content = JsonContent.Create(body, options: Json) }, cancellationToken);

    /// <summary>
    /// Calls a read method the way Slack reads its arguments: GET with a query string and no body (a JSON body is
    /// ignored — the argument is "missing" — and from Feb 2027 a GET with a body is refused with 403:
    /// docs.slack.dev/changelog/2026-11-get-head-requests-with-body). The official SDKs call users.info and
    /// users.lookupByEmail this way.
    /// </summary>
    public Task<JsonObject> ReadAsync(string method, IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken) =>
        SendAsync(method, () => new HttpRequestMessage(HttpMethod.Get, method + Query(arguments)), cancellationToken);

    /// <summary>Calls a method with URL-encoded form arguments (methods that take no JSON, or whose SDK call sends a form).</summary>
    public Task<JsonObject> CallFormAsync(string method, IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken) =>
        SendAsync(method, () => new HttpRequestMessage(HttpMethod.Post, method) { Content = new FormUrlEncodedContent(arguments) }, cancellationToken);

    private static string Query(IReadOnlyDictionary<string, string> arguments) =>
        arguments.Count == 0 ? "" : "?" + string.Join("&", arguments.Select(a => Uri.EscapeDataString(a.Key) + "=" + Uri.EscapeDataString(a.Value)));

    private async Task<JsonObject> SendAsync(string method, Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        using var request = create();
        request.Headers.Authorization = _bearer;
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            // Never waited out here: the caller's queue (inbound engine, outbox) keeps the work until then, and the
            // worker goes on with other conversations (docs.slack.dev/apis/web-api/rate-limits: "Retry-After").
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            LogRateLimited(logger, method, wait.TotalSeconds);
            throw new ChannelThrottledException(ChatChannels.Slack, method, wait);
        }
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonObject? answer;
        try
        {
            answer = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            answer = null;
        }
        if (answer is null)
            throw new SlackApiException(method, $"unreadable answer (HTTP {(int)response.StatusCode})", response.StatusCode);
        if (answer["ok"]?.GetValue<bool>() != true)
            throw new SlackApiException(method, answer["error"]?.GetValue<string>() ?? "unknown_error", response.StatusCode);
        return answer;
    }

    /// <summary>The message metadata type AeBot's answers carry (docs.slack.dev/messaging/message-metadata).</summary>
    public const string AnswerEventType = "aebot_answer";

    /// <summary>
    /// Posts a message; <paramref name="answerTo"/>, when given, goes along as message metadata naming the request
    /// it answers, so a retry after a crash can see the answer was already posted (<see cref="HasAnswerAsync"/>).
    /// </summary>
    public async Task<string> PostMessageAsync(string channel, SlackMessage message, CancellationToken cancellationToken, string? threadTs = null, string? answerTo = null)
    {
        var metadata = answerTo is null ? null : new { event_type = AnswerEventType, event_payload = new { request = answerTo } };
        var answer = await CallAsync("chat.postMessage", new { channel, text = message.Text, blocks = message.Blocks, thread_ts = threadTs, unfurl_links = false, metadata }, cancellationToken);
        return answer["ts"]?.GetValue<string>() ?? "";
    }

    /// <summary>
    /// Whether an answer to <paramref name="request"/> is among the conversation's (or thread's) latest messages:
    /// conversations.history / conversations.replies with <c>include_all_metadata</c>, read methods sent as GET
    /// (docs.slack.dev/reference/methods/conversations.history). Only asked when a request is retried after its
    /// answer was worked out — a crash may have come between the post and its record.
    /// </summary>
    public async Task<bool> HasAnswerAsync(string channel, string? threadTs, string request, CancellationToken cancellationToken)
    {
        var arguments = new Dictionary<string, string> { ["channel"] = channel, ["limit"] = "50", ["include_all_metadata"] = "true" };
        if (threadTs is not null)
            arguments["ts"] = threadTs;
        var answer = await ReadAsync(threadTs is null ? "conversations.history" : "conversations.replies", arguments, cancellationToken);
        return answer["messages"] is JsonArray messages && messages.OfType<JsonObject>().Any(m =>
            m["metadata"] is JsonObject meta && meta["event_type"] is JsonValue type && type.TryGetValue<string>(out var t) && t == AnswerEventType
            && meta["event_payload"]?["request"] is JsonValue id && id.TryGetValue<string>(out var r) && r == request);
    }

    public Task PostEphemeralAsync(string channel, string user, SlackMessage message, CancellationToken cancellationToken) =>
        CallAsync("chat.postEphemeral", new { channel, user, text = message.Text, blocks = message.Blocks }, cancellationToken);

    public Task UpdateAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken) =>
        CallAsync("chat.update", new { channel, ts, text = message.Text, blocks = message.Blocks }, cancellationToken);

    /// <summary>The DM channel with a user (opens it when needed).</summary>
    public async Task<string> OpenDirectMessageAsync(string user, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("conversations.open", new { users = user }, cancellationToken);
        return answer["channel"]?["id"]?.GetValue<string>() ?? throw new SlackApiException("conversations.open", "no channel in answer");
    }

    /// <summary>
    /// The user's profile e-mail (needs users:read.email), or null when Slack shows none; and their Slack language
    /// (<c>locale</c>, "th-TH"), which Slack sends only when asked with <c>include_locale=true</c>
    /// (docs.slack.dev/reference/methods/users.info).
    /// </summary>
    public async Task<SlackUser> UserInfoAsync(string user, CancellationToken cancellationToken)
    {
        var answer = await ReadAsync("users.info", new Dictionary<string, string> { ["user"] = user, ["include_locale"] = "true" }, cancellationToken);
        var u = answer["user"];
        return new SlackUser(
            u?["id"]?.GetValue<string>() ?? user,
            u?["real_name"]?.GetValue<string>() ?? u?["name"]?.GetValue<string>() ?? user,
            u?["profile"]?["email"]?.GetValue<string>(),
            u?["tz"]?.GetValue<string>(),
            u?["is_bot"]?.GetValue<bool>() == true || u?["deleted"]?.GetValue<bool>() == true)
        {
            Locale = u?["locale"]?.GetValue<string>(),
        };
    }

    /// <summary>The bot's own user id (auth.test), asked once a day per process.</summary>
    public async Task<string> BotUserIdAsync(CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync("slack-bot-user-id", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromDays(1);
            return (await CallFormAsync("auth.test", new Dictionary<string, string>(), cancellationToken))["user_id"]?.GetValue<string>() ?? "";
        }) ?? "";

    public async Task<string?> LookupByEmailAsync(string email, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await ReadAsync("users.lookupByEmail", new Dictionary<string, string> { ["email"] = email }, cancellationToken);
            return answer["user"]?["id"]?.GetValue<string>();
        }
        catch (SlackApiException e) when (e.Error == "users_not_found")
        {
            return null;
        }
    }

    public Task<JsonObject> OpenViewAsync(string triggerId, object view, CancellationToken cancellationToken) =>
        CallAsync("views.open", new { trigger_id = triggerId, view }, cancellationToken);

    public Task<JsonObject> UpdateViewAsync(string viewId, object view, CancellationToken cancellationToken) =>
        CallAsync("views.update", new { view_id = viewId, view }, cancellationToken);

    public Task<JsonObject> PublishHomeAsync(string user, object view, CancellationToken cancellationToken) =>
        CallAsync("views.publish", new { user_id = user, view }, cancellationToken);

    // Assistant threads (docs.slack.dev/reference/methods/assistant.threads.setStatus, …/setSuggestedPrompts,
    // …/setTitle): all three pages list application/json among their content types, and the official Python SDK
    // sends setStatus and setSuggestedPrompts as JSON (slackapi/python-slack-sdk slack_sdk/web/client.py), so they
    // go through CallAsync like the other writes.

    /// <summary>
    /// Shows "AeBot <paramref name="status"/>" in an assistant thread while an answer is prepared. Slack clears it
    /// when the app posts in the thread, or after two minutes.
    /// </summary>
    public Task SetAssistantStatusAsync(string channel, string threadTs, string status, CancellationToken cancellationToken) =>
        CallAsync("assistant.threads.setStatus", new { channel_id = channel, thread_ts = threadTs, status }, cancellationToken);

    /// <summary>The prompts a person can click in a new assistant thread: at most four (Slack's limit).</summary>
    /// <remarks>
    /// <paramref name="threadTs"/> only for an assistant_view thread: an agent_view app sets the DM's prompts without
    /// one — "Including it in a call for an agent app will cause the call to silently fail"
    /// (docs.slack.dev/reference/methods/assistant.threads.setSuggestedPrompts).
    /// </remarks>
    public Task SetSuggestedPromptsAsync(string channel, string? threadTs, string? title, IReadOnlyList<SlackPrompt> prompts, CancellationToken cancellationToken) =>
        CallAsync("assistant.threads.setSuggestedPrompts", new { channel_id = channel, thread_ts = threadTs, title, prompts }, cancellationToken);

    /// <summary>The thread's name in the person's history with AeBot.</summary>
    public Task SetAssistantTitleAsync(string channel, string threadTs, string title, CancellationToken cancellationToken) =>
        CallAsync("assistant.threads.setTitle", new { channel_id = channel, thread_ts = threadTs, title }, cancellationToken);

    /// <summary>
    /// Uploads a picture the current way (files.getUploadURLExternal, then the bytes, then
    /// files.completeUploadExternal sharing it into <paramref name="channel"/>); returns the file id.
    /// </summary>
    public async Task<string> UploadFileAsync(string channel, string fileName, string title, byte[] bytes, CancellationToken cancellationToken, string? threadTs = null)
    {
        // files.getUploadURLExternal takes form fields, not JSON.
        using var urlRequest = new HttpRequestMessage(HttpMethod.Post, "files.getUploadURLExternal")
        {
            Content = new FormUrlEncodedContent([new("filename", fileName), new("length", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))]),
        };
        urlRequest.Headers.Authorization = _bearer;
        using var urlResponse = await http.SendAsync(urlRequest, cancellationToken);
        var answer = JsonNode.Parse(await urlResponse.Content.ReadAsStringAsync(cancellationToken)) as JsonObject;
        if (answer?["ok"]?.GetValue<bool>() != true)
            throw new SlackApiException("files.getUploadURLExternal", answer?["error"]?.GetValue<string>() ?? "unknown_error", urlResponse.StatusCode);
        var uploadUrl = answer["upload_url"]!.GetValue<string>();
        var fileId = answer["file_id"]!.GetValue<string>();
        using (var upload = new HttpRequestMessage(HttpMethod.Post, uploadUrl) { Content = new ByteArrayContent(bytes) })
        {
            upload.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream"); // pre-signed URL: no token sent
            using var uploaded = await http.SendAsync(upload, cancellationToken);
            if (!uploaded.IsSuccessStatusCode)
                throw new SlackApiException("file upload", $"HTTP {(int)uploaded.StatusCode}", uploaded.StatusCode);
        }
        // A form with "files" as a JSON string, as the official SDKs send it.
        var complete = new Dictionary<string, string> { ["files"] = JsonSerializer.Serialize(new[] { new { id = fileId, title } }, Json), ["channel_id"] = channel };
        if (threadTs is not null)
            complete["thread_ts"] = threadTs;
        await CallFormAsync("files.completeUploadExternal", complete, cancellationToken);
        return fileId;
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack rate-limited {Method}; retry after {Seconds} s, as asked")]
    private static partial void LogRateLimited(ILogger logger, string method, double seconds);
}

/// <summary>A message for Slack: the notification/fallback text and the blocks.</summary>
public sealed record SlackMessage(string Text, JsonArray? Blocks);

/// <summary>A suggested prompt: the label shown and the message sent for the person when clicked.</summary>
public sealed record SlackPrompt(string Title, string Message);

public sealed record SlackUser(string Id, string Name, string? Email, string? TimeZone, bool IsBotOrDeleted)
{
    /// <summary>The language the person uses Slack in ("th-TH", "en-US"); null when Slack didn't say.</summary>
    public string? Locale { get; init; }
}
