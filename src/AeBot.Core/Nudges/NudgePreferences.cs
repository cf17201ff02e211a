namespace AeBot.Core.Nudges;

/// <summary>A muted category of nudges, for one account (its name kept for display) or all of them.</summary>
public sealed record NudgeMute(string Category, long? AccountId, string? AccountName);

/// <summary>
/// One person's own nudge settings; a null value means "the company default" (<see cref="NudgeOptions"/>), so a
/// changed default reaches everyone who has not chosen otherwise.
/// </summary>
public sealed record NudgePreferences(TimeOnly? DigestTime, int? DailyCap, TimeOnly? QuietStart, TimeOnly? QuietEnd, IReadOnlyList<NudgeMute> Mutes)
{
    public static readonly NudgePreferences Default = new(null, null, null, null, []);

    public bool IsMuted(string rule, long? accountId) =>
        NudgeRules.CategoryOf(rule) is { } category && Mutes.Any(m => m.Category == category.Name && (m.AccountId is null || m.AccountId == accountId));
}

/// <summary>Per-person nudge settings, changed in chat.</summary>
public interface INudgePreferenceStore
{
    Task<NudgePreferences> GetAsync(long repId, CancellationToken cancellationToken);

    /// <summary>Everyone who has changed something (the scan reads them all at once).</summary>
    Task<IReadOnlyDictionary<long, NudgePreferences>> AllAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the person's times and cap (mutes are changed with <see cref="MuteAsync"/>).</summary>
    Task SaveAsync(long repId, TimeOnly? digestTime, int? dailyCap, TimeOnly? quietStart, TimeOnly? quietEnd, CancellationToken cancellationToken);

    /// <summary>False when that mute was already there.</summary>
    Task<bool> MuteAsync(long repId, string category, long? accountId, CancellationToken cancellationToken);

    /// <summary>False when there was no such mute.</summary>
    Task<bool> UnmuteAsync(long repId, string category, long? accountId, CancellationToken cancellationToken);
}
