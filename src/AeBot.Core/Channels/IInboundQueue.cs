namespace AeBot.Core.Channels;

/// <summary>A verified inbound request kept until it is processed (Slack's events, commands and button presses).</summary>
public sealed record InboundItem(long Id, string Channel, string Kind, string Body, DateTimeOffset ReceivedAt, int Attempts);

/// <summary>
/// Durable inbound work: a channel acknowledges a request as soon as it is stored here (Slack allows 3 seconds), and
/// a worker processes it afterwards. The delivery key is unique per channel, so a platform's retry of the same event
/// is stored — and processed — once; a crash after the acknowledgement loses nothing, as the row waits.
/// </summary>
public interface IInboundQueue
{
    /// <summary>Stores the item; false when an item with this key was already stored (a retry).</summary>
    Task<bool> EnqueueAsync(string channel, string kind, string deliveryKey, string body, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="max"/> due items for <paramref name="lease"/>; other workers skip them meanwhile.</summary>
    Task<IReadOnlyList<InboundItem>> ClaimAsync(string channel, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Marks items processed (one statement for a worker's whole pass).</summary>
    Task CompleteAsync(IReadOnlyList<long> ids, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records a failure; retried at <paramref name="retryAt"/>, or given up when it is null.</summary>
    Task FailAsync(long id, string error, DateTimeOffset? retryAt, DateTimeOffset at, CancellationToken cancellationToken);
}
