using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AeBot.Tests.Slack;

/// <summary>One call AeBot made to the fake Slack.</summary>
public sealed record SlackCall(string Method, string? Authorization, JsonNode? Json, string RawBody, int Status)
{
    public string? Channel => Json?["channel"]?.GetValue<string>();

    /// <summary>Slack's <c>error</c> when the fake answered <c>ok:false</c> (set once the answer is known); null when it was accepted.</summary>
    public string? Error { get; internal set; }

    /// <summary>The fake has answered it (a held call has not yet); <see cref="Error"/> is final from then on.</summary>
    public bool Answered { get; internal set; }

    /// <summary>Accepted: answered with HTTP 200 and <c>ok:true</c>.</summary>
    public bool Ok => Answered && Status == 200 && Error is null;

    /// <summary>Every string in the call's JSON, for "the message says …" checks.</summary>
    public string AllText => Json is null ? RawBody : string.Join("\n", Strings(Json));

    private static IEnumerable<string> Strings(JsonNode node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : Strings(p.Value)),
        JsonArray a => a.SelectMany(n => n is null ? [] : Strings(n)),
        _ => [],
    };
}

/// <summary>
/// A local Slack Web API on loopback, shaped like slack.com/api: records every call, answers users.info from a
/// directory the test fills, opens DMs, accepts posts and file uploads, serves as the slash commands' response_url,
/// and can be told to answer the next calls of a method with an HTTP status or an ok:false error.
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SlackCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string? Error, string? RetryAfter)>> _scripted = new();

    public ConcurrentDictionary<string, (string Email, string Name)> Users { get; } = new();

    /// <summary>
    /// The language each user set in Slack; users.info shows it only to a caller asking with include_locale=true,
    /// and then always (Slack's own default is en-US) — "If you don't include the parameter, no locale will be
    /// provided" (api.slack.com/changelog/2017-09-locale-locale-locale; docs.slack.dev/reference/methods/users.info).
    /// </summary>
    public ConcurrentDictionary<string, string> Locales { get; } = new();

    public const string BotUserId = "UAEBOT01";

    /// <summary>
    /// The bot scopes the installed app was granted. By default those manifests/slack/manifest.yml asks for — what an
    /// install from it gets — so a method whose scope the manifest lacks fails here as it would in Slack.
    /// </summary>
    public IReadOnlySet<string> Scopes { get; set; } = ManifestBotScopes();

    /// <summary>
    /// The bot scopes each method needs (any one of them), from each method page's "Scopes" facts on
    /// docs.slack.dev/reference/methods/…; methods not listed need none a bot token lacks (views.*, auth.test).
    /// setStatus takes chat:write or, for now, assistant:write (docs.slack.dev/changelog/2026/03/05/set-status-scope-update).
    /// </summary>
    private static readonly Dictionary<string, string[]> NeededScopes = new()
    {
        ["chat.postMessage"] = ["chat:write"],
        ["chat.postEphemeral"] = ["chat:write"],
        ["chat.update"] = ["chat:write"],
        ["conversations.open"] = ["im:write", "mpim:write", "channels:manage", "groups:write"],
        ["users.info"] = ["users:read"],
        ["users.lookupByEmail"] = ["users:read.email"],
        ["files.getUploadURLExternal"] = ["files:write"],
        ["files.completeUploadExternal"] = ["files:write"],
        ["assistant.threads.setStatus"] = ["chat:write", "assistant:write"],
        ["assistant.threads.setSuggestedPrompts"] = ["assistant:write"],
        ["assistant.threads.setTitle"] = ["assistant:write"],
    };

    /// <summary>
    /// Reading a conversation takes the history scope of its kind (docs.slack.dev/reference/methods/conversations.history
    /// and …/conversations.replies, "Scopes"): a DM (D…) im:history, a public channel (C…) channels:history, a private
    /// one (G…) groups:history.
    /// </summary>
    private static string? HistoryScope(JsonNode? channel) =>
        channel is JsonValue v && v.TryGetValue<string>(out var id) && id.Length > 0
            ? id[0] switch { 'D' => "im:history", 'G' => "groups:history", _ => "channels:history" }
            : null;

    public static IReadOnlySet<string> ManifestBotScopes()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "AeBot.sln")))
            directory = directory.Parent;
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        using (var reader = new StreamReader(Path.Combine(directory.FullName, "manifests", "slack", "manifest.yml")))
            yaml.Load(reader);
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
        var bot = (YamlDotNet.RepresentationModel.YamlSequenceNode)((YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlMappingNode)root["oauth_config"])["scopes"])["bot"];
        return bot.Select(n => ((YamlDotNet.RepresentationModel.YamlScalarNode)n).Value!).ToHashSet();
    }

    // Web API rate limits (docs.slack.dev/apis/web-api/rate-limits): each method has a tier — Tier 1 1+ calls a
    // minute, Tier 2 20+, Tier 3 50+, Tier 4 100+ — counted per method per workspace; past it Slack answers HTTP 429
    // with Retry-After, the seconds to wait. Off unless a test sets a limit: a correctly paced app stays under them.
    public static readonly IReadOnlyDictionary<int, int> TierPerMinute = new Dictionary<int, int> { [1] = 1, [2] = 20, [3] = 50, [4] = 100 };

    private readonly ConcurrentDictionary<string, int> _perMinute = new();
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _recent = new();

    /// <summary>Limits <paramref name="method"/> to <paramref name="calls"/> a minute (a sliding minute).</summary>
    public void LimitPerMinute(string method, int calls) => _perMinute[method] = calls;

    /// <summary>Limits <paramref name="method"/> to the floor of its documented tier (the method page's "Rate limits").</summary>
    public void LimitToTier(string method, int tier) => LimitPerMinute(method, TierPerMinute[tier]);

    /// <summary>The clock the rate limits count by; tests that need a minute to pass give a fake one.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Null when the call is within its limit (and counted), else the seconds until it would be.</summary>
    private int? RateLimited(string method)
    {
        if (!_perMinute.TryGetValue(method, out var limit))
            return null;
        var now = Clock.GetUtcNow();
        var recent = _recent.GetOrAdd(method, _ => new());
        lock (recent)
        {
            while (recent.Count > 0 && now - recent.Peek() >= TimeSpan.FromMinutes(1))
                recent.Dequeue();
            if (limit <= 0)
                return 60;
            if (recent.Count >= limit)
                return Math.Max(1, (int)Math.Ceiling((recent.Peek() + TimeSpan.FromMinutes(1) - now).TotalSeconds));
            recent.Enqueue(now);
            return null;
        }
    }

    // chat.postMessage answers not_in_channel for a channel the bot is not a member of, unless the app has
    // chat:write.public and the channel is public (docs.slack.dev/reference/methods/chat.postMessage, "Errors";
    // …/reference/scopes/chat.write.public). A real install hears only from channels it is in (app_mention,
    // member_joined_channel), so by default the bot is in every channel; a test removes it from one.
    private readonly ConcurrentDictionary<string, byte> _notIn = new();

    public void RemoveBotFrom(string channel) => _notIn[channel] = 0;

    private FakeSlackApi(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First().TrimEnd('/') + "/";

    public string ApiUrl => BaseUrl + "api/";

    public string ResponseUrl(string id) => BaseUrl + "commands/" + id;

    public static async Task<FakeSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlackApi(app);
        app.UseWebSockets();
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    public IReadOnlyList<SlackCall> Calls => _calls.ToList();

    public IReadOnlyList<SlackCall> CallsTo(string method) => _calls.Where(c => c.Method == method).ToList();

    /// <summary>A call held open until the test releases it: <see cref="Reached"/> completes when it arrives.</summary>
    public sealed class Gate(string method, Func<JsonNode?, bool> match)
    {
        public string Method { get; } = method;
        public Func<JsonNode?, bool> Match { get; } = match;
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly ConcurrentQueue<Gate> _gates = new();

    /// <summary>Holds the next call of <paramref name="method"/> whose arguments match, until <c>Released</c> is set.</summary>
    public Gate Hold(string method, Func<JsonNode?, bool> match)
    {
        var gate = new Gate(method, match);
        _gates.Enqueue(gate);
        return gate;
    }

    public void Script(string method, int status, string? error = null, string? retryAfter = null, int times = 1)
    {
        var queue = _scripted.GetOrAdd(method, _ => new());
        for (var i = 0; i < times; i++)
            queue.Enqueue((status, error, retryAfter));
    }

    /// <summary>Waits for a call of <paramref name="method"/> that matched and that Slack accepted (ok:true).</summary>
    public async Task<SlackCall> WaitForOkAsync(string method, Func<SlackCall, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (CallsTo(method).FirstOrDefault(c => c.Answered && match(c)) is { } found)
                return found.Ok ? found : throw new InvalidOperationException($"{method} was refused: {found.Status} {found.Error} ({found.AllText})");
            await Task.Delay(25);
        }
        throw new TimeoutException($"No {method} call matched. Calls: " + string.Join(" | ", Calls.Select(c => $"{c.Method} {c.Status} {c.Error} {c.AllText}")));
    }

    public async Task<SlackCall> WaitForAsync(string method, Func<SlackCall, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (CallsTo(method).FirstOrDefault(c => c.Status == 200 && match(c)) is { } found)
                return found;
            await Task.Delay(25);
        }
        throw new TimeoutException($"No {method} call matched. Calls: " + string.Join(" | ", Calls.Select(c => $"{c.Method} {c.Status} {c.AllText}")));
    }

    /// <summary>Waits for a call of <paramref name="method"/> answered with HTTP <paramref name="status"/>; throws on timeout.</summary>
    public async Task<SlackCall> WaitForStatusAsync(string method, int status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (CallsTo(method).FirstOrDefault(c => c.Status == status) is { } found)
                return found;
            await Task.Delay(25);
        }
        throw new TimeoutException($"No {method} call was answered {status}.");
    }

    // Socket Mode: what the test sends down the current connection, and the acks that came back.
    public System.Threading.Channels.Channel<string> SocketOutbox { get; } = System.Threading.Channels.Channel.CreateUnbounded<string>();

    public ConcurrentQueue<JsonObject> SocketAcks { get; } = new();

    public int SocketConnections;

    private async Task SocketAsync(HttpContext http)
    {
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        Interlocked.Increment(ref SocketConnections);
        async Task Send(string text) => await socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(text), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None);
        await Send("{\"type\":\"hello\",\"num_connections\":1}");
        var reader = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            while (socket.State == System.Net.WebSockets.WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == System.Net.WebSockets.WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }
                SocketAcks.Enqueue(JsonNode.Parse(System.Text.Encoding.UTF8.GetString(buffer, 0, result.Count))!.AsObject());
            }
        });
        while (socket.State == System.Net.WebSockets.WebSocketState.Open)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            string message;
            try
            {
                message = await SocketOutbox.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                if (reader.IsCompleted)
                    break;
                continue;
            }
            if (message == "__drop__")
            {
                // Network loss as the client sees it: the server goes away without a word.
                await socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable, "gone", CancellationToken.None);
                break;
            }
            await Send(message);
            if (message.Contains("\"disconnect\"", StringComparison.Ordinal))
                break; // this connection is done; the next message is for the new one
        }
        await reader;
    }


    // Methods of this app that take JSON bodies. Slack reads JSON only on (most) write methods; on the others the
    // body is ignored and the arguments are simply missing (docs.slack.dev/apis/web-api, "JSON-encoded bodies",
    // and each method page's "Accepts content types"; the official SDKs send read methods as GET query strings).
    private static readonly HashSet<string> JsonMethods =
    [
        "chat.postMessage", "chat.postEphemeral", "chat.update", "views.open", "views.update", "views.publish", "conversations.open",
        "assistant.threads.setStatus", "assistant.threads.setSuggestedPrompts", "assistant.threads.setTitle",
    ];

    /// <summary>
    /// The arguments as Slack reads them (docs.slack.dev/apis/web-api, "Basic overview"): the query string, a
    /// URL-encoded form body, or — for methods that accept it — a JSON body; anything else is not read.
    /// </summary>
    private static JsonObject? Arguments(HttpRequest request, string method, string raw)
    {
        var arguments = new JsonObject();
        foreach (var (key, value) in request.Query)
            arguments[key] = value.ToString();
        var type = request.ContentType ?? "";
        if (type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var (key, value) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(raw))
                arguments[key] = value.ToString();
        }
        else if (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && raw.Length > 0 && JsonMethods.Contains(method))
        {
            if (JsonNode.Parse(raw) is JsonObject body)
                foreach (var (key, value) in body)
                    arguments[key] = value?.DeepClone();
        }
        return arguments.Count == 0 ? null : arguments;
    }

    private static JsonNode? RawJson(HttpRequest request, string raw) =>
        request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true && raw.Length > 0 ? JsonNode.Parse(raw) : null;

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        if (path == "/socket" && http.WebSockets.IsWebSocketRequest)
        {
            await SocketAsync(http);
            return;
        }
        using var reader = new StreamReader(http.Request.Body);
        var raw = await reader.ReadToEndAsync();
        var method0 = path.StartsWith("/api/", StringComparison.Ordinal) ? path[5..] : path.TrimStart('/');
        // From Feb 2027 Slack refuses a GET or HEAD that carries a body with 403
        // (docs.slack.dev/changelog/2026-11-get-head-requests-with-body); refused here already.
        if (path.StartsWith("/api/", StringComparison.Ordinal) && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) && raw.Length > 0)
        {
            _calls.Enqueue(new SlackCall(method0, http.Request.Headers.Authorization.ToString(), null, raw, 403));
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        var json = path.StartsWith("/api/", StringComparison.Ordinal) ? Arguments(http.Request, method0, raw) : RawJson(http.Request, raw);
        var method = method0;
        (int Status, string? Error, string? RetryAfter)? scripted = _scripted.TryGetValue(method, out var queue) && queue.TryDequeue(out var s) ? s : null;
        if (scripted is null && path.StartsWith("/api/", StringComparison.Ordinal) && RateLimited(method) is { } wait)
            scripted = (StatusCodes.Status429TooManyRequests, "ratelimited", wait.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var call = new SlackCall(method, http.Request.Headers.Authorization.ToString(), json, raw, scripted?.Status ?? 200);
        _calls.Enqueue(call);

        Gate? gate;
        lock (_gates)
        {
            // Taken under the lock, so two matching calls never both wait on one gate.
            gate = _gates.FirstOrDefault(g => g.Method == method && !g.Reached.Task.IsCompleted && g.Match(json));
            gate?.Reached.TrySetResult();
        }
        if (gate is not null)
            await gate.Released.Task;
        if (scripted is { } fail)
        {
            http.Response.StatusCode = fail.Status;
            if (fail.RetryAfter is not null)
                http.Response.Headers.RetryAfter = fail.RetryAfter;
            call.Error = fail.Error ?? "scripted";
            call.Answered = true;
            await http.Response.WriteAsJsonAsync(new { ok = false, error = call.Error });
            return;
        }
        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            call.Answered = true;
            await http.Response.WriteAsync("ok"); // response_url, file upload URL
            return;
        }
        if (method != "apps.connections.open" && !http.Request.Headers.Authorization.ToString().StartsWith("Bearer xoxb-", StringComparison.Ordinal))
        {
            call.Error = "not_authed";
            call.Answered = true;
            await http.Response.WriteAsJsonAsync(new { ok = false, error = "not_authed" });
            return;
        }
        string? Arg(string name) => json?[name] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        // missing_scope names the scope needed and the ones the token has (every method page's "Errors"; the
        // official SDKs' responses carry both: @slack/web-api's …Response types have needed and provided).
        var missing = method != "apps.connections.open" && NeededScopes.TryGetValue(method, out var needed) && !needed.Any(Scopes.Contains) ? needed[0]
            : method is "conversations.history" or "conversations.replies" && HistoryScope(json?["channel"]) is { } history && !Scopes.Contains(history) ? history
            : null;
        object answer = method switch
        {
            _ when missing is not null => new { ok = false, error = "missing_scope", needed = missing, provided = string.Join(",", Scopes.Order()) },
            // chat.postMessage: not_in_channel (see RemoveBotFrom).
            "chat.postMessage" when Arg("channel") is { } target && _notIn.ContainsKey(target) && !(target.StartsWith('C') && Scopes.Contains("chat:write.public")) =>
                new { ok = false, error = "not_in_channel" },
            // assistant.threads.*: channel_id is required ("channel_not_found: Error returned when given an invalid
            // channel_id"), setStatus and setTitle require thread_ts ("invalid_thread_ts"), setStatus status and
            // setTitle title (the common "invalid_arguments"), and setSuggestedPrompts takes "up to four" prompts, each
            // with a title and a message — no error is named for a fifth, so the common invalid_arguments
            // (docs.slack.dev/reference/methods/assistant.threads.setStatus, …/setSuggestedPrompts, …/setTitle).
            "assistant.threads.setStatus" or "assistant.threads.setSuggestedPrompts" or "assistant.threads.setTitle" when Arg("channel_id") is not { Length: > 0 } =>
                new { ok = false, error = "channel_not_found" },
            "assistant.threads.setStatus" or "assistant.threads.setTitle" when Arg("thread_ts") is not { Length: > 0 } => new { ok = false, error = "invalid_thread_ts" },
            "assistant.threads.setStatus" when Arg("status") is null => new { ok = false, error = "invalid_arguments" },
            "assistant.threads.setTitle" when Arg("title") is not { Length: > 0 } => new { ok = false, error = "invalid_arguments" },
            "assistant.threads.setSuggestedPrompts" when json?["prompts"] is not JsonArray { Count: > 0 and <= 4 } prompts
                || prompts.Any(p => p?["title"] is not JsonValue || p["message"] is not JsonValue) => new { ok = false, error = "invalid_arguments" },
            // users.info: "user_not_found — Value passed for user was invalid" (docs.slack.dev/reference/methods/users.info).
            "users.info" when Users.TryGetValue(Arg("user") ?? "", out var u) && Arg("include_locale") is "true" or "1" =>
                new { ok = true, user = new { id = json!["user"]!.GetValue<string>(), name = u.Name, real_name = u.Name, tz = "America/New_York", is_bot = false, deleted = false,
                    locale = Locales.GetValueOrDefault(json!["user"]!.GetValue<string>(), "en-US"), profile = new { email = u.Email } } },
            "users.info" when Users.TryGetValue(Arg("user") ?? "", out var u) =>
                new { ok = true, user = new { id = json!["user"]!.GetValue<string>(), name = u.Name, real_name = u.Name, tz = "America/New_York", is_bot = false, deleted = false, profile = new { email = u.Email } } },
            "users.info" => new { ok = false, error = "user_not_found" },
            // users.lookupByEmail: "users_not_found" when no user has that address (docs.slack.dev/reference/methods/users.lookupByEmail).
            "users.lookupByEmail" when Users.FirstOrDefault(x => string.Equals(x.Value.Email, Arg("email"), StringComparison.OrdinalIgnoreCase)) is { Key: not null } found =>
                new { ok = true, user = new { id = found.Key, name = found.Value.Name, profile = new { email = found.Value.Email } } },
            "users.lookupByEmail" => new { ok = false, error = "users_not_found" },
            // conversations.open: "users_list_not_supplied" without users or channel (docs.slack.dev/reference/methods/conversations.open).
            "conversations.open" when Arg("users") is null && Arg("channel") is null => new { ok = false, error = "users_list_not_supplied" },
            "conversations.open" => new { ok = true, channel = new { id = "D" + (Arg("users") ?? "X").TrimStart('U', 'W') } },
            // chat.postMessage / postEphemeral / update: "channel_not_found" without a channel, "no_text" with neither
            // text nor blocks (docs.slack.dev/reference/methods/chat.postMessage).
            "chat.postMessage" or "chat.postEphemeral" or "chat.update" when Arg("channel") is null => new { ok = false, error = "channel_not_found" },
            "chat.postMessage" or "chat.postEphemeral" or "chat.update" when Arg("text") is null && json?["blocks"] is null => new { ok = false, error = "no_text" },
            "chat.postMessage" or "chat.postEphemeral" or "chat.update" when SlackLimits.Violations(json?["blocks"]) is { Count: > 0 } why => new { ok = false, error = "invalid_blocks", errors = why.ToArray() },
            // metadata: "invalid_metadata_format" unless an object with event_type and an event_payload object
            // (docs.slack.dev/reference/methods/chat.postMessage, docs.slack.dev/messaging/message-metadata).
            "chat.postMessage" when json?["metadata"] is { } meta && !(meta is JsonObject m && m["event_type"] is JsonValue && m["event_payload"] is JsonObject) =>
                new { ok = false, error = "invalid_metadata_format" },
            "chat.postMessage" => Posted(Arg("channel")!, Arg("thread_ts"), Arg("text"), json?["metadata"]),
            // conversations.history / .replies: "channel_not_found" for a missing or unknown channel, .replies
            // "thread_not_found" without ts; metadata only with include_all_metadata (docs.slack.dev/reference/methods/
            // conversations.history, …/conversations.replies). Newest first, at most "limit" (default 100).
            "conversations.history" or "conversations.replies" when Arg("channel") is not { } c || !_history.ContainsKey(c) => new { ok = false, error = "channel_not_found" },
            "conversations.replies" when Arg("ts") is null => new { ok = false, error = "thread_not_found" },
            "conversations.history" or "conversations.replies" => History(Arg("channel")!, method == "conversations.replies" ? Arg("ts") : null,
                int.TryParse(Arg("limit"), out var limit) ? limit : 100, Arg("include_all_metadata") == "true"),
            "apps.connections.open" when http.Request.Headers.Authorization.ToString() == "Bearer xapp-test-token" =>
                new { ok = true, url = BaseUrl.Replace("http://", "ws://") + "socket" },
            "auth.test" => new { ok = true, user_id = BotUserId, bot_id = "BAEBOT01", team_id = "T061EG9R6" },
            // files.getUploadURLExternal: "invalid_arguments" without filename and length; files.completeUploadExternal
            // likewise without files (docs.slack.dev/reference/methods/files.getUploadURLExternal, …/files.completeUploadExternal).
            "files.getUploadURLExternal" when Arg("filename") is null || Arg("length") is null => new { ok = false, error = "invalid_arguments" },
            "files.completeUploadExternal" when Arg("files") is null => new { ok = false, error = "invalid_arguments" },
            "files.getUploadURLExternal" => new { ok = true, upload_url = BaseUrl + "upload/" + Guid.NewGuid().ToString("N"), file_id = "F" + Random.Shared.Next(100000, 999999) },
            _ => new { ok = true },
        };
        var written = System.Text.Json.JsonSerializer.SerializeToNode(answer);
        if (written?["ok"]?.GetValue<bool>() == false)
            call.Error = written["error"]?.GetValue<string>();
        call.Answered = true;
        await http.Response.WriteAsJsonAsync(answer);
    }

    // What was posted, per channel, oldest first: what conversations.history and .replies read back.
    private readonly ConcurrentDictionary<string, ConcurrentQueue<JsonObject>> _history = new();
    private long _lastTs;

    private int _posts;
    private (int Count, Action Then)? _whenPosted;

    /// <summary>
    /// Runs <paramref name="then"/> inside the <paramref name="count"/>th successful chat.postMessage, after it is
    /// recorded and before it is answered — where a crash is worst: the message is posted, its sender never hears so.
    /// </summary>
    public void WhenPosted(int count, Action then) => _whenPosted = (count, then);

    private object Posted(string channel, string? threadTs, string? text, JsonNode? metadata)
    {
        // Unique, increasing timestamps like Slack's ("seconds.micro"), so a thread's ts names one message.
        long last, micros;
        do
        {
            last = Interlocked.Read(ref _lastTs);
            micros = Math.Max(last + 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000);
        }
        while (Interlocked.CompareExchange(ref _lastTs, micros, last) != last);
        var ts = $"{micros / 1_000_000}.{micros % 1_000_000:D6}";
        var message = new JsonObject { ["type"] = "message", ["ts"] = ts, ["text"] = text, ["thread_ts"] = threadTs, ["metadata"] = metadata?.DeepClone() };
        _history.GetOrAdd(channel, _ => new()).Enqueue(message);
        if (_whenPosted is { } hook && Interlocked.Increment(ref _posts) == hook.Count)
            hook.Then();
        return new { ok = true, channel, ts };
    }

    private object History(string channel, string? threadTs, int limit, bool withMetadata)
    {
        // conversations.history lists the conversation's top-level messages (a thread's replies are read with
        // conversations.replies, which also returns the parent).
        var messages = _history[channel].Where(m => threadTs is null
                ? m["thread_ts"] is null || m["thread_ts"]!.GetValue<string>() == m["ts"]!.GetValue<string>()
                : m["thread_ts"]?.GetValue<string>() == threadTs || m["ts"]!.GetValue<string>() == threadTs)
            .Reverse().Take(Math.Clamp(limit, 1, 1000)).Select(m =>
            {
                var copy = m.DeepClone().AsObject();
                if (!withMetadata)
                    copy.Remove("metadata");
                return copy;
            }).ToList();
        return new { ok = true, messages, has_more = false };
    }

    /// <summary>Answers posted to <paramref name="channel"/> that carry AeBot's metadata for a request, by request.</summary>
    public IReadOnlyList<string> AnswersIn(string channel) =>
        _history.TryGetValue(channel, out var messages)
            ? messages.Select(m => m["metadata"]?["event_payload"]?["request"]?.GetValue<string>()).OfType<string>().ToList()
            : [];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
