using AeBot.Core.Crm;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AeBot.Crm.Sync;

/// <summary>
/// Stale when the last finished sync had its credentials refused, or when no sync has worked for three intervals
/// (the CRM unreachable for a while). Read at most every 30 seconds: every answer asks.
/// </summary>
internal sealed class CrmFreshness(AeBotDbContext db, IMemoryCache cache, IOptions<CrmOptions> options, TimeProvider clock) : IDataFreshness
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task<StaleData?> StaleAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue("crm-freshness", out StaleData? known))
            return known;
        var o = options.Value;
        var provider = o.Kind!.Value.ToString();
        var last = await db.CrmSyncRuns.AsNoTracking().Where(r => r.Provider == provider && r.FinishedAt != null && r.Outcome != "busy")
            .OrderByDescending(r => r.Id).Select(r => new { r.Outcome, r.FinishedAt }).FirstOrDefaultAsync(cancellationToken);
        StaleData? stale = null;
        if (last is not null && last.Outcome is "auth" or "failed")
        {
            var success = await db.CrmSyncRuns.AsNoTracking().Succeeded(provider)
                .OrderByDescending(r => r.Id).Select(r => r.FinishedAt).FirstOrDefaultAsync(cancellationToken);
            var tooLong = success is null || clock.GetUtcNow() - success.Value > TimeSpan.FromMinutes(3 * o.SyncMinutes);
            if (last.Outcome == "auth")
                stale = new StaleData(provider, success, $"{provider} refused AeBot's credentials");
            else if (tooLong)
                stale = new StaleData(provider, success, $"{provider} has not answered AeBot's sync");
        }
        cache.Set("crm-freshness", stale, CacheFor);
        return stale;
    }
}
