using System.Net;
using System.Runtime.ExceptionServices;
using System.Security.Claims;
using AeBot.Core.Channels;
using AeBot.Core.Handoff;
using AeBot.Core.Organization;
using AeBot.Teams.Bot;
using AeBot.Teams.Cards;
using AeBot.Teams.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Rest;

namespace AeBot.Teams.Proactive;

/// <summary>
/// The Teams side of the proactive-messaging port: posts into the rep's 1:1 chat with the bot
/// (<c>ContinueConversationAsync</c>), creating that chat first when only the user is known. Paced under Teams'
/// limits (<see cref="TeamsPacer"/>); 429 and 5xx are retried with exponential backoff and jitter (a Retry-After is
/// honoured); 403/404 mean the app was removed or the user is gone, so the rep is marked unreachable and the
/// caller told, not retried.
/// </summary>
internal sealed partial class TeamsMessenger(
    TeamsAdapter adapter,
    TeamsPacer pacer,
    TeamsReplies replies,
    IChannelAddressBook addresses,
    IOptions<TeamsOptions> options,
    TimeProvider clock,
    ILogger<TeamsMessenger> logger) : IChannelMessenger
{
    public string Channel => ChatChannels.Teams;

    public async Task SendAsync(ProactiveMessage message, CancellationToken cancellationToken)
    {
        var address = await addresses.ReachableAsync(message.ToRepId, ChatChannels.Teams, cancellationToken);
        var activity = await replies.ToActivityAsync(message.Reply, message.ToRepId, cancellationToken);
        await SendAsync(address, activity, cancellationToken);
        LogSent(logger, message.Reason, message.ToRepId);
    }

    /// <summary>Sends one activity to an address, with pacing, retries and the unreachable rule.</summary>
    public async Task SendAsync(ChannelAddress address, Activity activity, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var json = Newtonsoft.Json.JsonConvert.SerializeObject(activity);
        for (var attempt = 0; ; attempt++)
        {
            await pacer.WaitAsync(address.TenantId, address.ConversationId ?? address.UserId, cancellationToken);
            try
            {
                // A fresh copy per attempt: the SDK writes ids and addresses into the activity it sends.
                var copy = Newtonsoft.Json.JsonConvert.DeserializeObject<Activity>(json)!;
                await DeliverAsync(address, copy, cancellationToken);
                return;
            }
            catch (Exception e) when (Status(e) is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                var reason = Status(e) == HttpStatusCode.Forbidden ? "Teams refused (403): the app was removed or blocked" : "Teams does not know the conversation or user (404)";
                await addresses.MarkUnreachableAsync(address.RepId, ChatChannels.Teams, reason, clock.GetUtcNow(), CancellationToken.None);
                LogUnreachable(logger, address.RepId, reason);
                throw new RecipientUnreachableException(address.RepId, ChatChannels.Teams, reason);
            }
            catch (Exception e) when (Status(e) == HttpStatusCode.RequestEntityTooLarge)
            {
                // Over Teams' ~100 KB message limit (learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages):
                // the same message fails the same way now, so no retry here; the outbox records why in plain words.
                throw new HttpRequestException("Teams refused the message as too big (413 MessageSizeTooBig, over its ~100 KB limit)", e, HttpStatusCode.RequestEntityTooLarge);
            }
            catch (Exception e) when (IsTransient(e) && attempt < settings.MaxRetries)
            {
                var delay = Delay(e, attempt, settings.RetryBaseDelayMilliseconds);
                LogRetry(logger, address.RepId, Status(e)?.ToString() ?? e.GetType().Name, delay.TotalMilliseconds, attempt + 1);
                await Task.Delay(delay, cancellationToken);
            }
            catch (Exception e) when (IsTransient(e))
            {
                var status = Status(e) is { } code ? $"{(int)code} {code}" : e.GetType().Name;
                throw new HttpRequestException($"Teams answered {status} {settings.MaxRetries + 1} times in a row", e, Status(e));
            }
        }
    }

    private async Task DeliverAsync(ChannelAddress address, Activity activity, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var serviceUrl = address.ServiceUrl ?? settings.DefaultServiceUrl;
        if (address.ConversationId is null)
        {
            // No 1:1 chat known yet: create it (tenant and bot id are required by Teams), then post in it.
            var parameters = new ConversationParameters
            {
                IsGroup = false,
                Bot = new ChannelAccount(address.BotId ?? "28:" + settings.MicrosoftAppId),
                Members = [new ChannelAccount(address.UserId)],
                TenantId = address.TenantId,
                ChannelData = new TeamsChannelData { Tenant = new TenantInfo(address.TenantId) },
            };
            string? created = null;
            await adapter.CreateConversationAsync(settings.MicrosoftAppId ?? "", TeamsActivities.ChannelId, serviceUrl, null, parameters,
                Post(activity, turn => created = turn.Activity.Conversation.Id, out var failure), cancellationToken);
            failure.ThrowIfFailed();
            if (created is not null)
                await addresses.SaveAsync(address with { ConversationId = created, ServiceUrl = serviceUrl, UpdatedAt = clock.GetUtcNow() }, CancellationToken.None);
            return;
        }
        var reference = new ConversationReference
        {
            ChannelId = TeamsActivities.ChannelId,
            ServiceUrl = serviceUrl,
            Conversation = new ConversationAccount(id: address.ConversationId, tenantId: address.TenantId, conversationType: "personal"),
            User = new ChannelAccount(address.UserId),
            Bot = new ChannelAccount(address.BotId ?? "28:" + settings.MicrosoftAppId),
        };
        await adapter.ContinueConversationAsync(adapter.BotIdentity(), reference, null!, Post(activity, null, out var outcome), cancellationToken);
        outcome.ThrowIfFailed();
    }

    /// <summary>
    /// The turn that posts <paramref name="activity"/>. The adapter would hand a failure inside a turn to its
    /// OnTurnError (which apologises to a user who asked something); a proactive send must see it instead, to
    /// retry or mark the rep unreachable — so it is caught here and rethrown by the caller.
    /// </summary>
    internal static BotCallbackHandler Post(Activity activity, Action<ITurnContext>? onTurn, out TurnFailure failure)
    {
        var box = new TurnFailure();
        failure = box;
        return async (turn, ct) =>
        {
            try
            {
                onTurn?.Invoke(turn);
                // A new message, not a reply to the synthetic activity that started this proactive turn.
                turn.Activity.Id = null;
                await turn.SendActivityAsync(activity, ct);
            }
            catch (Exception e)
            {
                box.Error = ExceptionDispatchInfo.Capture(e);
            }
        };
    }

    internal sealed class TurnFailure
    {
        public ExceptionDispatchInfo? Error { get; set; }

        public void ThrowIfFailed() => Error?.Throw();
    }

    private static HttpStatusCode? Status(Exception e) => BotConnectorErrors.Status(e);

    private static bool IsTransient(Exception e) =>
        Status(e) is { } status ? status == HttpStatusCode.TooManyRequests || (int)status >= 500 : e is HttpRequestException or TaskCanceledException { InnerException: TimeoutException };

    /// <summary>Exponential backoff with full jitter; Teams' Retry-After wins when it asks for longer.</summary>
    private static TimeSpan Delay(Exception e, int attempt, int baseMilliseconds)
    {
        var ceiling = baseMilliseconds * Math.Pow(2, attempt);
        var delay = TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
        if (BotConnectorErrors.RetryAfter(e, TimeSpan.FromSeconds(120)) is { } asked && asked > delay)
            delay = asked;
        return delay;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams message ({Reason}) sent to rep {RepId}")]
    private static partial void LogSent(ILogger logger, string reason, long repId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rep {RepId} is unreachable on Teams: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, long repId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams send to rep {RepId} failed ({Status}); retry {Attempt} in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, long repId, string status, double delayMs, int attempt);
}
