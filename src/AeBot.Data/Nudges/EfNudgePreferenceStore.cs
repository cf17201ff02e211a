using AeBot.Core.Nudges;
using AeBot.Data.Capture;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Nudges;

internal sealed class EfNudgePreferenceStore(AeBotDbContext db, TimeProvider clock) : INudgePreferenceStore
{
    public async Task<NudgePreferences> GetAsync(long repId, CancellationToken cancellationToken)
    {
        var row = await db.NudgePreferences.AsNoTracking().FirstOrDefaultAsync(p => p.RepId == repId, cancellationToken);
        var mutes = await MutesAsync(db.NudgeMutes.AsNoTracking().Where(m => m.RepId == repId), cancellationToken);
        return Build(row, mutes.Select(m => m.Mute).ToList());
    }

    public async Task<IReadOnlyDictionary<long, NudgePreferences>> AllAsync(CancellationToken cancellationToken)
    {
        var rows = await db.NudgePreferences.AsNoTracking().ToDictionaryAsync(p => p.RepId, cancellationToken);
        var mutes = (await MutesAsync(db.NudgeMutes.AsNoTracking(), cancellationToken)).ToLookup(m => m.RepId, m => m.Mute);
        return rows.Keys.Union(mutes.Select(g => g.Key))
            .ToDictionary(id => id, id => Build(rows.GetValueOrDefault(id), mutes[id].ToList()));
    }

    private async Task<List<(long RepId, NudgeMute Mute)>> MutesAsync(IQueryable<NudgeMuteRow> rows, CancellationToken cancellationToken) =>
        (await rows.OrderBy(m => m.Id)
            .Select(m => new { m.RepId, m.Category, m.AccountId, Name = db.Accounts.Where(a => a.Id == m.AccountId).Select(a => a.Name).FirstOrDefault() })
            .ToListAsync(cancellationToken))
        .Select(m => (m.RepId, new NudgeMute(m.Category, m.AccountId == 0 ? null : m.AccountId, m.Name))).ToList();

    private static NudgePreferences Build(NudgePreferenceRow? row, IReadOnlyList<NudgeMute> mutes) =>
        new(row?.DigestTime, row?.DailyCap, row?.QuietStart, row?.QuietEnd, mutes);

    public async Task SaveAsync(long repId, TimeOnly? digestTime, int? dailyCap, TimeOnly? quietStart, TimeOnly? quietEnd, CancellationToken cancellationToken)
    {
        var row = await db.NudgePreferences.FirstOrDefaultAsync(p => p.RepId == repId, cancellationToken);
        if (row is null)
            db.NudgePreferences.Add(row = new NudgePreferenceRow { RepId = repId });
        (row.DigestTime, row.DailyCap, row.QuietStart, row.QuietEnd, row.UpdatedAt) = (digestTime, dailyCap, quietStart, quietEnd, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> MuteAsync(long repId, string category, long? accountId, CancellationToken cancellationToken)
    {
        var account = accountId ?? 0;
        var at = db.Instant(clock.GetUtcNow());
        return await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "NudgeMutes" ("RepId", "Category", "AccountId", "CreatedAt") VALUES ({repId}, {category}, {account}, {at})
            ON CONFLICT ("RepId", "Category", "AccountId") DO NOTHING
            """, cancellationToken) == 1;
    }

    public async Task<bool> UnmuteAsync(long repId, string category, long? accountId, CancellationToken cancellationToken)
    {
        var account = accountId ?? 0;
        return await db.NudgeMutes.Where(m => m.RepId == repId && m.Category == category && m.AccountId == account).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
