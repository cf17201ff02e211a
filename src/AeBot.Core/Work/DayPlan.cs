namespace AeBot.Core.Work;

/// <summary>What needs the rep today.</summary>
public sealed record DayPlan(
    IReadOnlyList<FollowUpRef> Overdue,
    IReadOnlyList<FollowUpRef> DueToday,
    IReadOnlyList<RenewalItem> Renewals,
    IReadOnlyList<StaleItem> Stale,
    IReadOnlyList<DealRef> PastClose)
{
    /// <summary>Open follow-ups due in the coming week, so what was just promised shows up before it is late.</summary>
    public IReadOnlyList<FollowUpRef> Upcoming { get; init; } = [];

    /// <summary>Nothing needs the rep today (what is merely coming up this week does not count).</summary>
    public bool IsEmpty => Overdue.Count + DueToday.Count + Renewals.Count + Stale.Count + PastClose.Count == 0;
}

public sealed record RenewalItem(long ContractId, long AccountId, string AccountName, string? Product, DateOnly EndDate, decimal AnnualValue, string Currency, bool AutoRenew);

public sealed record StaleItem(DealRef Deal, DateTimeOffset? LastEngagedAt);

public sealed record DayPlanSettings(int StaleDays, int RenewalDays, int MaxItems);
