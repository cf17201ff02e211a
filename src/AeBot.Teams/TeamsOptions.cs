using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace AeBot.Teams;

/// <summary>
/// Section "Teams". The four Microsoft* keys are the Bot Framework's own names, read by its SDK from this section;
/// the rest are AeBot's.
/// </summary>
public sealed class TeamsOptions : IValidatableObject
{
    public const string SectionName = "Teams";

    public const string SingleTenant = "SingleTenant";
    public const string MultiTenant = "MultiTenant";
    public const string UserAssignedMsi = "UserAssignedMSI";

    /// <summary>SingleTenant (default for new bots), MultiTenant or UserAssignedMSI.</summary>
    public string MicrosoftAppType { get; set; } = SingleTenant;

    /// <summary>The bot's Microsoft Entra app (client) id. Empty: no authentication, served in Development only.</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>Client secret; not used with UserAssignedMSI.</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>The tenant the app is registered in; required for SingleTenant and UserAssignedMSI.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>
    /// Tenants whose users may talk to AeBot. Empty: the app's own tenant for SingleTenant and UserAssignedMSI; any
    /// tenant for MultiTenant (logged as a warning at start-up).
    /// </summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>Used to create a 1:1 chat with a rep who has never written to the bot (no stored service URL yet).</summary>
    public string DefaultServiceUrl { get; set; } = "https://smba.trafficmanager.net/teams/";

    /// <summary>Teams gives an invoke (card button) 5 s; after this the card shows "working on it" and the answer follows as a message.</summary>
    [Range(100, 4500)]
    public int InvokeBudgetMilliseconds { get; set; } = 3500;

    /// <summary>Teams gives a message turn about 15 s before it retries; after this the answer follows as a message.</summary>
    [Range(100, 14000)]
    public int MessageBudgetMilliseconds { get; set; } = 10000;

    /// <summary>Proactive sends: retries of 429 and 5xx, with exponential backoff and jitter from this delay.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 5;

    [Range(1, 60000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 1000;

    /// <summary>
    /// The server's public https address (the host of the messaging endpoint, e.g. https://aebot.contoso.com). When
    /// set, charts in cards are images served from <c>/api/charts/{id}</c>; without it a chart shows as a picture
    /// only when it fits inside the card, else as a table.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Cards are cut and paged ("More") above this many bytes; Teams refuses messages over about 40 KB.</summary>
    [Range(4000, 36000)]
    public int MaxCardBytes { get; set; } = 28000;

    /// <summary>
    /// How long a claimed activity is someone's: a redelivery after this, of an activity never completed (its
    /// process died mid-turn), is run again. Above the message budget, so a live slow turn is never run twice.
    /// </summary>
    [Range(15, 3600)]
    public int RedeliveryLeaseSeconds { get; set; } = 30;

    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>
    /// The Bot Framework's own keys as Azure Bot, its ARM templates and Teams Toolkit write them — at the root of the
    /// configuration (<c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, …) — read as well as the <c>Teams</c> section.
    /// </summary>
    public static readonly string[] BotFrameworkKeys =
    [
        "MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppType", "MicrosoftAppTenantId", "ChannelService", "OAuthUrl",
        "ToChannelFromBotLoginUrl", "ToChannelFromBotOAuthScope", "ToBotFromChannelTokenIssuer", "ToBotFromChannelOpenIdMetadataUrl",
        "ToBotFromEmulatorOpenIdMetadataUrl", "CallerId", "ValidateAuthority",
    ];

    /// <summary>
    /// The settings the Teams channel and the Bot Framework SDK read: the root Bot Framework keys, overridden key by
    /// key by <c>Teams:*</c> (so a deployment written by Azure's templates works unchanged, and one that sets both
    /// gets the <c>Teams</c> section's value).
    /// </summary>
    public static IConfiguration Effective(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        // A blank Teams:* value (an empty placeholder in appsettings.json) does not hide the root one.
        var botFramework = BotFrameworkKeys
            .Select(k => new KeyValuePair<string, string?>(k, string.IsNullOrWhiteSpace(section[k]) ? configuration[k] : section[k]))
            .Where(k => !string.IsNullOrWhiteSpace(k.Value));
        return new ConfigurationBuilder()
            .Add(new ChainedConfigurationSource { Configuration = section, ShouldDisposeConfiguration = false })
            .AddInMemoryCollection(botFramework)
            .Build();
    }

    /// <summary>The tenants allowed in, or null when any tenant is.</summary>
    public IReadOnlySet<string>? EffectiveAllowedTenants()
    {
        var listed = AllowedTenants.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (listed.Count > 0)
            return listed;
        if (MicrosoftAppType != MultiTenant && !string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
            return new HashSet<string>(StringComparer.OrdinalIgnoreCase) { MicrosoftAppTenantId.Trim() };
        return null;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MicrosoftAppType is not (SingleTenant or MultiTenant or UserAssignedMsi))
            yield return new($"Teams:MicrosoftAppType must be {SingleTenant}, {MultiTenant} or {UserAssignedMsi} (was '{MicrosoftAppType}').");
        if (!AuthenticationEnabled)
            yield break;
        if (!Guid.TryParse(MicrosoftAppId, out _))
            yield return new("Teams:MicrosoftAppId must be the bot's app (client) id, a GUID.");
        if (MicrosoftAppType != UserAssignedMsi && string.IsNullOrWhiteSpace(MicrosoftAppPassword))
            yield return new($"Teams:MicrosoftAppPassword (the client secret) is required for {MicrosoftAppType} bots.");
        if (MicrosoftAppType is SingleTenant or UserAssignedMsi && !Guid.TryParse(MicrosoftAppTenantId, out _))
            yield return new($"Teams:MicrosoftAppTenantId (a GUID) is required for {MicrosoftAppType} bots.");
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl) && (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var publicUrl) || publicUrl.Scheme != Uri.UriSchemeHttps && !publicUrl.IsLoopback))
            yield return new("Teams:PublicBaseUrl must be the server's public https URL, e.g. https://aebot.contoso.com.");
        if (!Uri.TryCreate(DefaultServiceUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps && !url.IsLoopback)
            yield return new("Teams:DefaultServiceUrl must be an https URL.");
    }
}
