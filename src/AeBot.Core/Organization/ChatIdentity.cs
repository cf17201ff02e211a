namespace AeBot.Core.Organization;

/// <summary>Links a chat account (a Slack user id, a Teams AAD object id) to a rep.</summary>
public class ChatIdentity
{
    public long Id { get; set; }
    public long RepId { get; set; }
    public Rep? Rep { get; set; }

    /// <summary>"slack" or "teams" (see <see cref="ChatChannels"/>).</summary>
    public required string Channel { get; set; }

    /// <summary>Slack team (workspace) id or Teams tenant id; empty when not known.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Slack user id ("U012ABC") or Teams AAD object id.</summary>
    public required string ExternalUserId { get; set; }

    public DateTimeOffset LinkedAt { get; set; }
}
