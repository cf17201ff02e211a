using System.Globalization;
using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Dialogs;
using AeBot.Core.Formatting;
using AeBot.Core.Nudges;
using AeBot.Core.Work;

namespace AeBot.Core.Capture;

/// <summary>
/// The buttons on nudges: Done, Snooze 1 day / 1 week (with an optional reason), Log, Push date, Open. Each records
/// what the person did in the nudge ledger (<c>aebot nudges stats</c>) — only for a nudge that was sent to them — and
/// then acts on the subject with the same checks as typing it.
/// </summary>
public sealed partial class CaptureAbilities
{
    private async Task<TurnResult> NudgeActAsync(TurnContext c, string action, CancellationToken ct)
    {
        if (!NudgeCards.TryRead(action, c.Viewer.RepId, out var verb, out var key, out var extra) || !NudgeSubject.TryParse(key.Subject, out var subject))
            return UnknownButton();
        switch (verb)
        {
            case NudgeCards.Verbs.Done:
            {
                if (await nudges.ActAsync(c.Viewer.RepId, key, NudgeAction.Done, null, ct) is not { } nudge)
                    return NotFound("nudge");
                if (subject.Kind == NudgeSubject.Task && await writes.CompleteFollowUpAsync(c.Viewer, subject.Id, ct) is { Value: var task } done)
                    return Changed($"Done ✓ — {task.Title}", [new ActionsBlock([UndoAction(done.ChangeId)])], "Follow-up done from a nudge: " + task.Title, "nudge-done");
                return Changed($"Done ✓ — I won't nudge you about this again: {nudge.Title}", [], "Nudge done: " + nudge.Title, "nudge-done");
            }
            case NudgeCards.Verbs.SnoozeDay or NudgeCards.Verbs.SnoozeWeek:
            {
                var days = verb == NudgeCards.Verbs.SnoozeDay ? 1 : 7;
                var until = LocalToUtc(c.Today.AddDays(days).ToDateTime(new TimeOnly(9, 0)), c.Zone);
                if (await nudges.ActAsync(c.Viewer.RepId, key, NudgeAction.Snoozed, until, ct) is not { } nudge)
                    return NotFound("nudge");
                if (subject.Kind == NudgeSubject.Task)
                    await writes.SnoozeFollowUpAsync(c.Viewer, subject.Id, until, ct);
                var local = TimeZoneInfo.ConvertTime(until, c.Zone);
                var reasons = NudgeCards.SnoozeReasons.Select(r => new ReplyAction(r.Value, NudgeCards.Payload(key, NudgeCards.Verbs.Reason, r.Key))).ToList();
                return Changed($"Snoozed until {DateFormat.DayAt(local, c.Today)} — {nudge.Title}",
                    [new ChoiceBlock("Why? (optional — it helps tune what I send)", reasons)], "Nudge snoozed: " + nudge.Title, "nudge-snoozed");
            }
            case NudgeCards.Verbs.Reason:
            {
                if (extra is null || !NudgeCards.SnoozeReasons.TryGetValue(extra, out var reason))
                    return UnknownButton();
                if (!await nudges.SnoozeReasonAsync(c.Viewer.RepId, key, reason, ct))
                    return NotFound("snoozed nudge");
                return new TurnResult(Say($"Noted — \"{reason}\".", "Snooze reason: " + reason), "nudge-snooze-reason", TurnOutcome.Changed);
            }
            case NudgeCards.Verbs.Log:
            {
                if (await nudges.ActAsync(c.Viewer.RepId, key, NudgeAction.Logged, null, ct) is null)
                    return NotFound("nudge");
                if (await nudgeSource.SubjectAsync(subject, ct) is not { AccountName: { } account } info)
                    return NotFound("account");
                return await StartLogAsync(c, "log a call with " + account + (info.DealName is { } deal ? " about " + deal : ""), ct);
            }
            case NudgeCards.Verbs.Push:
            {
                if (subject.Kind != NudgeSubject.Deal)
                    return UnknownButton();
                if (await nudges.ActAsync(c.Viewer.RepId, key, NudgeAction.PushedDate, null, ct) is null)
                    return NotFound("nudge");
                var deal = await work.WritableDealAsync(c.Viewer, subject.Id, ct);
                if (deal is null)
                    return NotFound("deal");
                return await AskDealAsync(c, new DealDraft { DealId = deal.Id, DealName = deal.Name, AccountId = deal.AccountId, Action = DealAction.CloseDate }, Dialogs.DialogSlot.CloseDate, ct);
            }
            case NudgeCards.Verbs.Open:
            {
                if (await nudges.ActAsync(c.Viewer.RepId, key, NudgeAction.Opened, null, ct) is null)
                    return NotFound("nudge");
                var info = await nudgeSource.SubjectAsync(subject, ct);
                if (info?.DealId is { } dealId && await work.WritableDealAsync(c.Viewer, dealId, ct) is { } deal)
                    return new TurnResult(DealCard(deal, c.Today), "nudge-open", TurnOutcome.Answered, "deal=" + deal.Id);
                if (info?.AccountName is { } account)
                    return await briefs.BriefAsync(c, "brief me on " + account, ct);
                return NotFound("deal");
            }
            default:
                return UnknownButton();
        }
    }

    /// <summary>One deal, at a glance, with what can be done about it.</summary>
    private static Reply DealCard(DealRef d, DateOnly today)
    {
        var facts = new List<Fact>
        {
            new("Account", d.AccountName ?? "—"),
            new("Owner", d.OwnerName),
            new("Stage", d.Stage),
            new("Amount", d.Amount is { } a ? MoneyFormat.Exact(a, d.Currency) : "—"),
            new("Close date", d.CloseDate is { } close ? DateFormat.Short(close, today) : "—"),
            new("Probability", d.Probability is { } p ? $"{p:0}%" : "—"),
            new("Next step", d.NextStep is null ? "—" : d.NextStep + (d.NextStepDue is { } due ? " (due " + DateFormat.Short(due, today) + ")" : "")),
        };
        var actions = new List<ReplyAction> { new("Push date", Payloads.Act + "deal.push:" + d.Id) };
        if (d.AccountName is { } account)
        {
            actions.Add(new ReplyAction("Log", Payloads.Ask + "log a call with " + account));
            actions.Add(new ReplyAction("Brief", Payloads.Ask + "brief me on " + account));
        }
        return new Reply([new TextBlock("**" + d.Name + "**"), new FactsBlock(facts), new ActionsBlock(actions)]) { Summary = "Deal: " + d.Name };
    }

    private static TurnResult UnknownButton() =>
        new(Say("I don't know that button — it may be from an older version of AeBot. Nothing was changed.", "Unknown action"), "unknown-action", TurnOutcome.NotUnderstood);
}
