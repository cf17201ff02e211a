using AeBot.Core.Organization;

namespace AeBot.Core.Time;

/// <summary>Dates as a rep sees them: "today" and "this month" begin at midnight in the rep's own time zone.</summary>
public static class RepTime
{
    /// <summary>
    /// The rep's zone, or UTC when the stored id is unknown to this machine (a typo in an import must not make
    /// every answer for that rep fail).
    /// </summary>
    public static TimeZoneInfo ZoneOf(Rep rep) => ZoneOf(rep.TimeZoneId);

    /// <inheritdoc cref="ZoneOf(Rep)"/>
    public static TimeZoneInfo ZoneOf(string? timeZoneId) => FindZone(timeZoneId) ?? TimeZoneInfo.Utc;

    public static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
            return null;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : null;
    }

    public static DateTimeOffset LocalNow(this TimeProvider clock, Rep rep) =>
        TimeZoneInfo.ConvertTime(clock.GetUtcNow(), ZoneOf(rep));

    public static DateOnly Today(this TimeProvider clock, Rep rep) =>
        DateOnly.FromDateTime(clock.LocalNow(rep).DateTime);
}
