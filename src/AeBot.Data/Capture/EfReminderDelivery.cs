using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Handoff;
using AeBot.Core.Help;
using AeBot.Core.Reminders;
using AeBot.Core.Time;
using AeBot.Core.Turns;
using AeBot.Core.Work;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Capture;

/// <summary>
/// Claims the reminder with a conditional update (pending → sent) and records its message in the outbox inside the
/// same transaction: whichever caller's update changes the row delivers it, every other finds nothing to do, and a
/// crash before the commit leaves it pending for the next try.
/// </summary>
internal sealed class EfReminderDelivery(AeBotDbContext db, IProactiveMessenger messenger, TimeProvider clock) : IReminderDelivery
{
    public async Task<bool> DeliverAsync(long reminderId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Reminders
            .Where(r => r.Id == reminderId && r.Status == ReminderStatus.Pending && r.DueAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, ReminderStatus.Sent).SetProperty(r => r.SentAt, now), cancellationToken);
        if (claimed == 0)
            return false;
        var reminder = await db.Reminders.AsNoTracking().Include(r => r.Rep).FirstAsync(r => r.Id == reminderId, cancellationToken);
        await messenger.SendAsync(new ProactiveMessage(reminder.RepId, "reminder", Message(reminder, clock.GetUtcNow())), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<long>> DueAsync(int max, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.Reminders.AsNoTracking()
            .Where(r => r.Status == ReminderStatus.Pending && r.DueAt <= now)
            .OrderBy(r => r.DueAt).ThenBy(r => r.Id).Select(r => r.Id).Take(max).ToListAsync(cancellationToken);
    }

    private static Reply Message(Reminder reminder, DateTimeOffset now)
    {
        // The time the rep asked for, in their own zone, so a late delivery (the server was down) says so plainly.
        var zone = reminder.Rep is { } rep ? RepTime.ZoneOf(rep) : TimeZoneInfo.Utc;
        var asked = TimeZoneInfo.ConvertTime(reminder.DueAt, zone);
        var snooze = AeBot.Core.Conversation.Payloads.Act + "rem.snooze:" + reminder.Id;
        return new Reply([
            new TextBlock($"⏰ Reminder: {reminder.Text}"),
            new ContextBlock($"You asked for this at {DateFormat.DayAt(asked, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime))} ({zone.Id})."),
            new ActionsBlock([new ReplyAction("In 1 hour", snooze + ":1h"), new ReplyAction("Tomorrow 9:00", snooze + ":tomorrow")]),
        ])
        {
            Summary = "Reminder: " + reminder.Text,
        };
    }
}
