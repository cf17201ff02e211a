using AeBot.Core.Accounts;
using AeBot.Core.Opportunities;
using AeBot.Core.Organization;

namespace AeBot.Core.Interactions;

/// <summary>Something a rep promised to do, usually the next step of an interaction.</summary>
public class FollowUpTask
{
    public long Id { get; set; }
    public string? ExternalId { get; set; }
    public long RepId { get; set; }
    public Rep? Rep { get; set; }
    public long? AccountId { get; set; }
    public Account? Account { get; set; }
    public long? OpportunityId { get; set; }
    public Opportunity? Opportunity { get; set; }
    public long? InteractionId { get; set; }
    public Interaction? Interaction { get; set; }
    public required string Title { get; set; }
    public DateOnly? DueDate { get; set; }
    public FollowUpStatus Status { get; set; }
    public DateTimeOffset? SnoozedUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
