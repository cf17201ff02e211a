using System.Collections.Specialized;
using System.Text.Json.Nodes;
using AeBot.Core.Channels;
using AeBot.Core.Organization;
using AeBot.Slack.Api;
using AeBot.Slack.Blocks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AeBot.Slack.Inbound;

/// <summary>What to answer Slack: an HTTP status with an optional text or JSON body (Socket Mode: the ack's payload).</summary>
internal sealed record SlackOutcome(int Status, string? Text = null, object? Json = null)
{
    public static readonly SlackOutcome Ok = new(200);

    public static SlackOutcome BadRequest(string reason) => new(400, reason);
}

/// <summary>
/// What happens to a verified Slack request, whichever way it came (HTTP or Socket Mode): stored for the worker
/// (events, commands, button presses, form submissions — each under a key that makes Slack's retries a no-op), or,
/// where Slack needs it within its 3 seconds, done at once (opening a modal, a form's field errors).
/// </summary>
/// <remarks>
/// A singleton with no per-request state: the front door acknowledges an event without building a DI scope or a
/// database context (see docs/performance.md).
/// </remarks>
internal sealed partial class SlackInboundRouter(IInboundInbox inbox, SlackQueueSignal signal, IServiceScopeFactory scopes, TimeProvider clock, ILogger<SlackInboundRouter> logger)
{
    public async Task<SlackOutcome> EventAsync(SlackEnvelope envelope, Func<string> raw, string? retry, string? retryReason, CancellationToken cancellationToken)
    {
        switch (envelope.Type)
        {
            case "url_verification":
                return envelope.Challenge is { } challenge ? new SlackOutcome(200, challenge) : SlackOutcome.BadRequest("No challenge.");
            case "event_callback":
                if (envelope.EventId is not { Length: > 0 } eventId || envelope.Event is not { } e)
                    return SlackOutcome.BadRequest("An event_callback needs event_id and event.");
                // Every verified event is stored (the record, and a retry's no-op); those no turn answers — the
                // bot's own echoes are half of all message events — are stored settled, so no worker touches them.
                if (!await EnqueueAsync(SlackTurnProcessor.EventKind, eventId, raw(), cancellationToken, e.NeedsTurn))
                    LogRetry(logger, eventId, retry ?? "", retryReason ?? "");
                return SlackOutcome.Ok;
            default:
                return SlackOutcome.Ok; // other envelope types (app_rate_limited…) need no answer
        }
    }

    public async Task<SlackOutcome> CommandAsync(NameValueCollection form, string raw, CancellationToken cancellationToken)
    {
        if (form["user_id"] is not { Length: > 0 } || form["team_id"] is not { Length: > 0 } || form["response_url"] is not { Length: > 0 } || form["trigger_id"] is not { Length: > 0 } trigger)
            return SlackOutcome.BadRequest("A slash command needs user_id, team_id, response_url and trigger_id.");
        // "/ae log" and "/ae update" open a form; the trigger expires in 3 seconds, so the view opens now.
        var modal = (form["text"] ?? "").Trim().ToLowerInvariant() switch
        {
            "log" or "log interaction" => SlackModals.LogInteraction(null),
            "update" or "update deal" => SlackModals.UpdateDeal(),
            _ => null,
        };
        if (modal is not null)
        {
            await OpenViewAsync(trigger, modal, cancellationToken);
            return SlackOutcome.Ok;
        }
        await EnqueueAsync(SlackTurnProcessor.CommandKind, "cmd:" + trigger, raw, cancellationToken);
        return SlackOutcome.Ok; // the answer follows through response_url
    }

    public async Task<SlackOutcome> InteractionAsync(JsonObject payload, string raw, CancellationToken cancellationToken)
    {
        switch (payload["type"]?.GetValue<string>())
        {
            case "block_actions":
                var user = payload["user"]?["id"]?.GetValue<string>();
                var action = payload["actions"] is JsonArray { Count: > 0 } actions ? actions[0] : null;
                if (user is null || action?["value"] is null)
                    return SlackOutcome.Ok; // a select or overflow without a value: nothing for the core
                await EnqueueAsync(SlackTurnProcessor.ActionKind, $"act:{user}:{action["action_ts"]?.GetValue<string>() ?? payload["trigger_id"]?.GetValue<string>()}", raw, cancellationToken);
                return SlackOutcome.Ok;
            case "shortcut" or "message_action":
                var callback = payload["callback_id"]?.GetValue<string>();
                if (payload["trigger_id"]?.GetValue<string>() is not { Length: > 0 } trigger || callback is not (SlackModals.LogCallback or SlackModals.LogFromMessageCallback))
                {
                    LogUnhandled(logger, $"shortcut {callback}");
                    return SlackOutcome.Ok;
                }
                // A message shortcut starts the log with that message as the summary.
                await OpenViewAsync(trigger, SlackModals.LogInteraction(payload["message"]?["text"]?.GetValue<string>()), cancellationToken);
                return SlackOutcome.Ok;
            case "view_submission":
                var view = payload["view"] as JsonObject;
                var values = view?["state"]?["values"] as JsonObject;
                var form = view?["callback_id"]?.GetValue<string>();
                if (values is null || form is null || payload["user"]?["id"] is null)
                    return SlackOutcome.BadRequest("A view_submission needs view.callback_id, view.state.values and user.");
                var errors = SlackModals.Validate(form, values, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(-1)));
                if (errors.Count > 0)
                    return new SlackOutcome(200, Json: new { response_action = "errors", errors });
                await EnqueueAsync(SlackTurnProcessor.SubmissionKind, $"view:{view!["id"]?.GetValue<string>()}:{view["hash"]?.GetValue<string>()}", raw, cancellationToken);
                return SlackOutcome.Ok; // closes the modal; the result arrives as a DM
            default:
                LogUnhandled(logger, payload["type"]?.GetValue<string>() ?? "(none)");
                return SlackOutcome.Ok;
        }
    }

    private async Task OpenViewAsync(string trigger, object view, CancellationToken cancellationToken)
    {
        // Slack's HTTP client comes from a scope of its own: most requests are stored and acknowledged without one.
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SlackApiClient>().OpenViewAsync(trigger, view, cancellationToken);
    }

    private async Task<bool> EnqueueAsync(string kind, string key, string body, CancellationToken cancellationToken, bool needsProcessing = true)
    {
        var stored = await inbox.EnqueueAsync(ChatChannels.Slack, kind, key, body, clock.GetUtcNow(), needsProcessing, cancellationToken);
        if (stored && needsProcessing)
            signal.Notify();
        return stored;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack event {EventId} delivered again (retry {Retry}, {Reason}); already stored")]
    private static partial void LogRetry(ILogger logger, string eventId, string retry, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack interactivity of type {Type} is not handled")]
    private static partial void LogUnhandled(ILogger logger, string type);
}
