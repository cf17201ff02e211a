using AeBot.Core.Accounts;
using AeBot.Core.Opportunities;

namespace AeBot.Core.Interactions;

/// <summary>An objection raised by the customer, captured on the deal (and account) from a logged interaction.</summary>
public class Objection
{
    public long Id { get; set; }
    public long? InteractionId { get; set; }
    public Interaction? Interaction { get; set; }
    public long? OpportunityId { get; set; }
    public Opportunity? Opportunity { get; set; }
    public long? AccountId { get; set; }
    public Account? Account { get; set; }
    public required string Text { get; set; }

    /// <summary>The playbook topic it matches ("price", "competitor"), if any.</summary>
    public string? Topic { get; set; }

    public DateTimeOffset RaisedAt { get; set; }
}
