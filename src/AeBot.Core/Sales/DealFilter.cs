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
    public string? Stage { get; init; }
    public DateOnly? CloseFrom { get; init; }

    /// <summary>Inclusive.</summary>
    public DateOnly? CloseTo { get; init; }

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
}
