using AeBot.Core.Handoff;
using AeBot.Core.Nudges;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Capture;

/// <summary>
/// The key is claimed with <c>INSERT … ON CONFLICT DO NOTHING</c> (one statement, the unique index decides between
/// concurrent writers on SQLite and PostgreSQL alike) and the message goes to the outbox in the same transaction.
/// </summary>
internal sealed class EfNudgeLedger(AeBotDbContext db, IProactiveMessenger messenger, TimeProvider clock) : INudgeLedger
{
    public async Task<bool> RecordAsync(NudgeKey key, ProactiveMessage? message, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var at = db.Instant(clock.GetUtcNow());
        var claimed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "NudgeLedger" ("Rule", "Subject", "DueDate", "RecipientRepId", "Sent", "RecordedAt")
            VALUES ({key.Rule}, {key.Subject}, {key.DueDate}, {key.RecipientRepId}, {message is not null}, {at})
            ON CONFLICT ("Rule", "Subject", "DueDate", "RecipientRepId") DO NOTHING
            """, cancellationToken);
        if (claimed == 0)
            return false;
        if (message is not null)
            await messenger.SendAsync(message, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<NudgeRecipient>> RecipientsAsync(CancellationToken cancellationToken) =>
        await db.Reps.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Id)
            .Select(r => new NudgeRecipient(r.Id, r.TimeZoneId)).ToListAsync(cancellationToken);

    public async Task<IReadOnlySet<(long RepId, DateOnly Date)>> RecordedAsync(string rule, IReadOnlyCollection<DateOnly> dates, CancellationToken cancellationToken)
    {
        var rows = await db.NudgeLedger.AsNoTracking().Where(n => n.Rule == rule && dates.Contains(n.DueDate))
            .Select(n => new { n.RecipientRepId, n.DueDate }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.RecipientRepId, r.DueDate)).ToHashSet();
    }
}
