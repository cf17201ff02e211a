namespace AeBot.Core.Channels;

/// <summary>
/// Remembers which inbound deliveries were already taken, so a channel's retry of the same activity or event
/// (Teams re-sends after 15 s, Slack after 3 s) is processed once. Backed by a unique index, so it holds across
/// restarts and across several server instances.
/// </summary>
public interface IInboundLedger
{
    /// <summary>True the first time <paramref name="deliveryKey"/> is seen on <paramref name="channel"/>; false for a repeat.</summary>
    Task<bool> TryRecordAsync(string channel, string deliveryKey, DateTimeOffset receivedAt, CancellationToken cancellationToken);
}
