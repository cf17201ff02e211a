using AeBot.Core.Accounts;
using AeBot.Core.Products;

namespace AeBot.Core.Contracts;

/// <summary>A signed subscription; its end date drives renewal nudges.</summary>
public class Contract
{
    public long Id { get; set; }
    public string? ExternalId { get; set; }
    public long AccountId { get; set; }
    public Account? Account { get; set; }
    public long? ProductId { get; set; }
    public Product? Product { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public decimal AnnualValue { get; set; }
    public required string Currency { get; set; }
    public bool AutoRenew { get; set; }
}
