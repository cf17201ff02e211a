using AeBot.Core.Opportunities;

namespace AeBot.Core.Sales;

/// <summary>Which deals a question is about. Empty members mean "any".</summary>
public sealed record DealFilter
{
    /// <summary>Owners to include; null = every owner the viewer may see.</summary>
    public IReadOnlyList<long>? OwnerIds { get; init; }
    public IReadOnlyList<long>? AccountIds { get; init; }
    public IReadOnlyList<long>? ProductIds { get; init; }
    public StageCategory? Category { get; init; }
    /// <summary>Stage names as the CRM has them; null = any stage.</summary>
    public IReadOnlyList<string>? Stages { get; init; }

    public DateOnly? CloseFrom { get; init; }

    /// <summary>Inclusive.</summary>
    public DateOnly? CloseTo { get; init; }

    /// <summary>Created at or after this instant.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Created before this instant (exclusive).</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    public decimal? MinAmount { get; init; }
    public decimal? MaxAmount { get; init; }
    public OpportunityType? Type { get; init; }
    public ForecastCategory? Forecast { get; init; }

    /// <summary>Deals with no logged engagement since this instant (or never, and created before it).</summary>
    public DateTimeOffset? NotEngagedSince { get; init; }
}

/// <summary>How to order a list of deals.</summary>
public enum DealOrder
{
    AmountDescending,
    AmountAscending,
    CloseDateAscending,
    LastEngagedAscending,
}

/// <summary>What a list or total is broken down by.</summary>
public enum DealGrouping
{
    Owner,
    Account,
    Product,
    Forecast,
    Stage,

    /// <summary>By calendar month of the close date (or of creation, when the filter is on created dates).</summary>
    Month,
}
