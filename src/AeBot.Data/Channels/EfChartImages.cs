using System.Security.Cryptography;
using AeBot.Core.Channels;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Channels;

internal sealed class EfChartImages(AeBotDbContext db) : IChartImages
{
    public async Task<string> SaveAsync(byte[] png, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        db.ChartImages.Add(new ChartImageRow { Id = id, Png = png, ExpiresAt = expiresAt });
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    public async Task<byte[]?> FindAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.ChartImages.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        return row is null || row.ExpiresAt <= now ? null : row.Png;
    }
}
