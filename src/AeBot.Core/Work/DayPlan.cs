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

    /// <summary>
    /// How many there are of each, however many the lists show: a heading says "10 of 24", never the length of a
    /// shortened list as if it were the count. Null when the source does not know (the lists are then complete).
    /// </summary>
    public DayPlanTotals? Totals { get; init; }

    public int OverdueTotal => Totals?.Overdue ?? Overdue.Count;
    public int DueTodayTotal => Totals?.DueToday ?? DueToday.Count;
    public int UpcomingTotal => Totals?.Upcoming ?? Upcoming.Count;
    public int RenewalsTotal => Totals?.Renewals ?? Renewals.Count;
    public int StaleTotal => Totals?.Stale ?? Stale.Count;
    public int PastCloseTotal => Totals?.PastClose ?? PastClose.Count;

    /// <summary>Nothing needs the rep today (what is merely coming up this week does not count).</summary>
    public bool IsEmpty => Overdue.Count + DueToday.Count + Renewals.Count + Stale.Count + PastClose.Count == 0;
}

/// <summary>The true number of items behind each list of a <see cref="DayPlan"/>.</summary>
public sealed record DayPlanTotals(int Overdue, int DueToday, int Upcoming, int Renewals, int Stale, int PastClose);

public sealed record RenewalItem(long ContractId, long AccountId, string AccountName, string? Product, DateOnly EndDate, decimal AnnualValue, string Currency, bool AutoRenew);

public sealed record StaleItem(DealRef Deal, DateTimeOffset? LastEngagedAt);

public sealed record DayPlanSettings(int StaleDays, int RenewalDays, int MaxItems);
