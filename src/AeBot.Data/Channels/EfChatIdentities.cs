using AeBot.Core.Channels;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Channels;

internal sealed class EfChatIdentities(AeBotDbContext db) : IChatIdentities
{
    public async Task<long?> FindRepAsync(string channel, string tenantId, IReadOnlyList<string> externalUserIds, CancellationToken cancellationToken)
    {
        var ids = externalUserIds.Where(i => !string.IsNullOrEmpty(i)).ToList();
        if (ids.Count == 0)
            return null;
        var links = await db.ChatIdentities.AsNoTracking()
            .Where(i => i.Channel == channel && i.TenantId == tenantId && ids.Contains(i.ExternalUserId) && i.Rep!.IsActive)
            .Select(i => new { i.ExternalUserId, i.RepId }).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            if (links.FirstOrDefault(l => l.ExternalUserId == id) is { } link)
                return link.RepId;
        }
        return null;
    }

    public async Task LinkAsync(string channel, string tenantId, string externalUserId, long repId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Several first messages of one user arrive together: one insert wins, the others change nothing.
        var linkedAt = db.Instant(at);
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "ChatIdentities" ("Channel", "TenantId", "ExternalUserId", "RepId", "LinkedAt")
            VALUES ({channel}, {tenantId}, {externalUserId}, {repId}, {linkedAt})
            ON CONFLICT ("Channel", "TenantId", "ExternalUserId") DO NOTHING
            """, cancellationToken);
        if (inserted == 0)
        {
            // Already linked: an admin re-linking moves it to the new rep.
            await db.ChatIdentities.Where(i => i.Channel == channel && i.TenantId == tenantId && i.ExternalUserId == externalUserId && i.RepId != repId)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.RepId, repId).SetProperty(i => i.LinkedAt, at), cancellationToken);
        }
    }
}
