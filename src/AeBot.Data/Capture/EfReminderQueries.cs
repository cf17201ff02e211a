using AeBot.Core.Reminders;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Capture;

internal sealed class EfReminderQueries(AeBotDbContext db) : IReminderQueries
{
    public async Task<IReadOnlyList<ReminderListing>> PendingAsync(long? repId, DateTimeOffset? dueBy, int limit, CancellationToken cancellationToken)
    {
        var query = db.Reminders.AsNoTracking().Where(r => r.Status == ReminderStatus.Pending);
        if (repId is { } rep)
            query = query.Where(r => r.RepId == rep);
        if (dueBy is { } by)
            query = query.Where(r => r.DueAt <= by);
        return await query.OrderBy(r => r.DueAt).ThenBy(r => r.Id).Take(limit)
            .Select(r => new ReminderListing(r.Id, r.RepId, r.Rep!.Name, r.Text, r.DueAt, r.Status, r.Channel))
            .ToListAsync(cancellationToken);
    }
}
