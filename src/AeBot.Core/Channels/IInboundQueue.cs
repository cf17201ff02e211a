namespace AeBot.Core.Channels;

/// <summary>
/// A verified inbound request kept until it is processed (Slack's events, commands and button presses, Teams'
/// messages). <see cref="Conversation"/> orders it: one conversation's requests are processed one after another, in
/// the order they came; different conversations side by side. <see cref="Answer"/> is the reply an earlier attempt
/// already worked out (see <see cref="InboundTurn"/>), so a retry delivers it without running the turn again.
/// </summary>
public sealed record InboundItem(long Id, string Channel, string Kind, string Body, DateTimeOffset ReceivedAt, int Attempts)
{
    public string Conversation { get; init; } = "";

    public string? Answer { get; init; }

    /// <summary>Who claimed it (see <see cref="IInboundQueue.ClaimAsync"/>): only that claimer may settle it.</summary>
    public string? ClaimedBy { get; init; }
}

/// <summary>
/// A request to store: <paramref name="DeliveryKey"/> is the platform's id for it (unique per channel, so a
/// platform's retry is stored once); <paramref name="Conversation"/> is what it must stay in order with.
/// </summary>
public sealed record InboundRequest(string Channel, string Kind, string DeliveryKey, string Conversation, string Body, DateTimeOffset ReceivedAt)
{
    /// <summary>False for a request that needs no processing (the bot's own echo): stored settled, for the record.</summary>
    public bool NeedsProcessing { get; init; } = true;
}

/// <summary>
/// The front door's half of <see cref="IInboundQueue"/>: one shared writer (a singleton), so acknowledging a request
/// needs no per-request database context.
/// </summary>
public interface IInboundInbox
{
    /// <summary>
    /// Completes once the request is committed: true when stored, false when its key was already there (a retry).
    /// An item that needs no processing is stored already settled: it keeps the record and makes a redelivery a
    /// no-op, and no worker ever claims it.
    /// </summary>
    Task<bool> EnqueueAsync(InboundRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Durable inbound work: a channel acknowledges a request as soon as it is stored (<see cref="IInboundInbox"/>) and
/// the inbound engine processes it afterwards. A crash after the acknowledgement loses nothing, as the row waits.
/// Due times and leases are wall-clock instants (they measure real waiting — a platform's Retry-After, a dead
/// worker — not business time); received, processed and failed instants are the business clock's.
/// </summary>
public interface IInboundQueue
{
    /// <summary>
    /// Claims up to <paramref name="max"/> items of <paramref name="channels"/> for <paramref name="lease"/> on behalf
    /// of <paramref name="claimer"/>: only a conversation's oldest unsettled item (the next one waits until it is
    /// settled — processed or given up), and only when due. Other workers skip claimed items until the lease runs out
    /// (see <see cref="RenewAsync"/>).
    /// </summary>
    Task<IReadOnlyList<InboundItem>> ClaimAsync(IReadOnlyCollection<string> channels, int max, DateTimeOffset now, TimeSpan lease, string claimer, CancellationToken cancellationToken);

    /// <summary>
    /// Gives up items whose claims ran out <paramref name="maxAttempts"/> times without being settled — each attempt
    /// took its process down (or was killed) — so one such request cannot hold its conversation, or crash every
    /// instance, forever. Returns how many.
    /// </summary>
    Task<int> GiveUpExhaustedAsync(int maxAttempts, DateTimeOffset now, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Extends the claims <paramref name="claimer"/> still holds, so a long turn is not taken over by another
    /// worker. Returns the ids extended: a missing one was taken over (or settled) — its turn should stop.
    /// </summary>
    Task<IReadOnlyList<long>> RenewAsync(IReadOnlyCollection<long> ids, string claimer, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Keeps the reply an attempt worked out, before it is delivered (see <see cref="InboundItem.Answer"/>).</summary>
    Task SaveAnswerAsync(InboundItem item, string answer, CancellationToken cancellationToken);

    /// <summary>Marks the item processed (only while its claim is still the item's <see cref="InboundItem.ClaimedBy"/>).</summary>
    Task CompleteAsync(InboundItem item, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records a failure; retried at <paramref name="retryAt"/> (wall clock), or given up when it is null.</summary>
    Task FailAsync(InboundItem item, string error, DateTimeOffset? retryAt, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Puts the item back to wait until <paramref name="dueAt"/> (wall clock) without counting the attempt: the
    /// platform asked to wait (a rate limit), or the worker is stopping.
    /// </summary>
    Task DeferAsync(InboundItem item, string reason, DateTimeOffset dueAt, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes settled items (processed or given up) received before <paramref name="before"/>, oldest first, at most
    /// <paramref name="max"/> of them; returns how many went. Without it every echo Slack sends would stay forever.
    /// </summary>
    Task<int> PruneAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);
}
