using AeBot.Core.Opportunities;

namespace AeBot.Core.Sales;

/// <summary>A name the viewer may refer to: an account, a rep, a product.</summary>
public sealed record NamedRef(long Id, string Name);

/// <summary>One deal as answers show it.</summary>
public sealed record DealRow(
    long Id,
    string Name,
    string? Account,
    string Owner,
    decimal? Amount,
    string Currency,
    string Stage,
    StageCategory Category,
    decimal? Probability,
    ForecastCategory Forecast,
    DateOnly? CloseDate,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastEngagedAt,
    decimal? ListPrice = null,
    string? ListPriceCurrency = null)
{
    /// <summary>
    /// The amount as a person should read it: the deal's own, or — for a deal with no amount yet whose product has a
    /// list price — that price, always labelled "at list price" so it is never taken for a real amount.
    /// </summary>
    public string AmountText => Amount is { } amount
        ? Formatting.MoneyFormat.Exact(amount, Currency)
        : ListPrice is { } price ? $"{Formatting.MoneyFormat.Exact(price, ListPriceCurrency ?? Currency)} at list price" : "—";
}

/// <summary>Totals per currency: amounts in different currencies are never added together.</summary>
public sealed record CurrencyTotal(string Currency, int Count, decimal Amount, decimal Weighted);

/// <summary>Deals with no amount valued at their product's list price (one unit each), in one currency.</summary>
public sealed record ListPriceTotal(string Currency, int Count, decimal Amount);

/// <summary>Totals of a set of deals.</summary>
public sealed record DealTotals(int Count, int CountWithoutAmount, IReadOnlyList<CurrencyTotal> ByCurrency)
{
    public static readonly DealTotals Empty = new(0, 0, []);

    /// <summary>
    /// Deals with no amount whose product has a list price, valued at that price (per currency). Never part of
    /// <see cref="ByCurrency"/>: shown beside the real total, labelled "at list price".
    /// </summary>
    public IReadOnlyList<ListPriceTotal> AtListPrice { get; init; } = [];

    public decimal AmountIn(string currency) => ByCurrency.FirstOrDefault(c => c.Currency == currency)?.Amount ?? 0m;

    public decimal WeightedIn(string currency) => ByCurrency.FirstOrDefault(c => c.Currency == currency)?.Weighted ?? 0m;
}

/// <summary>A total for one group (a rep, an account, a product, a forecast category).</summary>
public sealed record GroupTotal(long? Id, string Name, int Count, string Currency, decimal Amount, decimal Weighted);

/// <summary>Won deals' average days from creation to close in one group, over <paramref name="Count"/> deals.</summary>
public sealed record GroupCycle(long? Id, string Name, int Count, double AverageDays);

/// <summary>Count and amount for one group, in one currency, without the probability weighting.</summary>
public sealed record GroupAmount(long? Id, string Name, int Count, string Currency, decimal Amount);

/// <summary>A rep's quota for a period.</summary>
/// <param name="HierarchyPath">The rep's place in the org (<see cref="Organization.Rep.HierarchyPath"/>): tells a manager's roll-up quota from their reps' own.</param>
public sealed record QuotaRow(long RepId, string RepName, DateOnly PeriodStart, DateOnly PeriodEnd, decimal Amount, string Currency, string HierarchyPath = "/");

/// <summary>A deal whose close date was pushed out, with every close date it had.</summary>
public sealed record SlippedDeal(DealRow Deal, IReadOnlyList<DateOnly> CloseDates);

/// <summary>A contract coming up for renewal.</summary>
public sealed record RenewalRow(long ContractId, string Account, string? Product, DateOnly EndDate, decimal AnnualValue, string Currency, string? Owner, bool AutoRenew);
