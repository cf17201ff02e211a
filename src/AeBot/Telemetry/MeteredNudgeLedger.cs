using AeBot.Core.Nudges;

namespace AeBot.Telemetry;

/// <summary>
/// Counts nudges as the ledger records them — sent (a message for the outbox) or folded into the next digest — and only
/// the ones it records for the first time, so a retried job or a second instance counts nothing twice. Whether a sent
/// nudge has been delivered yet is the outbox depth's business.
/// </summary>
internal sealed class MeteredNudgeLedger(INudgeLedger inner, AeBotMetrics metrics) : INudgeLedger
{
    public async Task<bool> RecordAsync(NudgeRecord record, IReadOnlyCollection<long> foldsIn, CancellationToken cancellationToken)
    {
        var recorded = await inner.RecordAsync(record, foldsIn, cancellationToken);
        if (recorded)
            Count(record);
        return recorded;
    }

    public async Task<IReadOnlyList<NudgeRecord>> RecordManyAsync(IReadOnlyList<NudgeRecord> records, CancellationToken cancellationToken)
    {
        var fresh = await inner.RecordManyAsync(records, cancellationToken);
        foreach (var record in fresh)
            Count(record);
        return fresh;
    }

    private void Count(NudgeRecord record)
    {
        if (record.Message is not null)
            metrics.NudgeSent(record.Key.Rule);
        else if (record.Note is { Folded: true })
            metrics.NudgeFolded(record.Key.Rule);
    }

    public Task<IReadOnlyList<NudgeRecipient>> RecipientsAsync(CancellationToken cancellationToken) => inner.RecipientsAsync(cancellationToken);

    public Task<IReadOnlySet<(long RepId, DateOnly Date)>> RecordedAsync(string rule, IReadOnlyCollection<DateOnly> dates, CancellationToken cancellationToken) =>
        inner.RecordedAsync(rule, dates, cancellationToken);

    public Task<IReadOnlySet<NudgeKey>> ExistingAsync(IReadOnlyCollection<NudgeKey> keys, CancellationToken cancellationToken) => inner.ExistingAsync(keys, cancellationToken);

    public Task<IReadOnlyDictionary<(long RepId, DateOnly Date), int>> SentOnAsync(IReadOnlyCollection<DateOnly> localDates, CancellationToken cancellationToken) =>
        inner.SentOnAsync(localDates, cancellationToken);

    public Task<IReadOnlyList<FoldedNudge>> FoldedAsync(long repId, CancellationToken cancellationToken) => inner.FoldedAsync(repId, cancellationToken);

    public Task<IReadOnlyList<SnoozedNudge>> SnoozeEndedAsync(DateTimeOffset now, CancellationToken cancellationToken) => inner.SnoozeEndedAsync(now, cancellationToken);

    public Task MarkResurfacedAsync(long id, CancellationToken cancellationToken) => inner.MarkResurfacedAsync(id, cancellationToken);

    public Task<FoldedNudge?> ActAsync(long repId, NudgeKey key, NudgeAction action, DateTimeOffset? snoozeUntil, CancellationToken cancellationToken) =>
        inner.ActAsync(repId, key, action, snoozeUntil, cancellationToken);

    public Task<bool> SnoozeReasonAsync(long repId, NudgeKey key, string reason, CancellationToken cancellationToken) =>
        inner.SnoozeReasonAsync(repId, key, reason, cancellationToken);

    public Task<IReadOnlyList<NudgeRuleStats>> StatsAsync(DateTimeOffset since, CancellationToken cancellationToken) => inner.StatsAsync(since, cancellationToken);
}
