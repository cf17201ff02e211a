using System.Globalization;
using AeBot.Core.Audit;
using AeBot.Core.Briefs;
using AeBot.Core.Conversation;
using AeBot.Core.Dialogs;
using AeBot.Core.Formatting;
using AeBot.Core.Handoff;
using AeBot.Core.Playbook;
using AeBot.Core.Reminders;
using AeBot.Core.Text;
using AeBot.Core.Understanding;
using AeBot.Core.Work;
using Microsoft.Extensions.Options;

namespace AeBot.Core.Capture;

/// <summary>
/// Capture and act: logging interactions, updating deals, reminders, undo, and the buttons of "my day" and of
/// nudges — with the dialogs that gather what a request lacks. Dialog state is read once per turn and written compare-and-swap, and a
/// change is written only after the dialog that asked for it has been claimed, so two racing messages cannot both
/// apply it. Returns null for messages that are questions for the answering abilities.
/// </summary>
public sealed partial class CaptureAbilities(
    IDialogStore dialogs,
    ISalesWrites writes,
    IWorkData work,
    AccountFinder understander,
    ObjectionPlaybook playbook,
    IReminderScheduler reminders,
    IProactiveMessenger messenger,
    BriefAbility briefs,
    Nudges.INudgeLedger nudges,
    Nudges.INudgeSource nudgeSource,
    IOptions<CaptureOptions> options,
    IOptions<HandoffOptions> handoff,
    Crm.ICrmConflicts crmConflicts,
    Organization.IRepDirectory people)
{

    private CaptureOptions Options => options.Value;

    /// <summary>A button pressed (or a choice typed as its number): acts on the payload it carries.</summary>
    public async Task<TurnResult> ButtonAsync(TurnContext c, string payload, CancellationToken ct)
    {
        c = c with { Continuing = payload.StartsWith(Payloads.Dialog, StringComparison.Ordinal) };
        TurnResult turn;
        if (payload.StartsWith(Payloads.Act, StringComparison.Ordinal))
        {
            turn = await ActAsync(c, payload[Payloads.Act.Length..], ct);
        }
        else if (payload.StartsWith(Payloads.Dialog, StringComparison.Ordinal))
        {
            // A choice on a dialog that was set aside still answers it: pressing it is resuming. A button of another
            // dialog (an earlier card) answers nothing, even where this one asks the same thing.
            var (dialogId, choice) = Payloads.DialogChoice(payload);
            var l = c.Language;
            turn = c.Pending is not { } pending
                ? new TurnResult(Say(T(l, nameof(CaptureTexts.DialogExpired)), T(l, nameof(CaptureTexts.DialogExpiredSummary))), "dialog-expired", TurnOutcome.Answered)
                : dialogId is not null && dialogId != pending.Id
                    ? new TurnResult(Say(pending.SetAside ? T(l, nameof(CaptureTexts.EarlierButtonAside), pending.Aside(l)) : T(l, nameof(CaptureTexts.EarlierButtonOpen)),
                        T(l, nameof(CaptureTexts.EarlierButtonSummary))), "dialog-stale", TurnOutcome.Answered)
                    : await ContinueAsync(c, pending, "", choice, ct)
                        ?? new TurnResult(Say(T(l, nameof(CaptureTexts.StaleChoice)), T(l, nameof(CaptureTexts.StaleChoiceSummary))), "dialog-stale", TurnOutcome.Answered);
        }
        else
        {
            turn = UnknownButton(c.Language);
        }
        return await RememberChoicesAsync(c, turn, ct);
    }

    /// <summary>
    /// The waiting dialog's answer, if the message fits what it asked (a choice, yes or no, a date, an amount, a
    /// sentence); null when the message is something else, which the core then answers as a turn of its own.
    /// </summary>
    public async Task<TurnResult?> AnswerAsync(TurnContext c, DialogState active, string text, CancellationToken ct)
    {
        // A question or a request of its own is never taken as the answer, whatever the dialog asked.
        if (c.OwnMessage)
            return null;
        c = c with { Continuing = true };
        var turn = await ContinueAsync(c, active, text, null, ct);
        return turn is null ? null : await RememberChoicesAsync(c, turn, ct);
    }

    /// <summary>Asks the set-aside dialog's question again.</summary>
    public async Task<TurnResult> ResumeAsync(TurnContext c, CancellationToken ct)
    {
        if (c.Pending is not { } pending)
            return new TurnResult(Say(T(c.Language, nameof(CaptureTexts.NothingToResume)), T(c.Language, nameof(CaptureTexts.NothingToResumeSummary))), "resume", TurnOutcome.Answered);
        c = c with { Continuing = true };
        var turn = pending.Kind switch
        {
            DialogKind.UpdateDeal => await NextDealStepAsync(c, pending.Deal ?? new DealDraft(), null, ct),
            DialogKind.LogInteraction => await NextLogStepAsync(c, pending.Log ?? new LogDraft(), ct),
            DialogKind.EditInteraction => await StartEditAsync(c, pending.InteractionId ?? 0, ct),
            _ => await ReaskReminderAsync(c, pending, ct),
        };
        return await RememberChoicesAsync(c, turn, ct);
    }

    /// <summary>A command: something to record or change, each confirmed or undoable.</summary>
    public async Task<TurnResult> CommandAsync(TurnContext c, CommandKind kind, string text, CancellationToken ct)
    {
        text = ThaiCommandWords(c, kind, text);
        var turn = kind switch
        {
            CommandKind.Cancel => c.Pending is { } pending ? await CancelAsync(c, pending, ct)
                : new TurnResult(Say(T(c.Language, nameof(CaptureTexts.NothingToCancel)), T(c.Language, nameof(CaptureTexts.NothingToCancelSummary))), "cancel", TurnOutcome.Answered),
            CommandKind.Undo => await UndoAsync(c, ct),
            CommandKind.Resume => await ResumeAsync(c, ct),
            CommandKind.Log => await StartLogAsync(c, text, ct),
            CommandKind.MarkWon => await StartDealAsync(c, text, DealAction.Won, ct),
            CommandKind.MarkLost => await StartDealAsync(c, text, DealAction.Lost, ct),
            CommandKind.UpdateDeal => await StartDealAsync(c, text, null, ct),
            _ => await StartReminderAsync(c, text, ct),
        };
        return await RememberChoicesAsync(c, turn, ct);
    }

    /// <summary>
    /// Binds the reply's dialog buttons to the dialog that asked, and stores its choices on it so "2" typed in any
    /// channel picks the second (a no-op when none is waiting).
    /// </summary>
    private async Task<TurnResult> RememberChoicesAsync(TurnContext c, TurnResult turn, CancellationToken ct)
    {
        static bool Offers(ReplyBlock block) => block switch
        {
            ChoiceBlock choice => choice.Options.Any(o => o.Payload.StartsWith(Payloads.Dialog, StringComparison.Ordinal)),
            ActionsBlock actions => actions.Actions.Any(o => o.Payload.StartsWith(Payloads.Dialog, StringComparison.Ordinal)),
            _ => false,
        };
        if (!turn.Reply.Blocks.Any(Offers))
            return turn;
        var current = await dialogs.LoadAsync(c.Key, ct);
        if (current?.State is not { } state)
            return turn;
        ReplyAction Bound(ReplyAction a) => a with { Payload = Payloads.BoundToDialog(a.Payload, state.Id) };
        var blocks = turn.Reply.Blocks.Select(b => b switch
        {
            ChoiceBlock choice => choice with { Options = choice.Options.Select(Bound).ToList() },
            ActionsBlock actions => actions with { Actions = actions.Actions.Select(Bound).ToList() },
            _ => b,
        }).ToList();
        var choices = blocks.OfType<ChoiceBlock>().SelectMany(b => b.Options).Select(o => o.Payload)
            .Where(p => p.StartsWith(Payloads.Dialog, StringComparison.Ordinal)).ToList();
        if (choices.Count > 0)
            await dialogs.SaveAsync(c.Key, state with { Choices = choices }, current.Version, ct);
        return turn with { Reply = turn.Reply with { Blocks = blocks } };
    }

    private async Task<TurnResult?> ContinueAsync(TurnContext c, DialogState active, string text, string? answer, CancellationToken ct) => active.Kind switch
    {
        DialogKind.LogInteraction => await ContinueLogAsync(c, active, text, answer, ct),
        DialogKind.UpdateDeal => await ContinueDealAsync(c, active, ThaiAnswerWords(active, text), answer, ct),
        DialogKind.EditInteraction => await ContinueEditAsync(c, active, text, answer, ct),
        DialogKind.Reminder => await ContinueReminderAsync(c, active, text, answer, ct),
        _ => null,
    };

    // Buttons on replies and nudges: they act at once, each undoable.
    private async Task<TurnResult> ActAsync(TurnContext c, string action, CancellationToken ct)
    {
        var parts = action.Split(':');
        var l = c.Language;
        long Id() => parts.Length > 1 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var id) ? id : 0;
        switch (parts[0])
        {
            case "undo":
                return await UndoButtonAsync(c, parts, ct);
            case Nudges.NudgeCards.ActName:
                return await NudgeActAsync(c, action[(Nudges.NudgeCards.ActName.Length + 1)..], ct);
            case "edit":
                return await StartEditAsync(c, Id(), ct);
            case "fu.done":
            {
                var done = await writes.CompleteFollowUpAsync(c.Viewer, Id(), ct);
                return done is null ? NotFound(l, nameof(CaptureTexts.Noun_FollowUp))
                    : Changed(T(l, nameof(CaptureTexts.Done), done.Value.Title), [new ActionsBlock([UndoAction(l, done.ChangeId)])], T(l, nameof(CaptureTexts.FollowUpDoneSummary), done.Value.Title), "followup-done");
            }
            case "fu.snooze":
            {
                var until = LocalToUtc(c.Today.AddDays(1).ToDateTime(new TimeOnly(9, 0)), c.Zone);
                var snoozed = await writes.SnoozeFollowUpAsync(c.Viewer, Id(), until, ct);
                return snoozed is null ? NotFound(l, nameof(CaptureTexts.Noun_FollowUp))
                    : Changed(T(l, nameof(CaptureTexts.FollowUpSnoozed), snoozed.Value.Title), [new ActionsBlock([UndoAction(l, snoozed.ChangeId)])], T(l, nameof(CaptureTexts.FollowUpSnoozedSummary), snoozed.Value.Title), "followup-snoozed");
            }
            case "rem.snooze":
            {
                // "rem.snooze:{id}:1h" or "rem.snooze:{id}:tomorrow" (9:00 in the rep's zone).
                var tomorrow = parts.Length > 2 && parts[2] == "tomorrow";
                var until = tomorrow ? LocalToUtc(c.Today.AddDays(1).ToDateTime(new TimeOnly(9, 0)), c.Zone) : c.Now.AddHours(1);
                if (await writes.SnoozeReminderAsync(c.Viewer, Id(), until, ct) is not { Value: var snoozed } written)
                    return NotFound(l, nameof(CaptureTexts.Noun_Reminder));
                await reminders.ScheduleAsync(snoozed, ct);
                var local = TimeZoneInfo.ConvertTime(snoozed.DueAt, c.Zone);
                return Changed(T(l, nameof(CaptureTexts.ReminderSnoozed), DateFormat.DayAt(local, c.Today, l), snoozed.Text),
                    [new ActionsBlock([UndoAction(l, written.ChangeId)])], T(l, nameof(CaptureTexts.ReminderSnoozedSummary), snoozed.Text), "reminder-snoozed");
            }
            case Crm.CrmConflictQuestion.KeepAction or Crm.CrmConflictQuestion.SetAction:
            {
                // The answer to "…changed in HubSpot since you asked; keep X or set Y?"
                var setMine = parts[0] == Crm.CrmConflictQuestion.SetAction;
                var answer = await crmConflicts.ResolveAsync(c.Viewer.RepId, Id(), setMine, ct);
                if (answer is null)
                    return new TurnResult(Say(T(l, nameof(CaptureTexts.CrmClosed)), T(l, nameof(CaptureTexts.CrmClosedSummary))), "crm-conflict-closed", TurnOutcome.Answered);
                var said = Crm.CrmConflictQuestion.Answer(l, answer);
                return new TurnResult(Say(said, said), setMine ? "crm-conflict-set" : "crm-conflict-keep", TurnOutcome.Changed);
            }
            case "deal.push":
            {
                var deal = await work.WritableDealAsync(c.Viewer, Id(), ct);
                if (deal is null)
                    return NotFound(l, nameof(CaptureTexts.Noun_Deal));
                var draft = new DealDraft { DealId = deal.Id, DealName = deal.Name, AccountId = deal.AccountId, Action = DealAction.CloseDate };
                return await AskDealAsync(c, draft, DialogSlot.CloseDate, ct);
            }
            default:
                return UnknownButton(l);
        }
    }

    /// <summary>Typed "undo": the rep's last change.</summary>
    private async Task<TurnResult> UndoAsync(TurnContext c, CancellationToken ct)
    {
        var undone = await writes.UndoLastAsync(c.Viewer, c.Now.AddMinutes(-Options.UndoWindowMinutes), ct);
        if (undone is null)
            return new TurnResult(Say(T(c.Language, nameof(CaptureTexts.NothingToUndo), Options.UndoWindowMinutes), T(c.Language, nameof(CaptureTexts.NothingToUndoSummary))), "undo", TurnOutcome.Answered);
        return UndoTurn(c.Language, undone);
    }

    /// <summary>An Undo button ("undo:{changeId}"): exactly the change it was shown with, never a later one.</summary>
    private async Task<TurnResult> UndoButtonAsync(TurnContext c, string[] parts, CancellationToken ct)
    {
        // Cards from before Undo buttons carried their change's id can't say which change they meant.
        if (parts.Length == 1)
            return new TurnResult(Say(T(c.Language, nameof(CaptureTexts.UndoButtonOld)), T(c.Language, nameof(CaptureTexts.UndoButtonOldSummary))), "undo", TurnOutcome.Refused);
        var undone = parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var changeId)
            ? await writes.UndoAsync(c.Viewer, changeId, c.Now.AddMinutes(-Options.UndoWindowMinutes), ct)
            : UndoResult.NotFound;
        return UndoTurn(c.Language, undone);
    }

    private TurnResult UndoTurn(ReplyLanguage l, UndoResult undone)
    {
        var what = ChangeWords.Description(undone.Description, l);
        return undone.Status switch
        {
            UndoStatus.Undone => new TurnResult(Say(T(l, nameof(CaptureTexts.Undone), what), T(l, nameof(CaptureTexts.UndoneSummary), what)), "undo", TurnOutcome.Changed),
            UndoStatus.AlreadyUndone => new TurnResult(Say(T(l, nameof(CaptureTexts.AlreadyUndone), what), T(l, nameof(CaptureTexts.AlreadyUndoneSummary), what)), "undo", TurnOutcome.Answered),
            UndoStatus.Expired => new TurnResult(Say(T(l, nameof(CaptureTexts.UndoExpired), what, Options.UndoWindowMinutes), T(l, nameof(CaptureTexts.UndoExpiredSummary), what)), "undo", TurnOutcome.Refused),
            UndoStatus.Superseded => new TurnResult(Say(T(l, nameof(CaptureTexts.UndoSuperseded), what, ChangeWords.Reason(undone.Reason, l)), T(l, nameof(CaptureTexts.UndoSupersededSummary), what)),
                "undo", TurnOutcome.Refused),
            _ => new TurnResult(Say(T(l, nameof(CaptureTexts.UndoNotFound)), T(l, nameof(CaptureTexts.UndoNotFoundSummary))), "undo", TurnOutcome.Refused),
        };
    }

    // ---- dialog state, written compare-and-swap ----

    // A step of the dialog being answered keeps its id; a dialog started anew gets one of its own.
    private async Task<bool> SaveAsync(TurnContext c, DialogState state, CancellationToken ct)
    {
        var id = state.Id.Length > 0 ? state.Id
            : c.Continuing && c.Pending is { Id.Length: > 0 } pending && pending.Kind == state.Kind ? pending.Id
            : Guid.NewGuid().ToString("N")[..12];
        return await dialogs.SaveAsync(c.Key, state with { UpdatedAt = c.Now, Id = id }, c.Version, ct);
    }

    /// <summary>Claims the dialog before its change is written: only one of two racing confirmations gets it.</summary>
    /// <remarks>A dialog set aside is not this turn's to claim unless the turn carries it on: a one-shot change made
    /// meanwhile ("remind me…", a complete log) leaves it waiting for "resume".</remarks>
    private async Task<bool> ClaimAsync(TurnContext c, CancellationToken ct) =>
        c.Pending is null || c.Pending.SetAside && !c.Continuing || await dialogs.ClearAsync(c.Key, c.Version, ct);

    private static TurnResult Conflict(ReplyLanguage l) =>
        new(Say(T(l, nameof(CaptureTexts.Conflict)), T(l, nameof(CaptureTexts.ConflictSummary))), "conflict", TurnOutcome.Conflict);

    /// <param name="noun">The key of what was not found: one of the <c>Noun_</c> texts.</param>
    private static TurnResult NotFound(ReplyLanguage l, string noun)
    {
        var what = T(l, noun);
        return new(Say(T(l, nameof(CaptureTexts.NotFound), what), T(l, nameof(CaptureTexts.NotFoundSummary), what)), "not-found", TurnOutcome.Refused);
    }

    /// <summary>One whole sentence of the capture replies in the turn's language.</summary>
    private static string T(ReplyLanguage language, string key, params object?[] args) => language.Format(CaptureTexts.ResourceManager, key, args);

    private static Reply Say(string text, string summary) => new([new TextBlock(text)]) { Summary = summary };

    private static TurnResult Changed(string text, IReadOnlyList<ReplyBlock> more, string summary, string intent) =>
        new(new Reply([new TextBlock(text), .. more]) { Summary = summary }, intent, TurnOutcome.Changed);

    /// <summary>The Undo button of one change: it undoes that change and no other.</summary>
    private static ReplyAction UndoAction(ReplyLanguage l, long changeId) =>
        new(T(l, nameof(CaptureTexts.Undo)), Payloads.Act + "undo:" + changeId.ToString(CultureInfo.InvariantCulture), ActionStyle.Danger);

    private static ReplyAction Cancel(ReplyLanguage l) => new(T(l, nameof(CaptureTexts.Cancel)), Payloads.Dialog + "cancel");

    internal static DateTimeOffset LocalToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A time that does not exist (the hour skipped when clocks go forward) is moved past the gap.
        while (zone.IsInvalidTime(unspecified))
            unspecified = unspecified.AddMinutes(30);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    /// <summary>
    /// Text that doesn't fit the slot is a turn of its own when it was understood as something else; only text that
    /// means nothing at all gets the question asked again in place.
    /// </summary>
    private static bool IsSomethingElse(TurnContext c) => c.Understood;
}
