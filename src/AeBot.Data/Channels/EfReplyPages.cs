using System.Security.Cryptography;
using AeBot.Core.Channels;
using AeBot.Core.Conversation;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Channels;

internal sealed class EfReplyPages(AeBotDbContext db) : IReplyPages
{
    public async Task<string> SaveAsync(long repId, Reply rest, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        // Unguessable: the id travels in a button, and a page is only ever shown to the rep it was made for anyway.
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        db.ReplyPages.Add(new ReplyPageRow { Id = id, RepId = repId, Reply = ReplySerializer.Serialize(rest), ExpiresAt = expiresAt });
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    public async Task<Reply?> FindAsync(string id, long repId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.ReplyPages.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.RepId == repId, cancellationToken);
        return row is null || row.ExpiresAt <= now ? null : ReplySerializer.Deserialize(row.Reply);
    }
}
