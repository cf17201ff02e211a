using AeBot.Core.Interactions;
using AeBot.Core.Sales;
using AeBot.Core.Work;

namespace AeBot.Core.Work;

/// <summary>Everything a rep wants to know before meeting an account, as far as they may see it.</summary>
public sealed record AccountBrief(
    long AccountId,
    string Name,
    string? Industry,
    string? Segment,
    int? Employees,
    NamedRef? Owner,
    NamedRef? AccountManager,
    IReadOnlyList<BriefContact> Contacts,
    IReadOnlyList<DealRef> OpenDeals,
    IReadOnlyList<BriefInteraction> LastInteractions,
    IReadOnlyList<BriefContract> Contracts,
    IReadOnlyList<FollowUpRef> OpenFollowUps,
    IReadOnlyList<BriefObjection> Objections,
    IReadOnlyList<CrossSellCandidate> CrossSell);

public sealed record BriefContact(long Id, string Name, string? Title, string? Email, DateTimeOffset? LastMet);

public sealed record BriefInteraction(DateTimeOffset OccurredAt, InteractionType Type, string Summary, string? RepName, IReadOnlyList<string> Contacts, string? NextStep);

public sealed record BriefContract(string? Product, DateOnly StartDate, DateOnly EndDate, decimal AnnualValue, string Currency, bool AutoRenew);

public sealed record BriefObjection(string Text, string? Topic, DateTimeOffset RaisedAt, string? DealName);

/// <summary>
/// A product this account lacks that similar accounts (same industry, or same segment) bought: how many of them,
/// out of how many similar accounts, and a few of their names as evidence.
/// </summary>
public sealed record CrossSellCandidate(string Product, int SimilarWithProduct, int SimilarAccounts, string Similarity, IReadOnlyList<string> Examples);
