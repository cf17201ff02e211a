namespace AeBot.Core.Organization;

/// <summary>A person in the sales org: an account executive, a manager, an account manager or an admin.</summary>
public class Rep
{
    public long Id { get; set; }

    /// <summary>Id in the CRM the rep came from; the key for idempotent re-imports.</summary>
    public string? ExternalId { get; set; }

    public required string Name { get; set; }

    /// <summary>Lower-case e-mail; unique. How chat identities are matched to reps.</summary>
    public string? Email { get; set; }

    public RepRole Role { get; set; }

    public long? ManagerId { get; set; }
    public Rep? Manager { get; set; }

    public long? TeamId { get; set; }
    public Team? Team { get; set; }

    /// <summary>IANA time zone id ("Europe/Berlin"); every date shown to the rep is in this zone.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>
    /// Materialised path of manager ids from the top of the org down to this rep, e.g. "/1/7/42/".
    /// A manager's subtree is every rep whose path starts with the manager's path: one indexed range scan
    /// instead of a recursive query.
    /// </summary>
    public string HierarchyPath { get; set; } = "/";

    public bool IsActive { get; set; } = true;

    /// <summary>The reply language the rep chose in chat ("th", "en"); null until they choose (see <see cref="Locale"/>).</summary>
    public string? Language { get; set; }

    /// <summary>The locale their chat client last reported ("th-TH"): the language used until they choose one.</summary>
    public string? Locale { get; set; }

    /// <summary>Years in the Buddhist era (พ.ศ.) in Thai replies; null means the language's default (yes for Thai).</summary>
    public bool? BuddhistEra { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<Quota> Quotas { get; set; } = [];
    public List<ChatIdentity> ChatIdentities { get; set; } = [];
}
