using AeBot.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Storage;

/// <summary>Language settings on the rep's own row: one UPDATE each, never a read-modify-write of the whole rep.</summary>
internal sealed class EfRepPreferences(AeBotDbContext db) : IRepPreferences
{
    public const int LocaleLength = 35;

    public async Task SetLanguageAsync(long repId, string? language, bool? buddhistEra, CancellationToken cancellationToken)
    {
        if (language is not null)
            await db.Reps.Where(r => r.Id == repId).ExecuteUpdateAsync(u => u.SetProperty(r => r.Language, language), cancellationToken);
        if (buddhistEra is not null)
            await db.Reps.Where(r => r.Id == repId).ExecuteUpdateAsync(u => u.SetProperty(r => r.BuddhistEra, buddhistEra), cancellationToken);
    }

    public async Task NoteLocaleAsync(long repId, string locale, CancellationToken cancellationToken)
    {
        var value = locale.Trim();
        if (value.Length == 0)
            return;
        if (value.Length > LocaleLength)
            value = value[..LocaleLength];
        // Only when it changed: most turns write nothing.
        await db.Reps.Where(r => r.Id == repId && (r.Locale == null || r.Locale != value))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Locale, value), cancellationToken);
    }
}
