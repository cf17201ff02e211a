using AeBot.Core.Channels;
using AeBot.Core.Conversation;
using AeBot.Core.Handoff;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AeBot.Data.Channels;

/// <summary>What one delivery pass did.</summary>
public sealed record OutboxDeliveryResult(int Sent, int Retrying, int Failed, int Waiting = 0)
{
    public int Total => Sent + Retrying + Failed;
}

/// <summary>
/// Sends recorded proactive messages on the channel each rep uses (the most recently seen reachable one). A row is
/// claimed before it is sent, so several server instances sharing the database never send the same row twice;
/// failures retry with growing delays; a channel that says the rep is gone stops the row for good (reported).
/// </summary>
public sealed partial class OutboxDelivery(
    AeBotDbContext db, IEnumerable<IChannelMessenger> messengers, IChannelAddressBook addresses, TimeProvider clock, ILogger<OutboxDelivery> logger)
{
    /// <summary>How long a claimed row is left alone by other instances while it is being sent.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public const int MaxAttempts = 8;

    /// <summary>
    /// How a message for someone AeBot cannot reach on any channel yet is marked: it waits — no attempt counted, no
    /// failing job — and goes out when the person first talks to AeBot (<see cref="EfChannelAddressBook"/> releases it).
    /// </summary>
    public const string WaitingForChannel = "waiting for a channel";

    /// <summary>How often a waiting message is looked at again anyway (a channel configured since, an address imported).</summary>
    private static readonly TimeSpan WaitingRecheck = TimeSpan.FromDays(1);

    /// <summary>Sends what is due, oldest first; with <paramref name="toRepId"/>, only that person's (one delivery job per recipient).</summary>
    public async Task<OutboxDeliveryResult> DeliverDueAsync(int batchSize, CancellationToken cancellationToken, long? toRepId = null)
    {
        var byChannel = messengers.ToDictionary(m => m.Channel, StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var pending = Due(now);
        if (toRepId is { } rep)
            pending = pending.Where(m => m.ToRepId == rep);
        var due = await pending
            .OrderBy(m => m.Id).Take(batchSize).Select(m => new { m.Id, m.ToRepId, m.Reason, m.Body, m.Attempts, m.NextAttemptAt })
            .ToListAsync(cancellationToken);
        int sent = 0, retrying = 0, failed = 0, waiting = 0;
        foreach (var row in due)
        {
            if (!await ClaimAsync(row.Id, row.NextAttemptAt, now, cancellationToken))
                continue; // another instance took it
            var reply = ReplySerializer.Deserialize(row.Body);
            if (reply is null)
            {
                await FinishAsync(row.Id, delivered: null, channel: null, row.Attempts + 1, "the stored message could not be read", fail: true, cancellationToken);
                failed++;
                continue;
            }
            var outcome = await SendAsync(new ProactiveMessage(row.ToRepId, row.Reason, reply), byChannel, cancellationToken);
            var attempts = outcome.RetryAfter is null ? row.Attempts + 1 : row.Attempts; // a rate limit is not a failed attempt
            switch (outcome)
            {
                case { Channel: { } channel }:
                    await FinishAsync(row.Id, clock.GetUtcNow(), channel, attempts, null, fail: false, cancellationToken);
                    sent++;
                    break;
                case { Waiting: true }:
                    await FinishAsync(row.Id, null, null, row.Attempts, $"{WaitingForChannel}: {outcome.Error}", fail: false, cancellationToken, retryAt: now + WaitingRecheck);
                    waiting++;
                    break;
                case { Unreachable: true }:
                    await FinishAsync(row.Id, null, null, attempts, outcome.Error, fail: true, cancellationToken);
                    LogUnreachable(logger, row.Id, row.ToRepId, outcome.Error!);
                    failed++;
                    break;
                default:
                    var giveUp = attempts >= MaxAttempts;
                    // A channel's rate limit names its own wait; other failures back off.
                    await FinishAsync(row.Id, null, null, attempts, outcome.Error, fail: giveUp, cancellationToken, retryAt: giveUp ? null : now + (outcome.RetryAfter ?? Backoff(attempts)));
                    if (giveUp)
                        failed++;
                    else
                        retrying++;
                    break;
            }
        }
        return new OutboxDeliveryResult(sent, retrying, failed, waiting);
    }

    /// <summary>People with a message due now, oldest message first: whom the delivery sweep enqueues jobs for.</summary>
    public async Task<IReadOnlyList<long>> DueRecipientsAsync(int max, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await Due(now)
            .GroupBy(m => m.ToRepId).OrderBy(g => g.Min(m => m.Id)).Select(g => g.Key).Take(max)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Messages neither delivered nor given up whose (next) attempt is due at <paramref name="now"/>.</summary>
    private IQueryable<Capture.OutboxMessageRow> Due(DateTimeOffset now) =>
        db.Outbox.AsNoTracking().Where(m => m.DeliveredAt == null && m.FailedAt == null && (m.NextAttemptAt == null || m.NextAttemptAt <= now));

    /// <summary>1, 2, 4 … minutes, at most an hour: a channel outage is waited out without hammering it.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Max(0, attempts - 1))));

    private sealed record Outcome(string? Channel, bool Unreachable, string? Error, TimeSpan? RetryAfter = null, bool Waiting = false);

    private async Task<Outcome> SendAsync(ProactiveMessage message, Dictionary<string, IChannelMessenger> byChannel, CancellationToken cancellationToken)
    {
        var candidates = (await addresses.ForRepAsync(message.ToRepId, cancellationToken)).Where(a => byChannel.ContainsKey(a.Channel)).ToList();
        if (candidates.Count == 0)
            return new Outcome(null, false, byChannel.Count == 0 ? "no chat channel is configured" : "the person has not talked to AeBot on any configured channel yet", Waiting: true);
        string? lastError = null;
        foreach (var address in candidates.Where(a => a.IsReachable))
        {
            try
            {
                await byChannel[address.Channel].SendAsync(message, cancellationToken);
                return new Outcome(address.Channel, false, null);
            }
            catch (RecipientUnreachableException e)
            {
                lastError = e.Message; // try the rep's other channel, if any
            }
            catch (NoChannelAddressException e)
            {
                lastError = e.Message;
            }
            catch (ChannelThrottledException e)
            {
                return new Outcome(null, false, $"{address.Channel}: {e.Message}", e.RetryAfter);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, e, message.ToRepId, address.Channel);
                return new Outcome(null, false, $"{address.Channel}: {e.Message}");
            }
        }
        return new Outcome(null, true, lastError ?? "the rep is unreachable on every channel");
    }

    private async Task<bool> ClaimAsync(long id, DateTimeOffset? seen, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lease = now + Lease;
        var claimed = seen is null
            ? await db.Outbox.Where(m => m.Id == id && m.DeliveredAt == null && m.NextAttemptAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, lease), cancellationToken)
            : await db.Outbox.Where(m => m.Id == id && m.DeliveredAt == null && m.NextAttemptAt == seen)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, lease), cancellationToken);
        return claimed == 1;
    }

    private Task FinishAsync(long id, DateTimeOffset? delivered, string? channel, int attempts, string? error, bool fail, CancellationToken cancellationToken, DateTimeOffset? retryAt = null)
    {
        var failedAt = fail ? clock.GetUtcNow() : (DateTimeOffset?)null;
        var message = error is { Length: > 500 } ? error[..500] : error;
        // Not cancellable: once sent, the row must say so, or the next pass sends it again.
        return db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.DeliveredAt, delivered)
            .SetProperty(m => m.Channel, channel)
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.LastError, message)
            .SetProperty(m => m.FailedAt, failedAt)
            .SetProperty(m => m.NextAttemptAt, retryAt), CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} for rep {RepId} not delivered: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, long messageId, long repId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery to rep {RepId} on {Channel} failed; will retry")]
    private static partial void LogFailed(ILogger logger, Exception exception, long repId, string channel);
}
