using AeBot.Core.Work;
using AeBot.Core.Reminders;

namespace AeBot.Cli;

/// <summary>The configured reminder scheduler, created when the first reminder is scheduled (see <see cref="CliHost"/>).</summary>
internal sealed class DeferredReminderScheduler(Func<IReminderScheduler> create) : IReminderScheduler
{
    private readonly Lazy<IReminderScheduler> _scheduler = new(create);

    public Task ScheduleAsync(ReminderRef reminder, CancellationToken cancellationToken) =>
        _scheduler.Value.ScheduleAsync(reminder, cancellationToken);
}
