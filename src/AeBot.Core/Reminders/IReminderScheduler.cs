using AeBot.Core.Work;

namespace AeBot.Core.Reminders;

/// <summary>
/// Hands a stored reminder to whatever will deliver it on time. The Hangfire implementation arrives with the
/// nudges; until then <see cref="StoredReminderScheduler"/> leaves it in the database, where `aebot reminders --due`
/// lists what is due.
/// </summary>
public interface IReminderScheduler
{
    Task ScheduleAsync(ReminderRef reminder, CancellationToken cancellationToken);
}

/// <summary>Delivery is somebody else's job for now: the reminder is already stored, so there is nothing to do but log.</summary>
public sealed partial class StoredReminderScheduler(Microsoft.Extensions.Logging.ILogger<StoredReminderScheduler> logger) : IReminderScheduler
{
    public Task ScheduleAsync(ReminderRef reminder, CancellationToken cancellationToken)
    {
        Log(logger, reminder.Id, reminder.RepId, reminder.DueAt);
        return Task.CompletedTask;
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Reminder {ReminderId} for rep {RepId} stored for {DueAt:O}; no scheduler delivers reminders yet")]
    private static partial void Log(Microsoft.Extensions.Logging.ILogger logger, long reminderId, long repId, DateTimeOffset dueAt);
}
