using System.Text.Json;
using System.Text.Json.Serialization;
using AeBot.Data.Capture;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Crm;

/// <summary>
/// The changes made in chat, in order, as a CRM write-back needs them: the bot's change log (what "undo" reads) is the
/// durable record of every confirmed change, written in the same transaction as the change itself, so following it
/// by position misses nothing and needs nothing extra from the writers.
/// </summary>
public sealed class ChatChangeFeed(AeBotDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The newest change's position (where a feed starts when a CRM is first connected: nothing older is sent).</summary>
    public async Task<long> LatestAsync(CancellationToken cancellationToken) =>
        await db.BotChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;

    /// <summary>Up to <paramref name="max"/> changes after <paramref name="position"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ChatChange>> AfterAsync(long position, int max, CancellationToken cancellationToken)
    {
        var rows = await db.BotChanges.AsNoTracking().Where(c => c.Id > position).OrderBy(c => c.Id).Take(max).ToListAsync(cancellationToken);
        var changes = new List<ChatChange>(rows.Count);
        foreach (var row in rows)
        {
            UndoRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<UndoRecord>(row.Undo, Json);
            }
            catch (JsonException)
            {
                record = null;
            }
            if (record is null)
            {
                changes.Add(new ChatChange(row.Id, row.RepId, row.At, "unknown", null, [], null, null, row.UndoneAt is not null));
                continue;
            }
            ChatDealEdit? deal = record is { Deal: { } b, DealAfter: { } a }
                ? new ChatDealEdit(b.Stage, a.Stage, b.CloseDate, a.CloseDate, b.Amount, a.Amount, b.NextStep, a.NextStep, b.LossReason, a.LossReason)
                : null;
            // A logged interaction's follow-up is the FollowUpId; a won deal's hand-off tasks are TaskIds.
            var tasks = record.FollowUpId is { } followUp && record.Kind == UndoRecord.Log ? [.. record.TaskIds, followUp] : record.TaskIds;
            changes.Add(new ChatChange(row.Id, row.RepId, row.At, record.Kind, record.InteractionId, tasks, record.DealId, deal, row.UndoneAt is not null, record.FollowUpId,
                record.ReminderId));
        }
        return changes;
    }
}

/// <summary>
/// One change made in chat. <see cref="Kind"/>: log (an interaction with its follow-ups), deal (a deal update, with
/// the follow-ups it set), edit, followup, reminder. <see cref="Undone"/>: taken back since. <see cref="FollowUpId"/>: the
/// follow-up a followup change marked done or snoozed, or the one an edit changed. <see cref="ReminderId"/>: the
/// reminder a reminder change set or snoozed.
/// </summary>
public sealed record ChatChange(long ChangeId, long RepId, DateTimeOffset At, string Kind, long? InteractionId, IReadOnlyList<long> TaskIds,
    long? DealId, ChatDealEdit? Deal, bool Undone, long? FollowUpId = null, long? ReminderId = null);

/// <summary>A deal's write-back fields before and after a change made in chat.</summary>
public sealed record ChatDealEdit(string StageBefore, string StageAfter, DateOnly? CloseBefore, DateOnly? CloseAfter, decimal? AmountBefore, decimal? AmountAfter,
    string? NextStepBefore, string? NextStepAfter, string? LossBefore, string? LossAfter);
