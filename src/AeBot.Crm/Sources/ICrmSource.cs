namespace AeBot.Crm.Sources;

/// <summary>
/// Reading a CRM. Each read pages through the CRM's own paging (HubSpot's <c>after</c>, Salesforce's
/// <c>nextRecordsUrl</c>) and yields page by page, so memory stays flat whatever the size; a record changed during
/// a run may come twice across runs (the windows overlap), never twice within one read.
/// </summary>
public interface ICrmSource
{
    /// <summary>"HubSpot" or "Salesforce": the name people see and the key the cursors are kept under.</summary>
    string Provider { get; }

    /// <summary>The CRM's clock, as far as this client knows it (the Date header of its last answer), else ours.</summary>
    DateTimeOffset Now { get; }

    IAsyncEnumerable<CrmPage<CrmUser>> ReadUsersAsync(CrmWindow window, CancellationToken cancellationToken);

    /// <summary>All stages of all deal pipelines (small: always read whole).</summary>
    Task<IReadOnlyList<CrmStage>> ReadStagesAsync(CancellationToken cancellationToken);

    IAsyncEnumerable<CrmPage<CrmProduct>> ReadProductsAsync(CrmWindow window, CancellationToken cancellationToken);

    IAsyncEnumerable<CrmPage<CrmCompany>> ReadCompaniesAsync(CrmWindow window, CancellationToken cancellationToken);

    IAsyncEnumerable<CrmPage<CrmContact>> ReadContactsAsync(CrmWindow window, CancellationToken cancellationToken);

    IAsyncEnumerable<CrmPage<CrmDeal>> ReadDealsAsync(CrmWindow window, CancellationToken cancellationToken);

    IAsyncEnumerable<CrmPage<CrmActivity>> ReadActivitiesAsync(CrmWindow window, CancellationToken cancellationToken);

    /// <summary>
    /// Line items added, changed or deleted within the window (Since is never null here). A deal's change stamp is not
    /// documented to move when its line items do, so an increment asks for these itself and reads their deals again
    /// (<see cref="ReadDealsByIdAsync"/>): a deal whose line items were all removed loses its product without a full run.
    /// The default: none (a CRM whose deals' stamps do move reads them with the deals).
    /// </summary>
    Task<CrmLineItemChanges> ReadLineItemChangesAsync(CrmWindow window, CancellationToken cancellationToken) =>
        Task.FromResult(new CrmLineItemChanges([], []));

    /// <summary>These deals as they are now (those the CRM no longer has are left out: deletions are read as such).</summary>
    IAsyncEnumerable<CrmPage<CrmDeal>> ReadDealsByIdAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        AsyncEnumerable.Empty<CrmPage<CrmDeal>>();

    /// <summary>Records of <paramref name="type"/> deleted (or merged away) within the window (Since is never null here).</summary>
    IAsyncEnumerable<CrmDeletion> ReadDeletionsAsync(CrmObject type, CrmWindow window, CancellationToken cancellationToken);

    /// <summary>
    /// Which of these records — linked earlier, not returned by a full read of <paramref name="type"/> that just went
    /// to its end — the CRM confirms are gone. A full read alone is no proof: a record changed while the run read it
    /// (Salesforce's reads stop at the run's start), or one the CRM leaves out of its lists (Salesforce's archived
    /// activities), is missing from it yet still there. The default confirms none: a CRM that cannot tell sweeps nothing.
    /// </summary>
    Task<IReadOnlyCollection<string>> ConfirmGoneAsync(CrmObject type, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<string>>([]);

    /// <summary>
    /// Whether the users read carry reporting lines (Salesforce's ManagerId). HubSpot's owners have none: a manager
    /// AeBot knows from a roster import must not be cleared because the CRM never says who it is.
    /// </summary>
    bool HasReportingLines => true;

    /// <summary>Requests made so far and the limits the CRM reported (for <c>crm status</c> and the benchmark).</summary>
    CrmUsage Usage { get; }
}

/// <summary>
/// Writing to a CRM. Every write carries <see cref="CrmActivityWrite.Key"/>, AeBot's own key for it, so that a write
/// retried after an unknown outcome (a timeout, a crash before the bookkeeping) is first looked for and never made
/// twice.
/// </summary>
public interface ICrmWriter
{
    /// <summary>Creates the call/meeting/note/task with its associations; returns the CRM's id.</summary>
    Task<string> CreateActivityAsync(CrmActivityWrite write, CancellationToken cancellationToken);

