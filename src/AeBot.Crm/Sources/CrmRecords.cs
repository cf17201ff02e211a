namespace AeBot.Crm.Sources;

// What a CRM holds, in the CRM's own terms and ids, whichever CRM it came from. The clients (HubSpot, Salesforce)
// produce these; the sync engine maps them onto AeBot's storage. Ids are the CRM's ids as strings (HubSpot's numeric
// ids, Salesforce's 18-character ids). ModifiedAt is the CRM's own change stamp (hs_lastmodifieddate,
// SystemModstamp): the cursors advance by it.

/// <summary>The object types a sync reads, in the order it reads them (a deal's owner, stage and company come first).</summary>
public enum CrmObject
{
    Users,
    Stages,
    Products,
    Companies,
    Contacts,
    Deals,
    Activities,
}

/// <summary>A seller or manager. <see cref="ManagerId"/> is another user's id (Salesforce <c>ManagerId</c>); <see cref="Team"/> a team's name (HubSpot teams).</summary>
/// <see cref="TimeZone"/>: an IANA id where the CRM keeps one (Salesforce TimeZoneSidKey).
public sealed record CrmUser(string Id, string Name, string? Email, string? ManagerId, string? Team, string? Title, bool Active, DateTimeOffset ModifiedAt, string? TimeZone = null);

/// <summary>
/// A deal stage from the pipeline definitions (HubSpot <c>/crm/v3/pipelines/deals</c>; Salesforce
/// <c>OpportunityStage</c>). <see cref="Probability"/> is 0–1. <see cref="ForecastCategory"/> as the CRM names it
/// (Salesforce's ForecastCategoryName: Pipeline, Best Case, Commit, Closed, Omitted); HubSpot has none per stage.
/// </summary>
public sealed record CrmStage(string Id, string Label, string? PipelineId, string? PipelineLabel, decimal? Probability, bool IsClosed, bool IsWon, string? ForecastCategory, int Order);

public sealed record CrmProduct(string Id, string Name, decimal? Price, string? Currency, DateTimeOffset ModifiedAt);

/// <summary>A company (HubSpot) or account (Salesforce). <see cref="MergedIds"/>: records merged into this one (HubSpot <c>hs_merged_object_ids</c>).</summary>
public sealed record CrmCompany(
    string Id, string Name, string? OwnerId, string? Industry, string? Website, string? Country, int? Employees, string? ParentId,
    DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt, IReadOnlyList<string> MergedIds);

public sealed record CrmContact(
    string Id, string Name, string? Email, string? Phone, string? Title, string? CompanyId,
    DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt, IReadOnlyList<string> MergedIds);

/// <summary>
/// A deal (HubSpot) or opportunity (Salesforce). <see cref="StageId"/> refers to a <see cref="CrmStage"/>; a CRM
/// whose records carry the stage's label instead (Salesforce's StageName) gives the label as the id, as its stage
/// list does. <see cref="Amount"/> is in <see cref="Currency"/> (null: the CRM's company currency).
/// <see cref="ProductId"/>: the product of its first line item, if any — Salesforce's first created; HubSpot's first
/// in the deal's own order (position, then creation) among those made from a product. <see cref="LineItemIds"/>: all
/// its line items, where the client read them (null: not read) — so a line item deleted later can be traced to its deal.
/// </summary>
public sealed record CrmDeal(
    string Id, string Name, decimal? Amount, string? Currency, string? StageId, string? PipelineId, DateOnly? CloseDate,
    string? OwnerId, string? CompanyId, string? ProductId, string? NextStep, string? LossReason, string? Type,
    DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt, IReadOnlyList<string> MergedIds, IReadOnlyList<string>? LineItemIds = null);

/// <summary>
/// Line items added, changed or deleted within a window: the deals those still there belong to, and the ids of those
/// deleted (their deal is no longer said by the CRM: AeBot remembers it from the deal's last read).
/// </summary>
public sealed record CrmLineItemChanges(IReadOnlyCollection<string> DealIds, IReadOnlyCollection<string> DeletedLineItemIds);

public enum CrmActivityKind
{
    Call,
    Meeting,
    Note,
    Task,
    Email,
}

/// <summary>
/// A call, meeting, note, task or e-mail (HubSpot engagements; Salesforce Task/Event) with what it is associated
/// with. <see cref="DueDate"/> and <see cref="Completed"/> are a task's.
/// </summary>
public sealed record CrmActivity(
    string Id, CrmActivityKind Kind, DateTimeOffset OccurredAt, string? Subject, string? Body, string? OwnerId,
    string? DealId, string? CompanyId, IReadOnlyList<string> ContactIds, DateOnly? DueDate, bool? Completed,
    DateTimeOffset ModifiedAt);

/// <summary>A record deleted (or merged away) in the CRM.</summary>
public sealed record CrmDeletion(CrmObject Type, string Id, DateTimeOffset DeletedAt);

/// <summary>A record the client could not read (a malformed value): skipped, counted and reported, never a crash.</summary>
public sealed record CrmSkipped(CrmObject Type, string? Id, string Reason);

/// <summary>One page of a read, as it came from the CRM.</summary>
public sealed record CrmPage<T>(IReadOnlyList<T> Records, IReadOnlyList<CrmSkipped> Skipped);

/// <summary>
/// What to read: everything (<see cref="Since"/> null, a full sync) or what changed in [Since, Until] by the CRM's
/// change stamp. Until bounds the run so a record changed while it runs is read by the next one.
/// </summary>
public sealed record CrmWindow(DateTimeOffset? Since, DateTimeOffset Until)
{
    public bool Full => Since is null;
}
