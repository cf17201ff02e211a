using System.Globalization;
using AeBot.Crm.Sources;

namespace AeBot.Crm.HubSpot;

/// <summary>
/// What all HubSpot requests of this process share: the burst and search pacing windows, the request count and the
/// limits HubSpot reported, and HubSpot's clock (the Date header). One per process, because HubSpot's limits are per
/// app and account, not per client instance. Runs on the wall clock: rate limits are HubSpot's real seconds.
/// </summary>
internal sealed class HubSpotPacer(HubSpotOptions options, TimeProvider time)
{
    private static readonly TimeSpan BurstWindow = TimeSpan.FromSeconds(10);
    private readonly SlidingWindow _burst = new(options.RequestsPer10Seconds, BurstWindow, time);
    private readonly SlidingWindow _search = new(options.SearchRequestsPerSecond, TimeSpan.FromSeconds(1), time);
    private readonly Lock _clockLock = new();
    private DateTimeOffset? _serverDate;
    private long _serverDateAt;

    public CrmUsage Usage { get; } = new();

    public TimeProvider Time => time;

    /// <summary>HubSpot's clock as of its last answer, moved on by our own elapsed time since; ours before any answer.</summary>
    public DateTimeOffset Now
    {
        get
        {
            lock (_clockLock)
                return _serverDate is { } date ? date + time.GetElapsedTime(_serverDateAt) : time.GetUtcNow();
        }
    }

    /// <summary>
    /// Waits until a request fits in the burst window (and, for a search, the per-second window). Dispose the lease
    /// when the answer is in: a request counts in the windows from when it ended, not when it started, so our windows
    /// never run ahead of HubSpot's, which count from when a request arrived.
    /// </summary>
    public async Task<IDisposable> WaitTurnAsync(bool search, CancellationToken cancellationToken)
    {
        var searchSlot = search ? await _search.WaitAsync(cancellationToken) : null;
        var burstSlot = await _burst.WaitAsync(cancellationToken);
        return new Lease(time, burstSlot, searchSlot);
    }

    private sealed class Lease(TimeProvider time, Slot burst, Slot? search) : IDisposable
    {
        public void Dispose()
        {
            var now = time.GetUtcNow();
            burst.End(now);
            search?.End(now);
        }
    }

    private sealed class Slot(DateTimeOffset start)
    {
        private long _ticks = start.UtcTicks;
        private int _ended;

        public bool Ended => Volatile.Read(ref _ended) == 1;

        public DateTimeOffset At => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void End(DateTimeOffset at)
        {
            if (Ended)
                return;
            Interlocked.Exchange(ref _ticks, at.UtcTicks);
            Volatile.Write(ref _ended, 1);
        }
    }

    /// <summary>How long until the oldest request of the current 10-second window leaves it (a 429 without Retry-After).</summary>
    public TimeSpan RestOfBurstWindow() => _burst.RestOfWindow();

    /// <summary>Called for every attempt on the wire, retries included.</summary>
    public void Observe(HttpResponseMessage response)
    {
        if (response.Headers.Date is { } date)
        {
            lock (_clockLock)
            {
                _serverDate = date;
                _serverDateAt = time.GetTimestamp();
            }
        }
        // X-HubSpot-RateLimit-Daily / -Daily-Remaining: sent to private apps on most CRM answers
        // (developers.hubspot.com/changelog/2018-11-06-rate-limit-information-headers-will-be-included-in-http-responses).
        if (Header(response, "X-HubSpot-RateLimit-Daily") is { } daily)
        {
            Usage.DailyMax = daily;
            if (Header(response, "X-HubSpot-RateLimit-Daily-Remaining") is { } remaining)
                Usage.DailyUsed = Math.Max(0, daily - remaining);
        }
    }

    private static long? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    /// <summary>At most <c>limit</c> requests in any rolling <c>window</c>; one in flight holds its place until it ends.</summary>
    private sealed class SlidingWindow(int limit, TimeSpan window, TimeProvider time)
    {
        private static readonly TimeSpan InFlightPoll = TimeSpan.FromMilliseconds(50);
        private readonly List<Slot> _slots = [];
        private readonly Lock _lock = new();

        public async Task<Slot> WaitAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                TimeSpan wait;
                lock (_lock)
                {
                    var now = time.GetUtcNow();
                    Prune(now);
                    if (_slots.Count < limit)
                    {
                        var slot = new Slot(now);
                        _slots.Add(slot);
                        return slot;
                    }
                    var ended = _slots.Where(s => s.Ended).Select(s => s.At + window - now).ToList();
                    wait = ended.Count > 0 ? ended.Min() : InFlightPoll;
                }
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, time, cancellationToken);
            }
        }

        public TimeSpan RestOfWindow()
        {
            lock (_lock)
            {
                var now = time.GetUtcNow();
                Prune(now);
                return _slots.Count == 0 ? TimeSpan.Zero : _slots.Min(s => s.At) + window - now;
            }
        }

        private void Prune(DateTimeOffset now) => _slots.RemoveAll(s => s.Ended && s.At + window <= now);
    }
}
