namespace AeBot.Core.Opportunities;

/// <summary>
/// A snapshot of a deal's stage, close date, amount and probability after a change, as Salesforce's
/// OpportunityHistory keeps it. Stage history, slipped deals ("pushed Mar 3 → Mar 31 → Apr 30") and
/// undo all read from these rows.
/// </summary>
public class OpportunityHistory
{
    public long Id { get; set; }
    public long OpportunityId { get; set; }
    public Opportunity? Opportunity { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>Null when the change came from an import rather than a person.</summary>
    public long? ChangedByRepId { get; set; }

    public required string Stage { get; set; }
    public StageCategory StageCategory { get; set; }
    public DateOnly? CloseDate { get; set; }
    public decimal? Amount { get; set; }
    public decimal? Probability { get; set; }
}
