namespace AeBot.Core.Sales;

/// <summary>
/// Who and what a message may name: people, teams, accounts, products, stages — and which of them the viewer may
/// see. All the parser needs of the data, so it can be tested over a snapshot of names without a database.
/// </summary>
public interface ISalesNames
{
    /// <summary>The viewer for a rep id; null when the rep does not exist or is inactive.</summary>
    Task<Viewer?> ViewerAsync(long repId, CancellationToken cancellationToken);

    /// <summary>The reps whose deals the viewer sees: themself, plus their subtree (manager) or everyone (admin).</summary>
    Task<IReadOnlyList<NamedRef>> VisibleRepsAsync(Viewer viewer, CancellationToken cancellationToken);

    /// <summary>The reps reporting (directly or not) to the viewer, without the viewer.</summary>
    Task<IReadOnlyList<NamedRef>> TeamAsync(Viewer viewer, CancellationToken cancellationToken);

    /// <summary>Every active person's name, whoever may see them: used only to recognise a name in a message.</summary>
    Task<IReadOnlyList<NamedRef>> AllRepsAsync(CancellationToken cancellationToken);

    /// <summary>A manager and everyone below them, limited to the people the viewer may see.</summary>
    Task<IReadOnlyList<long>> SubtreeAsync(Viewer viewer, long managerId, CancellationToken cancellationToken);

    /// <summary>The named sales teams.</summary>
    Task<IReadOnlyList<NamedRef>> SalesTeamsAsync(CancellationToken cancellationToken);

    /// <summary>The members of a sales team the viewer may see (empty when they may see none).</summary>
    Task<IReadOnlyList<long>> TeamMembersAsync(Viewer viewer, long teamId, CancellationToken cancellationToken);

    /// <summary>How many active people a sales team has, whoever may see them.</summary>
    Task<int> TeamSizeAsync(long teamId, CancellationToken cancellationToken);

    /// <summary>Every account's name: the catalogue names are matched against, shared by all viewers.</summary>
    Task<IReadOnlyList<NamedRef>> AllAccountsAsync(CancellationToken cancellationToken);

    /// <summary>Which of the given accounts the viewer may see.</summary>
    Task<IReadOnlySet<long>> VisibleAccountIdsAsync(Viewer viewer, IReadOnlyCollection<long> accountIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<NamedRef>> ProductsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> StagesAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The questions the core asks of the data. Every method takes the <see cref="Viewer"/> and returns only what the
/// viewer may see: the storage layer enforces access, so an ability cannot forget to.
/// </summary>
public interface ISalesData : ISalesNames
{
    Task<DealTotals> TotalsAsync(Viewer viewer, DealFilter filter, CancellationToken cancellationToken);

    Task<IReadOnlyList<DealRow>> DealsAsync(Viewer viewer, DealFilter filter, DealOrder order, int take, CancellationToken cancellationToken);

    /// <summary>A page of the deals in <paramref name="order"/> (which always ends on the deal id, so pages neither overlap nor skip).</summary>
    Task<IReadOnlyList<DealRow>> DealsAsync(Viewer viewer, DealFilter filter, DealOrder order, int skip, int take, CancellationToken cancellationToken);

    Task<IReadOnlyList<GroupTotal>> GroupAsync(Viewer viewer, DealFilter filter, DealGrouping grouping, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="GroupAsync"/> without the weighted amount, for answers that show none (results, win rates, team
    /// rollups): summing by probability as well makes the database sort every deal, a third of a rollup's time.
    /// </summary>
    Task<IReadOnlyList<GroupAmount>> AmountsAsync(Viewer viewer, DealFilter filter, DealGrouping grouping, CancellationToken cancellationToken);

    /// <summary>Quotas of the given reps overlapping the period, limited to reps the viewer sees.</summary>
    Task<IReadOnlyList<QuotaRow>> QuotasAsync(Viewer viewer, IReadOnlyList<long> repIds, DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>Open deals whose close date was pushed out at least <paramref name="minimumPushes"/> times.</summary>
    Task<IReadOnlyList<SlippedDeal>> SlippedAsync(Viewer viewer, DealFilter filter, int minimumPushes, int take, CancellationToken cancellationToken);

    /// <summary>
    /// Contracts ending between two dates on accounts the viewer may see, whose account is owned or managed by one of
    /// <paramref name="ownerIds"/> (null: any the viewer may see); soonest first.
    /// </summary>
    Task<IReadOnlyList<RenewalRow>> RenewalsAsync(Viewer viewer, IReadOnlyList<long>? ownerIds, IReadOnlyList<long>? accountIds, IReadOnlyList<long>? productIds,
        DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>Average days from creation to close of won deals.</summary>
    Task<double?> AverageCycleDaysAsync(Viewer viewer, DealFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="AverageCycleDaysAsync"/> per rep, account, product or stage, in one query (groups without an
    /// account or product are left out; other groupings give nothing).
    /// </summary>
    Task<IReadOnlyList<GroupCycle>> CycleDaysByAsync(Viewer viewer, DealFilter filter, DealGrouping grouping, CancellationToken cancellationToken);
}
