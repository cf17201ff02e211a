using System.ComponentModel.DataAnnotations;

namespace AeBot.Crm;

/// <summary>Section "Crm". No <see cref="Provider"/>: no sync (CSV import only).</summary>
public sealed class CrmOptions : IValidatableObject
{
    public const string SectionName = "Crm";

    /// <summary>"HubSpot" or "Salesforce"; empty for none.</summary>
    public string? Provider { get; set; }

    /// <summary>How often the server syncs (a recurring job, one instance at a time).</summary>
    [Range(1, 1440)]
    public int SyncMinutes { get; set; } = 5;

    /// <summary>
    /// How far back each incremental read reaches before the last cursor: a record saved just before the previous run
    /// ended but stamped a little earlier (clock skew, the CRM's indexing delay) is still read. Upserts are idempotent,
    /// so reading a record twice across runs costs nothing but the request.
    /// </summary>
    [Range(0, 3600)]
    public int OverlapSeconds { get; set; } = 120;

    public HubSpotOptions HubSpot { get; set; } = new();

    public SalesforceOptions Salesforce { get; set; } = new();

    public CrmProvider? Kind => Provider?.Trim().ToLowerInvariant() switch
    {
        null or "" or "none" => null,
        "hubspot" => CrmProvider.HubSpot,
        "salesforce" => CrmProvider.Salesforce,
        _ => null,
    };

    public bool Enabled => Kind is not null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Provider) && Kind is null && !Provider.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
            yield return new($"Crm:Provider must be HubSpot or Salesforce (or left out for CSV import only), not '{Provider}'.");
        if (Kind == CrmProvider.HubSpot)
        {
            if (string.IsNullOrWhiteSpace(HubSpot.AccessToken))
                yield return new("Crm:HubSpot:AccessToken is required when Crm:Provider is HubSpot: the private app's access token (Settings → Integrations → Private apps → Auth).");
            if (!AbsoluteHttp(HubSpot.BaseUrl))
                yield return new("Crm:HubSpot:BaseUrl must be an absolute http(s) URL, e.g. https://api.hubapi.com.");
        }
        if (Kind == CrmProvider.Salesforce)
        {
            if (!AbsoluteHttp(Salesforce.LoginUrl))
                yield return new("Crm:Salesforce:LoginUrl must be an absolute http(s) URL: https://login.salesforce.com, https://test.salesforce.com for a sandbox, or your My Domain login URL.");
            if (!string.IsNullOrWhiteSpace(Salesforce.InstanceUrl) && !AbsoluteHttp(Salesforce.InstanceUrl))
                yield return new("Crm:Salesforce:InstanceUrl must be an absolute http(s) URL (or left out: the token answer names it).");
            if (string.IsNullOrWhiteSpace(Salesforce.ClientId))
                yield return new("Crm:Salesforce:ClientId is required when Crm:Provider is Salesforce: the connected app's consumer key.");
            if (string.IsNullOrWhiteSpace(Salesforce.Username))
                yield return new("Crm:Salesforce:Username is required when Crm:Provider is Salesforce: the integration user the connected app is pre-authorised for.");
            if (string.IsNullOrWhiteSpace(Salesforce.PrivateKeyPath))
                yield return new("Crm:Salesforce:PrivateKeyPath is required when Crm:Provider is Salesforce: the PEM private key whose certificate is uploaded to the connected app.");
            else if (!File.Exists(Salesforce.PrivateKeyPath))
                yield return new($"Crm:Salesforce:PrivateKeyPath names a file that does not exist: {Salesforce.PrivateKeyPath}.");
            if (!System.Text.RegularExpressions.Regex.IsMatch(Salesforce.ApiVersion ?? "", @"^\d{2,3}\.0$"))
                yield return new("Crm:Salesforce:ApiVersion must look like 62.0.");
        }
    }

    private static bool AbsoluteHttp(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);
}

public enum CrmProvider
{
    HubSpot,
    Salesforce,
}

public sealed class HubSpotOptions
{
    /// <summary>A private app's (or service key's) access token. Sent as a bearer token; never logged.</summary>
    public string? AccessToken { get; set; }

    public string BaseUrl { get; set; } = "https://api.hubapi.com";

    /// <summary>
    /// Requests AeBot allows itself per rolling 10 seconds. HubSpot's private-app burst limit is 100 per 10 s on
    /// Free/Starter and 190 on Professional/Enterprise (developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines);
    /// 90 leaves room for the clocks not agreeing on where a window starts.
    /// </summary>
    [Range(1, 1000)]
    public int RequestsPer10Seconds { get; set; } = 90;

    /// <summary>
    /// CRM search requests per second. The search endpoints have their own, lower limit: the issue and HubSpot's
    /// changelog ("CRM Search API rate limit increase") say four per second per token; the current search guide says
    /// five per second per account. Four stays under both.
    /// </summary>
    [Range(1, 100)]
    public int SearchRequestsPerSecond { get; set; } = 4;

    /// <summary>A read answered 429 waits and tries again in place when the wait is at most this long (else it throws).</summary>
    [Range(0, 60)]
    public int MaxInPlaceWaitSeconds { get; set; } = 10;

    /// <summary>How many 429s in a row one read waits out before giving up with <c>CrmThrottledException</c>.</summary>
    [Range(0, 10)]
    public int MaxInPlaceRetries { get; set; } = 3;
}

public sealed class SalesforceOptions
{
    public string LoginUrl { get; set; } = "https://login.salesforce.com";

    /// <summary>The org's instance; the JWT bearer token answer names it too (its instance_url wins).</summary>
    public string? InstanceUrl { get; set; }

    /// <summary>The connected app's consumer key (the JWT's iss).</summary>
    public string? ClientId { get; set; }

    /// <summary>The integration user (the JWT's sub).</summary>
    public string? Username { get; set; }

    /// <summary>PEM file with the RSA private key that signs the JWT.</summary>
    public string? PrivateKeyPath { get; set; }

    public string ApiVersion { get; set; } = "62.0";
}
