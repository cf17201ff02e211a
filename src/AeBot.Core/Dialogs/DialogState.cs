using AeBot.Core.Interactions;
using AeBot.Core.Text;

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
    public string Aside(ReplyLanguage language) => language.Format(DialogTexts.ResourceManager, nameof(DialogTexts.Aside), Unfinished(language));

    /// <summary>The unfinished change without its article: "close-date change on Acme — GTX Pro".</summary>
    public string Unfinished(ReplyLanguage language) => Kind switch
    {
        DialogKind.LogInteraction => Log?.AccountName is { } a
            ? T(language, DialogWords.Of(Log.Type, nameof(DialogTexts.UnfinishedLogFor_Call), nameof(DialogTexts.UnfinishedLogFor_Meeting), nameof(DialogTexts.UnfinishedLogFor_Email), nameof(DialogTexts.UnfinishedLogFor_Note)), a)
            : T(language, DialogWords.Of(Log?.Type, nameof(DialogTexts.UnfinishedLog_Call), nameof(DialogTexts.UnfinishedLog_Meeting), nameof(DialogTexts.UnfinishedLog_Email), nameof(DialogTexts.UnfinishedLog_Note))),
        DialogKind.UpdateDeal => Deal?.DealName is { } d
            ? T(language, Deal.Action switch
            {
                DealAction.Amount => nameof(DialogTexts.UnfinishedDealOn_Amount),
                DealAction.CloseDate => nameof(DialogTexts.UnfinishedDealOn_CloseDate),
                DealAction.NextStep => nameof(DialogTexts.UnfinishedDealOn_NextStep),
                DealAction.Won => nameof(DialogTexts.UnfinishedDealOn_Won),
                DealAction.Lost => nameof(DialogTexts.UnfinishedDealOn_Lost),
                _ => nameof(DialogTexts.UnfinishedDealOn_Stage),
            }, d)
            : T(language, Deal?.Action switch
            {
                DealAction.Amount => nameof(DialogTexts.UnfinishedDeal_Amount),
                DealAction.CloseDate => nameof(DialogTexts.UnfinishedDeal_CloseDate),
                DealAction.NextStep => nameof(DialogTexts.UnfinishedDeal_NextStep),
                DealAction.Won => nameof(DialogTexts.UnfinishedDeal_Won),
                DealAction.Lost => nameof(DialogTexts.UnfinishedDeal_Lost),
                _ => nameof(DialogTexts.UnfinishedDeal_Stage),
            }),
        DialogKind.EditInteraction => T(language, nameof(DialogTexts.UnfinishedEdit)),
        _ => Reminder?.Text is { } t ? T(language, nameof(DialogTexts.UnfinishedReminderOf), t) : T(language, nameof(DialogTexts.UnfinishedReminder)),
    };

    /// <summary>What the dialog is doing, in words, for "we were …" reminders.</summary>
    public string Describe(ReplyLanguage language) => Kind switch
    {
        DialogKind.LogInteraction => Log?.AccountName is { } a
            ? T(language, DialogWords.Of(Log.Type, nameof(DialogTexts.DescribeLogWith_Call), nameof(DialogTexts.DescribeLogWith_Meeting), nameof(DialogTexts.DescribeLogWith_Email), nameof(DialogTexts.DescribeLogWith_Note)), a)
            : T(language, DialogWords.Of(Log?.Type, nameof(DialogTexts.DescribeLog_Call), nameof(DialogTexts.DescribeLog_Meeting), nameof(DialogTexts.DescribeLog_Email), nameof(DialogTexts.DescribeLog_Note))),
        DialogKind.UpdateDeal => Deal?.DealName is { } d ? T(language, nameof(DialogTexts.DescribeDeal), d) : T(language, nameof(DialogTexts.DescribeDealUnnamed)),
        DialogKind.EditInteraction => T(language, nameof(DialogTexts.DescribeEdit)),
        DialogKind.Reminder => T(language, nameof(DialogTexts.DescribeReminder)),
        _ => T(language, nameof(DialogTexts.DescribeSomething)),
    };

    private static string T(ReplyLanguage language, string key, params object?[] args) => language.Format(DialogTexts.ResourceManager, key, args);
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
