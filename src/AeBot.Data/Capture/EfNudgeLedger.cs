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
    public async Task<bool> RecordAsync(NudgeRecord record, IReadOnlyCollection<long> foldsIn, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await ClaimAsync(record, cancellationToken))
            return false;
        if (record.Message is not null)
            await messenger.SendAsync(record.Message, cancellationToken);
        if (foldsIn.Count > 0)
        {
            var shownOn = record.Key.DueDate;
            await db.NudgeLedger.Where(n => foldsIn.Contains(n.Id) && n.FoldedInto == null)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.FoldedInto, shownOn), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<NudgeRecord>> RecordManyAsync(IReadOnlyList<NudgeRecord> records, CancellationToken cancellationToken)
    {
        var fresh = new List<NudgeRecord>(records.Count);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var record in records)
        {
            if (!await ClaimAsync(record, cancellationToken))
                continue;
            fresh.Add(record);
            if (record.Message is not null)
                db.Outbox.Add(OutboxMessenger.Row(record.Message, now));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return fresh;
    }

    private async Task<bool> ClaimAsync(NudgeRecord record, CancellationToken cancellationToken)
    {
        var (key, note) = (record.Key, record.Note);
        var at = db.Instant(clock.GetUtcNow());
        return await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "NudgeLedger" ("Rule", "Subject", "DueDate", "RecipientRepId", "Sent", "RecordedAt", "LocalDate", "Title", "Why", "Folded")
            VALUES ({key.Rule}, {key.Subject}, {key.DueDate}, {key.RecipientRepId}, {record.Message is not null}, {at},
                    {note?.LocalDate}, {Clip(note?.Title, 300)}, {Clip(note?.Why, 500)}, {note?.Folded ?? false})
            ON CONFLICT ("Rule", "Subject", "DueDate", "RecipientRepId") DO NOTHING
            """, cancellationToken) == 1;
    }

    private static string? Clip(string? text, int max) => text is { Length: var n } && n > max ? text[..(max - 1)] + "…" : text;

    public async Task<IReadOnlyList<NudgeRecipient>> RecipientsAsync(CancellationToken cancellationToken) =>
        await db.Reps.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Id)
            .Select(r => new NudgeRecipient(r.Id, r.TimeZoneId, r.Role, new AeBot.Core.Text.LanguageChoice(r.Language, r.Locale, r.BuddhistEra))).ToListAsync(cancellationToken);

    public async Task<IReadOnlySet<(long RepId, DateOnly Date)>> RecordedAsync(string rule, IReadOnlyCollection<DateOnly> dates, CancellationToken cancellationToken)
    {
        var rows = await db.NudgeLedger.AsNoTracking().Where(n => n.Rule == rule && dates.Contains(n.DueDate))
            .Select(n => new { n.RecipientRepId, n.DueDate }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.RecipientRepId, r.DueDate)).ToHashSet();
    }

    public async Task<IReadOnlySet<NudgeKey>> ExistingAsync(IReadOnlyCollection<NudgeKey> keys, CancellationToken cancellationToken)
    {
        var found = new HashSet<NudgeKey>();
        // Per rule, one range read over the (Rule, DueDate) index: a few queries for any number of keys.
        foreach (var group in keys.GroupBy(k => k.Rule))
        {
            var (rule, from, to) = (group.Key, group.Min(k => k.DueDate), group.Max(k => k.DueDate));
            var wanted = group.ToHashSet();
            var rows = await db.NudgeLedger.AsNoTracking().Where(n => n.Rule == rule && n.DueDate >= from && n.DueDate <= to)
                .Select(n => new { n.Subject, n.DueDate, n.RecipientRepId }).ToListAsync(cancellationToken);
            foreach (var r in rows)
            {
                var key = new NudgeKey(rule, r.Subject, r.DueDate, r.RecipientRepId);
                if (wanted.Contains(key))
                    found.Add(key);
            }
        }
        return found;
    }

    public async Task<IReadOnlyDictionary<(long RepId, DateOnly Date), int>> SentOnAsync(IReadOnlyCollection<DateOnly> localDates, CancellationToken cancellationToken)
    {
        var rules = NudgeRules.Unscheduled.ToList();
        var rows = await db.NudgeLedger.AsNoTracking()
            .Where(n => n.LocalDate != null && localDates.Contains(n.LocalDate.Value) && n.Sent && rules.Contains(n.Rule))
            .GroupBy(n => new { n.RecipientRepId, n.LocalDate })
            .Select(g => new { g.Key.RecipientRepId, g.Key.LocalDate, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => (r.RecipientRepId, r.LocalDate!.Value), r => r.Count);
    }

    public async Task<IReadOnlyList<FoldedNudge>> FoldedAsync(long repId, CancellationToken cancellationToken) =>
        await db.NudgeLedger.AsNoTracking().Where(n => n.RecipientRepId == repId && n.Folded && n.FoldedInto == null)
            .OrderBy(n => n.Id).Take(200)
            .Select(n => new FoldedNudge(n.Id, new NudgeKey(n.Rule, n.Subject, n.DueDate, n.RecipientRepId), n.Title ?? n.Rule, n.Why ?? ""))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<SnoozedNudge>> SnoozeEndedAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.NudgeLedger.AsNoTracking().Where(n => n.SnoozedUntil != null && n.SnoozedUntil <= now && n.ResurfacedAt == null)
            .OrderBy(n => n.SnoozedUntil).Take(10_000)
            .Select(n => new SnoozedNudge(n.Id, new NudgeKey(n.Rule, n.Subject, n.DueDate, n.RecipientRepId), n.Title ?? n.Rule, n.Why ?? "",
                n.SnoozedAt ?? n.RecordedAt, n.SnoozedUntil!.Value, n.SnoozeReason))
            .ToListAsync(cancellationToken);

    public async Task MarkResurfacedAsync(long id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.NudgeLedger.Where(n => n.Id == id).ExecuteUpdateAsync(u => u.SetProperty(n => n.ResurfacedAt, now), cancellationToken);
    }

    public async Task<FoldedNudge?> ActAsync(long repId, NudgeKey key, NudgeAction action, DateTimeOffset? snoozeUntil, CancellationToken cancellationToken)
    {
        var row = await db.NudgeLedger.FirstOrDefaultAsync(n => n.Rule == key.Rule && n.Subject == key.Subject && n.DueDate == key.DueDate
            && n.RecipientRepId == repId && (n.Sent || n.Folded), cancellationToken);
        if (row is null)
            return null;
        var now = clock.GetUtcNow();
        row.Action = action switch
        {
            NudgeAction.Done => "done",
            NudgeAction.Snoozed => "snoozed",
            NudgeAction.Logged => "logged",
            NudgeAction.PushedDate => "pushed",
            _ => "opened",
        };
        row.ActedAt ??= now;
        if (action == NudgeAction.Snoozed)
            (row.SnoozedAt, row.SnoozedUntil, row.SnoozeReason, row.ResurfacedAt) = (now, snoozeUntil, null, null);
        else if (action == NudgeAction.Done)
            (row.SnoozedUntil, row.ResurfacedAt) = (null, null); // done: a pending snooze no longer brings it back
        await db.SaveChangesAsync(cancellationToken);
        return new FoldedNudge(row.Id, key, row.Title ?? row.Rule, row.Why ?? "");
    }

    public async Task<bool> SnoozeReasonAsync(long repId, NudgeKey key, string reason, CancellationToken cancellationToken) =>
        await db.NudgeLedger.Where(n => n.Rule == key.Rule && n.Subject == key.Subject && n.DueDate == key.DueDate && n.RecipientRepId == repId && n.SnoozedAt != null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.SnoozeReason, reason.Length > 200 ? reason[..200] : reason), cancellationToken) == 1;

    public async Task<IReadOnlyList<NudgeRuleStats>> StatsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var rows = await db.NudgeLedger.AsNoTracking().Where(n => n.RecordedAt >= since)
            .GroupBy(n => n.Rule)
            .Select(g => new
            {
                Rule = g.Key,
                Sent = g.Sum(n => n.Sent ? 1 : 0),
                Folded = g.Sum(n => n.Folded ? 1 : 0),
                Acted = g.Sum(n => n.Action != null && n.Action != "snoozed" ? 1 : 0),
                Snoozed = g.Sum(n => n.SnoozedAt != null ? 1 : 0),
                Skipped = g.Sum(n => !n.Sent && !n.Folded ? 1 : 0),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new NudgeRuleStats(r.Rule, r.Sent, r.Folded, r.Acted, r.Snoozed, r.Skipped)).OrderBy(r => r.Rule, StringComparer.Ordinal).ToList();
    }
}
