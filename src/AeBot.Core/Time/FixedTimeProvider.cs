namespace AeBot.Core.Time;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock reads one fixed instant (configured by <c>Clock:Now</c>). Timers and
/// time zones are the system's: only "what time is it" is pinned, so a demo or a support case replays exactly.
/// </summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    private readonly DateTimeOffset _utcNow = now.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => _utcNow;
}
