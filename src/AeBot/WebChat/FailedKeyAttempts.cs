using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AeBot.WebChat;

/// <summary>
/// Wrong web chat keys per client address, in a fixed window (ASP.NET Core's rate limiter): after
/// <see cref="WebChatOptions.MaxFailedKeyAttempts"/> misses an address is refused until the window ends, so a key
/// cannot be guessed at request speed. Only failures count; a right key costs nothing.
/// </summary>
public sealed class FailedKeyAttempts(IOptions<WebChatOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.MaxFailedKeyAttempts,
            Window = TimeSpan.FromSeconds(options.Value.FailedKeyWindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private readonly TimeSpan _window = TimeSpan.FromSeconds(options.Value.FailedKeyWindowSeconds);

    /// <summary>How long the address must wait, or null when it may try.</summary>
    public TimeSpan? Exhausted(string address) =>
        _limiter.GetStatistics(address)?.CurrentAvailablePermits <= 0 ? _window : null;

    // The limiter keeps its own (monotonic) time: a guess window is wall-clock, not business time (Clock:Now).
    public void Record(string address)
    {
        using var lease = _limiter.AttemptAcquire(address);
    }

    public void Dispose() => _limiter.Dispose();
}
