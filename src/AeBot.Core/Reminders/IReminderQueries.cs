namespace AeBot.Core.Reminders;

/// <summary>A stored reminder as operators and the scheduler list it.</summary>
public sealed record ReminderListing(long Id, long RepId, string RepName, string Text, DateTimeOffset DueAt, ReminderStatus Status, string Channel);

/// <summary>Reminders waiting for delivery — what `aebot reminders --due` shows and what the scheduler picks up.</summary>
public interface IReminderQueries
{
    /// <summary>Pending reminders (of one rep, or everyone), oldest due first; only those due by <paramref name="dueBy"/> when given.</summary>
    Task<IReadOnlyList<ReminderListing>> PendingAsync(long? repId, DateTimeOffset? dueBy, int limit, CancellationToken cancellationToken);
}
