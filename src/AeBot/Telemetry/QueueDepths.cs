using System.Diagnostics;
using System.Diagnostics.Metrics;
using AeBot.Data.Storage;
using Microsoft.Extensions.Options;

namespace AeBot.Telemetry;

/// <summary>
/// The outbox and inbound queue depths for the gauges, read together from the database at most once per
/// <see cref="TelemetryOptions.DepthRefreshSeconds"/>: a scrape (or several exporters) within that time gets the last
/// read. A failed read reports nothing rather than a stale figure, and is not retried before the time is up either.
/// </summary>
public sealed partial class QueueDepths(IServiceScopeFactory scopes, IOptions<TelemetryOptions> options, ILogger<QueueDepths> logger)
{
    private readonly Lock _gate = new();
    private (long Outbox, long Inbound)? _last;
    private long _readAt;
    private bool _read;

    public IEnumerable<Measurement<long>> Outbox() => Read() is { } depths ? [new Measurement<long>(depths.Outbox)] : [];

    public IEnumerable<Measurement<long>> Inbound() => Read() is { } depths ? [new Measurement<long>(depths.Inbound)] : [];

    private (long Outbox, long Inbound)? Read()
    {
        lock (_gate)
        {
            // Monotonic time, not the app's TimeProvider: Clock:Now may fix "now" for the business, never for caching.
            if (_read && Stopwatch.GetElapsedTime(_readAt) < TimeSpan.FromSeconds(options.Value.DepthRefreshSeconds))
                return _last;
            try
            {
                // Called by the exporter's collection thread (or a MeterListener), which has no async path.
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AeBotDbContext>();
                _last = (db.Outbox.LongCount(o => o.DeliveredAt == null && o.FailedAt == null),
                    db.InboundQueue.LongCount(q => q.ProcessedAt == null && q.FailedAt == null));
            }
            catch (Exception e)
            {
                LogReadFailed(logger, e);
                _last = null;
            }
            _read = true;
            _readAt = Stopwatch.GetTimestamp();
            return _last;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the outbox and inbound queue depths for telemetry")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
