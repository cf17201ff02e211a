using AeBot.Core.Capture;
using AeBot.Core.Reminders;
using Hangfire;
using Microsoft.Extensions.Logging;
using AeBot.Core.Work;
using AeBot.Core.Conversation;
using AeBot.Core.Turns;
using AeBot.Core.Help;

namespace AeBot.Scheduling.Reminders;

/// <summary>
/// A reminder becomes a Hangfire job due at its time (measured on AeBot's clock, so <c>Clock:Now</c> moves it too).
/// The minute sweep (<see cref="ReminderJobs.SweepAsync"/>) delivers anything a job missed; delivery itself is
/// exactly once (<see cref="IReminderDelivery"/>), so the two may meet harmlessly.
/// </summary>
internal sealed partial class HangfireReminderScheduler(IBackgroundJobClient jobs, TimeProvider clock, ILogger<HangfireReminderScheduler> logger) : IReminderScheduler
{
    public Task ScheduleAsync(ReminderRef reminder, CancellationToken cancellationToken)
    {
        var delay = reminder.DueAt - clock.GetUtcNow();
        var jobId = jobs.Schedule<ReminderJobs>(j => j.DeliverAsync(reminder.Id, CancellationToken.None), delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
        Log(logger, reminder.Id, reminder.RepId, reminder.DueAt, jobId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {ReminderId} for rep {RepId} scheduled for {DueAt:O} (job {JobId})")]
    private static partial void Log(ILogger logger, long reminderId, long repId, DateTimeOffset dueAt, string jobId);
}

/// <summary>Hangfire's entry points for reminders: resolved from DI per job, given ids, never objects.</summary>
public sealed partial class ReminderJobs(IReminderDelivery delivery, ILogger<ReminderJobs> logger)
{
    public const string SweepJobId = "reminders-sweep";

    /// <summary>Delivers one reminder; a repeat (retry, sweep, second instance) does nothing.</summary>
    [AutomaticRetry(Attempts = 5)]
    public async Task DeliverAsync(long reminderId, CancellationToken cancellationToken)
    {
        if (await delivery.DeliverAsync(reminderId, cancellationToken))
            LogDelivered(logger, reminderId);
    }

    /// <summary>Every minute: pending reminders already due (created while scheduling was off, a lost job).</summary>
    [DisableConcurrentExecution(60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var id in await delivery.DueAsync(500, cancellationToken))
            if (await delivery.DeliverAsync(id, cancellationToken))
                delivered++;
        if (delivered > 0)
            LogSwept(logger, delivered);
        return delivered;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {ReminderId} delivered to the outbox")]
    private static partial void LogDelivered(ILogger logger, long reminderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder sweep delivered {Count} reminder(s) that no timed job had sent")]
    private static partial void LogSwept(ILogger logger, int count);
}
