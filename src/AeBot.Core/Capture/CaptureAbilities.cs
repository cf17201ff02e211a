using System.Globalization;
using AeBot.Core.Audit;
using AeBot.Core.Briefs;
using AeBot.Core.Commission;
using AeBot.Core.Conversation;
using AeBot.Core.Dialogs;
using AeBot.Core.Handoff;
using AeBot.Core.MyDay;
using AeBot.Core.Playbook;
using AeBot.Core.Reminders;
using AeBot.Core.Understanding;
using Microsoft.Extensions.Options;

namespace AeBot.Core.Capture;

/// <summary>
/// Capture and act: logging interactions, updating deals, reminders, undo, and the buttons of "my day" — plus the
/// dialogs that gather what a request lacks. Dialog state is read once per turn and written compare-and-swap, and a
/// change is written only after the dialog that asked for it has been claimed, so two racing messages cannot both
/// apply it. Returns null for messages that are questions for the answering abilities.
/// </summary>
public sealed partial class CaptureAbilities(
    IDialogStore dialogs,
    ISalesWrites writes,
    IWorkData work,
    Understander understander,
    ObjectionPlaybook playbook,
    IReminderScheduler reminders,
    IProactiveMessenger messenger,
    BriefAbility briefs,
    MyDayAbility myDay,
    PlaybookAbility playbookAnswers,
    CommissionAbility commission,
    Nudges.INudgeLedger nudges,
    Nudges.INudgeSource nudgeSource,
    Nudges.NudgeSettingsAbility nudgeSettings,
    IOptions<CaptureOptions> options,
    IOptions<HandoffOptions> handoff)
{
    public const string ActPrefix = "act:";
    public const string DialogPrefix = "dlg:";

    private CaptureOptions Options => options.Value;

    public async Task<CaptureTurn?> TryHandleAsync(TurnContext c, string text, string? payload, CancellationToken ct)
    {
        // "2" answers the second choice offered, in channels without buttons (CLI) or when people type.
        if (payload is null && c.Active is { Choices.Count: > 0 } offered && int.TryParse(text.Trim(), out var n) && n >= 1 && n <= offered.Choices.Count)
            (payload, text) = (offered.Choices[n - 1], "");
        var turn = await HandleAsync(c, text, payload, ct);
        if (turn is not null)
            await RememberChoicesAsync(c, turn.Reply, ct);
        return turn;
    }

    /// <summary>Stores the dialog choices a reply offers on the dialog that asked (a no-op when none is waiting).</summary>
    private async Task RememberChoicesAsync(TurnContext c, Reply reply, CancellationToken ct)
    {
        var payloads = reply.Blocks.SelectMany(b => b switch { ChoiceBlock choice => choice.Options, _ => [] })
            .Select(o => o.Payload).Where(p => p.StartsWith(DialogPrefix, StringComparison.Ordinal)).ToList();
        if (payloads.Count == 0)
            return;
        var current = await dialogs.LoadAsync(c.Key, ct);
        if (current?.State is { } state)
            await dialogs.SaveAsync(c.Key, state with { Choices = payloads }, current.Version, ct);
    }

    private async Task<CaptureTurn?> HandleAsync(TurnContext c, string text, string? payload, CancellationToken ct)
    {
        if (payload is not null && payload.StartsWith(ActPrefix, StringComparison.Ordinal))
            return await ActAsync(c, payload[ActPrefix.Length..], ct);
        if (payload is not null && payload.StartsWith(DialogPrefix, StringComparison.Ordinal))
        {
            if (c.Active is null)
                return new CaptureTurn(Say("That question has expired, so nothing was changed. Just ask again when you're ready.", "Dialog expired"), "dialog-expired", TurnOutcome.Answered);
            return await ContinueAsync(c, c.Active, "", payload[DialogPrefix.Length..], ct);
        }

        var command = CommandRecognizer.Recognize(text);
        switch (command)
        {
            case Command.Cancel:
                if (c.Active is null)
                    return new CaptureTurn(Say("There's nothing in progress to cancel.", "Nothing to cancel"), "cancel", TurnOutcome.Answered);
                return await CancelAsync(c, c.Active, ct);
            case Command.Undo:
                return await UndoAsync(c, ct);
        }

        // Read-only abilities answer even in the middle of a dialog, which keeps its place.
        var readOnly = command switch
        {
            Command.Brief => await briefs.BriefAsync(c, text, ct),
            Command.MyDay => await myDay.PlanAsync(c, ct),
            Command.Playbook => playbookAnswers.Answer(text),
            Command.Commission => await commission.AnswerAsync(c, text, ct),
            Command.NudgeSettings => await nudgeSettings.HandleAsync(c, text, ct),
            _ => null,
        };
        if (readOnly is not null)
            return readOnly with { Reply = WithReminder(readOnly.Reply, c.Active) };

        var starts = command is Command.Log or Command.MarkWon or Command.MarkLost or Command.UpdateDeal or Command.Remind;
        if (c.Active is { } active && !starts)
        {
            var answered = await ContinueAsync(c, active, text, null, ct);
            if (answered is not null)
                return answered;
            return null; // a question: answered by the core, the dialog keeps its place
        }

        return command switch
        {
            Command.Log => await StartLogAsync(c, text, ct),
            Command.MarkWon => await StartDealAsync(c, text, DealAction.Won, ct),
            Command.MarkLost => await StartDealAsync(c, text, DealAction.Lost, ct),
            Command.UpdateDeal => await StartDealAsync(c, text, null, ct),
            Command.Remind => await StartReminderAsync(c, text, ct),
            _ => null,
        };
    }

    /// <summary>Adds "we were … — answer or say cancel" under a reply given while a dialog waits.</summary>
    public static Reply WithReminder(Reply reply, DialogState? active) =>
        active is null ? reply : reply with { Blocks = [.. reply.Blocks, new ContextBlock($"We were {active.Describe()} — answer my last question to carry on, or say \"cancel\".")] };

    private async Task<CaptureTurn?> ContinueAsync(TurnContext c, DialogState active, string text, string? answer, CancellationToken ct) => active.Kind switch
    {
        DialogKind.LogInteraction => await ContinueLogAsync(c, active, text, answer, ct),
        DialogKind.UpdateDeal => await ContinueDealAsync(c, active, text, answer, ct),
        DialogKind.EditInteraction => await ContinueEditAsync(c, active, text, answer, ct),
        DialogKind.Reminder => await ContinueReminderAsync(c, active, text, answer, ct),
        _ => null,
    };

    // Buttons on replies and nudges: they act at once, each undoable.
    private async Task<CaptureTurn> ActAsync(TurnContext c, string action, CancellationToken ct)
    {
        var parts = action.Split(':');
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
                return done is null ? NotFound("follow-up")
                    : Changed($"Done ✓ — {done.Value.Title}", [new ActionsBlock([UndoAction(done.ChangeId)])], "Follow-up done: " + done.Value.Title, "followup-done");
            }
            case "fu.snooze":
            {
                var until = LocalToUtc(c.Today.AddDays(1).ToDateTime(new TimeOnly(9, 0)), c.Zone);
                var snoozed = await writes.SnoozeFollowUpAsync(c.Viewer, Id(), until, ct);
                return snoozed is null ? NotFound("follow-up")
                    : Changed($"Snoozed until tomorrow 9:00 — {snoozed.Value.Title}", [new ActionsBlock([UndoAction(snoozed.ChangeId)])], "Follow-up snoozed: " + snoozed.Value.Title, "followup-snoozed");
            }
            case "rem.snooze":
            {
                // "rem.snooze:{id}:1h" or "rem.snooze:{id}:tomorrow" (9:00 in the rep's zone).
                var tomorrow = parts.Length > 2 && parts[2] == "tomorrow";
                var until = tomorrow ? LocalToUtc(c.Today.AddDays(1).ToDateTime(new TimeOnly(9, 0)), c.Zone) : c.Now.AddHours(1);
                if (await writes.SnoozeReminderAsync(c.Viewer, Id(), until, ct) is not { Value: var snoozed } written)
                    return NotFound("reminder");
                await reminders.ScheduleAsync(snoozed, ct);
                var local = TimeZoneInfo.ConvertTime(snoozed.DueAt, c.Zone);
                return Changed(string.Create(CultureInfo.InvariantCulture, $"Snoozed — I'll remind you again {local:ddd d MMM} at {local:HH:mm}: {snoozed.Text}"),
                    [new ActionsBlock([UndoAction(written.ChangeId)])], "Reminder snoozed: " + snoozed.Text, "reminder-snoozed");
            }
            case "deal.push":
            {
                var deal = await work.WritableDealAsync(c.Viewer, Id(), ct);
                if (deal is null)
                    return NotFound("deal");
                var draft = new DealDraft { DealId = deal.Id, DealName = deal.Name, AccountId = deal.AccountId, Action = DealAction.CloseDate };
                return await AskDealAsync(c, draft, DialogSlot.CloseDate, ct);
            }
            default:
                return UnknownButton();
        }
    }

    /// <summary>Typed "undo": the rep's last change.</summary>
    private async Task<CaptureTurn> UndoAsync(TurnContext c, CancellationToken ct)
    {
        var undone = await writes.UndoLastAsync(c.Viewer, c.Now.AddMinutes(-Options.UndoWindowMinutes), ct);
        if (undone is null)
            return new CaptureTurn(Say($"There's nothing of yours to undo from the last {Options.UndoWindowMinutes} minutes.", "Nothing to undo"), "undo", TurnOutcome.Answered);
        return UndoTurn(undone);
    }

    /// <summary>An Undo button ("undo:{changeId}"): exactly the change it was shown with, never a later one.</summary>
    private async Task<CaptureTurn> UndoButtonAsync(TurnContext c, string[] parts, CancellationToken ct)
    {
        // Cards from before Undo buttons carried their change's id can't say which change they meant.
        if (parts.Length == 1)
            return new CaptureTurn(Say("That Undo button is from an older card and doesn't say which change it was for, so I didn't change anything. Say \"undo\" to undo your last change.",
                "Refused: Undo button without a change"), "undo", TurnOutcome.Refused);
        var undone = parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var changeId)
            ? await writes.UndoAsync(c.Viewer, changeId, c.Now.AddMinutes(-Options.UndoWindowMinutes), ct)
            : UndoResult.NotFound;
        return UndoTurn(undone);
    }

    private CaptureTurn UndoTurn(UndoResult undone) => undone.Status switch
    {
        UndoStatus.Undone => new CaptureTurn(Say($"Undone: {undone.Description}.", "Undone: " + undone.Description), "undo", TurnOutcome.Changed),
        UndoStatus.AlreadyUndone => new CaptureTurn(Say($"That's already undone: {undone.Description}. Nothing was changed.", "Already undone: " + undone.Description), "undo", TurnOutcome.Answered),
        UndoStatus.Expired => new CaptureTurn(Say($"It's too late to undo {undone.Description} — Undo reaches back {Options.UndoWindowMinutes} minutes. Nothing was changed; change it directly instead.",
            "Refused: undo window passed for " + undone.Description), "undo", TurnOutcome.Refused),
        UndoStatus.Superseded => new CaptureTurn(Say($"I can't undo {undone.Description}: {undone.Reason}, and undoing it now would throw that later change away. Nothing was changed.",
            "Refused: superseded — " + undone.Description), "undo", TurnOutcome.Refused),
        _ => new CaptureTurn(Say("I can't find that change among yours, so there's nothing to undo — it isn't yours, or the button is damaged. Nothing was changed.",
            "Refused: change not found or not the asker's"), "undo", TurnOutcome.Refused),
    };

    // ---- dialog state, written compare-and-swap ----

    private async Task<bool> SaveAsync(TurnContext c, DialogState state, CancellationToken ct) =>
        await dialogs.SaveAsync(c.Key, state with { UpdatedAt = c.Now }, c.Version, ct);

    /// <summary>Claims the dialog before its change is written: only one of two racing confirmations gets it.</summary>
    private async Task<bool> ClaimAsync(TurnContext c, CancellationToken ct) =>
        c.Active is null || await dialogs.ClearAsync(c.Key, c.Version, ct);

    private static CaptureTurn Conflict() =>
        new(Say("I was still working on another message of yours, so I didn't apply this one. Please look at my last reply and answer it again.", "Conflict: another message was being handled"),
            "conflict", TurnOutcome.Conflict);

    private static CaptureTurn NotFound(string what) =>
        new(Say($"I can't find that {what} among the ones you can change — it may have been removed, or it isn't yours. Nothing was changed.", $"Refused: {what} not found or not the asker's"),
            "not-found", TurnOutcome.Refused);

    private static Reply Say(string text, string summary) => new([new TextBlock(text)]) { Summary = summary };

    private static CaptureTurn Changed(string text, IReadOnlyList<ReplyBlock> more, string summary, string intent) =>
        new(new Reply([new TextBlock(text), .. more]) { Summary = summary }, intent, TurnOutcome.Changed);

    /// <summary>The Undo button of one change: it undoes that change and no other.</summary>
    private static ReplyAction UndoAction(long changeId) =>
        new("Undo", ActPrefix + "undo:" + changeId.ToString(CultureInfo.InvariantCulture), ActionStyle.Danger);

    private static ReplyAction Cancel => new("Cancel", DialogPrefix + "cancel");

    internal static DateTimeOffset LocalToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A time that does not exist (the hour skipped when clocks go forward) is moved past the gap.
        while (zone.IsInvalidTime(unspecified))
            unspecified = unspecified.AddMinutes(30);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    /// <summary>Free text is taken as an answer unless it plainly asks a question of its own.</summary>
    private static bool LooksLikeQuestion(string text)
    {
        var t = text.Trim();
        var score = IntentClassifier.Classify(t);
        return score.Intent != Intent.Unknown && score.Intent != Intent.Greeting && score.Score >= Understander.ConfidentScore
            && (t.EndsWith('?') || QuestionStart.Any(w => t.StartsWith(w, StringComparison.OrdinalIgnoreCase)));
    }

    private static readonly string[] QuestionStart = ["what ", "what's ", "how ", "who ", "which ", "where ", "when ", "show ", "list ", "give ", "team ", "my pipeline", "pipeline"];
}
