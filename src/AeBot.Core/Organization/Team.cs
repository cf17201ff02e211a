namespace AeBot.Core.Organization;

/// <summary>A named sales team (e.g. "Enterprise West"), usually led by a manager.</summary>
public class Team
{
    public long Id { get; set; }
    public string? ExternalId { get; set; }
    public required string Name { get; set; }
    public long? ManagerId { get; set; }
    public Rep? Manager { get; set; }
}
