using System.ComponentModel.DataAnnotations;

namespace AeBot.Slack;

/// <summary>Section "Slack". Slack is on when <see cref="BotToken"/> is set; every request is then verified with <see cref="SigningSecret"/>.</summary>
public sealed class SlackOptions : IValidatableObject
{
    public const string SectionName = "Slack";

    /// <summary>The bot token (<c>xoxb-…</c>) from the app's "OAuth &amp; Permissions" page.</summary>
    public string? BotToken { get; set; }

    /// <summary>"Basic Information" → "Signing Secret". Required when Slack is on: requests are never accepted unverified.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>An app-level token (<c>xapp-…</c>, scope connections:write) for Socket Mode, for development without a public URL.</summary>
    public string? AppToken { get; set; }

    /// <summary>Where the endpoints live: {prefix}/events, {prefix}/commands, {prefix}/interactivity.</summary>
    public string PathPrefix { get; set; } = "/slack";

    /// <summary>Slack's Web API; tests point it at a local fake.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>How far a request's timestamp may be from now, either way (Slack's own guidance: 5 minutes).</summary>
    [Range(1, 15)]
    public int MaxClockSkewMinutes { get; set; } = 5;

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
            yield break;
        if (!BotToken!.StartsWith("xoxb-", StringComparison.Ordinal))
            yield return new("Slack:BotToken must be a bot token (it starts with xoxb-).");
        if (string.IsNullOrWhiteSpace(SigningSecret))
            yield return new("Slack:SigningSecret is required when Slack:BotToken is set: AeBot never accepts Slack requests it cannot verify. Copy it from the app's Basic Information page.");
        if (!string.IsNullOrWhiteSpace(AppToken) && !AppToken.StartsWith("xapp-", StringComparison.Ordinal))
            yield return new("Slack:AppToken must be an app-level token (it starts with xapp-).");
        if (!PathPrefix.StartsWith('/') || PathPrefix.EndsWith('/'))
            yield return new("Slack:PathPrefix must start with '/' and not end with one, e.g. /slack.");
        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api) || !ApiBaseUrl.EndsWith('/'))
            yield return new("Slack:ApiBaseUrl must be an absolute URL ending in '/', e.g. https://slack.com/api/.");
    }
}
