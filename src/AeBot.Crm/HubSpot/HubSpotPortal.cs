namespace AeBot.Crm.HubSpot;

/// <summary>
/// The HubSpot account's settings that decide what its values mean: its time zone (Settings → Account defaults) and
/// company currency. HubSpot keeps a close date or a task's due date as an instant (a datetime property) and shows it
/// in that zone ("datetime properties are displayed based on the time zone", developers.hubspot.com/docs/faq/how-should-timestamps-be-formatted-for-hubspots-apis),
/// so the day a rep picked is the instant's date there — not in UTC, where a Berlin midnight is still the day before.
/// </summary>
internal sealed record HubSpotPortal(TimeZoneInfo Zone, string? Currency)
{
    /// <summary>The calendar day <paramref name="instant"/> falls on in the account's zone.</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>
    /// The instant a day starts in the account's zone: what AeBot writes for a date, so HubSpot shows that day and
    /// reading it back gives the same day. Where a zone skips midnight (a daylight-saving change at 00:00), the first
    /// minute that exists.
    /// </summary>
    public DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
            local = local.AddMinutes(1);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>
    /// The account's zone from its id (an IANA id such as America/New_York, or an old alias such as US/Eastern, which
    /// HubSpot's own example uses). An id this machine does not know falls back to the offset HubSpot gave with it —
    /// right until the next daylight-saving change, which <paramref name="unknown"/> is told about.
    /// </summary>
    public static TimeZoneInfo ZoneOf(string? id, long? utcOffsetMilliseconds, Action<string> unknown)
    {
        if (!string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            return zone;
        var offset = TimeSpan.FromMilliseconds(utcOffsetMilliseconds ?? 0);
        unknown(id ?? "(none)");
        return TimeZoneInfo.CreateCustomTimeZone($"HubSpot {offset}", offset, $"HubSpot account ({id})", $"HubSpot account ({id})");
    }
}
