using AeBot.Core.Audit;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Conversations;

internal sealed class EfAuditLog(AeBotDbContext db) : IAuditLog
{
    public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        db.AuditEntries.Add(new AuditEntryRow
        {
            At = record.At, RepId = record.RepId, Channel = record.Channel, ConversationId = Cut(record.ConversationId, 200), Text = Cut(record.Text, 4_100),
            Intent = Cut(record.Intent, 50), Entities = Cut(record.Entities, 2_000), ReplySummary = Cut(record.ReplySummary, 500),
            LatencyMs = record.LatencyMs, Outcome = record.Outcome,
        });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    public async Task<IReadOnlyList<(AuditRecord Record, string RepName)>> SinceAsync(DateTimeOffset since, long? repId, int take, CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking().Where(a => a.At >= since);
        if (repId is { } id)
            query = query.Where(a => a.RepId == id);
        var rows = await query.OrderBy(a => a.At).ThenBy(a => a.Id).Take(take)
            .Join(db.Reps, a => a.RepId, r => r.Id, (a, r) => new { a, r.Name })
            .ToListAsync(cancellationToken);
        return rows.Select(x => (new AuditRecord(x.a.At, x.a.RepId, x.a.Channel, x.a.ConversationId, x.a.Text, x.a.Intent, x.a.Entities, x.a.ReplySummary, x.a.LatencyMs, x.a.Outcome), x.Name)).ToList();
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
