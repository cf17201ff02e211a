using System.Data.Common;
using AeBot.Core.Channels;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AeBot.Data.Channels;

/// <summary>
/// The worker's half of the inbound queue. Claim and complete are plain prepared statements rather than LINQ: under
/// a burst the worker runs them hundreds of times a second beside the front door, and EF's query pipeline was a
/// measurable share of the process's time (docs/performance.md).
/// </summary>
internal sealed class EfInboundQueue(AeBotDbContext db) : IInboundQueue
{
    public async Task<IReadOnlyList<InboundItem>> ClaimAsync(IReadOnlyCollection<string> channels, int max, DateTimeOffset now, TimeSpan lease, string claimer, CancellationToken cancellationToken)
    {
        if (channels.Count == 0 || max <= 0)
            return [];
        // One statement claims the items and returns them: on PostgreSQL a concurrent claimer re-checks each locked
        // row and skips it, on SQLite the statement runs alone; either way each row goes to one worker. Only a
        // conversation's oldest unsettled item qualifies — while it runs, waits for a retry or sits leased by
        // another instance, the conversation's later items wait: order per conversation, across instances.
        var names = string.Join(", ", channels.Select((_, i) => $"@c{i}"));
        await using var command = await CommandAsync($"""
            UPDATE "InboundQueue" SET "NextAttemptAt" = @until, "Attempts" = "Attempts" + 1, "ClaimedBy" = @claimer
            WHERE "Id" IN (
                SELECT q."Id" FROM "InboundQueue" q
                WHERE q."Channel" IN ({names}) AND q."ProcessedAt" IS NULL AND q."FailedAt" IS NULL
                  AND (q."NextAttemptAt" IS NULL OR q."NextAttemptAt" <= @at)
                  AND NOT EXISTS (
                      SELECT 1 FROM "InboundQueue" p
                      WHERE p."Channel" = q."Channel" AND p."Conversation" = q."Conversation" AND p."Id" < q."Id"
                        AND p."ProcessedAt" IS NULL AND p."FailedAt" IS NULL)
                ORDER BY q."Id" LIMIT @max)
              AND "ProcessedAt" IS NULL AND "FailedAt" IS NULL AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= @at)
            RETURNING "Id", "Channel", "Kind", "Body", "ReceivedAt", "Attempts", "Conversation", "Answer"
            """, cancellationToken);
        var i = 0;
        foreach (var channel in channels)
            command.AddParameter($"@c{i++}", channel);
        command.AddParameter("@until", db.Instant(now + lease));
        command.AddParameter("@at", db.Instant(now));
        command.AddParameter("@max", max);
        command.AddParameter("@claimer", claimer);
        var items = new List<InboundItem>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                items.Add(new InboundItem(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), db.ReadInstant(reader, 4), reader.GetInt32(5))
                {
                    Conversation = reader.GetString(6),
                    Answer = reader.IsDBNull(7) ? null : reader.GetString(7),
                    ClaimedBy = claimer,
                });
        }
        items.Sort((a, b) => a.Id.CompareTo(b.Id)); // RETURNING promises no order; the engine goes oldest first
        return items;
    }

    public async Task<int> GiveUpExhaustedAsync(int maxAttempts, DateTimeOffset now, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync("""
            UPDATE "InboundQueue" SET "FailedAt" = @at, "ClaimedBy" = NULL,
                "LastError" = 'given up: every attempt ended without being settled (its process died or was killed)'
            WHERE "ProcessedAt" IS NULL AND "FailedAt" IS NULL AND "Attempts" >= @max AND "NextAttemptAt" <= @now
            """, cancellationToken);
        command.AddParameter("@at", db.Instant(at));
        command.AddParameter("@max", maxAttempts);
        command.AddParameter("@now", db.Instant(now));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<long>> RenewAsync(IReadOnlyCollection<long> ids, string claimer, DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
            return [];
        // The ids are the engine's own numbers, written inline; at most its parallelism of them.
        await using var command = await CommandAsync($"""
            UPDATE "InboundQueue" SET "NextAttemptAt" = @until
            WHERE "Id" IN ({string.Join(',', ids)}) AND "ClaimedBy" = @claimer AND "ProcessedAt" IS NULL AND "FailedAt" IS NULL
            RETURNING "Id"
            """, cancellationToken);
        command.AddParameter("@until", db.Instant(until));
        command.AddParameter("@claimer", claimer);
        var renewed = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            renewed.Add(reader.GetInt64(0));
        return renewed;
    }

    public Task SaveAnswerAsync(InboundItem item, string answer, CancellationToken cancellationToken) =>
        Owned(item).ExecuteUpdateAsync(u => u.SetProperty(q => q.Answer, answer), cancellationToken);

    public Task DeferAsync(InboundItem item, string reason, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var message = reason.Length > 500 ? reason[..500] : reason;
        return Owned(item).ExecuteUpdateAsync(u => u
            .SetProperty(q => q.NextAttemptAt, dueAt)
            .SetProperty(q => q.Attempts, q => q.Attempts > 0 ? q.Attempts - 1 : 0)
            .SetProperty(q => q.ClaimedBy, (string?)null)
            .SetProperty(q => q.LastError, message), cancellationToken);
    }

    // The item while it is still its claimer's: a turn whose claim ran out and was taken over settles nothing.
    private IQueryable<InboundQueueRow> Owned(InboundItem item) =>
        db.InboundQueue.Where(q => q.Id == item.Id && q.ClaimedBy == item.ClaimedBy && q.ProcessedAt == null && q.FailedAt == null);

    public Task CompleteAsync(InboundItem item, DateTimeOffset at, CancellationToken cancellationToken) =>
        Owned(item).ExecuteUpdateAsync(u => u.SetProperty(q => q.ProcessedAt, at).SetProperty(q => q.LastError, (string?)null).SetProperty(q => q.ClaimedBy, (string?)null), cancellationToken);

    public async Task<int> PruneAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        // Ids grow with arrival, so the oldest settled rows are found first, in id order; a row still to do is
        // passed over (never deleted, and never a wall that stops pruning behind it).
        await using var command = await CommandAsync("""
            DELETE FROM "InboundQueue"
            WHERE "Id" IN (
                SELECT "Id" FROM "InboundQueue"
                WHERE "ReceivedAt" < @before AND ("ProcessedAt" IS NOT NULL OR "FailedAt" IS NOT NULL)
                ORDER BY "Id" LIMIT @max)
            """, cancellationToken);
        command.AddParameter("@max", max);
        command.AddParameter("@before", db.Instant(before));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task FailAsync(InboundItem item, string error, DateTimeOffset? retryAt, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var message = error.Length > 500 ? error[..500] : error;
        return retryAt is { } next
            ? Owned(item).ExecuteUpdateAsync(u => u.SetProperty(q => q.NextAttemptAt, next).SetProperty(q => q.LastError, message).SetProperty(q => q.ClaimedBy, (string?)null), cancellationToken)
            : Owned(item).ExecuteUpdateAsync(u => u.SetProperty(q => q.FailedAt, at).SetProperty(q => q.LastError, message).SetProperty(q => q.ClaimedBy, (string?)null), cancellationToken);
    }

    private async Task<DbCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken); // closed again when the context is disposed
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }
}
