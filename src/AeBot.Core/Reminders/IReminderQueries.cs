namespace AeBot.Core.Reminders;

/// <summary>A stored reminder as operators and the scheduler list it.</summary>
public sealed record ReminderListing(long Id, long RepId, string RepName, string Text, DateTimeOffset DueAt, ReminderStatus Status, string Channel);

/// <summary>Reminders waiting for delivery — what `aebot reminders --due` shows and what the scheduler picks up.</summary>
public interface IReminderQueries
{
    /// <summary>Pending reminders (of one rep, or everyone), oldest due first; only those due by <paramref name="dueBy"/> when given.</summary>
    Task<IReadOnlyList<ReminderListing>> PendingAsync(long? repId, DateTimeOffset? dueBy, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// Delivers a stored reminder exactly once: the reminder is marked sent and its message is recorded for delivery
/// (the outbox) in one transaction, so a repeat — a retried job, two instances, the sweep and the timed job meeting —
/// finds it already sent and does nothing.
/// </summary>
public interface IReminderDelivery
{
    /// <summary>True when this call delivered it; false when it was already sent, cancelled, not yet due or unknown.</summary>
    Task<bool> DeliverAsync(long reminderId, CancellationToken cancellationToken);

    /// <summary>Ids of pending reminders due by now, oldest first (the sweep that catches anything a timer missed).</summary>
    Task<IReadOnlyList<long>> DueAsync(int max, CancellationToken cancellationToken);
}
