using System.Globalization;
using System.Text.Json.Nodes;

namespace AeBot.Crm.Fakes.HubSpot;

public sealed partial class FakeHubSpot
{
    /// <summary>
    /// The account's time zone as HubSpot names it (Settings → Account defaults). HubSpot's own example is the alias
    /// "US/Eastern" (account information reference, https://developers.hubspot.com/docs/api-reference/latest/account/account-information/get-account-details).
    /// </summary>
    public string TimeZone { get; set; } = "US/Eastern";

    /// <summary>The UTC offset answered with a <see cref="TimeZone"/> no machine knows (for testing a client's fallback).</summary>
    public TimeSpan UnknownZoneOffset { get; set; }

    public string CompanyCurrency { get; set; } = "USD";

    private TimeSpan Offset(DateTimeOffset at) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone.GetUtcOffset(at) : UnknownZoneOffset;

    /// <summary>
    /// The instant a rep's pick of <paramref name="date"/> leaves in a datetime property such as closedate: a moment of
    /// that day in the account's zone, where HubSpot shows datetimes ("displayed based on the time zone", timestamps
    /// FAQ, https://developers.hubspot.com/docs/faq/how-should-timestamps-be-formatted-for-hubspots-apis). Which
    /// moment the date picker stores is not documented; the fake takes the day's start.
    /// </summary>
    public DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        if (TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone))
        {
            while (zone.IsInvalidTime(local))
                local = local.AddMinutes(1);
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }
        return new DateTimeOffset(local, UnknownZoneOffset);
    }

    /// <summary>
    /// GET /account-info/v3/details: the account's id, type, time zone (with its current offset), company currency
    /// and data hosting (account information reference above; any valid token may read it — its only scope is "oauth").
    /// </summary>
    private JsonNode AccountDetails()
    {
        var offset = Offset(Now);
        return new JsonObject
        {
            ["portalId"] = 12345678,
            ["accountType"] = "STANDARD",
            ["timeZone"] = TimeZone,
            ["companyCurrency"] = CompanyCurrency,
            ["additionalCurrencies"] = new JsonArray(),
            ["utcOffset"] = (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture),
            ["utcOffsetMilliseconds"] = (long)offset.TotalMilliseconds,
            ["uiDomain"] = "app.hubspot.com",
            ["dataHostingLocation"] = "na1",
        };
    }
}
