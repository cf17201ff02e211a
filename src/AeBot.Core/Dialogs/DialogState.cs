using AeBot.Core.Interactions;

namespace AeBot.Core.Dialogs;

/// <summary>One conversation of one rep on one channel: what dialog state and memory are keyed by.</summary>
public sealed record ConversationKey(string Channel, string ConversationId, long RepId);

/// <summary>
/// A dialog in progress: what it is doing, the one thing it is waiting for, and what it has gathered so far.
/// Plain data, stored as JSON in the database between turns (so it survives restarts and works across instances).
/// </summary>
public sealed record DialogState
{
    public required DialogKind Kind { get; init; }

    /// <summary>
    /// Which dialog this is, the same through all its steps: its buttons carry it, so a button left on an earlier
    /// dialog's card never answers a later one that happens to ask the same thing. Empty until first saved.
    /// </summary>
    public string Id { get; init; } = "";

    /// <summary>The slot the last question asked for; the next message is read as its answer first.</summary>
    public required DialogSlot Awaiting { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public LogDraft? Log { get; init; }
    public DealDraft? Deal { get; init; }
    public long? InteractionId { get; init; }
    public ReminderDraftState? Reminder { get; init; }

    /// <summary>
    /// Set aside by a message that was not an answer: it no longer takes the next message as its answer, and waits
    /// for "resume" (or one of its buttons) until it expires.
    /// </summary>
    public bool SetAside { get; init; }

    /// <summary>The payloads of the choices last offered, so "2" typed in any channel picks the second.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>The unfinished change, as a noun: "the close-date change on Acme — GTX Pro".</summary>
    public string Aside() => "the " + Unfinished();

    /// <summary>The unfinished change without its article: "close-date change on Acme — GTX Pro".</summary>
    public string Unfinished() => Kind switch
    {
        DialogKind.LogInteraction => $"{(Log?.Type ?? InteractionType.Call).ToString().ToLowerInvariant()} log{(Log?.AccountName is { } a ? " for " + a : "")}",
        DialogKind.UpdateDeal => $"{(Deal?.Action switch
        {
            DealAction.Amount => "amount change",
            DealAction.CloseDate => "close-date change",
            DealAction.NextStep => "next-step update",
            DealAction.Won => "mark-as-won",
            DealAction.Lost => "mark-as-lost",
            _ => "stage change",
        })}{(Deal?.DealName is { } d ? " on " + d : "")}",
        DialogKind.EditInteraction => "edit of what you logged",
        _ => "reminder" + (Reminder?.Text is { } t ? $" (\"{t}\")" : ""),
    };

    /// <summary>What the dialog is doing, in words, for "we were …" reminders.</summary>
    public string Describe() => Kind switch
    {
        DialogKind.LogInteraction => $"logging a {(Log?.Type ?? InteractionType.Call).ToString().ToLowerInvariant()}{(Log?.AccountName is { } a ? " with " + a : "")}",
        DialogKind.UpdateDeal => $"updating {Deal?.DealName ?? "a deal"}",
        DialogKind.EditInteraction => "editing what you logged",
        DialogKind.Reminder => "setting a reminder",
        _ => "something",
    };
}

public enum DialogKind
{
    LogInteraction,
    UpdateDeal,
    EditInteraction,
    Reminder,
}

public enum DialogSlot
{
    Type,
    Account,
    Deal,
    Summary,
    Stage,
    Amount,
    CloseDate,
    NextStep,
    LossReason,
    Confirm,
    EditField,
    EditValue,
    When,
}

/// <summary>An interaction being logged, as far as it is known.</summary>
public sealed record LogDraft
{
    public InteractionType? Type { get; init; }
    public long? AccountId { get; init; }
    public string? AccountName { get; init; }
    public long? DealId { get; init; }
    public string? DealName { get; init; }
    public bool DealDecided { get; init; }
    public IReadOnlyList<string> Contacts { get; init; } = [];
    public string? Summary { get; init; }
    public IReadOnlyList<Work.ObjectionNote> Objections { get; init; } = [];
    public string? NextStep { get; init; }
    public DateOnly? NextStepDue { get; init; }

    /// <summary>The day it happened when the note said ("yesterday"); null means now.</summary>
    public DateOnly? OccurredOn { get; init; }
}

/// <summary>A deal change being prepared; <see cref="DealId"/> is null until the deal is known.</summary>
public sealed record DealDraft
{
    public long? DealId { get; init; }
    public string? DealName { get; init; }
    public long? AccountId { get; init; }
    public DealAction Action { get; init; }
    public string? Stage { get; init; }
    public decimal? Amount { get; init; }
    public DateOnly? CloseDate { get; init; }
    public string? NextStep { get; init; }
    public DateOnly? NextStepDue { get; init; }
    public string? LossReason { get; init; }
    public string? EditField { get; init; }
}

public enum DealAction
{
    Stage,
    Amount,
    CloseDate,
    NextStep,
    Won,
    Lost,
}

public sealed record ReminderDraftState(string Text);
