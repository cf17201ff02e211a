using System.Net;
using System.Runtime.ExceptionServices;
using AeBot.Core.Channels;
using AeBot.Core.Organization;
using AeBot.Teams.Hosting;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace AeBot.Teams.Bot;

/// <summary>
/// Teams' part of the inbound engine: a stored message activity (authenticated and tenant-checked at the front door
/// before it was stored) runs as a turn of its own, its replies sent to the conversation's service URL as the bot.
/// A failed turn goes back to the queue — the user hears an apology (and the dialog is cleared) only when the last
/// attempt fails — a Bot Connector 429 waits as long as Teams asked, and a stop puts the item back.
/// </summary>
internal sealed class TeamsInboundHandler(TeamsAdapter adapter, TeamsBot bot) : IInboundHandler
{
    public const string MessageKind = "message";

    /// <summary>Where the turn finds its <see cref="InboundTurn"/> (the stored answer, if an earlier attempt kept one).</summary>
    public const string TurnState = "AeBot.InboundTurn";

    private static readonly JsonSerializerSettings Json = new() { MaxDepth = 64 };

    public string Channel => ChatChannels.Teams;

    public async Task HandleAsync(InboundTurn turn, CancellationToken cancellationToken)
    {
        var activity = JsonConvert.DeserializeObject<Activity>(turn.Item.Body, Json) ?? throw new JsonSerializationException("The stored activity is empty.");
        ExceptionDispatchInfo? failure = null;
        await adapter.ContinueConversationAsync(adapter.BotIdentity(), activity, async (context, ct) =>
        {
            context.TurnState.Add(TurnState, turn);
            try
            {
                await bot.OnTurnAsync(context, ct);
            }
            catch (Exception e)
            {
                // Every failure is kept from the adapter's error handler (which would apologise and let the item
                // count as done) and handed to the engine: a stop puts it back, a 429 waits, anything else is
                // retried — and only when no retry follows is the user told, here, before the engine records it.
                failure = ExceptionDispatchInfo.Capture(e);
                var stopping = e is OperationCanceledException && ct.IsCancellationRequested;
                if (turn.IsLastAttempt && !stopping && Status(e) != HttpStatusCode.TooManyRequests && adapter.OnTurnError is { } apologise)
                    await apologise(context, e);
            }
        }, cancellationToken);
        if (failure?.SourceException is { } error && Status(error) == HttpStatusCode.TooManyRequests)
            throw new ChannelThrottledException(ChatChannels.Teams, "reply", RetryAfter(error));
        failure?.Throw();
    }

    /// <summary>
    /// An unreadable stored activity, a conversation the bot can no longer post in (403/404), or a reply Teams will
    /// never take (400, 413 MessageSizeTooBig): retrying cannot help.
    /// </summary>
    public bool IsPermanent(Exception exception) =>
        exception is JsonException
        || Status(exception) is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge;

    private static HttpStatusCode? Status(Exception e) => BotConnectorErrors.Status(e);

    private static TimeSpan RetryAfter(Exception e) => BotConnectorErrors.RetryAfter(e, TimeSpan.FromMinutes(10)) ?? TimeSpan.FromSeconds(1);
}
