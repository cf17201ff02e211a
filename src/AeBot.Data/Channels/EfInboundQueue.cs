using System.Security.Cryptography;
using System.Text;
using AeBot.Core.Channels;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Channels;

internal sealed class EfInboundQueue(AeBotDbContext db) : IInboundQueue
{
    public async Task<bool> EnqueueAsync(string channel, string kind, string deliveryKey, string body, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var key = deliveryKey.Length <= 100 ? deliveryKey : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryKey)));
        var at = db.Instant(receivedAt);
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "InboundQueue" ("Channel", "Kind", "DeliveryKey", "Body", "ReceivedAt", "Attempts")
            VALUES ({channel}, {kind}, {key}, {body}, {at}, 0)
            ON CONFLICT ("Channel", "DeliveryKey") DO NOTHING
            """, cancellationToken);
        return inserted == 1;
    }

    public async Task<IReadOnlyList<InboundItem>> ClaimAsync(string channel, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var due = await db.InboundQueue.AsNoTracking()
            .Where(q => q.Channel == channel && q.ProcessedAt == null && q.FailedAt == null && (q.NextAttemptAt == null || q.NextAttemptAt <= now))
            .OrderBy(q => q.Id).Take(max)
            .Select(q => new { q.Id, q.NextAttemptAt }).ToListAsync(cancellationToken);
        var claimed = new List<long>();
        var until = now + lease;
        foreach (var row in due)
        {
            // Compare-and-swap on the value read: of two workers (or instances), one wins each row.
            var won = row.NextAttemptAt is null
                ? await db.InboundQueue.Where(q => q.Id == row.Id && q.ProcessedAt == null && q.NextAttemptAt == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(q => q.NextAttemptAt, until).SetProperty(q => q.Attempts, q => q.Attempts + 1), cancellationToken)
                : await db.InboundQueue.Where(q => q.Id == row.Id && q.ProcessedAt == null && q.NextAttemptAt == row.NextAttemptAt)
                    .ExecuteUpdateAsync(u => u.SetProperty(q => q.NextAttemptAt, until).SetProperty(q => q.Attempts, q => q.Attempts + 1), cancellationToken);
            if (won == 1)
                claimed.Add(row.Id);
        }
        if (claimed.Count == 0)
            return [];
        return await db.InboundQueue.AsNoTracking().Where(q => claimed.Contains(q.Id)).OrderBy(q => q.Id)
            .Select(q => new InboundItem(q.Id, q.Channel, q.Kind, q.Body, q.ReceivedAt, q.Attempts)).ToListAsync(cancellationToken);
    }

    public Task CompleteAsync(long id, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.InboundQueue.Where(q => q.Id == id).ExecuteUpdateAsync(u => u.SetProperty(q => q.ProcessedAt, at).SetProperty(q => q.LastError, (string?)null), cancellationToken);

    public Task FailAsync(long id, string error, DateTimeOffset? retryAt, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var message = error.Length > 500 ? error[..500] : error;
        return retryAt is { } next
            ? db.InboundQueue.Where(q => q.Id == id).ExecuteUpdateAsync(u => u.SetProperty(q => q.NextAttemptAt, next).SetProperty(q => q.LastError, message), cancellationToken)
            : db.InboundQueue.Where(q => q.Id == id).ExecuteUpdateAsync(u => u.SetProperty(q => q.FailedAt, at).SetProperty(q => q.LastError, message), cancellationToken);
    }
}
