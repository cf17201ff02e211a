using AeBot.Core.Channels;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Channels;

internal sealed class EfChannelAddressBook(AeBotDbContext db) : IChannelAddressBook
{
    public async Task<ChannelAddress?> FindAsync(long repId, string channel, CancellationToken cancellationToken)
    {
        var row = await db.ChannelAddresses.AsNoTracking().FirstOrDefaultAsync(a => a.RepId == repId && a.Channel == channel, cancellationToken);
        return row is null ? null : ToAddress(row);
    }

    public async Task<IReadOnlyList<ChannelAddress>> ForRepAsync(long repId, CancellationToken cancellationToken)
    {
        var rows = await db.ChannelAddresses.AsNoTracking().Where(a => a.RepId == repId).ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.UpdatedAt).Select(ToAddress).ToList();
    }

    public async Task SaveAsync(ChannelAddress address, CancellationToken cancellationToken)
    {
        // Two first messages of one rep may race (two instances); the unique index lets one insert, the other updates.
        for (var attempt = 0; ; attempt++)
        {
            var row = await db.ChannelAddresses.FirstOrDefaultAsync(a => a.RepId == address.RepId && a.Channel == address.Channel, cancellationToken);
            if (row is not null && address.ConversationId is null)
                return; // a channel sighting: the known address (and whether it is reachable) stays as it is
            if (row is null)
            {
                row = new ChannelAddressRow { RepId = address.RepId, Channel = address.Channel, TenantId = address.TenantId, UserId = address.UserId };
                db.ChannelAddresses.Add(row);
            }
            else if (row.TenantId == address.TenantId && row.UserId == address.UserId && row.ConversationId == address.ConversationId
                     && row.ServiceUrl == address.ServiceUrl && row.BotId == address.BotId && row.UnreachableSince is null
                     && address.UpdatedAt - row.UpdatedAt < TimeSpan.FromHours(1))
            {
                return; // nothing new: spare the write on every message
            }
            row.TenantId = address.TenantId;
            row.UserId = address.UserId;
            row.ConversationId = address.ConversationId;
            row.ServiceUrl = address.ServiceUrl;
            row.BotId = address.BotId;
            row.UpdatedAt = address.UpdatedAt;
            row.UnreachableSince = null;
            row.UnreachableReason = null;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                // Messages that waited for a way to reach this person go out with the next outbox sweep.
                var waiting = OutboxDelivery.WaitingForChannel + "%";
                await db.Outbox
                    .Where(m => m.ToRepId == address.RepId && m.DeliveredAt == null && m.FailedAt == null && m.LastError != null && EF.Functions.Like(m.LastError, waiting))
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, address.UpdatedAt), cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task MarkUnreachableAsync(long repId, string channel, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var row = await db.ChannelAddresses.FirstOrDefaultAsync(a => a.RepId == repId && a.Channel == channel, cancellationToken);
        if (row is null || row.UnreachableSince is not null)
            return;
        row.UnreachableSince = at;
        row.UnreachableReason = reason.Length > 200 ? reason[..200] : reason;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static ChannelAddress ToAddress(ChannelAddressRow r) =>
        new(r.RepId, r.Channel, r.TenantId, r.UserId, r.ConversationId, r.ServiceUrl, r.BotId, r.UpdatedAt, r.UnreachableSince, r.UnreachableReason);
}
