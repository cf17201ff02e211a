using Microsoft.Extensions.Logging;

namespace AeBot.Crm.HubSpot;

public sealed partial class HubSpotClient
{
    private HubSpotPortal? _portal;

    /// <summary>
    /// The account's time zone and company currency (GET /account-info/v3/details: timeZone, companyCurrency;
    /// developers.hubspot.com/docs/api-reference/latest/account/account-information/guide), read once per client — and
    /// the client is one per sync run (see AddHubSpotCrm) — so a changed account setting is picked up by the next run.
    /// </summary>
    internal async Task<HubSpotPortal> PortalAsync(CancellationToken cancellationToken)
    {
        if (_portal is { } known)
            return known;
        var details = await GetAsync<HsAccountDetails>("/account-info/v3/details", "read the account's time zone", cancellationToken);
        var zone = HubSpotPortal.ZoneOf(details.TimeZone, details.UtcOffsetMilliseconds, id => LogUnknownZone(_logger, id, details.UtcOffsetMilliseconds ?? 0));
        return _portal = new HubSpotPortal(zone, string.IsNullOrWhiteSpace(details.CompanyCurrency) ? null : details.CompanyCurrency.Trim().ToUpperInvariant());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot's account time zone '{Zone}' is not one this machine knows; dates are read at its current UTC offset ({OffsetMs} ms), which is wrong across a daylight-saving change — install the time zone data (tzdata)")]
    private static partial void LogUnknownZone(ILogger logger, string zone, long offsetMs);
}
