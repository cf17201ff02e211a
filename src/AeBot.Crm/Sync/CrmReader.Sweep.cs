using AeBot.Crm.Sources;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Crm.Sync;

internal sealed partial class CrmReader
{
    /// <summary>
    /// After a full read of <paramref name="type"/> that went to its end: the records linked earlier that it did not
    /// return — deleted longer ago than the CRM keeps deletions, or while AeBot was not syncing — go the way a deletion
    /// read from the CRM takes them, counted as swept. Every record a full read returns is linked again with this
    /// run's time (CrmLinks.Link), so the rows left with an older one were not returned; records it returned but
    /// skipped as malformed (<paramref name="skipped"/>) still exist and stay. Not returned is not yet gone — a record
    /// changed while the run read, one the CRM leaves out of its lists — so only what <paramref name="confirmGone"/>
    /// (the CRM) confirms is removed.
    /// </summary>
    public async Task SweepAsync(
        CrmObject type, IReadOnlySet<string> skipped, Func<IReadOnlyList<string>, Task<IReadOnlyCollection<string>>> confirmGone, CancellationToken ct)
    {
        // This run's own link times are never below it, even where the database keeps fewer digits (PostgreSQL: µs).
        var cutoff = now.AddMilliseconds(-1);
        var types = LinkTypes(type).ToList();
        var unread = await db.CrmRecords.AsNoTracking()
            .Where(r => r.Provider == links.Provider && types.Contains(r.ObjectType) && r.DeletedAt == null && r.SyncedAt < cutoff)
            .Select(r => r.CrmId).ToListAsync(ct);
        var candidates = unread.Where(id => !skipped.Contains(id)).Distinct().ToList();
        if (candidates.Count == 0)
            return;
        foreach (var id in await confirmGone(candidates))
            await RemoveAsync(new CrmDeletion(type, id, now), swept: true, ct);
    }
}
