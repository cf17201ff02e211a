using AeBot.Core.Sales;

namespace AeBot.Core.Capture;

/// <summary>
/// Every change the bot makes to sales data. Each method checks that the viewer may make it (their own deals and
/// accounts; a manager's subtree; an admin everything) and returns null when not — the same answer as for a record
/// that does not exist, so a refusal reveals nothing. Each change is one transaction and is recorded so that
/// <see cref="UndoLastAsync"/> can revert it.
/// </summary>
public interface ISalesWrites
{
    Task<LoggedInteraction?> LogInteractionAsync(Viewer viewer, InteractionDraft draft, CancellationToken cancellationToken);

    Task<LoggedInteraction?> EditInteractionAsync(Viewer viewer, long interactionId, InteractionEdit edit, CancellationToken cancellationToken);

    Task<DealUpdate?> UpdateDealAsync(Viewer viewer, DealChange change, CancellationToken cancellationToken);

    Task<FollowUpRef?> CompleteFollowUpAsync(Viewer viewer, long followUpId, CancellationToken cancellationToken);

    Task<FollowUpRef?> SnoozeFollowUpAsync(Viewer viewer, long followUpId, DateTimeOffset until, CancellationToken cancellationToken);

    Task<ReminderRef> AddReminderAsync(Viewer viewer, ReminderDraft draft, CancellationToken cancellationToken);

    /// <summary>
    /// The viewer's own reminder (sent or still pending) due again at <paramref name="until"/>; null when it is not
    /// theirs, unknown or cancelled. Undo cancels it.
    /// </summary>
    Task<ReminderRef?> SnoozeReminderAsync(Viewer viewer, long reminderId, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Reverts the viewer's last change made through the bot since <paramref name="notBefore"/>; null when there is none.</summary>
    Task<UndoResult?> UndoLastAsync(Viewer viewer, DateTimeOffset notBefore, CancellationToken cancellationToken);
}

/// <summary>A reminder to store: <paramref name="DueAt"/> is an instant (the rep's local time already converted).</summary>
public sealed record ReminderDraft(string Text, DateTimeOffset DueAt, string Channel, string ConversationId);

public sealed record ReminderRef(long Id, long RepId, string Text, DateTimeOffset DueAt, string Channel, string ConversationId);
