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
        // "/ae log" and "/ae update" open a form; the trigger expires in 3 seconds, so the view opens now.
        var modal = (form["text"] ?? "").Trim().ToLowerInvariant() switch
        {
            "log" or "log interaction" => Blocks.SlackModals.LogInteraction(null),
            "update" or "update deal" => Blocks.SlackModals.UpdateDeal(),
            _ => null,
        };
        if (modal is not null)
        {
            await http.RequestServices.GetRequiredService<Api.SlackApiClient>().OpenViewAsync(trigger, modal, http.RequestAborted);
            return Results.Ok();
        }
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
            case "shortcut" or "message_action":
                var callback = payload["callback_id"]?.GetValue<string>();
                if (payload["trigger_id"]?.GetValue<string>() is not { Length: > 0 } trigger || callback is not (Blocks.SlackModals.LogCallback or Blocks.SlackModals.LogFromMessageCallback))
                {
                    LogUnhandled(logger, $"shortcut {callback}");
                    return Results.Ok();
                }
                // A message shortcut starts the log with that message as the summary.
                var prefill = payload["message"]?["text"]?.GetValue<string>();
                await http.RequestServices.GetRequiredService<Api.SlackApiClient>().OpenViewAsync(trigger, Blocks.SlackModals.LogInteraction(prefill), http.RequestAborted);
                return Results.Ok();
            case "view_submission":
                var view = payload["view"] as JsonObject;
                var values = view?["state"]?["values"] as JsonObject;
                var form2 = view?["callback_id"]?.GetValue<string>();
                var submitter = payload["user"]?["id"]?.GetValue<string>();
                if (values is null || form2 is null || submitter is null)
                    return Results.BadRequest("A view_submission needs view.callback_id, view.state.values and user.");
                var errors = Blocks.SlackModals.Validate(form2, values, DateOnly.FromDateTime(now.UtcDateTime.AddDays(-1)));
                if (errors.Count > 0)
                    return Results.Json(new { response_action = "errors", errors });
                if (await queue.EnqueueAsync(ChatChannels.Slack, SlackTurnProcessor.SubmissionKind, $"view:{view!["id"]?.GetValue<string>()}:{view["hash"]?.GetValue<string>()}", raw, now, http.RequestAborted))
                    signal.Notify();
                return Results.Ok(); // closes the modal; the result arrives as a DM
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
