using AeBot.Data.Crm;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Crm.Sync;

/// <summary>
/// The CRM id ↔ local row links of one provider, read a page at a time and remembered for the run: the references a
/// page makes (a deal's owner, company, product) are looked up once per run, not once per record.
/// </summary>
internal sealed class CrmLinks(AeBotDbContext db, string provider)
{
    public const string Users = "users", Products = "products", Companies = "companies", Contacts = "contacts", Deals = "deals",
        Activities = "activities", Tasks = "tasks",
        // A reminder's CRM task (LocalId: the reminder): the rep's own, never read back as a follow-up.
        Reminders = "reminders",
        // A deal's line item (LocalId: the deal): how a line item deleted later is traced back to its deal.
        LineItems = "line_items";

    private readonly Dictionary<string, Dictionary<string, long>> _known = [];

    /// <summary>Ids remembered per type before the memory is dropped and refilled page by page: a sync of any size stays flat.</summary>
    private const int MaxKnown = 20_000;

    private Dictionary<string, long> Known(string type) =>
        _known.TryGetValue(type, out var map) ? map : _known[type] = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>At the start of a page's look-up only (never between a look-up and its use).</summary>
    private void Trim(string type)
    {
        if (_known.TryGetValue(type, out var map) && map.Count > MaxKnown)
            map.Clear();
    }

    public string Provider => provider;

    /// <summary>The link rows of these CRM ids (tracked, for updating), by CRM id.</summary>
    public async Task<Dictionary<string, CrmRecordRow>> RowsAsync(string type, IReadOnlyCollection<string> crmIds, CancellationToken ct)
    {
        Trim(type);
        var rows = new Dictionary<string, CrmRecordRow>(StringComparer.Ordinal);
        foreach (var chunk in crmIds.Distinct().Chunk(500))
        {
            var found = await db.CrmRecords.Where(r => r.Provider == provider && r.ObjectType == type && chunk.Contains(r.CrmId)).ToListAsync(ct);
            foreach (var row in found)
            {
                rows[row.CrmId] = row;
                Known(type)[row.CrmId] = row.LocalId;
            }
        }
        return rows;
    }

    /// <summary>Makes sure the local ids of these CRM ids are known (one query for those not yet seen this run).</summary>
    public async Task PreloadAsync(string type, IEnumerable<string?> crmIds, CancellationToken ct)
    {
        Trim(type);
        var known = Known(type);
        var missing = crmIds.Where(id => id is not null && !known.ContainsKey(id)).Select(id => id!).Distinct().ToList();
        foreach (var chunk in missing.Chunk(500))
        {
            var found = await db.CrmRecords.AsNoTracking()
                .Where(r => r.Provider == provider && r.ObjectType == type && chunk.Contains(r.CrmId) && r.DeletedAt == null)
                .Select(r => new { r.CrmId, r.LocalId }).ToListAsync(ct);
            foreach (var f in found)
                known[f.CrmId] = f.LocalId;
            foreach (var id in chunk.Except(found.Select(f => f.CrmId)))
                known[id] = 0; // looked for, not there (0 is never a row id)
        }
    }

    /// <summary>The local id of a CRM record, if it has been synced (call <see cref="PreloadAsync"/> first).</summary>
    public long? Local(string type, string? crmId) =>
        crmId is not null && Known(type).TryGetValue(crmId, out var id) && id != 0 ? id : null;

    public void Remember(string type, string crmId, long localId) => Known(type)[crmId] = localId;

    /// <summary>
    /// Links a CRM record to its local row: <paramref name="row"/> (tracked) brought up to date, or a new link added;
    /// the reads and the write-backs both link through here. Saved with the caller's next save.
    /// </summary>
    public CrmRecordRow Link(CrmRecordRow? row, string type, string crmId, long localId, DateTimeOffset modifiedAt, DateTimeOffset now)
    {
        if (row is null)
        {
            row = new CrmRecordRow { Provider = provider, ObjectType = type, CrmId = crmId };
            db.CrmRecords.Add(row);
        }
        row.LocalId = localId;
        row.ModifiedAt = modifiedAt;
        row.SyncedAt = now;
        row.DeletedAt = null;
        Remember(type, crmId, localId);
        return row;
    }

    public void Forget(string type, string crmId) => Known(type)[crmId] = 0;

    /// <summary>The CRM id of a local row (for write-backs), or null when it never came from (or went to) the CRM.</summary>
    public async Task<string?> CrmIdAsync(string type, long? localId, CancellationToken ct) =>
        localId is null ? null : await db.CrmRecords.AsNoTracking()
            .Where(r => r.Provider == provider && r.ObjectType == type && r.LocalId == localId && r.DeletedAt == null)
            .Select(r => r.CrmId).FirstOrDefaultAsync(ct);
}
