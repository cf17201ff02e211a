using System.Security.Cryptography;
using System.Text;
using AeBot.Core.Channels;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Channels;

/// <summary>
/// One row per inbound delivery; the unique index on (channel, key) decides which of two racing deliveries runs —
/// on one server or several sharing the database.
/// </summary>
internal sealed class EfInboundLedger(AeBotDbContext db) : IInboundLedger
{
    // Teams conversation ids run to a few hundred characters; a hash keeps the key short and the index small.
    private static string Key(string deliveryKey) =>
        deliveryKey.Length <= 100 ? deliveryKey : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryKey)));

    public async Task<bool> TryRecordAsync(string channel, string deliveryKey, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var key = Key(deliveryKey);
        var at = db.Instant(receivedAt);
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "InboundDeliveries" ("Channel", "DeliveryKey", "ReceivedAt", "CompletedAt") VALUES ({channel}, {key}, {at}, {at})
            ON CONFLICT ("Channel", "DeliveryKey") DO NOTHING
            """, cancellationToken);
        await PruneNowAndThenAsync(inserted, receivedAt, cancellationToken);
        return inserted == 1;
    }

    public async Task<bool> TryClaimAsync(string channel, string deliveryKey, DateTimeOffset receivedAt, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var key = Key(deliveryKey);
        var (at, lease, wall) = (db.Instant(receivedAt), db.Instant(leaseUntil), db.Instant(now));
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "InboundDeliveries" ("Channel", "DeliveryKey", "ReceivedAt", "LeaseUntil") VALUES ({channel}, {key}, {at}, {lease})
            ON CONFLICT ("Channel", "DeliveryKey") DO NOTHING
            """, cancellationToken);
        await PruneNowAndThenAsync(inserted, receivedAt, cancellationToken);
        if (inserted == 1)
            return true;
        // Taken before: it is ours again only if never completed and its claim ran out (one statement, so of two
        // racing redeliveries one wins).
        return await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "InboundDeliveries" SET "LeaseUntil" = {lease}
            WHERE "Channel" = {channel} AND "DeliveryKey" = {key} AND "CompletedAt" IS NULL AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {wall})
            """, cancellationToken) == 1;
    }

    // The claim's lease value is its token: equal only while no redelivery has taken the delivery over.
    public async Task CompleteAsync(string channel, string deliveryKey, DateTimeOffset leaseUntil, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (key, at, lease) = (Key(deliveryKey), db.Instant(now), db.Instant(leaseUntil));
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "InboundDeliveries" SET "CompletedAt" = {at}
            WHERE "Channel" = {channel} AND "DeliveryKey" = {key} AND "CompletedAt" IS NULL AND "LeaseUntil" = {lease}
            """, cancellationToken);
    }

    public async Task ReleaseAsync(string channel, string deliveryKey, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var (key, lease) = (Key(deliveryKey), db.Instant(leaseUntil));
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            DELETE FROM "InboundDeliveries" WHERE "Channel" = {channel} AND "DeliveryKey" = {key} AND "CompletedAt" IS NULL AND "LeaseUntil" = {lease}
            """, cancellationToken);
    }

    private async Task PruneNowAndThenAsync(int inserted, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (inserted == 1 && Random.Shared.Next(500) == 0)
        {
            // Retries come within minutes; a week of history is plenty. Pruned now and then, not on every message.
            var cutoff = db.Instant(receivedAt.AddDays(-7));
            await db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "InboundDeliveries" WHERE "ReceivedAt" < {cutoff}""", cancellationToken);
        }
    }
}
