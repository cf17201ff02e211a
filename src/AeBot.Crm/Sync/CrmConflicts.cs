using System.Text.Json;
using AeBot.Core.Crm;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AeBot.Crm.Sync;

/// <summary>
/// The rep's answer to a conflicting write-back. Keep: the CRM's value stands (it is already in AeBot since the sync
/// that found the conflict) and the change is dropped. Set: the change goes out at the next sync, over the CRM's value.
/// </summary>
internal sealed class CrmConflicts(AeBotDbContext db, IOptions<CrmOptions> options, TimeProvider clock) : ICrmConflicts
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<CrmConflictAnswer?> ResolveAsync(long repId, long writeBackId, bool setMine, CancellationToken cancellationToken)
    {
        var row = await db.CrmWriteBacks.FirstOrDefaultAsync(w => w.Id == writeBackId && w.RepId == repId && w.State == CrmWriteBacks.Conflict, cancellationToken);
        if (row is null)
            return null;
        var payload = JsonSerializer.Deserialize<WriteBackPayload>(row.Payload, Json) ?? new WriteBackPayload();
        var provider = row.Provider;
        var minutes = options.Value.SyncMinutes;
        if (setMine)
        {
            foreach (var field in payload.Conflicts?.Keys ?? Enumerable.Empty<string>())
                payload.Forced.Add(field);
            payload.Conflicts = null;
            row.State = CrmWriteBacks.Pending;
            row.NextAttemptAt = null;
            row.Payload = JsonSerializer.Serialize(payload, Json);
            await db.SaveChangesAsync(cancellationToken);
            return new CrmConflictAnswer(provider, SetMine: true, RestGoesOut: true, minutes);
        }
        // Keep: the conflicting fields are dropped; the rest of the change (fields the CRM did not touch) still goes.
        foreach (var field in payload.Conflicts?.Keys ?? Enumerable.Empty<string>())
            payload.Fields.Remove(field);
        payload.Conflicts = null;
        row.Payload = JsonSerializer.Serialize(payload, Json);
        if (payload.Fields.Count > 0)
        {
            row.State = CrmWriteBacks.Pending;
            row.NextAttemptAt = null;
        }
        else
        {
            row.State = CrmWriteBacks.Dropped;
            row.SettledAt = clock.GetUtcNow();
        }
        await db.SaveChangesAsync(cancellationToken);
        return new CrmConflictAnswer(provider, SetMine: false, RestGoesOut: payload.Fields.Count > 0, minutes);
    }
}
