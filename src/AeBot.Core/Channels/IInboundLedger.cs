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

    /// <summary>
    /// Claims a delivery for processing: true the first time it is seen, and also when an earlier claim was never
    /// completed and its lease (<paramref name="leaseUntil"/>, wall-clock) has run out — that turn's process died —
    /// so the channel's redelivery is processed instead of lost. False while another claim holds it or once it is
    /// completed. Follow with <see cref="CompleteAsync"/>, or <see cref="ReleaseAsync"/> when the turn failed.
    /// </summary>
    Task<bool> TryClaimAsync(string channel, string deliveryKey, DateTimeOffset receivedAt, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// The claimed delivery was handled: every later redelivery is a repeat. <paramref name="leaseUntil"/> is the
    /// claim's own (whole milliseconds): a claim taken over by a redelivery after its lease ran out is not this turn's
    /// to complete.
    /// </summary>
    Task CompleteAsync(string channel, string deliveryKey, DateTimeOffset leaseUntil, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The claimed delivery failed: a redelivery may run it again at once (only while the claim is still this turn's).</summary>
    Task ReleaseAsync(string channel, string deliveryKey, DateTimeOffset leaseUntil, CancellationToken cancellationToken);
}
