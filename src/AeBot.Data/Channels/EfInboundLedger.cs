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
    public async Task<bool> TryRecordAsync(string channel, string deliveryKey, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        // Teams conversation ids run to a few hundred characters; a hash keeps the key short and the index small.
        var key = deliveryKey.Length <= 100 ? deliveryKey : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryKey)));
        var at = db.Instant(receivedAt);
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "InboundDeliveries" ("Channel", "DeliveryKey", "ReceivedAt") VALUES ({channel}, {key}, {at})
            ON CONFLICT ("Channel", "DeliveryKey") DO NOTHING
            """, cancellationToken);
        if (inserted == 1 && Random.Shared.Next(500) == 0)
        {
            // Retries come within minutes; a week of history is plenty. Pruned now and then, not on every message.
            var cutoff = db.Instant(receivedAt.AddDays(-7));
            await db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "InboundDeliveries" WHERE "ReceivedAt" < {cutoff}""", cancellationToken);
        }
        return inserted == 1;
    }
}
