using System.Globalization;
using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Dialogs;
using AeBot.Core.Formatting;
using AeBot.Core.Nudges;
using AeBot.Core.Text;
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
            return UnknownButton(c.Language);
        var l = c.Language;
        switch (verb)
        {
            case NudgeCards.Verbs.Done:
            {
                if (await nudges.ActAsync(c.Viewer.RepId, key, NudgeAction.Done, null, ct) is not { } nudge)
                    return NotFound(c.Language, nameof(CaptureTexts.Noun_Nudge));
                if (subject.Kind == NudgeSubject.Task && await writes.CompleteFollowUpAsync(c.Viewer, subject.Id, ct) is { Value: var task } done)
                    return Changed(T(l, nameof(CaptureTexts.Done), task.Title), [new ActionsBlock([UndoAction(l, done.ChangeId)])], T(l, nameof(CaptureTexts.NudgeDoneSummary), task.Title), "nudge-done");
                return Changed(T(l, nameof(CaptureTexts.NudgeDoneNoMore), nudge.Title), [], T(l, nameof(CaptureTexts.NudgeDoneNoMoreSummary), nudge.Title), "nudge-done");
            }
            case NudgeCards.Verbs.SnoozeDay or NudgeCards.Verbs.SnoozeWeek:
            {
                var days = verb == NudgeCards.Verbs.SnoozeDay ? 1 : 7;
                var until = LocalToUtc(c.Today.AddDays(days).ToDateTime(new TimeOnly(9, 0)), c.Zone);
                if (await nudges.ActAsync(c.Viewer.RepId, key, NudgeAction.Snoozed, until, ct) is not { } nudge)
                    return NotFound(c.Language, nameof(CaptureTexts.Noun_Nudge));
                if (subject.Kind == NudgeSubject.Task)
                    await writes.SnoozeFollowUpAsync(c.Viewer, subject.Id, until, ct);
                var local = TimeZoneInfo.ConvertTime(until, c.Zone);
                var reasons = NudgeCards.SnoozeReasons.Select(r => new ReplyAction(SnoozeReasonWords(r.Key, r.Value, l), NudgeCards.Payload(key, NudgeCards.Verbs.Reason, r.Key))).ToList();
                return Changed(T(l, nameof(CaptureTexts.NudgeSnoozed), DateFormat.DayAt(local, c.Today, l), nudge.Title),
                    [new ChoiceBlock(T(l, nameof(CaptureTexts.WhySnooze)), reasons)], T(l, nameof(CaptureTexts.NudgeSnoozedSummary), nudge.Title), "nudge-snoozed");
            }
            case NudgeCards.Verbs.Reason:
            {
                if (extra is null || !NudgeCards.SnoozeReasons.TryGetValue(extra, out var reason))
                    return UnknownButton(c.Language);
                if (!await nudges.SnoozeReasonAsync(c.Viewer.RepId, key, reason, ct))
                    return NotFound(c.Language, nameof(CaptureTexts.Noun_SnoozedNudge));
                var words = SnoozeReasonWords(extra, reason, l);
                return new TurnResult(Say(T(l, nameof(CaptureTexts.Noted), words), T(l, nameof(CaptureTexts.SnoozeReasonSummary), words)), "nudge-snooze-reason", TurnOutcome.Changed);
            }
            case NudgeCards.Verbs.Log:
            {
                if (await nudges.ActAsync(c.Viewer.RepId, key, NudgeAction.Logged, null, ct) is null)
                    return NotFound(c.Language, nameof(CaptureTexts.Noun_Nudge));
                if (await nudgeSource.SubjectAsync(subject, ct) is not { AccountName: { } account } info)
                    return NotFound(c.Language, nameof(CaptureTexts.Noun_Account));
                return await StartLogAsync(c, "log a call with " + account + (info.DealName is { } deal ? " about " + deal : ""), ct);
            }
            case NudgeCards.Verbs.Push:
            {
                if (subject.Kind != NudgeSubject.Deal)
                    return UnknownButton(c.Language);
                if (await nudges.ActAsync(c.Viewer.RepId, key, NudgeAction.PushedDate, null, ct) is null)
                    return NotFound(c.Language, nameof(CaptureTexts.Noun_Nudge));
                var deal = await work.WritableDealAsync(c.Viewer, subject.Id, ct);
                if (deal is null)
                    return NotFound(c.Language, nameof(CaptureTexts.Noun_Deal));
                return await AskDealAsync(c, new DealDraft { DealId = deal.Id, DealName = deal.Name, AccountId = deal.AccountId, Action = DealAction.CloseDate }, Dialogs.DialogSlot.CloseDate, ct);
            }
            case NudgeCards.Verbs.Open:
            {
                if (await nudges.ActAsync(c.Viewer.RepId, key, NudgeAction.Opened, null, ct) is null)
                    return NotFound(c.Language, nameof(CaptureTexts.Noun_Nudge));
                var info = await nudgeSource.SubjectAsync(subject, ct);
                if (info?.DealId is { } dealId && await work.WritableDealAsync(c.Viewer, dealId, ct) is { } deal)
                    return new TurnResult(DealCard(deal, c.Today, l), "nudge-open", TurnOutcome.Answered, "deal=" + deal.Id);
                if (info?.AccountName is { } account)
                    return await briefs.BriefAsync(c, "brief me on " + account, ct);
                return NotFound(c.Language, nameof(CaptureTexts.Noun_Deal));
            }
            default:
                return UnknownButton(c.Language);
        }
    }

    /// <summary>One deal, at a glance, with what can be done about it.</summary>
    private static Reply DealCard(DealRef d, DateOnly today, ReplyLanguage l)
    {
        string Label(string key) => T(l, key);
        var facts = new List<Fact>
        {
            new(Label(nameof(CaptureTexts.Fact_Account)), d.AccountName ?? "—"),
            new(Label(nameof(CaptureTexts.Fact_Owner)), d.OwnerName),
            new(Label(nameof(CaptureTexts.Fact_Stage)), d.Stage),
            new(Label(nameof(CaptureTexts.Fact_Amount)), d.Amount is { } a ? MoneyFormat.Exact(a, d.Currency) : "—"),
            new(Label(nameof(CaptureTexts.Fact_CloseDate)), d.CloseDate is { } close ? DateFormat.Short(close, today, l) : "—"),
            new(Label(nameof(CaptureTexts.Fact_Probability)), d.Probability is { } p ? $"{p:0}%" : "—"),
            new(Label(nameof(CaptureTexts.Fact_NextStep)), d.NextStep is null ? "—"
                : d.NextStepDue is { } due ? T(l, nameof(CaptureTexts.StepDueParen), d.NextStep, DateFormat.Short(due, today, l)) : d.NextStep),
        };
        var actions = new List<ReplyAction> { new(Label(nameof(CaptureTexts.PushDate)), Payloads.Act + "deal.push:" + d.Id) };
        if (d.AccountName is { } account)
        {
            actions.Add(new ReplyAction(Label(nameof(CaptureTexts.LogButton)), Payloads.Ask + "log a call with " + account));
            actions.Add(new ReplyAction(Label(nameof(CaptureTexts.BriefButton)), Payloads.Ask + "brief me on " + account));
        }
        return new Reply([new TextBlock("**" + d.Name + "**"), new FactsBlock(facts), new ActionsBlock(actions)]) { Summary = T(l, nameof(CaptureTexts.DealSummary), d.Name) };
    }

    /// <summary>A snooze reason as the reader says it; the reason stored in the ledger is the English one, whoever chose it.</summary>
    private static string SnoozeReasonWords(string key, string stored, ReplyLanguage l) => !l.IsThai ? stored : key switch
    {
        "waiting" => T(l, nameof(CaptureTexts.SnoozeReason_waiting)),
        "later" => T(l, nameof(CaptureTexts.SnoozeReason_later)),
        "elsewhere" => T(l, nameof(CaptureTexts.SnoozeReason_elsewhere)),
        "wrong" => T(l, nameof(CaptureTexts.SnoozeReason_wrong)),
        _ => stored,
    };

    private static TurnResult UnknownButton(ReplyLanguage l) =>
        new(Say(T(l, nameof(CaptureTexts.UnknownButton)), T(l, nameof(CaptureTexts.UnknownButtonSummary))), "unknown-action", TurnOutcome.NotUnderstood);
}
