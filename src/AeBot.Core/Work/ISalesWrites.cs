using AeBot.Core.Sales;

namespace AeBot.Core.Work;

/// <summary>
/// Every change the bot makes to sales data. Each method checks that the viewer may make it (their own deals and
/// accounts; a manager's subtree; an admin everything) and returns null when not — the same answer as for a record
/// that does not exist, so a refusal reveals nothing. Each change is one transaction that also records it; the id of
/// that record comes back with the result (<see cref="Written{T}.ChangeId"/>) for the Undo button that reverts
/// exactly this change (<see cref="UndoAsync"/>), and "undo" reverts the latest (<see cref="UndoLastAsync"/>).
/// </summary>
public interface ISalesWrites
{
    Task<Written<LoggedInteraction>?> LogInteractionAsync(Viewer viewer, InteractionDraft draft, CancellationToken cancellationToken);

    /// <summary>Only the rep who logged an interaction edits it; null for anyone else's, or one that is gone (its log undone).</summary>
    Task<Written<LoggedInteraction>?> EditInteractionAsync(Viewer viewer, long interactionId, InteractionEdit edit, CancellationToken cancellationToken);

    Task<Written<DealUpdate>?> UpdateDealAsync(Viewer viewer, DealChange change, CancellationToken cancellationToken);

    Task<Written<FollowUpRef>?> CompleteFollowUpAsync(Viewer viewer, long followUpId, CancellationToken cancellationToken);

    Task<Written<FollowUpRef>?> SnoozeFollowUpAsync(Viewer viewer, long followUpId, DateTimeOffset until, CancellationToken cancellationToken);

    Task<Written<ReminderRef>> AddReminderAsync(Viewer viewer, ReminderDraft draft, CancellationToken cancellationToken);

    /// <summary>
    /// The viewer's own reminder (sent or still pending) due again at <paramref name="until"/>; null when it is not
    /// theirs, unknown or cancelled. Undo cancels it.
    /// </summary>
    Task<Written<ReminderRef>?> SnoozeReminderAsync(Viewer viewer, long reminderId, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Reverts one change of the viewer's, by its id, when it was made since <paramref name="notBefore"/>, is not undone
    /// yet and nothing it changed has been changed again since. Otherwise changes nothing and says why; someone else's
    /// change reads as <see cref="UndoStatus.NotFound"/>. Of two racing calls for one change, one reverts it.
    /// </summary>
    Task<UndoResult> UndoAsync(Viewer viewer, long changeId, DateTimeOffset notBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Reverts the viewer's last change made through the bot since <paramref name="notBefore"/> (unless it has been
    /// superseded since, as <see cref="UndoAsync"/>); null when there is none.
    /// </summary>
    Task<UndoResult?> UndoLastAsync(Viewer viewer, DateTimeOffset notBefore, CancellationToken cancellationToken);
}

/// <summary>A reminder to store: <paramref name="DueAt"/> is an instant (the rep's local time already converted).</summary>
public sealed record ReminderDraft(string Text, DateTimeOffset DueAt, string Channel, string ConversationId);

public sealed record ReminderRef(long Id, long RepId, string Text, DateTimeOffset DueAt, string Channel, string ConversationId);
