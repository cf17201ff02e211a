using System.Globalization;
using System.Text.RegularExpressions;
using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Dialogs;
using AeBot.Core.Formatting;
using AeBot.Core.Handoff;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Core.Text;
using AeBot.Core.Understanding;
using AeBot.Core.Work;

namespace AeBot.Core.Capture;

public sealed partial class CaptureAbilities
{
    /// <summary>The reasons offered for a loss: what is stored (the same whatever language the rep reads), and its words.</summary>
    private static readonly (string Stored, string Key)[] LossReasons =
    [
        ("Price", nameof(CaptureTexts.LossReason_Price)),
        ("Competitor", nameof(CaptureTexts.LossReason_Competitor)),
        ("No budget", nameof(CaptureTexts.LossReason_NoBudget)),
        ("Timing", nameof(CaptureTexts.LossReason_Timing)),
        ("No decision", nameof(CaptureTexts.LossReason_NoDecision)),
        ("Product fit", nameof(CaptureTexts.LossReason_ProductFit)),
        ("Other", nameof(CaptureTexts.LossReason_Other)),
    ];

    /// <summary>A stored loss reason as the reader says it; one typed in the rep's own words stays as typed.</summary>
    private static string LossReasonWords(string? reason, ReplyLanguage l) =>
        reason is null ? "—" : LossReasons.FirstOrDefault(r => r.Stored == reason) is { Key: { } key } ? T(l, key) : reason;

    private async Task<TurnResult> StartDealAsync(TurnContext c, string text, DealAction? action, CancellationToken ct)
    {
        var accounts = await understander.FindAccountsAsync(text, c.Viewer, ct);
        IReadOnlyList<DealRef> candidates;
        if (accounts.Count == 1)
        {
            candidates = await work.WritableOpenDealsAsync(c.Viewer, accounts[0].Entity.Id, ct);
            if (candidates.Count == 0)
                return new TurnResult(Say(T(c.Language, nameof(CaptureTexts.NoOpenDealAt), accounts[0].Entity.Name), T(c.Language, nameof(CaptureTexts.NoOpenDealSummary))), "update-deal", TurnOutcome.Refused);
        }
        else
        {
            candidates = await work.WritableOpenDealsAsync(c.Viewer, null, ct);
        }
        var deal = candidates.Count == 1 && accounts.Count == 1 ? candidates[0] : MatchDealIn(text, candidates, accounts.Count == 1 ? 1 : 2);

        var stages = await work.StagesAsync(ct);
        var draft = Fill(new DealDraft { Action = action ?? DealAction.Stage }, text, action, stages, deal, c.LocalNow, out var understood);
        if (deal is not null)
            draft = draft with { DealId = deal.Id, DealName = deal.Name, AccountId = deal.AccountId };
        else if (accounts.Count == 1)
            draft = draft with { AccountId = accounts[0].Entity.Id };
        if (!understood)
            draft = draft with { EditField = "ask" };
        return await NextDealStepAsync(c, draft, candidates, ct);
    }

    private async Task<TurnResult> NextDealStepAsync(TurnContext c, DealDraft draft, IReadOnlyList<DealRef>? candidates, CancellationToken ct)
    {
        if (draft.DealId is null)
        {
            candidates ??= await work.WritableOpenDealsAsync(c.Viewer, draft.AccountId, ct);
            if (candidates.Count == 0)
                return new TurnResult(Say(T(c.Language, nameof(CaptureTexts.NoOpenDeals)), T(c.Language, nameof(CaptureTexts.NoOpenDealSummary))), "update-deal", TurnOutcome.Answered);
            return await AskDealAsync(c, draft, DialogSlot.Deal, ct, candidates);
        }
        if (draft.EditField == "ask")
            return await AskDealAsync(c, draft, DialogSlot.EditField, ct);
        var missing = draft.Action switch
        {
            DealAction.Stage when draft.Stage is null => DialogSlot.Stage,
            DealAction.Amount when draft.Amount is null => DialogSlot.Amount,
            DealAction.CloseDate when draft.CloseDate is null => DialogSlot.CloseDate,
            DealAction.NextStep when draft.NextStep is null => DialogSlot.NextStep,
            DealAction.Lost when draft.LossReason is null => DialogSlot.LossReason,
            _ => DialogSlot.Confirm,
        };
        return await AskDealAsync(c, draft, missing, ct);
    }

