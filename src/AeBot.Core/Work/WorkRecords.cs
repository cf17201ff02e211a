using AeBot.Core.Interactions;
using AeBot.Core.Opportunities;

namespace AeBot.Core.Work;

/// <summary>A deal as the capture abilities show and change it.</summary>
public sealed record DealRef(
    long Id,
    string Name,
    long? AccountId,
    string? AccountName,
    long OwnerId,
    string OwnerName,
    string Stage,
    StageCategory Category,
    decimal? Amount,
    string Currency,
    decimal? Probability,
    DateOnly? CloseDate,
    string? NextStep,
    DateOnly? NextStepDue,
    string? LossReason);

/// <summary>A stage name as the CRM uses it, with the category and probability its deals usually carry.</summary>
public sealed record StageInfo(string Name, StageCategory Category, decimal? Probability, int Order);

/// <summary>An objection the customer raised; <paramref name="Topic"/> is the playbook entry it matches, if any.</summary>
public sealed record ObjectionNote(string Text, string? Topic);

/// <summary>What a rep said happened, ready to store. Contacts are names: existing ones are matched, new ones created.</summary>
public sealed record InteractionDraft(
    InteractionType Type,
    long AccountId,
    long? OpportunityId,
    IReadOnlyList<string> ContactNames,
    string Summary,
    IReadOnlyList<ObjectionNote> Objections,
    string? NextStep,
    DateOnly? NextStepDue,
    DateTimeOffset OccurredAt);

public sealed record ContactRef(long Id, string Name, bool Created);

/// <summary>Exactly what was stored for a logged interaction.</summary>
public sealed record LoggedInteraction(
    long InteractionId,
    InteractionType Type,
    long AccountId,
    string AccountName,
    long? DealId,
    string? DealName,
    IReadOnlyList<ContactRef> Contacts,
    string Summary,
    IReadOnlyList<ObjectionNote> Objections,
    string? NextStep,
    DateOnly? NextStepDue,
    long? FollowUpId,
    DateTimeOffset OccurredAt);

/// <summary>A change to one field of a logged interaction ("Edit").</summary>
public sealed record InteractionEdit(string? Summary = null, string? NextStep = null, DateOnly? NextStepDue = null, long? OpportunityId = null, bool ClearDeal = false);

/// <summary>
/// A change to a deal. Only the fields set change. <paramref name="Outcome"/> Won or Lost closes the deal (with
/// <paramref name="LossReason"/> for a loss); <paramref name="TasksOnWin"/> are created in the same transaction.
/// </summary>
public sealed record DealChange(
    long DealId,
    string? Stage = null,
    decimal? Amount = null,
    DateOnly? CloseDate = null,
    string? NextStep = null,
    DateOnly? NextStepDue = null,
    StageCategory? Outcome = null,
    string? LossReason = null,
    IReadOnlyList<TaskDraft>? TasksOnWin = null);

/// <summary>A follow-up task to create for someone (onboarding checklist items).</summary>
public sealed record TaskDraft(long AssigneeRepId, string Title, DateOnly? DueDate);

public sealed record DealUpdate(DealRef Before, DealRef After, IReadOnlyList<long> TaskIds);

/// <summary>A follow-up task as lists show it.</summary>
public sealed record FollowUpRef(long Id, string Title, DateOnly? DueDate, long? AccountId, string? AccountName, long? DealId, string? DealName, FollowUpStatus Status, DateTimeOffset? SnoozedUntil);

/// <summary>
/// What a change made through the bot wrote, with the id of its change record: the id its Undo button carries, so the
/// button undoes exactly this change and no later one.
/// </summary>
public sealed record Written<T>(T Value, long ChangeId);

/// <summary>How an undo ended. Only <see cref="Undone"/> changed anything.</summary>
public enum UndoStatus
{
    Undone,

    /// <summary>No such change of the viewer's: someone else's, made up or garbled — one answer for all, so it reveals nothing.</summary>
    NotFound,

    AlreadyUndone,

    /// <summary>Older than the undo window.</summary>
    Expired,

    /// <summary>What it changed has been changed again since; reverting it would throw the later change away.</summary>
    Superseded,
}

/// <summary>
/// What "undo" did to one change: <paramref name="Description"/> names the change in words ("the call logged with
/// Acme"); <paramref name="Reason"/> says, for <see cref="UndoStatus.Superseded"/>, what changed since.
/// </summary>
public sealed record UndoResult(UndoStatus Status, string Description, DateTimeOffset ChangedAt, string? Reason = null)
{
    public static UndoResult NotFound { get; } = new(UndoStatus.NotFound, "", DateTimeOffset.MinValue);
}
