using AeBot.Core.Channels;
using AeBot.Core.Organization;
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
        var existing = await db.ChatIdentities.FirstOrDefaultAsync(i => i.Channel == channel && i.TenantId == tenantId && i.ExternalUserId == externalUserId, cancellationToken);
        if (existing is null)
            db.ChatIdentities.Add(new ChatIdentity { Channel = channel, TenantId = tenantId, ExternalUserId = externalUserId, RepId = repId, LinkedAt = at });
        else if (existing.RepId != repId)
        {
            existing.RepId = repId;
            existing.LinkedAt = at;
        }
        else
            return;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // linked by a concurrent turn: the link exists either way
        }
    }
}
