using AeBot.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Storage;

internal sealed class EfRepDirectory(AeBotDbContext db) : IRepDirectory
{
    public async Task<Rep?> FindAsync(string emailOrName, CancellationToken cancellationToken)
    {
        var value = emailOrName.Trim();
        if (value.Length == 0)
            return null;
        if (value.Contains('@'))
        {
            var email = value.ToLowerInvariant();
            return await db.Reps.AsNoTracking().FirstOrDefaultAsync(r => r.Email == email, cancellationToken);
        }
        var lower = value.ToLowerInvariant();
        var matches = await db.Reps.AsNoTracking().Where(r => r.Name.ToLower() == lower).OrderBy(r => r.Id).Take(2).ToListAsync(cancellationToken);
        return matches.Count == 1 ? matches[0] : null;
    }

    public Task<Rep?> FindByIdAsync(long id, CancellationToken cancellationToken) =>
        db.Reps.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.IsActive, cancellationToken);

    public async Task<IReadOnlyList<Rep>> SampleAsync(int count, CancellationToken cancellationToken) =>
        await db.Reps.AsNoTracking().Where(r => r.IsActive && r.Email != null).OrderBy(r => r.Role).ThenBy(r => r.Name).Take(count).ToListAsync(cancellationToken);
}
