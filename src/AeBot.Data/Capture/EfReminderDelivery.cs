using AeBot.Core.Handoff;
using AeBot.Core.Reminders;
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
        await messenger.SendAsync(new ProactiveMessage(reminder.RepId, "reminder", ReminderMessage.Of(reminder, clock.GetUtcNow())), cancellationToken);
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
}
