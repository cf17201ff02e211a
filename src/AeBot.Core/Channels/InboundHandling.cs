using AeBot.Core.Conversation;

namespace AeBot.Core.Channels;

/// <summary>
/// One channel's processing of its stored requests (a scoped service; the inbound engine makes a scope per item).
/// Throw to have the item retried later; <see cref="ChannelThrottledException"/> to have it wait as long as the
/// platform asked without counting an attempt.
/// </summary>
public interface IInboundHandler
{
    /// <summary>One of <see cref="Organization.ChatChannels"/>: the items this handler takes.</summary>
    string Channel { get; }

    Task HandleAsync(InboundTurn turn, CancellationToken cancellationToken);

    /// <summary>Whether a failure will recur however often it is retried (the user is gone, the body unreadable).</summary>
    bool IsPermanent(Exception exception);
}

/// <summary>
/// The platform asked AeBot to wait (HTTP 429 with Retry-After): the work goes back to its queue with that due
/// time instead of holding a worker.
/// </summary>
public sealed class ChannelThrottledException(string channel, string method, TimeSpan retryAfter)
    : Exception($"{channel} rate-limited {method}; retry after {retryAfter.TotalSeconds:0.#} s")
{
    public string Channel { get; } = channel;
    public string Method { get; } = method;
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// The item being processed and what an attempt keeps for the next: the core runs once per request, and a retry —
/// after a rate limit, a failed send, a crash after the answer was worked out — delivers the stored answer instead
/// of running the turn (and its writes: a logged call, a moved date) again.
/// </summary>
public sealed class InboundTurn(InboundItem item, IInboundQueue queue)
{
    private string? _answer = item.Answer;

    public InboundItem Item { get; } = item;

    /// <summary>No retry follows a failure of this attempt: the place to tell the user it failed.</summary>
    public bool IsLastAttempt { get; init; }

    /// <summary>The stored answer, or <paramref name="run"/>'s — stored before it is returned for delivery.</summary>
    public async Task<Reply> AnswerOnceAsync(Func<Task<Reply>> run, CancellationToken cancellationToken)
    {
        if (_answer is not null && ReplySerializer.Deserialize(_answer) is { } stored)
            return stored;
        var reply = await run();
        _answer = ReplySerializer.Serialize(reply);
        await queue.SaveAnswerAsync(Item, _answer, cancellationToken);
        return reply;
    }
}

/// <summary>Wakes the inbound engine as soon as a request is stored, instead of at its next poll.</summary>
public sealed class InboundSignal
{
    private readonly SemaphoreSlim _signal = new(0); // a spare release after a timeout costs one empty pass
    private int _signalled;

    /// <summary>Called for every stored request: after the first, until the engine wakes, it costs one read.</summary>
    public void Notify()
    {
        if (Volatile.Read(ref _signalled) == 0 && Interlocked.Exchange(ref _signalled, 1) == 0)
            _signal.Release();
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _signal.WaitAsync(timeout, cancellationToken);
        Volatile.Write(ref _signalled, 0); // woken (or timed out): the next request signals again
    }
}
