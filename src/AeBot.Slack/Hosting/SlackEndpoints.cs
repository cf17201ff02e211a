using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AeBot.Core.Channels;
using AeBot.Core.Organization;
using AeBot.Slack.Inbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeBot.Slack.Hosting;

/// <summary>
/// {prefix}/events, {prefix}/commands, {prefix}/interactivity. Each request is verified before anything else runs
/// (401 and a log line without the body otherwise), then stored durably and acknowledged — well inside Slack's 3
/// seconds — and processed by <see cref="SlackInboundWorker"/>.
/// </summary>
internal static partial class SlackEndpoints
{
    /// <summary>Slack's payloads are a few KB; this is far above any of them.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints, SlackOptions options)
    {
        var group = endpoints.MapGroup(options.PathPrefix).ExcludeFromDescription();
        group.MapPost("/events", (Func<HttpContext, Task<IResult>>)(http => HandleAsync(http, EventsAsync)));
        group.MapPost("/commands", (Func<HttpContext, Task<IResult>>)(http => HandleAsync(http, CommandsAsync)));
        group.MapPost("/interactivity", (Func<HttpContext, Task<IResult>>)(http => HandleAsync(http, InteractivityAsync)));
    }

    private delegate Task<IResult> Handler(HttpContext http, byte[] body, IInboundQueue queue, SlackQueueSignal signal, DateTimeOffset now, ILogger logger);

    private static async Task<IResult> HandleAsync(HttpContext http, Handler handler)
    {
        var services = http.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("AeBot.Slack");
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var body = await ReadAsync(http.Request, http.RequestAborted);
        if (body is null)
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        var verification = services.GetRequiredService<SlackRequestVerifier>().Verify(
            http.Request.Headers[SlackRequestVerifier.TimestampHeader], http.Request.Headers[SlackRequestVerifier.SignatureHeader], body, now);
        if (verification != SlackVerification.Valid)
        {
            LogRefused(logger, http.Request.Path, verification);
            return Results.Unauthorized();
        }
        return await handler(http, body, services.GetRequiredService<IInboundQueue>(), services.GetRequiredService<SlackQueueSignal>(), now, logger);
    }

    private static async Task<IResult> EventsAsync(HttpContext http, byte[] body, IInboundQueue queue, SlackQueueSignal signal, DateTimeOffset now, ILogger logger)
    {
        if (Json(body) is not JsonObject envelope)
            return Results.BadRequest("The body is not a JSON object.");
        switch (envelope["type"]?.GetValue<string>())
        {
            case "url_verification":
                return envelope["challenge"]?.GetValue<string>() is { } challenge ? Results.Text(challenge, "text/plain") : Results.BadRequest("No challenge.");
            case "event_callback":
                if (envelope["event_id"]?.GetValue<string>() is not { Length: > 0 } eventId || envelope["event"] is not JsonObject)
                    return Results.BadRequest("An event_callback needs event_id and event.");
                var retry = http.Request.Headers["X-Slack-Retry-Num"].ToString();
                if (await queue.EnqueueAsync(ChatChannels.Slack, SlackTurnProcessor.EventKind, eventId, Encoding.UTF8.GetString(body), now, http.RequestAborted))
                    signal.Notify();
                else
                    LogRetry(logger, eventId, retry, http.Request.Headers["X-Slack-Retry-Reason"].ToString());
                return Results.Ok();
            default:
                return Results.Ok(); // other envelope types (app_rate_limited…) need no answer
        }
    }

    private static async Task<IResult> CommandsAsync(HttpContext http, byte[] body, IInboundQueue queue, SlackQueueSignal signal, DateTimeOffset now, ILogger logger)
    {
        var text = Encoding.UTF8.GetString(body);
        var form = System.Web.HttpUtility.ParseQueryString(text);
        if (form["user_id"] is not { Length: > 0 } || form["team_id"] is not { Length: > 0 } || form["response_url"] is not { Length: > 0 } || form["trigger_id"] is not { Length: > 0 } trigger)
            return Results.BadRequest("A slash command needs user_id, team_id, response_url and trigger_id.");
        if (await queue.EnqueueAsync(ChatChannels.Slack, SlackTurnProcessor.CommandKind, "cmd:" + trigger, text, now, http.RequestAborted))
            signal.Notify();
        return Results.Ok(); // the answer follows through response_url
    }

    private static async Task<IResult> InteractivityAsync(HttpContext http, byte[] body, IInboundQueue queue, SlackQueueSignal signal, DateTimeOffset now, ILogger logger)
    {
        var form = System.Web.HttpUtility.ParseQueryString(Encoding.UTF8.GetString(body));
        if (form["payload"] is not { Length: > 0 } raw || Json(Encoding.UTF8.GetBytes(raw)) is not JsonObject payload)
            return Results.BadRequest("Interactivity needs a JSON payload field.");
        switch (payload["type"]?.GetValue<string>())
        {
            case "block_actions":
                var user = payload["user"]?["id"]?.GetValue<string>();
                var action = payload["actions"]?[0];
                if (user is null || action?["value"] is null)
                    return Results.Ok(); // a select or overflow without a value: nothing for the core
                var key = $"act:{user}:{action["action_ts"]?.GetValue<string>() ?? payload["trigger_id"]?.GetValue<string>()}";
                if (await queue.EnqueueAsync(ChatChannels.Slack, SlackTurnProcessor.ActionKind, key, raw, now, http.RequestAborted))
                    signal.Notify();
                return Results.Ok();
            default:
                LogUnhandled(logger, payload["type"]?.GetValue<string>() ?? "(none)");
                return Results.Ok();
        }
    }

    private static JsonNode? Json(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request to {Path} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string path, SlackVerification reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack event {EventId} delivered again (retry {Retry}, {Reason}); already stored")]
    private static partial void LogRetry(ILogger logger, string eventId, string retry, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack interactivity of type {Type} is not handled yet")]
    private static partial void LogUnhandled(ILogger logger, string type);
}
