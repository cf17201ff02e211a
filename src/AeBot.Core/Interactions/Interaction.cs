using AeBot.Core.Accounts;
using AeBot.Core.Opportunities;
using AeBot.Core.Organization;

namespace AeBot.Core.Interactions;

/// <summary>A logged call, meeting, e-mail or note.</summary>
public class Interaction
{
    public long Id { get; set; }
    public string? ExternalId { get; set; }
    public InteractionType Type { get; set; }
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Who had the interaction.</summary>
    public long? RepId { get; set; }
    public Rep? Rep { get; set; }

    public long? AccountId { get; set; }
    public Account? Account { get; set; }

    public long? OpportunityId { get; set; }
    public Opportunity? Opportunity { get; set; }

    public required string Summary { get; set; }

    /// <summary>Objections the customer raised, one per line.</summary>
    public string? Objections { get; set; }

    public string? NextStep { get; set; }
    public DateOnly? NextStepDue { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<InteractionContact> Contacts { get; set; } = [];
}
