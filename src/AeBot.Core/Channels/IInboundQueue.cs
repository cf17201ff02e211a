namespace AeBot.Core.Channels;

/// <summary>A verified inbound request kept until it is processed (Slack's events, commands and button presses).</summary>
public sealed record InboundItem(long Id, string Channel, string Kind, string Body, DateTimeOffset ReceivedAt, int Attempts);

/// <summary>
/// The front door's half of <see cref="IInboundQueue"/>: one shared writer (a singleton), so acknowledging a request
/// needs no per-request database context.
/// </summary>
public interface IInboundInbox
{
    /// <summary>
    /// Completes once the item is committed: true when stored, false when its key was already there (a retry).
    /// An item that needs no processing (the bot's own echo, say) is stored already settled: it keeps the record and
    /// makes a redelivery a no-op, and no worker ever claims it.
    /// </summary>
    Task<bool> EnqueueAsync(string channel, string kind, string deliveryKey, string body, DateTimeOffset receivedAt, bool needsProcessing, CancellationToken cancellationToken);
}

/// <summary>
/// Durable inbound work: a channel acknowledges a request as soon as it is stored (<see cref="IInboundInbox"/>) (Slack allows 3 seconds), and
/// a worker processes it afterwards. The delivery key is unique per channel, so a platform's retry of the same event
/// is stored — and processed — once; a crash after the acknowledgement loses nothing, as the row waits.
/// </summary>
public interface IInboundQueue
{
    /// <summary>Claims up to <paramref name="max"/> due items for <paramref name="lease"/>; other workers skip them meanwhile.</summary>
    Task<IReadOnlyList<InboundItem>> ClaimAsync(string channel, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Marks items processed (one statement for a worker's whole pass).</summary>
    Task CompleteAsync(IReadOnlyList<long> ids, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes settled items (processed or given up) received before <paramref name="before"/>, oldest first, at most
    /// <paramref name="max"/> of them; returns how many went. Without it every echo Slack sends would stay forever.
    /// </summary>
    Task<int> PruneAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);

    /// <summary>Records a failure; retried at <paramref name="retryAt"/>, or given up when it is null.</summary>
    Task FailAsync(long id, string error, DateTimeOffset? retryAt, DateTimeOffset at, CancellationToken cancellationToken);
}
