using AeBot.Core.Conversation;
using AeBot.Core.Handoff;
using AeBot.Data.Storage;
using Microsoft.Extensions.Logging;

namespace AeBot.Data.Capture;

/// <summary>
/// Records proactive messages in the outbox table, inside the caller's transaction: a notice exists exactly when
/// the change that caused it was saved. <see cref="Channels.OutboxDelivery"/> then sends it on the rep's channel.
/// Nothing is lost when no channel is configured: the row waits.
/// </summary>
internal sealed partial class OutboxMessenger(AeBotDbContext db, TimeProvider clock, ILogger<OutboxMessenger> logger) : IProactiveMessenger
{
    public async Task SendAsync(ProactiveMessage message, CancellationToken cancellationToken)
    {
        db.Outbox.Add(Row(message, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        Log(logger, message.Reason, message.ToRepId, message.Reply.Summary);
    }

    /// <summary>The outbox row for a message (also used by writers that add many in one save).</summary>
    public static OutboxMessageRow Row(ProactiveMessage message, DateTimeOffset now) => new()
    {
        ToRepId = message.ToRepId,
        Reason = message.Reason,
        Summary = message.Reply.Summary.Length > 500 ? message.Reply.Summary[..499] + "…" : message.Reply.Summary,
        Body = ReplySerializer.Serialize(message.Reply),
        CreatedAt = now,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Proactive {Reason} message for rep {RepId} recorded in the outbox: {Summary}")]
    private static partial void Log(ILogger logger, string reason, long repId, string summary);
}
