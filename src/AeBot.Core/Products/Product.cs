namespace AeBot.Core.Products;

/// <summary>Something the company sells.</summary>
public class Product
{
    public long Id { get; set; }
    public string? ExternalId { get; set; }
    public required string Name { get; set; }
    public string NormalizedName { get; set; } = "";
    public string? Family { get; set; }
    public decimal? ListPrice { get; set; }

    /// <summary>ISO 4217 code of <see cref="ListPrice"/>.</summary>
    public string? Currency { get; set; }
}
