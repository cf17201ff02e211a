using System.Globalization;
using System.Text.RegularExpressions;
using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Dialogs;
using AeBot.Core.Formatting;
using AeBot.Core.Handoff;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Core.Understanding;
using AeBot.Core.Work;

namespace AeBot.Core.Capture;

public sealed partial class CaptureAbilities
{
    private static readonly string[] LossReasons = ["Price", "Competitor", "No budget", "Timing", "No decision", "Product fit", "Other"];

    private async Task<TurnResult> StartDealAsync(TurnContext c, string text, DealAction? action, CancellationToken ct)
    {
        var accounts = await understander.FindAccountsAsync(text, c.Viewer, ct);
        IReadOnlyList<DealRef> candidates;
        if (accounts.Count == 1)
        {
            candidates = await work.WritableOpenDealsAsync(c.Viewer, accounts[0].Entity.Id, ct);
            if (candidates.Count == 0)
                return new TurnResult(Say($"I don't see an open deal of yours at {accounts[0].Entity.Name} that you can change.", "No open deal to change"), "update-deal", TurnOutcome.Refused);
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
                return new TurnResult(Say("You have no open deals I can change.", "No open deal to change"), "update-deal", TurnOutcome.Answered);
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
            return Conflict();
        var name = draft.DealName ?? "the deal";
        switch (slot)
        {
            case DialogSlot.Deal:
                return Asked("Which deal?", (candidates ?? []).Take(8).Select(d => new ReplyAction(DealLabel(d, c.Today), Payloads.Dialog + "deal:" + d.Id)).ToList(), "Which deal?");
            case DialogSlot.EditField:
                return Asked($"What should change on {name}?",
                    [.. Enum.GetValues<DealAction>().Select(a => new ReplyAction(ActionLabel(a), Payloads.Dialog + "action:" + a))], "What should change?");
            case DialogSlot.Stage:
            {
                var stages = (await work.StagesAsync(ct)).Where(s => s.Category == StageCategory.Open).OrderBy(s => s.Order).Take(8);
                return Asked($"Which stage should {name} move to?", stages.Select(s => new ReplyAction(s.Name, Payloads.Dialog + "stage:" + s.Name)).ToList(), "Which stage?");
            }
            case DialogSlot.Amount:
                return Asked($"What's the new amount for {name}? (e.g. 45k or 45,000 EUR)", [], "What amount?");
            case DialogSlot.CloseDate:
            {
                var deal = await work.WritableDealAsync(c.Viewer, draft.DealId!.Value, ct);
                var from = deal?.CloseDate is { } cd && cd > c.Today ? cd : c.Today;
                var endOfMonth = new DateOnly(c.Today.Year, c.Today.Month, 1).AddMonths(1).AddDays(-1);
                var options = new[] { from.AddDays(7), endOfMonth, endOfMonth.AddDays(1).AddMonths(1).AddDays(-1) }.Where(d => d > c.Today).Distinct()
                    .Select(d => new ReplyAction(DateFormat.Day(d, c.Today), Payloads.Dialog + "date:" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList();
                return Asked($"What's the new close date for {name}{(deal?.CloseDate is { } current ? $" (now {DateFormat.Short(current, c.Today)})" : "")}? Pick one or type a date.", options, "Which close date?");
            }
            case DialogSlot.NextStep:
                return Asked($"What's the next step on {name}? (add \"by Friday\" to set a due date)", [], "What next step?");
            case DialogSlot.LossReason:
                return Asked($"Why was {name} lost?", LossReasons.Select(r => new ReplyAction(r, Payloads.Dialog + "reason:" + r)).ToList(), "Why was it lost?");
            default:
                return await ConfirmAsync(c, draft, ct);
        }
    }

    private async Task<TurnResult> ConfirmAsync(TurnContext c, DealDraft draft, CancellationToken ct)
    {
        var deal = await work.WritableDealAsync(c.Viewer, draft.DealId!.Value, ct);
        if (deal is null)
            return NotFound("deal");
        var facts = new List<Fact> { new("Deal", deal.Name), new("Account", deal.AccountName ?? "—") };
        facts.AddRange(Changes(deal, draft, c.Today));
        var question = draft.Action switch
        {
            DealAction.Won => $"Mark **{deal.Name}** as won?",
            DealAction.Lost => $"Mark **{deal.Name}** as lost?",
            _ => $"Update **{deal.Name}**?",
        };
        var more = draft.Action == DealAction.Won ? " I'll also hand the account to its account manager with the onboarding checklist." : "";
        return new TurnResult(new Reply([new TextBlock(question + more), new FactsBlock(facts),
            new ActionsBlock([new ReplyAction("Yes, update", Payloads.Dialog + "confirm", ActionStyle.Primary), Cancel])]) { Summary = "Confirm: " + question.Replace("**", "") },
            "update-deal", TurnOutcome.Asked);
    }

    private static IEnumerable<Fact> Changes(DealRef deal, DealDraft d, DateOnly today)
    {
        string Money(decimal? a) => a is { } x ? MoneyFormat.Exact(x, deal.Currency) : "—";
        switch (d.Action)
        {
            case DealAction.Stage: yield return new Fact("Stage", $"{deal.Stage} → {d.Stage}"); break;
            case DealAction.Amount: yield return new Fact("Amount", $"{Money(deal.Amount)} → {Money(d.Amount)}"); break;
            case DealAction.CloseDate: yield return new Fact("Close date", $"{DateFormat.Short(deal.CloseDate, today)} → {DateFormat.Short(d.CloseDate, today)}"); break;
            case DealAction.NextStep:
                yield return new Fact("Next step", $"{deal.NextStep ?? "—"} → {d.NextStep}{(d.NextStepDue is { } due ? " (due " + DateFormat.Short(due, today) + ")" : "")}");
                break;
            case DealAction.Won:
                yield return new Fact("Stage", $"{deal.Stage} → Closed Won");
                yield return new Fact("Amount", Money(deal.Amount));
                yield return new Fact("Close date", DateFormat.Short(today, today));
                break;
            case DealAction.Lost:
                yield return new Fact("Stage", $"{deal.Stage} → Closed Lost");
                yield return new Fact("Reason", d.LossReason ?? "—");
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
                    return IsSomethingElse(c) ? null : Asked("I couldn't read an amount — try \"45k\" or \"45,000\".", [], "What amount?");
                return await NextDealStepAsync(c, draft with { Amount = amount }, null, ct);
            }
            case DialogSlot.CloseDate:
            {
                DateOnly? date = answer?.StartsWith("date:", StringComparison.Ordinal) == true && DateOnly.TryParseExact(answer[5..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                    : MomentParser.Find(text, c.LocalNow) is { } m ? m.LastDay : null;
                if (date is null)
                    return IsSomethingElse(c) ? null : Asked("I couldn't read a date — try \"Dec 15\", \"end of next month\" or \"in 2 weeks\".", [], "Which close date?");
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
                return IsSomethingElse(c) ? null : new TurnResult(new Reply([new TextBlock("Shall I make that change? Say yes, or cancel."),
                    new ActionsBlock([new ReplyAction("Yes, update", Payloads.Dialog + "confirm", ActionStyle.Primary), Cancel])]) { Summary = "Confirm the change?" }, "update-deal", TurnOutcome.Asked);
            default:
                return null;
        }
    }

    private async Task<TurnResult> ApplyAsync(TurnContext c, DealDraft draft, CancellationToken ct)
    {
        if (!await ClaimAsync(c, ct))
            return Conflict();
        var deal = await work.WritableDealAsync(c.Viewer, draft.DealId ?? 0, ct);
        if (deal is null)
            return NotFound("deal");

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
            return NotFound("deal");

        var facts = Changes(update.Before, draft with { Stage = update.After.Stage, CloseDate = update.After.CloseDate }, c.Today).ToList();
        var blocks = new List<ReplyBlock>();
        if (draft.Action == DealAction.Won)
        {
            var amount = update.After.Amount is { } a ? " (" + MoneyFormat.Compact(a, update.After.Currency) + ")" : "";
            var handedTo = manager is not null && manager.Id != c.Viewer.RepId ? manager.Name : null;
            blocks.Add(new TextBlock($"🎉 Congratulations — **{update.After.Name}**{amount} is marked won."));
            blocks.Add(new FactsBlock(facts));
            blocks.Add(new TextBlock(handedTo is not null
                ? $"I've told {handedTo} (account manager) and created {update.TaskIds.Count} onboarding tasks for them. You stay on the account for onboarding and expansion — it keeps showing in your briefs."
                : $"There's no account manager on {update.After.AccountName ?? "this account"}, so I've put the {update.TaskIds.Count} onboarding tasks on your list. Ask your admin to assign one."));
            if (handedTo is not null)
                await messenger.SendAsync(new ProactiveMessage(manager!.Id, "handoff", HandoffMessage(c, update, manager.Name)), ct);
        }
        else
        {
            blocks.Add(new TextBlock($"Updated ✓ **{update.After.Name}**"));
            blocks.Add(new FactsBlock(facts));
        }
        blocks.Add(new ActionsBlock([UndoAction(written.ChangeId)]));
        return new TurnResult(new Reply(blocks) { Summary = $"Updated {update.After.Name}: {string.Join(", ", facts.Select(f => f.Label))}" }, "update-deal", TurnOutcome.Changed,
            $"deal={update.After.Id} action={draft.Action}");
    }

    private Reply HandoffMessage(TurnContext c, DealUpdate update, string managerName)
    {
        var first = managerName.Split(' ')[0];
        var amount = update.After.Amount is { } a ? MoneyFormat.Exact(a, update.After.Currency) : "no amount";
        var items = handoff.Value.Effective.Select(i => new ListItem(i.Title, "due " + DateFormat.Short(c.Today.AddDays(i.DueInDays), c.Today), [])).ToList();
        return new Reply([
            new TextBlock($"Hi {first} — {c.Viewer.Name} just won **{update.After.Name}** at **{update.After.AccountName}** ({amount}). You own the relationship from here; {c.Viewer.Name.Split(' ')[0]} stays involved for onboarding and expansion."),
            new ItemListBlock("Onboarding tasks created for you", items),
            new ActionsBlock([new ReplyAction($"Brief me on {update.After.AccountName}", Payloads.Ask + $"brief me on {update.After.AccountName}")]),
        ]) { Summary = $"Handoff: {update.After.AccountName} won by {c.Viewer.Name}" };
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

    private static string ActionLabel(DealAction a) => a switch
    {
        DealAction.Stage => "Stage",
        DealAction.Amount => "Amount",
        DealAction.CloseDate => "Close date",
        DealAction.NextStep => "Next step",
        DealAction.Won => "Mark won",
        _ => "Mark lost",
    };

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
