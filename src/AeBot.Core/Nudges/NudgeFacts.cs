namespace AeBot.Core.Nudges;

/// <summary>
/// The envelope a scan asks the data for, in UTC: every local "today" on Earth is within a day of the UTC date, so
/// the data returns a little more than is due and the rules decide per recipient, in their zone.
/// </summary>
public sealed record NudgeWindow(DateTimeOffset Now, IReadOnlyList<int> Milestones, int GraceDays, int EscalationDays, int MinStaleDays, int MaxStaleDays)
{
    public DateOnly UtcToday => DateOnly.FromDateTime(Now.UtcDateTime);
}

/// <summary>A contract near its end, with who hears about it and the account's last logged interaction.</summary>
public sealed record RenewalFact(
    long ContractId, long AccountId, string AccountName, string? Product, DateOnly EndDate, decimal AnnualValue, string Currency, bool AutoRenew,
    long? OwnerId, string? OwnerName, long? AccountManagerId, long? EscalateToId, DateTimeOffset? LastInteractionAt);

public sealed record FollowUpFact(long Id, long RepId, string Title, DateOnly DueDate, long? AccountId, string? AccountName, long? DealId, string? DealName);

public sealed record DealFact(
    long Id, string Name, long? AccountId, string? AccountName, long OwnerId, string Stage, decimal? Amount, string Currency,
    DateOnly? CloseDate, DateTimeOffset? LastEngagedAt, DateTimeOffset CreatedAt);

/// <summary>An open deal whose close date moved recently, with the close dates it has had, oldest first.</summary>
public sealed record SlippedFact(DealFact Deal, IReadOnlyList<DateOnly> CloseDates, int Pushes, DateTimeOffset LastPushAt);

public sealed record NudgeFacts(
    IReadOnlyList<RenewalFact> Renewals,
    IReadOnlyList<FollowUpFact> FollowUps,
    IReadOnlyList<DealFact> PastClose,
    IReadOnlyList<DealFact> Stale,
    IReadOnlyList<SlippedFact> Slipped);

/// <summary>
/// The set-based reads behind the unscheduled rules: a handful of range queries over the whole company per scan,
/// never a query per rep.
/// </summary>
public interface INudgeSource
{
    Task<NudgeFacts> FactsAsync(NudgeWindow window, CancellationToken cancellationToken);

    /// <summary>Which subjects still need attention (deal open, follow-up open, contract not ended) — for snoozed nudges coming back.</summary>
    /// <summary>
    /// Contracts of accounts owned or managed by <paramref name="repIds"/> ending within <paramref name="days"/> of
    /// <paramref name="today"/> with no logged interaction since <paramref name="quietSince"/>: renewals at risk.
    /// </summary>
    Task<IReadOnlyList<RenewalFact>> RenewalsAtRiskAsync(IReadOnlyCollection<long> repIds, DateOnly today, int days, DateTimeOffset quietSince, CancellationToken cancellationToken);

    /// <summary>The active people reporting directly to <paramref name="managerId"/>, by name.</summary>
    Task<IReadOnlyList<Sales.NamedRef>> DirectReportsAsync(long managerId, CancellationToken cancellationToken);

    /// <summary>The account and deal a nudge's subject belongs to (for its Log and Open buttons); null when it no longer exists.</summary>
    Task<NudgeSubjectInfo?> SubjectAsync(NudgeSubject subject, CancellationToken cancellationToken);

    Task<IReadOnlySet<NudgeSubject>> StillOpenAsync(IReadOnlyCollection<NudgeSubject> subjects, DateOnly today, CancellationToken cancellationToken);
}

public sealed record NudgeSubjectInfo(long? AccountId, string? AccountName, long? DealId, string? DealName);
