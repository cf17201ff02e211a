using System.Text.Json;
using System.Text.Json.Serialization;
using AeBot.Core.Handoff;
using AeBot.Data.Storage;
using Microsoft.Extensions.Logging;

namespace AeBot.Data.Capture;

/// <summary>
/// Records proactive messages in the outbox table until the Teams and Slack adapters deliver them; `aebot outbox`
/// lists them. Nothing is lost when no channel is configured.
/// </summary>
internal sealed partial class OutboxMessenger(AeBotDbContext db, TimeProvider clock, ILogger<OutboxMessenger> logger) : IProactiveMessenger
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task SendAsync(ProactiveMessage message, CancellationToken cancellationToken)
    {
        db.Outbox.Add(new OutboxMessageRow
        {
            ToRepId = message.ToRepId,
            Reason = message.Reason,
            Summary = message.Reply.Summary.Length > 500 ? message.Reply.Summary[..499] + "…" : message.Reply.Summary,
            Body = JsonSerializer.Serialize<object>(message.Reply.Blocks.Select(b => (object)b).ToList(), Json),
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        Log(logger, message.Reason, message.ToRepId, message.Reply.Summary);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Proactive {Reason} message for rep {RepId} recorded in the outbox: {Summary}")]
    private static partial void Log(ILogger logger, string reason, long repId, string summary);
}
