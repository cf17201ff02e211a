using AeBot.Core.Channels;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Channels;

internal sealed class EfInboundQueue(AeBotDbContext db, InboundQueueWriter writer) : IInboundQueue
{
    public Task<bool> EnqueueAsync(string channel, string kind, string deliveryKey, string body, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        writer.EnqueueAsync(channel, kind, deliveryKey, body, receivedAt).WaitAsync(cancellationToken);

    public async Task<IReadOnlyList<InboundItem>> ClaimAsync(string channel, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var at = db.Instant(now);
        var until = db.Instant(now + lease);
        // One statement claims the batch: on PostgreSQL a concurrent claimer re-checks each locked row and skips it,
        // on SQLite the statement runs alone; either way each row goes to one worker.
        var claimed = await db.Database.SqlQuery<long>($"""
            UPDATE "InboundQueue" SET "NextAttemptAt" = {until}, "Attempts" = "Attempts" + 1
            WHERE "Id" IN (
                SELECT "Id" FROM "InboundQueue"
                WHERE "Channel" = {channel} AND "ProcessedAt" IS NULL AND "FailedAt" IS NULL AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= {at})
                ORDER BY "Id" LIMIT {max})
              AND "ProcessedAt" IS NULL AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= {at})
            RETURNING "Id" AS "Value"
            """).ToListAsync(cancellationToken);
        if (claimed.Count == 0)
            return [];
        return await db.InboundQueue.AsNoTracking().Where(q => claimed.Contains(q.Id)).OrderBy(q => q.Id)
            .Select(q => new InboundItem(q.Id, q.Channel, q.Kind, q.Body, q.ReceivedAt, q.Attempts)).ToListAsync(cancellationToken);
    }

    public Task CompleteAsync(IReadOnlyList<long> ids, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.InboundQueue.Where(q => ids.Contains(q.Id)).ExecuteUpdateAsync(u => u.SetProperty(q => q.ProcessedAt, at).SetProperty(q => q.LastError, (string?)null), cancellationToken);

    public Task FailAsync(long id, string error, DateTimeOffset? retryAt, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var message = error.Length > 500 ? error[..500] : error;
        return retryAt is { } next
            ? db.InboundQueue.Where(q => q.Id == id).ExecuteUpdateAsync(u => u.SetProperty(q => q.NextAttemptAt, next).SetProperty(q => q.LastError, message), cancellationToken)
            : db.InboundQueue.Where(q => q.Id == id).ExecuteUpdateAsync(u => u.SetProperty(q => q.FailedAt, at).SetProperty(q => q.LastError, message), cancellationToken);
    }
}
