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

    /// <summary>
    /// The CRM's company currency: amounts that carry none are in it (ISO 4217). HubSpot says its own (the account's
    /// company currency, read each run), which is used instead.
    /// </summary>
    [RegularExpression("^[A-Z]{3}$", ErrorMessage = "Crm:Currency must be an ISO 4217 code such as USD.")]
    public string Currency { get; set; } = "USD";

    /// <summary>
    /// The time zone given to people first met in the CRM (IANA id); each can change theirs in chat. Not the zone
    /// HubSpot's dates are read in: those are the HubSpot account's own (see HubSpotPortal), whatever this says.
    /// </summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>
    /// Who owns each deal field AeBot can write (Stage, CloseDate, Amount, NextStep, LossReason, Owner): Crm (AeBot
    /// writes it only from a confirmed command and only while the CRM still holds what AeBot last saw; otherwise the
    /// rep is asked), AeBot (AeBot's value is written whatever the CRM holds), or LastWriter (the later change wins).
    /// Unlisted fields: amounts, stages, close dates and owners belong to the CRM; next step and loss reason to the
    /// last writer.
    /// </summary>
    public Dictionary<string, string> FieldOwners { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Reminders set in chat become the rep's own CRM task (HubSpot task, Salesforce Task owned by them), moved when
    /// snoozed and deleted when cancelled. Off: reminders stay in AeBot.
    /// </summary>
    public bool WriteReminders { get; set; } = true;

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

    public FieldOwner OwnerOf(Sources.CrmDealField field) =>
        FieldOwners.TryGetValue(field.ToString(), out var named) && Enum.TryParse<FieldOwner>(named, ignoreCase: true, out var owner) ? owner
        : field is Sources.CrmDealField.NextStep or Sources.CrmDealField.LossReason ? FieldOwner.LastWriter : FieldOwner.Crm;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Provider) && Kind is null && !Provider.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
            yield return new($"Crm:Provider must be HubSpot or Salesforce (or left out for CSV import only), not '{Provider}'.");
        foreach (var (field, owner) in FieldOwners)
        {
            if (!Enum.TryParse<Sources.CrmDealField>(field, ignoreCase: true, out _))
                yield return new($"Crm:FieldOwners:{field} is not a field AeBot writes (Stage, CloseDate, Amount, NextStep, LossReason, Owner).");
            if (!Enum.TryParse<FieldOwner>(owner, ignoreCase: true, out _))
                yield return new($"Crm:FieldOwners:{field} must be Crm, AeBot or LastWriter, not '{owner}'.");
        }
        if (TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _) is false)
            yield return new($"Crm:TimeZone '{TimeZone}' is not a time zone this machine knows (use an IANA id such as Europe/London).");
        // The nested sections' own ranges (pacing, shares): ValidateDataAnnotations looks at this object's properties only.
        var nested = new List<ValidationResult>();
        object section = Kind == CrmProvider.Salesforce ? Salesforce : HubSpot;
        Validator.TryValidateObject(section, new ValidationContext(section), nested, validateAllProperties: true);
        foreach (var result in nested)
            yield return new($"Crm:{Kind ?? CrmProvider.HubSpot}: {result.ErrorMessage}", result.MemberNames);
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

/// <summary>Who decides a deal field's value when AeBot and the CRM disagree.</summary>
public enum FieldOwner
{
    Crm,
    AeBot,
    LastWriter,
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

    /// <summary>Reads stop when this share of the day's API allowance is used (HubSpot's daily limit headers).</summary>
    [Range(0.1, 1.0)]
    public double StopAtDailyShare { get; set; } = 0.9;

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

    /// <summary>
    /// The JWT's aud. Empty: <see cref="LoginUrl"/>. Salesforce expects https://login.salesforce.com (production) or
    /// https://test.salesforce.com (sandbox) even when the token is posted to a My Domain login URL.
    /// </summary>
    public string? Audience { get; set; }

    /// <summary>
    /// The custom Text field on Task and Event, marked External ID and Unique, that holds AeBot's key for an activity
    /// it wrote: writes upsert by it, so a retried write never makes a second record.
    /// </summary>
    public string ActivityKeyField { get; set; } = "AeBot_Key__c";

    /// <summary>
    /// The Opportunity field AeBot writes a loss reason to (Salesforce has no standard one; often a custom picklist
    /// such as Loss_Reason__c). Empty: loss reasons are neither read nor written, other fields still are.
    /// </summary>
    public string? LossReasonField { get; set; }

    /// <summary>
    /// The org has multiple currencies enabled: records carry CurrencyIsoCode. Off by default because asking for
    /// CurrencyIsoCode in a single-currency org is refused (INVALID_FIELD).
    /// </summary>
    public bool MultiCurrency { get; set; }

    /// <summary>
    /// Reads stop (CrmLimitException) once the org has used this share of its daily API requests, leaving the rest
    /// to its other integrations. Writes (a rep logging a call) still go through.
    /// </summary>
    public double StopAtApiUsageShare { get; set; } = 0.9;
}
