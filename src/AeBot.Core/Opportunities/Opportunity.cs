using AeBot.Core.Accounts;
using AeBot.Core.Organization;
using AeBot.Core.Products;

namespace AeBot.Core.Opportunities;

/// <summary>A deal.</summary>
public class Opportunity
{
    public long Id { get; set; }
    public string? ExternalId { get; set; }
    public required string Name { get; set; }

    /// <summary>Real exports contain deals without an account; they are kept, not rejected.</summary>
    public long? AccountId { get; set; }
    public Account? Account { get; set; }

    public long OwnerId { get; set; }
    public Rep? Owner { get; set; }

    public long? ProductId { get; set; }
    public Product? Product { get; set; }

    /// <summary>Deal value in <see cref="Currency"/>; null for early open deals that have none yet.</summary>
    public decimal? Amount { get; set; }

    /// <summary>ISO 4217 code of <see cref="Amount"/>.</summary>
    public required string Currency { get; set; }

    /// <summary>The stage name as the CRM calls it ("Negotiation/Review").</summary>
    public required string Stage { get; set; }

    public StageCategory StageCategory { get; set; }

    /// <summary>Win probability in percent, 0–100.</summary>
    public decimal? Probability { get; set; }

    public ForecastCategory ForecastCategory { get; set; }

    /// <summary>Expected (open) or actual (won/lost) close date: a calendar date, not an instant.</summary>
    public DateOnly? CloseDate { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the deal was last touched by a logged interaction.</summary>
    public DateTimeOffset? LastEngagedAt { get; set; }

    public string? NextStep { get; set; }
    public DateOnly? NextStepDue { get; set; }

    public OpportunityType Type { get; set; }
    public string? LossReason { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<OpportunityHistory> History { get; set; } = [];
}
