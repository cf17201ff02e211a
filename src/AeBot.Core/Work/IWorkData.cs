using AeBot.Core.Sales;

namespace AeBot.Core.Work;

/// <summary>The reads behind capture, briefs and "my day"; like <see cref="ISalesData"/>, scoped to what the viewer may see.</summary>
public interface IWorkData
{
    /// <summary>Open deals the viewer may change, of one account or (null) all of them, closing soonest first.</summary>
    Task<IReadOnlyList<DealRef>> WritableOpenDealsAsync(Viewer viewer, long? accountId, CancellationToken cancellationToken);

    /// <summary>A deal the viewer may change; null when it does not exist or is not theirs to change.</summary>
    Task<DealRef?> WritableDealAsync(Viewer viewer, long dealId, CancellationToken cancellationToken);

    /// <summary>Whether the viewer logged this interaction and it is still there (undoing its log removes it): only then may they edit it.</summary>
    Task<bool> CanEditInteractionAsync(Viewer viewer, long interactionId, CancellationToken cancellationToken);

    /// <summary>Accounts the viewer may log against, most recently active first.</summary>
    Task<IReadOnlyList<NamedRef>> RecentAccountsAsync(Viewer viewer, int take, CancellationToken cancellationToken);

    Task<IReadOnlyList<StageInfo>> StagesAsync(CancellationToken cancellationToken);

    Task<AccountBrief?> BriefAsync(Viewer viewer, long accountId, DateOnly today, CancellationToken cancellationToken);

    Task<DayPlan> MyDayAsync(Viewer viewer, DateOnly today, DateTimeOffset now, DayPlanSettings settings, CancellationToken cancellationToken);

    /// <summary>The account manager of an account (null when none), for the handoff.</summary>
    Task<NamedRef?> AccountManagerAsync(long accountId, CancellationToken cancellationToken);
}
