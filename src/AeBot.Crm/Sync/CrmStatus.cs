using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Crm.Sync;

/// <summary>What <c>aebot crm status</c> shows: the cursors, the last runs and the write-backs not yet settled.</summary>
public sealed class CrmStatus(AeBotDbContext db)
{
    public sealed record Cursor(string ObjectType, DateTimeOffset? Since, long? Position);
    public sealed record Run(DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, bool Full, string Outcome, string? Counts, string? Error);
    public sealed record WriteBack(long Id, long BotChangeId, string Kind, string State, int Attempts, DateTimeOffset? NextAttemptAt, string? LastError);
    public sealed record Snapshot(string Provider, IReadOnlyList<Cursor> Cursors, IReadOnlyList<Run> Runs, Run? LastSuccess,
        IReadOnlyList<WriteBack> Unsettled, int Sent, int Failed);

    public async Task<Snapshot> ReadAsync(string provider, CancellationToken ct)
    {
        var cursors = await db.CrmCursors.AsNoTracking().Where(c => c.Provider == provider && c.ObjectType != "lease")
            .OrderBy(c => c.Id).Select(c => new Cursor(c.ObjectType, c.Since, c.Position)).ToListAsync(ct);
        var runs = (await db.CrmSyncRuns.AsNoTracking().Where(r => r.Provider == provider).OrderByDescending(r => r.Id).Take(5)
            .Select(r => new Run(r.StartedAt, r.FinishedAt, r.Full, r.Outcome, r.Counts, r.Error)).ToListAsync(ct));
        var lastSuccess = await db.CrmSyncRuns.AsNoTracking().Succeeded(provider)
            .OrderByDescending(r => r.Id).Select(r => new Run(r.StartedAt, r.FinishedAt, r.Full, r.Outcome, r.Counts, r.Error)).FirstOrDefaultAsync(ct);
        var unsettled = await db.CrmWriteBacks.AsNoTracking()
            .Where(w => w.Provider == provider && (w.State == CrmWriteBacks.Pending || w.State == CrmWriteBacks.Conflict))
            .OrderBy(w => w.Id).Take(50)
            .Select(w => new WriteBack(w.Id, w.BotChangeId, w.Kind, w.State, w.Attempts, w.NextAttemptAt, w.LastError)).ToListAsync(ct);
        var sent = await db.CrmWriteBacks.CountAsync(w => w.Provider == provider && w.State == CrmWriteBacks.Sent, ct);
        var failed = await db.CrmWriteBacks.CountAsync(w => w.Provider == provider && w.State == CrmWriteBacks.Failed, ct);
        return new Snapshot(provider, cursors, runs, lastSuccess, unsettled, sent, failed);
    }
}
