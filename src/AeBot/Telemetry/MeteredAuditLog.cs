using AeBot.Core.Audit;

namespace AeBot.Telemetry;

/// <summary>
/// Counts and times turns from their audit records: the core records every turn exactly once, on every channel, with
/// the intent it was read as and its latency — so the metrics and <c>aebot audit</c> always agree.
/// </summary>
internal sealed class MeteredAuditLog(IAuditLog inner, AeBotMetrics metrics) : IAuditLog
{
    public Task RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        metrics.TurnRecorded(record);
        return inner.RecordAsync(record, cancellationToken);
    }

    public Task<IReadOnlyList<(AuditRecord Record, string RepName)>> SinceAsync(DateTimeOffset since, long? repId, int take, CancellationToken cancellationToken) =>
        inner.SinceAsync(since, repId, take, cancellationToken);
}
