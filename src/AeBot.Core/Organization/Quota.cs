namespace AeBot.Core.Organization;

/// <summary>A rep's target for one period (inclusive dates, usually a fiscal quarter or year).</summary>
public class Quota
{
    public long Id { get; set; }
    public long RepId { get; set; }
    public Rep? Rep { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public decimal Amount { get; set; }

    /// <summary>ISO 4217 code.</summary>
    public required string Currency { get; set; }
}