    /// <summary>The CRM id of an activity an earlier attempt may already have created, or null.</summary>
    Task<string?> FindActivityAsync(CrmActivityWrite write, CancellationToken cancellationToken);

    /// <summary>The deal's current values of the fields AeBot writes (for the "is it still what we last saw" check).</summary>
    Task<IReadOnlyDictionary<CrmDealField, string?>> ReadDealFieldsAsync(string dealId, CancellationToken cancellationToken);

    /// <summary>Sets these fields of the deal, nothing else.</summary>
    Task UpdateDealAsync(string dealId, IReadOnlyDictionary<CrmDealField, string?> values, CancellationToken cancellationToken);

    /// <summary>
    /// Brings an activity AeBot created up to date with what it is in AeBot now: a logged interaction's subject and text
    /// after an edit, a task's title, due date and whether it is done. Setting the same values again changes nothing,
    /// so a retried update is harmless.
    /// </summary>
    Task UpdateActivityAsync(string activityId, CrmActivityUpdate update, CancellationToken cancellationToken);

    /// <summary>Deletes an activity AeBot created (undone in chat). One already gone counts as deleted.</summary>
    Task DeleteActivityAsync(CrmActivityKind kind, string activityId, CancellationToken cancellationToken);

    /// <summary>
    /// Points an activity AeBot created at the deal and company it is about now (an interaction moved to another deal
    /// in chat): its deal and company links become exactly these (none where null), and its contacts gain those listed
    /// (a contact someone linked in the CRM is left). Setting the same links again changes nothing. One the CRM no longer
    /// has is left alone (false).
    /// </summary>
    Task<bool> SetActivityLinksAsync(CrmActivityKind kind, string activityId, CrmActivityLinks links, CancellationToken cancellationToken);
}

/// <summary>What an activity is about: a deal, a company and contacts, by CRM id.</summary>
public sealed record CrmActivityLinks(string? DealId, string? CompanyId, IReadOnlyList<string> ContactIds);

/// <summary>
/// What an activity AeBot created is now. <see cref="Key"/>: AeBot's key of this write (a client may stamp it where it
/// stamps a create's). <see cref="DueDate"/> and <see cref="Completed"/> are a task's.
/// </summary>
/// <see cref="DueAt"/>: a task due at a moment (a reminder), <see cref="DueDate"/> then its day in the rep's zone.
public sealed record CrmActivityUpdate(string Key, CrmActivityKind Kind, string Subject, string Body, DateOnly? DueDate = null, bool? Completed = null,
    DateTimeOffset? DueAt = null);

/// <summary>
/// A deal's fields AeBot writes. Values travel as invariant strings: a stage by its CRM id, a date as yyyy-MM-dd,
/// an amount as an invariant decimal, a person by CRM user id.
/// </summary>
public enum CrmDealField
{
    Stage,
    CloseDate,
    Amount,
    NextStep,
    LossReason,
    Owner,
}

/// <summary>
/// An activity to create. <see cref="Key"/> is AeBot's idempotency key for it ("aebot-…"); clients store it where
/// they can find it again (see each client).
/// </summary>
/// <see cref="DueAt"/>: a task due at a moment rather than on a day (a reminder: "Friday 9am"); its day is
/// <see cref="DueDate"/> in the rep's zone.
public sealed record CrmActivityWrite(
    string Key, CrmActivityKind Kind, DateTimeOffset OccurredAt, string Subject, string Body, string? OwnerId,
    string? DealId, string? CompanyId, IReadOnlyList<string> ContactIds, DateOnly? DueDate, DateTimeOffset? DueAt = null);

/// <summary>Requests made by a client and what the CRM said of its limits.</summary>
public sealed class CrmUsage
{
    private long _requests;

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Salesforce's <c>Sforce-Limit-Info: api-usage=used/max</c>, HubSpot's daily limit headers where sent.</summary>
    public long? DailyUsed { get; set; }

    public long? DailyMax { get; set; }

    public void Count() => Interlocked.Increment(ref _requests);
}