    private async Task<TurnResult> AskDealAsync(TurnContext c, DealDraft draft, DialogSlot slot, CancellationToken ct, IReadOnlyList<DealRef>? candidates = null)
    {
        if (!await SaveAsync(c, new DialogState { Kind = DialogKind.UpdateDeal, Awaiting = slot, Deal = draft }, ct))
            return Conflict(c.Language);
        var l = c.Language;
        var name = draft.DealName ?? T(l, nameof(CaptureTexts.TheDeal));
        switch (slot)
        {
            case DialogSlot.Deal:
                return Asked(l, T(l, nameof(CaptureTexts.WhichDeal)), (candidates ?? []).Take(8).Select(d => new ReplyAction(DealLabel(d, c.Today, l), Payloads.Dialog + "deal:" + d.Id)).ToList(),
                    T(l, nameof(CaptureTexts.WhichDeal)));
            case DialogSlot.EditField:
                return Asked(l, T(l, nameof(CaptureTexts.WhatShouldChangeOn), name),
                    [.. Enum.GetValues<DealAction>().Select(a => new ReplyAction(ActionLabel(a, l), Payloads.Dialog + "action:" + a))], T(l, nameof(CaptureTexts.WhatShouldChangeSummary)));
            case DialogSlot.Stage:
            {
                var stages = (await work.StagesAsync(ct)).Where(s => s.Category == StageCategory.Open).OrderBy(s => s.Order).Take(8);
                return Asked(l, T(l, nameof(CaptureTexts.WhichStage), name), stages.Select(s => new ReplyAction(s.Name, Payloads.Dialog + "stage:" + s.Name)).ToList(), T(l, nameof(CaptureTexts.WhichStageSummary)));
            }
            case DialogSlot.Amount:
                return Asked(l, T(l, nameof(CaptureTexts.NewAmount), name), [], T(l, nameof(CaptureTexts.WhatAmountSummary)));
            case DialogSlot.CloseDate:
            {
                var deal = await work.WritableDealAsync(c.Viewer, draft.DealId!.Value, ct);
                var from = deal?.CloseDate is { } cd && cd > c.Today ? cd : c.Today;
                var endOfMonth = new DateOnly(c.Today.Year, c.Today.Month, 1).AddMonths(1).AddDays(-1);
                var options = new[] { from.AddDays(7), endOfMonth, endOfMonth.AddDays(1).AddMonths(1).AddDays(-1) }.Where(d => d > c.Today).Distinct()
                    .Select(d => new ReplyAction(DateFormat.Day(d, c.Today, l), Payloads.Dialog + "date:" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList();
                var question = deal?.CloseDate is { } current
                    ? T(l, nameof(CaptureTexts.NewCloseDateNow), name, DateFormat.Short(current, c.Today, l))
                    : T(l, nameof(CaptureTexts.NewCloseDate), name);
                return Asked(l, question, options, T(l, nameof(CaptureTexts.WhichCloseDateSummary)));
            }
            case DialogSlot.NextStep:
                return Asked(l, T(l, nameof(CaptureTexts.NextStepOn), name), [], T(l, nameof(CaptureTexts.WhatNextStepSummary)));
            case DialogSlot.LossReason:
                return Asked(l, T(l, nameof(CaptureTexts.WhyLost), name), LossReasons.Select(r => new ReplyAction(T(l, r.Key), Payloads.Dialog + "reason:" + r.Stored)).ToList(),
                    T(l, nameof(CaptureTexts.WhyLostSummary)));
            default:
                return await ConfirmAsync(c, draft, ct);
        }
    }

    private async Task<TurnResult> ConfirmAsync(TurnContext c, DealDraft draft, CancellationToken ct)
    {
        var deal = await work.WritableDealAsync(c.Viewer, draft.DealId!.Value, ct);
        if (deal is null)
            return NotFound(c.Language, nameof(CaptureTexts.Noun_Deal));
        var l = c.Language;
        var facts = new List<Fact> { new(T(l, nameof(CaptureTexts.Fact_Deal)), deal.Name), new(T(l, nameof(CaptureTexts.Fact_Account)), deal.AccountName ?? "—") };
        facts.AddRange(Changes(deal, draft, c.Today, l));
        var question = T(l, draft.Action switch
        {
            DealAction.Won => nameof(CaptureTexts.ConfirmWon),
            DealAction.Lost => nameof(CaptureTexts.ConfirmLost),
            _ => nameof(CaptureTexts.ConfirmUpdate),
        }, deal.Name);
        var shown = draft.Action == DealAction.Won ? T(l, nameof(CaptureTexts.ConfirmWonHandoff), deal.Name) : question;
        return new TurnResult(new Reply([new TextBlock(shown), new FactsBlock(facts), new ActionsBlock([ConfirmAction(l), Cancel(l)])])
            {
                Summary = T(l, nameof(CaptureTexts.ConfirmSummary), question.Replace("**", "")),
            },
            "update-deal", TurnOutcome.Asked);
    }

    private static ReplyAction ConfirmAction(ReplyLanguage l) => new(T(l, nameof(CaptureTexts.YesUpdate)), Payloads.Dialog + "confirm", ActionStyle.Primary);

    private static IEnumerable<Fact> Changes(DealRef deal, DealDraft d, DateOnly today, ReplyLanguage l)
    {
        string Money(decimal? a) => a is { } x ? MoneyFormat.Exact(x, deal.Currency) : "—";
        string Arrow(string? from, string? to) => T(l, nameof(CaptureTexts.ChangeArrow), from, to);
        string Label(string key) => T(l, key);
        switch (d.Action)
        {
            case DealAction.Stage: yield return new Fact(Label(nameof(CaptureTexts.Fact_Stage)), Arrow(deal.Stage, d.Stage)); break;
            case DealAction.Amount: yield return new Fact(Label(nameof(CaptureTexts.Fact_Amount)), Arrow(Money(deal.Amount), Money(d.Amount))); break;
            case DealAction.CloseDate:
                yield return new Fact(Label(nameof(CaptureTexts.Fact_CloseDate)), Arrow(DateFormat.Short(deal.CloseDate, today, l), DateFormat.Short(d.CloseDate, today, l)));
                break;
            case DealAction.NextStep:
                yield return new Fact(Label(nameof(CaptureTexts.Fact_NextStep)), d.NextStepDue is { } due
                    ? T(l, nameof(CaptureTexts.NextStepChangeDue), deal.NextStep ?? "—", d.NextStep, DateFormat.Short(due, today, l))
                    : Arrow(deal.NextStep ?? "—", d.NextStep));
                break;
            case DealAction.Won:
                yield return new Fact(Label(nameof(CaptureTexts.Fact_Stage)), Arrow(deal.Stage, "Closed Won"));
                yield return new Fact(Label(nameof(CaptureTexts.Fact_Amount)), Money(deal.Amount));
                yield return new Fact(Label(nameof(CaptureTexts.Fact_CloseDate)), DateFormat.Short(today, today, l));
                break;
            case DealAction.Lost:
                yield return new Fact(Label(nameof(CaptureTexts.Fact_Stage)), Arrow(deal.Stage, "Closed Lost"));
                yield return new Fact(Label(nameof(CaptureTexts.Fact_Reason)), LossReasonWords(d.LossReason, l));
                break;
        }
    }

    private async Task<TurnResult?> ContinueDealAsync(TurnContext c, DialogState state, string text, string? answer, CancellationToken ct)
    {
        var draft = state.Deal ?? new DealDraft();
        if (answer == "cancel" || state.Awaiting == DialogSlot.Confirm && Phrasings.IsNo(text))
            return await CancelAsync(c, state, ct);
        var stages = await work.StagesAsync(ct);
        switch (state.Awaiting)
        {
            case DialogSlot.Deal:
            {
                var candidates = await work.WritableOpenDealsAsync(c.Viewer, draft.AccountId, ct);
                var deal = Picked(answer, "deal") is { } id ? await work.WritableDealAsync(c.Viewer, id, ct) : MatchDeal(text, candidates);
                if (deal is null)
                    return IsSomethingElse(c) ? null : await AskDealAsync(c, draft, DialogSlot.Deal, ct, candidates);
                return await NextDealStepAsync(c, draft with { DealId = deal.Id, DealName = deal.Name, AccountId = deal.AccountId }, null, ct);
            }
            case DialogSlot.EditField:
            {
                DealAction? picked = answer?.StartsWith("action:", StringComparison.Ordinal) == true && Enum.TryParse<DealAction>(answer[7..], out var a) ? a : null;
                if (picked is null)
                {
                    var deal = await work.WritableDealAsync(c.Viewer, draft.DealId ?? 0, ct);
                    var filled = Fill(draft, text, null, stages, deal, c.LocalNow, out var understood);
                    if (!understood)
                        return IsSomethingElse(c) ? null : await AskDealAsync(c, draft, DialogSlot.EditField, ct);
                    return await NextDealStepAsync(c, filled with { EditField = null }, null, ct);
                }
                return await NextDealStepAsync(c, draft with { Action = picked.Value, EditField = null }, null, ct);
            }
            case DialogSlot.Stage:
            {
                var stage = answer?.StartsWith("stage:", StringComparison.Ordinal) == true ? stages.FirstOrDefault(s => s.Name == answer[6..]) : FindStage(text, stages);
                if (stage is null)
                    return IsSomethingElse(c) ? null : await AskDealAsync(c, draft, DialogSlot.Stage, ct);
                var action = stage.Category switch { StageCategory.Won => DealAction.Won, StageCategory.Lost => DealAction.Lost, _ => DealAction.Stage };
                return await NextDealStepAsync(c, draft with { Action = action, Stage = stage.Name }, null, ct);
            }
            case DialogSlot.Amount:
            {
                if (FindAmount(text) is not { } amount)
                    return IsSomethingElse(c) ? null : Asked(c.Language, T(c.Language, nameof(CaptureTexts.AmountUnreadable)), [], T(c.Language, nameof(CaptureTexts.WhatAmountSummary)));
                return await NextDealStepAsync(c, draft with { Amount = amount }, null, ct);
            }
            case DialogSlot.CloseDate:
            {
                DateOnly? date = answer?.StartsWith("date:", StringComparison.Ordinal) == true && DateOnly.TryParseExact(answer[5..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                    : MomentParser.Find(text, c.LocalNow) is { } m ? m.LastDay : null;
                if (date is null)
                    return IsSomethingElse(c) ? null : Asked(c.Language, T(c.Language, nameof(CaptureTexts.CloseDateUnreadable)), [], T(c.Language, nameof(CaptureTexts.WhichCloseDateSummary)));
                return await NextDealStepAsync(c, draft with { CloseDate = date }, null, ct);
            }
            case DialogSlot.NextStep:
            {
                if (string.IsNullOrWhiteSpace(text))
                    return null;
                var (step, due) = StepAndDue(text, c.LocalNow);
                return await NextDealStepAsync(c, draft with { NextStep = step, NextStepDue = due }, null, ct);
            }
            case DialogSlot.LossReason:
            {
                var reason = answer?.StartsWith("reason:", StringComparison.Ordinal) == true ? answer[7..] : string.IsNullOrWhiteSpace(text) ? null : ReasonOf(text) ?? text.Trim();
                if (reason is null)
                    return null;
                return await NextDealStepAsync(c, draft with { LossReason = reason }, null, ct);
            }
            case DialogSlot.Confirm:
                if (answer == "confirm" || Phrasings.IsYes(text))
                    return await ApplyAsync(c, draft, ct);
                return IsSomethingElse(c) ? null : new TurnResult(new Reply([new TextBlock(T(c.Language, nameof(CaptureTexts.ShallIMakeIt))),
                    new ActionsBlock([ConfirmAction(c.Language), Cancel(c.Language)])]) { Summary = T(c.Language, nameof(CaptureTexts.ShallIMakeItSummary)) }, "update-deal", TurnOutcome.Asked);
            default:
                return null;
        }
    }

    private async Task<TurnResult> ApplyAsync(TurnContext c, DealDraft draft, CancellationToken ct)
    {
        if (!await ClaimAsync(c, ct))
            return Conflict(c.Language);
        var deal = await work.WritableDealAsync(c.Viewer, draft.DealId ?? 0, ct);
        if (deal is null)
            return NotFound(c.Language, nameof(CaptureTexts.Noun_Deal));

        NamedRef? manager = null;
        IReadOnlyList<TaskDraft>? tasks = null;
        if (draft.Action == DealAction.Won && deal.AccountId is { } accountId)
        {
            manager = await work.AccountManagerAsync(accountId, ct);
            var assignee = manager?.Id ?? deal.OwnerId;
            tasks = handoff.Value.Effective.Select(i => new TaskDraft(assignee, $"{i.Title} — {deal.AccountName}", c.Today.AddDays(i.DueInDays))).ToList();
        }
        var change = draft.Action switch
        {
            DealAction.Stage => new DealChange(deal.Id, Stage: draft.Stage),
            DealAction.Amount => new DealChange(deal.Id, Amount: draft.Amount),
            DealAction.CloseDate => new DealChange(deal.Id, CloseDate: draft.CloseDate),
            DealAction.NextStep => new DealChange(deal.Id, NextStep: draft.NextStep, NextStepDue: draft.NextStepDue),
            DealAction.Won => new DealChange(deal.Id, Outcome: StageCategory.Won, Stage: draft.Stage, CloseDate: c.Today, TasksOnWin: tasks),
            _ => new DealChange(deal.Id, Outcome: StageCategory.Lost, Stage: draft.Stage, CloseDate: c.Today, LossReason: draft.LossReason),
        };
        if (await writes.UpdateDealAsync(c.Viewer, change, ct) is not { Value: var update } written)
            return NotFound(c.Language, nameof(CaptureTexts.Noun_Deal));

        var l = c.Language;
        var facts = Changes(update.Before, draft with { Stage = update.After.Stage, CloseDate = update.After.CloseDate }, c.Today, l).ToList();
        var blocks = new List<ReplyBlock>();
        if (draft.Action == DealAction.Won)
        {
            var handedTo = manager is not null && manager.Id != c.Viewer.RepId ? manager.Name : null;
            var created = update.TaskIds.Count.ToString(CultureInfo.InvariantCulture);
            blocks.Add(new TextBlock(update.After.Amount is { } a
                ? T(l, nameof(CaptureTexts.WonAmount), update.After.Name, MoneyFormat.Compact(a, update.After.Currency, l))
                : T(l, nameof(CaptureTexts.Won), update.After.Name)));
            blocks.Add(new FactsBlock(facts));
            blocks.Add(new TextBlock(handedTo is not null
                ? T(l, nameof(CaptureTexts.HandedTo), handedTo, created)
                : T(l, nameof(CaptureTexts.NoManager), update.After.AccountName ?? T(l, nameof(CaptureTexts.ThisAccount)), created)));
            if (handedTo is not null)
            {
                // The account manager reads it in their own language, not the winner's.
                var reader = await people.FindByIdAsync(manager!.Id, ct) is { } rep ? ReplyLanguage.Of(rep.Language, rep.Locale, rep.BuddhistEra) : ReplyLanguage.English;
                await messenger.SendAsync(new ProactiveMessage(manager.Id, "handoff", HandoffMessage(c, update, manager.Name, reader)), ct);
            }
        }
        else
        {
            blocks.Add(new TextBlock(T(l, nameof(CaptureTexts.Updated), update.After.Name)));
            blocks.Add(new FactsBlock(facts));
        }
        blocks.Add(new ActionsBlock([UndoAction(c.Language, written.ChangeId)]));
        return new TurnResult(new Reply(blocks) { Summary = T(l, nameof(CaptureTexts.UpdatedSummary), update.After.Name, string.Join(", ", facts.Select(f => f.Label))) }, "update-deal", TurnOutcome.Changed,
            $"deal={update.After.Id} action={draft.Action}");
    }

    private Reply HandoffMessage(TurnContext c, DealUpdate update, string managerName, ReplyLanguage l)
    {
        var first = managerName.Split(' ')[0];
        var amount = update.After.Amount is { } a ? MoneyFormat.Exact(a, update.After.Currency) : T(l, nameof(CaptureTexts.NoAmount));
        var items = handoff.Value.Effective.Select(i => new ListItem(i.Title, T(l, nameof(CaptureTexts.Due), DateFormat.Short(c.Today.AddDays(i.DueInDays), c.Today, l)), [])).ToList();
        return Payloads.InLanguage(new Reply([
            new TextBlock(T(l, nameof(CaptureTexts.HandoffIntro), first, c.Viewer.Name, update.After.Name, update.After.AccountName, amount, c.Viewer.Name.Split(' ')[0])),
            new ItemListBlock(T(l, nameof(CaptureTexts.HandoffTasks)), items),
            new ActionsBlock([new ReplyAction(T(l, nameof(CaptureTexts.BriefMeOn), update.After.AccountName), Payloads.Ask + $"brief me on {update.After.AccountName}")]),
        ]) { Summary = T(l, nameof(CaptureTexts.HandoffSummary), update.After.AccountName, c.Viewer.Name), Language = l.Code });
    }

    // ---- reading a change out of a sentence ----

    /// <summary>Fills the draft from the words: which change, and its value when the sentence gives it.</summary>
    private static DealDraft Fill(DealDraft draft, string text, DealAction? action, IReadOnlyList<StageInfo> stages, DealRef? deal, DateTime localNow, out bool understood)
    {
        understood = true;
        var lower = text.ToLowerInvariant();
        if (action == DealAction.Lost)
            return draft with { Action = DealAction.Lost, LossReason = ReasonOf(text) };
        if (action == DealAction.Won)
            return draft with { Action = DealAction.Won };
        if (NextStepWords().Match(text) is { Success: true } ns)
        {
            var after = text[(ns.Index + ns.Length)..];
            // "set the next step on Acme – GTX Pro to send the contract": the step is what follows "to".
            if (Regex.Match(after, @"^(?:on|for|of)\b.*?\bto\s+(?<step>.+)$", RegexOptions.IgnoreCase) is { Success: true } named)
                after = named.Groups["step"].Value;
            var (step, due) = StepAndDue(after, localNow);
            return draft with { Action = DealAction.NextStep, NextStep = step.Length > 0 ? step : null, NextStepDue = due };
        }
        if (AmountWords().IsMatch(lower) || MoneyPattern().IsMatch(text) && !DateWords().IsMatch(lower))
            return draft with { Action = DealAction.Amount, Amount = FindAmount(text) };
        if (DateWords().IsMatch(lower))
        {
            if (RelativePush().Match(lower) is { Success: true } push)
            {
                var n = push.Groups["n"].Value switch { "a" or "an" or "one" => 1, "two" => 2, "three" => 3, "four" => 4, var x => int.TryParse(x, CultureInfo.InvariantCulture, out var v) ? v : 1 };
                var from = deal?.CloseDate ?? DateOnly.FromDateTime(localNow);
                var moved = push.Groups["unit"].Value switch { var u when u.StartsWith("week", StringComparison.Ordinal) => from.AddDays(7 * n), var u when u.StartsWith("month", StringComparison.Ordinal) => from.AddMonths(n), _ => from.AddDays(n) };
                return draft with { Action = DealAction.CloseDate, CloseDate = moved };
            }
            return draft with { Action = DealAction.CloseDate, CloseDate = MomentParser.Find(text, localNow)?.LastDay };
        }
        if (FindStage(text, stages) is { } stage)
        {
            var a = stage.Category switch { StageCategory.Won => DealAction.Won, StageCategory.Lost => DealAction.Lost, _ => DealAction.Stage };
            return draft with { Action = a, Stage = stage.Name };
        }
        if (StageWords().IsMatch(lower))
            return draft with { Action = DealAction.Stage };
        understood = false;
        return draft;
    }

    private static StageInfo? FindStage(string text, IReadOnlyList<StageInfo> stages)
    {
        var matches = EntityMatcher.Find(text, stages.Select((s, i) => new Sales.NamedRef(i, s.Name)).ToList());
        return matches.Count >= 1 ? stages[(int)matches[0].Entity.Id] : null;
    }

    private static decimal? FindAmount(string text)
    {
        foreach (Match m in MoneyPattern().Matches(text))
            if (AmountParser.TryAmount(m.Value, out var amount) && amount > 0)
                return amount;
        return null;
    }

    private static (string Step, DateOnly? Due) StepAndDue(string text, DateTime localNow)
    {
        var step = text.Trim(' ', ':', '-', '.', ',');
        var moment = MomentParser.Find(step, localNow);
        if (moment is null)
            return (Capitalise(step), null);
        var index = step.IndexOf(moment.Matched, StringComparison.OrdinalIgnoreCase);
        var without = index < 0 ? step : (step[..index].TrimEnd() is var before && Regex.IsMatch(before, @"\b(by|on|before|due)$", RegexOptions.IgnoreCase) ? Regex.Replace(before, @"\s*\b(by|on|before|due)$", "", RegexOptions.IgnoreCase) : before) + " " + step[(index + moment.Matched.Length)..];
        without = without.Trim(' ', ',', '.');
        return (Capitalise(without.Length > 0 ? without : step), moment.Date);
    }

    private static string Capitalise(string s) => InteractionParser.Capitalise(s);

    private static string? ReasonOf(string text)
    {
        var lower = text.ToLowerInvariant();
        if (Regex.IsMatch(lower, @"\b(price|pricing|expensive|cost|cheaper)\b")) return "Price";
        if (Regex.IsMatch(lower, @"\b(competitor|competition|went with|chose|picked|lost to)\b")) return "Competitor";
        if (Regex.IsMatch(lower, @"\b(budget|funding|money)\b")) return "No budget";
        if (Regex.IsMatch(lower, @"\b(timing|not now|next year|postponed|delayed)\b")) return "Timing";
        if (Regex.IsMatch(lower, @"\b(no decision|went dark|ghosted|unresponsive|stalled|status quo)\b")) return "No decision";
        if (Regex.IsMatch(lower, @"\b(feature|fit|requirement|integration|missing)\b")) return "Product fit";
        var m = Regex.Match(text, @"\b(?:because|reason:?|due to)\s+(?<r>.+)$", RegexOptions.IgnoreCase);
        return m.Success ? Capitalise(m.Groups["r"].Value.Trim(' ', '.')) : null;
    }

    /// <summary>
    /// The deal a sentence names: the one whose name shares the most words with it ("Acme security add-on" →
    /// "Acme – Security Add-on" over "Acme – Premium Support"). Null unless exactly one deal scores best.
    /// </summary>
    private static DealRef? MatchDealIn(string text, IReadOnlyList<DealRef> deals, int minimum = 2)
    {
        var words = NameWords(text);
        var scored = deals.Select(d => (Deal: d, Score: NameWords(d.Name).Count(words.Contains))).Where(x => x.Score >= minimum).ToList();
        if (scored.Count == 0)
            return null;
        var best = scored.Max(x => x.Score);
        var top = scored.Where(x => x.Score == best).ToList();
        if (top.Count == 1)
            return top[0].Deal;
        // A name said in full wins over a longer one that contains it: "Acme – GTX Pro" is that deal, not
        // "Acme – GTX Pro – phase 2" (which its own words pick out).
        var whole = top.Where(x => NameWords(x.Deal.Name).Count == x.Score).ToList();
        return whole.Count == 1 ? whole[0].Deal : null;
    }

    private static HashSet<string> NameWords(string text) =>
        Regex.Split(text.ToLowerInvariant(), @"[^\p{L}\p{N}]+").Where(w => w.Length > 0 && !DealStopWords.Contains(w)).ToHashSet();

    private static readonly HashSet<string> DealStopWords = ["to", "the", "on", "of", "a", "an", "in", "by", "for", "and", "is", "now", "next", "month", "week", "deal", "amount",
        "date", "close", "closing", "stage", "move", "push", "set", "change", "update", "mark", "as", "won", "lost", "we", "i", "it", "step", "steps", "from", "at", "with"];

    private static string ActionLabel(DealAction a, ReplyLanguage l) => T(l, a switch
    {
        DealAction.Stage => nameof(CaptureTexts.Action_Stage),
        DealAction.Amount => nameof(CaptureTexts.Action_Amount),
        DealAction.CloseDate => nameof(CaptureTexts.Action_CloseDate),
        DealAction.NextStep => nameof(CaptureTexts.Action_NextStep),
        DealAction.Won => nameof(CaptureTexts.Action_Won),
        _ => nameof(CaptureTexts.Action_Lost),
    });

    [GeneratedRegex(@"\bnext steps?\b\s*(?:is|are|:|=|-|to)?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex NextStepWords();

    [GeneratedRegex(@"\b(amount|value|worth|deal size|price it at|acv|arr)\b")]
    private static partial Regex AmountWords();

    [GeneratedRegex(@"(?:[$€£]\s*)?\b\d[\d,]*(?:\.\d+)?\s*(?:k|m|mm|thousand|million)?\b(?:\s*(?:usd|eur|gbp))?", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyPattern();

    [GeneratedRegex(@"\b(close date|closing date|push|pushed|pull|pull in|slip|slipped|date|delay|postpone|move out|close (on|in|by))\b")]
    private static partial Regex DateWords();

    [GeneratedRegex(@"\b(?:by|out)\s+(?<n>\d{1,2}|a|an|one|two|three|four)\s+(?<unit>days?|weeks?|months?)\b")]
    private static partial Regex RelativePush();

    [GeneratedRegex(@"\b(stage|advance|move (it |them )?(to|into|forward))\b")]
    private static partial Regex StageWords();
}
