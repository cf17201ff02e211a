using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AeBot.Tests.Teams;

/// <summary>One call the bot made to the connector.</summary>
public sealed record ConnectorCall(string Method, string Path, string? Authorization, JsonNode? Body)
{
    /// <summary>The status the fake answered with.</summary>
    public int Status { get; init; } = 200;

    public string? ConversationId => Path.StartsWith("/v3/conversations/", StringComparison.Ordinal) ? Uri.UnescapeDataString(Path.Split('/')[3]) : null;

    public JsonObject? Card => Body?["attachments"]?[0]?["content"] as JsonObject;

    public string? Text => Body?["text"]?.GetValue<string>();

    /// <summary>Every string in the message (text, card texts, facts, table cells), for "the reply says …" checks.</summary>
    public string AllText => Body is null ? "" : string.Join("\n", Strings(Body));

    private static IEnumerable<string> Strings(JsonNode node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonObject o => o.Where(p => p.Key is not ("url" or "id" or "serviceUrl")).SelectMany(p => p.Value is null ? [] : Strings(p.Value)),
        JsonArray a => a.SelectMany(n => n is null ? [] : Strings(n)),
        _ => [],
    };
}

/// <summary>
/// A local Bot Connector service on loopback, shaped like Teams' (the v3 REST API the SDK calls): records every
/// call, answers member lookups from a directory the test fills, creates conversations, and can be told to fail
/// the next sends with given status codes (429, 403, 500…).
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _failures = new();

    /// <summary>Teams members by user id ("29:…"): what GET …/members/{id} returns.</summary>
    public ConcurrentDictionary<string, (string AadObjectId, string Upn, string Name)> Members { get; } = new();

    public string ServiceUrl { get; }

    private FakeBotConnector(WebApplication app, string serviceUrl)
    {
        _app = app;
        ServiceUrl = serviceUrl;
    }

    public static async Task<FakeBotConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeBotConnector? self = null;
        app.Run(async http => await self!.HandleAsync(http));
        await app.StartAsync();
        var address = app.Urls.First();
        self = new FakeBotConnector(app, address.TrimEnd('/') + "/teams/");
        return self;
    }

    /// <summary>
    /// The Bot Connector refuses calls without a bearer token; the Bot Framework Emulator, which an anonymous bot in
    /// Development talks to, takes them. False plays the Emulator.
    /// </summary>
    public bool RequireBearer { get; set; } = true;

    /// <summary>
    /// Teams refuses a bot message over about 100 KB, counted as UTF-16 (the message's text, card and mentions),
    /// with 413 and the code MessageSizeTooBig (learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages,
    /// "bot message size limit").
    /// </summary>
    public const int MaxMessageBytes = 100 * 1024;

    /// <summary>
    /// When true, a post into a conversation the connector never created (nor was told of in
    /// <see cref="KnownConversations"/>) is answered 404 ConversationNotFound — what Teams answers for a chat it does
    /// not know (learn.microsoft.com/microsoftteams/platform/bots/build-conversational-capability, "Status codes from
    /// bot conversational APIs": 404 ConversationNotFound; 403 for a bot removed or blocked). Off by default: tests
    /// post into conversations from recorded payloads the fake has never seen.
    /// </summary>
    public bool KnownConversationsOnly { get; set; }

    public ConcurrentDictionary<string, byte> KnownConversations { get; } = new();

    public IReadOnlyList<ConnectorCall> Calls => _calls.ToList();

    /// <summary>Messages accepted into conversations (sends and replies), oldest first; refused attempts are in <see cref="Calls"/>.</summary>
    public IReadOnlyList<ConnectorCall> Messages => _calls.Where(c => c.Method == "POST" && c.Status < 300 && c.Path.Contains("/activities", StringComparison.Ordinal)).ToList();

    /// <summary>
    /// The next <paramref name="times"/> posts fail with <paramref name="status"/>: 429 ThrottledTooManyRequests (with
    /// Retry-After) and 502/503/504 are Teams' "retry" codes (learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit;
    /// …/bots/build-conversational-capability, "Status codes from bot conversational APIs").
    /// </summary>
    public void FailNext(int status, int times = 1, string? retryAfter = null)
    {
        for (var i = 0; i < times; i++)
            _failures.Enqueue((status, retryAfter));
    }

    public void Clear() => _calls.Clear();

    /// <summary>Drops the failures still queued: the service is back.</summary>
    public void StopFailing() => _failures.Clear();

    /// <summary>Waits (up to <paramref name="timeout"/>) until a posted message satisfies <paramref name="match"/>.</summary>
    public async Task<ConnectorCall> WaitForMessageAsync(Func<ConnectorCall, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (Messages.FirstOrDefault(match) is { } found)
                return found;
            await Task.Delay(25);
        }
        throw new TimeoutException("The bot did not send the expected message. Sent: " + string.Join(" | ", Messages.Select(m => m.AllText)));
    }

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        const string prefix = "/teams";
        if (path.StartsWith(prefix, StringComparison.Ordinal))
            path = path[prefix.Length..];
        JsonNode? body = null;
        var length = 0;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(http.Request.Body);
            var text = await reader.ReadToEndAsync();
            length = text.Length;
            body = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        // Every Bot Connector call carries the bot's bearer token; without one the service answers 401
        // (learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication,
        // "Authenticate requests from your bot to the Bot Connector service").
        if (RequireBearer && path.StartsWith("/v3/", StringComparison.Ordinal) && !http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
        {
            _calls.Enqueue(new ConnectorCall(http.Request.Method, path, http.Request.Headers.Authorization.ToString(), body) { Status = StatusCodes.Status401Unauthorized });
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await http.Response.WriteAsJsonAsync(new { message = "Authorization has been denied for this request." });
            return;
        }
        (int Status, string? RetryAfter)? failure = http.Request.Method == "POST" && _failures.TryDequeue(out var scripted) ? scripted : null;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        (int Status, string Code, string Message)? refusal = null;
        if (failure is null && http.Request.Method is "POST" or "PUT" && segments is ["v3", "conversations", var conversation, "activities", ..])
        {
            if (KnownConversationsOnly && !KnownConversations.ContainsKey(Uri.UnescapeDataString(conversation)))
                refusal = (StatusCodes.Status404NotFound, "ConversationNotFound", "Conversation not found.");
            else if (length * 2 > MaxMessageBytes) // the JSON body as UTF-16: the text, card and mentions, and a little envelope
                refusal = (StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", "The request content length exceeded limit.");
        }
        _calls.Enqueue(new ConnectorCall(http.Request.Method, path, http.Request.Headers.Authorization.ToString(), body) { Status = failure?.Status ?? refusal?.Status ?? 200 });
        if (refusal is { } r)
        {
            http.Response.StatusCode = r.Status;
            await http.Response.WriteAsJsonAsync(new { error = new { code = r.Code, message = r.Message } });
            return;
        }
        if (http.Request.Method == "GET" && segments is ["v3", "conversations", _, "members", var userId])
        {
            if (Members.TryGetValue(Uri.UnescapeDataString(userId), out var member))
            {
                await http.Response.WriteAsJsonAsync(new
                {
                    id = Uri.UnescapeDataString(userId), name = member.Name, aadObjectId = member.AadObjectId,
                    userPrincipalName = member.Upn, email = member.Upn, tenantId = "",
                });
                return;
            }
            http.Response.StatusCode = 404;
            await http.Response.WriteAsJsonAsync(new { error = new { code = "MemberNotFoundInConversation", message = "Member not found" } });
            return;
        }
        if (failure is { } fail)
        {
            http.Response.StatusCode = fail.Status;
            if (fail.RetryAfter is not null)
                http.Response.Headers.RetryAfter = fail.RetryAfter;
            await http.Response.WriteAsJsonAsync(new { error = new { code = "Failure", message = $"Scripted {fail.Status}" } });
            return;
        }
        if (http.Request.Method == "POST" && segments is ["v3", "conversations"])
        {
            var created = "a:created-" + Guid.NewGuid().ToString("N");
            KnownConversations[created] = 0;
            await http.Response.WriteAsJsonAsync(new { id = created, activityId = "" });
            return;
        }
        if (http.Request.Method is "POST" or "PUT" && segments is ["v3", "conversations", _, "activities", ..])
        {
            await http.Response.WriteAsJsonAsync(new { id = "1:" + Guid.NewGuid().ToString("N") });
            return;
        }
        http.Response.StatusCode = 404;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
