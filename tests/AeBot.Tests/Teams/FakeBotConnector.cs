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

    public IReadOnlyList<ConnectorCall> Calls => _calls.ToList();

    /// <summary>Messages accepted into conversations (sends and replies), oldest first; refused attempts are in <see cref="Calls"/>.</summary>
    public IReadOnlyList<ConnectorCall> Messages => _calls.Where(c => c.Method == "POST" && c.Status < 300 && c.Path.Contains("/activities", StringComparison.Ordinal)).ToList();

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
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(http.Request.Body);
            var text = await reader.ReadToEndAsync();
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
        _calls.Enqueue(new ConnectorCall(http.Request.Method, path, http.Request.Headers.Authorization.ToString(), body) { Status = failure?.Status ?? 200 });

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
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
            await http.Response.WriteAsJsonAsync(new { id = "a:created-" + Guid.NewGuid().ToString("N"), activityId = "" });
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
