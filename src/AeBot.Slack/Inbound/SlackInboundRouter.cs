using System.Collections.Specialized;
using System.Text.Json.Nodes;
using AeBot.Core.Channels;
using AeBot.Core.Organization;
using AeBot.Core.Sales;
using AeBot.Core.Text;
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
internal sealed partial class SlackInboundRouter(IInboundInbox inbox, InboundSignal signal, IServiceScopeFactory scopes, TimeProvider clock, ILogger<SlackInboundRouter> logger)
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
                if (!await EnqueueAsync(SlackTurnProcessor.EventKind, eventId, Person(envelope.TeamId, e.User, eventId), raw(), cancellationToken, e.NeedsTurn))
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
        Func<ReplyLanguage, JsonObject>? modal = (form["text"] ?? "").Trim().ToLowerInvariant() switch
        {
            "log" or "log interaction" => language => SlackModals.LogInteraction(null, language),
            "update" or "update deal" => SlackModals.UpdateDeal,
            _ => null,
        };
        if (modal is not null)
            return await OpenViewAsync(trigger, form["team_id"], form["user_id"], modal, cancellationToken);
        await EnqueueAsync(SlackTurnProcessor.CommandKind, "cmd:" + trigger, Person(form["team_id"], form["user_id"], trigger), raw, cancellationToken);
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
                var actionKey = $"act:{user}:{action["action_ts"]?.GetValue<string>() ?? payload["trigger_id"]?.GetValue<string>()}";
                await EnqueueAsync(SlackTurnProcessor.ActionKind, actionKey, Person(TeamOf(payload), user, actionKey), raw, cancellationToken);
                return SlackOutcome.Ok;
            case "shortcut" or "message_action":
                var callback = payload["callback_id"]?.GetValue<string>();
                if (payload["trigger_id"]?.GetValue<string>() is not { Length: > 0 } trigger || callback is not (SlackModals.LogCallback or SlackModals.LogFromMessageCallback))
                {
                    LogUnhandled(logger, $"shortcut {callback}");
                    return SlackOutcome.Ok;
                }
                // A message shortcut starts the log with that message as the summary.
                var message = payload["message"]?["text"]?.GetValue<string>();
                return await OpenViewAsync(trigger, TeamOf(payload), payload["user"]?["id"]?.GetValue<string>(), language => SlackModals.LogInteraction(message, language), cancellationToken);
            case "view_submission":
                var view = payload["view"] as JsonObject;
                var values = view?["state"]?["values"] as JsonObject;
                var form = view?["callback_id"]?.GetValue<string>();
                if (values is null || form is null || payload["user"]?["id"] is null)
                    return SlackOutcome.BadRequest("A view_submission needs view.callback_id, view.state.values and user.");
                var errors = SlackModals.Validate(form, values, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(-1)), SlackModals.LanguageOf(view));
                if (errors.Count > 0)
                    return new SlackOutcome(200, Json: new { response_action = "errors", errors });
                var viewKey = $"view:{view!["id"]?.GetValue<string>()}:{view["hash"]?.GetValue<string>()}";
                await EnqueueAsync(SlackTurnProcessor.SubmissionKind, viewKey, Person(TeamOf(payload), payload["user"]?["id"]?.GetValue<string>(), viewKey), raw, cancellationToken);
                return SlackOutcome.Ok; // closes the modal; the result arrives as a DM
            default:
                LogUnhandled(logger, payload["type"]?.GetValue<string>() ?? "(none)");
                return SlackOutcome.Ok;
        }
    }

    /// <summary>
    /// Opens a form now (its trigger lasts 3 seconds, so this cannot wait in the queue). When Slack refuses or is
    /// busy, the person is told in the command's reply rather than seeing Slack's "dispatch failed".
    /// </summary>
    private async Task<SlackOutcome> OpenViewAsync(string trigger, string? team, string? user, Func<ReplyLanguage, JsonObject> view, CancellationToken cancellationToken)
    {
        // Slack's HTTP client comes from a scope of its own: most requests are stored and acknowledged without one.
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var language = await LanguageAsync(scope.ServiceProvider, team, user, cancellationToken);
            await scope.ServiceProvider.GetRequiredService<SlackApiClient>().OpenViewAsync(trigger, view(language), cancellationToken);
            return SlackOutcome.Ok;
        }
        catch (Exception e) when (e is SlackApiException or ChannelThrottledException or HttpRequestException)
        {
            LogFormFailed(logger, e.Message);
            return new SlackOutcome(200, "I couldn't open the form just now — Slack is busy. Please try again in a moment, or type it in one sentence (e.g. `/ae log call with Acme about pricing`).");
        }
    }

    /// <summary>
    /// The form's language: the person's choice in chat, else their Slack language, else English. The person and
    /// their Slack locale are cached (one users.info per ten minutes), the choice is one read by id.
    /// </summary>
    private static async Task<ReplyLanguage> LanguageAsync(IServiceProvider services, string? team, string? user, CancellationToken cancellationToken)
    {
        if (user is not { Length: > 0 } || await services.GetRequiredService<Identity.SlackIdentityResolver>().PersonAsync(team ?? "", user, cancellationToken) is not { } person)
            return ReplyLanguage.English;
        var stored = (await services.GetRequiredService<ISalesData>().ViewerAsync(person.Rep.RepId, cancellationToken))?.Language;
        return ReplyLanguage.Of(stored?.Chosen, person.Locale ?? stored?.Locale, stored?.BuddhistEra);
    }

    /// <summary>
    /// What a request stays in order with: its person (team and user). A DM, a modal submitted from it, a slash command
    /// in a channel all touch that person's dialogs, which live in different Slack conversations; different people are
    /// answered side by side. A request without a user is on its own.
    /// </summary>
    private static string Person(string? team, string? user, string key) =>
        user is { Length: > 0 } ? $"{team}:{user}" : "item:" + key;

    private static string? TeamOf(JsonObject payload) =>
        payload["team"]?["id"] is JsonValue team && team.TryGetValue<string>(out var id) ? id
        : payload["user"]?["team_id"] is JsonValue userTeam && userTeam.TryGetValue<string>(out var userTeamId) ? userTeamId : null;

    private async Task<bool> EnqueueAsync(string kind, string key, string conversation, string body, CancellationToken cancellationToken, bool needsProcessing = true)
    {
        var request = new InboundRequest(ChatChannels.Slack, kind, key, conversation, body, clock.GetUtcNow()) { NeedsProcessing = needsProcessing };
        var stored = await inbox.EnqueueAsync(request, cancellationToken);
        if (stored && needsProcessing)
            signal.Notify();
        return stored;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack event {EventId} delivered again (retry {Retry}, {Reason}); already stored")]
    private static partial void LogRetry(ILogger logger, string eventId, string retry, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack form could not be opened: {Reason}")]
    private static partial void LogFormFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack interactivity of type {Type} is not handled")]
    private static partial void LogUnhandled(ILogger logger, string type);
}
