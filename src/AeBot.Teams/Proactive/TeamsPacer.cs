using System.Threading.RateLimiting;

namespace AeBot.Teams.Proactive;

/// <summary>
/// Keeps proactive sends under Teams' published per-bot limits, so a bulk run never meets a wall of 429s: per
/// conversation 7 messages a second, 8 per 2 s, 60 per 30 s and 1,800 per hour; across a tenant 50 a second (we
/// keep to 44).
/// A send waits for its turn (queued, in order) instead of failing.
/// </summary>
internal sealed class TeamsPacer : IDisposable
{

    private readonly PartitionedRateLimiter<(string Tenant, string Conversation)> _limiter;

    public TeamsPacer()
    {
        _limiter = PartitionedRateLimiter.CreateChained(
            PerConversation(7, TimeSpan.FromSeconds(1)),
            PerConversation(8, TimeSpan.FromSeconds(2)),
            PerConversation(60, TimeSpan.FromSeconds(30)),
            PerConversation(1800, TimeSpan.FromHours(1)),
            // Small, frequent refills rather than a second's worth at once: a bucket refilled with 50 once a second
            // lets a queue send 50 on each side of the refill — up to twice the limit within one second as Teams
            // counts it (the delivery benchmark saw 76 refusals in 1,000 sends that way). 4 every 90 ms is 44 a
            // second, and at most 48 in any one second however the sends fall.
            PartitionedRateLimiter.Create<(string Tenant, string Conversation), string>(key => RateLimitPartition.GetTokenBucketLimiter(key.Tenant, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = 4,
                TokensPerPeriod = 4,
                ReplenishmentPeriod = TimeSpan.FromMilliseconds(90),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            })));
    }

    /// <summary>Waits until a message to this conversation is within every limit.</summary>
    public async ValueTask WaitAsync(string tenant, string conversation, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync((tenant, conversation), 1, cancellationToken);
        if (!lease.IsAcquired)
            throw new InvalidOperationException("The Teams send queue is full.");
    }

    /// <summary>True when a message could go right now (and takes the permit); for tests and diagnostics.</summary>
    public bool TryNow(string tenant, string conversation)
    {
        using var lease = _limiter.AttemptAcquire((tenant, conversation), 1);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();

    private static PartitionedRateLimiter<(string Tenant, string Conversation)> PerConversation(int limit, TimeSpan window) =>
        PartitionedRateLimiter.Create<(string Tenant, string Conversation), string>(key => RateLimitPartition.GetSlidingWindowLimiter(key.Conversation, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = window,
            SegmentsPerWindow = window < TimeSpan.FromSeconds(10) ? 4 : 10,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));
}
