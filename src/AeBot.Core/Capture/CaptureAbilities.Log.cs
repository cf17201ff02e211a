using System.Globalization;
using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Dialogs;
using AeBot.Core.Formatting;
using AeBot.Core.Interactions;
using AeBot.Core.Understanding;
using AeBot.Core.Work;

namespace AeBot.Core.Capture;

public sealed partial class CaptureAbilities
{
    private async Task<TurnResult> StartLogAsync(TurnContext c, string text, CancellationToken ct)
    {
        var accounts = await understander.FindAccountsAsync(text, c.Viewer, ct);
        var account = accounts.Count == 1 ? accounts[0] : null;
        // Several accounts fit the same words ("Acme"): they are still the account, not a contact.
        var parsed = InteractionParser.Parse(text, c.LocalNow, playbook, accounts.FirstOrDefault()?.Matched);
        var draft = new LogDraft
        {
            Type = parsed.Type,
            AccountId = account?.Entity.Id,
            AccountName = account?.Entity.Name,
            Contacts = parsed.ContactNames,
            Summary = parsed.Summary,
            Objections = parsed.Objections,
            NextStep = parsed.NextStep,
            NextStepDue = parsed.NextStepDue,
            OccurredOn = parsed.OccurredOn,
        };
        if (accounts.Count > 1)
        {
            var state = new DialogState { Kind = DialogKind.LogInteraction, Awaiting = DialogSlot.Account, Log = draft };
            if (!await SaveAsync(c, state, ct))
                return Conflict();
            return Asked($"Which account was this with? \"{accounts[0].Matched}\" fits more than one.",
                accounts.Take(8).Select(a => new ReplyAction(a.Entity.Name, Payloads.Dialog + "account:" + a.Entity.Id)).ToList(), "Which account?");
        }
        return await NextLogStepAsync(c, draft, ct);
    }

    /// <summary>Asks for the first thing still missing, or writes the interaction when nothing is.</summary>
    private async Task<TurnResult> NextLogStepAsync(TurnContext c, LogDraft draft, CancellationToken ct)
    {
        if (draft.AccountId is null)
        {
            var recent = await work.RecentAccountsAsync(c.Viewer, 6, ct);
            return await AskLogAsync(c, draft, DialogSlot.Account, "Which account was this with? Pick one or type its name.",
                recent.Select(a => new ReplyAction(a.Name, Payloads.Dialog + "account:" + a.Id)).ToList(), ct);
        }
        if (!draft.DealDecided)
        {
            var deals = await work.WritableOpenDealsAsync(c.Viewer, draft.AccountId, ct);
            if (deals.Count <= 1)
                draft = draft with { DealId = deals.FirstOrDefault()?.Id, DealName = deals.FirstOrDefault()?.Name, DealDecided = true };
            else
                return await AskLogAsync(c, draft, DialogSlot.Deal, $"{draft.AccountName} has {deals.Count} open deals of yours. Which one was this about?",
                    [.. deals.Take(7).Select(d => new ReplyAction(DealLabel(d, c.Today), Payloads.Dialog + "deal:" + d.Id)), new ReplyAction("None — just the account", Payloads.Dialog + "deal:none")], ct);
        }
        if (draft.Type is null)
            return await AskLogAsync(c, draft, DialogSlot.Type, "Was it a call, a meeting, an email or a note?",
                [.. Enum.GetValues<InteractionType>().Select(t => new ReplyAction(t.ToString(), Payloads.Dialog + "type:" + t))], ct);
        if (draft.Summary is null)
            return await AskLogAsync(c, draft, DialogSlot.Summary,
                $"What happened on the {draft.Type.Value.ToString().ToLowerInvariant()} with {draft.AccountName}? One line is enough — objections and the next step (with a date) are picked up too.", [], ct);

        if (!await ClaimAsync(c, ct))
            return Conflict();
        // "Logged a call yesterday": the same time of day on the day it happened, never in the future.
        var occurred = draft.OccurredOn is { } day && day < c.Today ? c.Now.AddDays(day.DayNumber - c.Today.DayNumber) : c.Now;
        var written = await writes.LogInteractionAsync(c.Viewer, new InteractionDraft(draft.Type.Value, draft.AccountId.Value, draft.DealId, draft.Contacts,
            draft.Summary, draft.Objections, draft.NextStep, draft.NextStepDue, occurred), ct);
        if (written is not { Value: var logged })
            return NotFound("account");
        return new TurnResult(LoggedReply(logged, written.ChangeId, c.Today), "log-interaction", TurnOutcome.Changed,
            $"type={logged.Type} account={logged.AccountName} deal={logged.DealName} contacts={logged.Contacts.Count} objections={logged.Objections.Count} next={logged.NextStepDue:yyyy-MM-dd}");
    }

    private async Task<TurnResult> AskLogAsync(TurnContext c, LogDraft draft, DialogSlot slot, string question, IReadOnlyList<ReplyAction> choices, CancellationToken ct)
    {
        if (!await SaveAsync(c, new DialogState { Kind = DialogKind.LogInteraction, Awaiting = slot, Log = draft }, ct))
            return Conflict();
        return Asked(question, choices, question);
    }

    private static TurnResult Asked(string question, IReadOnlyList<ReplyAction> choices, string summary)
    {
        var blocks = new List<ReplyBlock>();
        if (choices.Count > 0)
            blocks.Add(new ChoiceBlock(question, [.. choices, Cancel]));
        else
            blocks.AddRange([new TextBlock(question), new ActionsBlock([Cancel])]);
        return new TurnResult(new Reply(blocks) { Summary = summary }, "dialog-question", TurnOutcome.Asked);
    }

    private async Task<TurnResult?> ContinueLogAsync(TurnContext c, DialogState state, string text, string? answer, CancellationToken ct)
    {
        var draft = state.Log ?? new LogDraft();
        if (answer == "cancel")
            return await CancelAsync(c, state, ct);
        switch (state.Awaiting)
        {
            case DialogSlot.Account:
            {
                if (Picked(answer, "account") is { } id)
                {
                    var recent = await work.RecentAccountsAsync(c.Viewer, 50, ct);
                    var name = recent.FirstOrDefault(a => a.Id == id)?.Name ?? (await understander.AccountNameAsync(id, c.Viewer, ct));
                    if (name is null)
                        return NotFound("account");
                    return await NextLogStepAsync(c, draft with { AccountId = id, AccountName = name }, ct);
                }
                var found = await understander.FindAccountsAsync(text, c.Viewer, ct);
                if (found.Count == 1)
                    return await NextLogStepAsync(c, draft with { AccountId = found[0].Entity.Id, AccountName = found[0].Entity.Name }, ct);
                if (found.Count > 1)
                    return Asked($"\"{found[0].Matched}\" fits more than one account — which one?",
                        found.Take(8).Select(a => new ReplyAction(a.Entity.Name, Payloads.Dialog + "account:" + a.Entity.Id)).ToList(), "Which account?");
                return IsSomethingElse(c) ? null : Asked("I can't find that account among yours. Type its name as the CRM has it, or pick one:",
                    (await work.RecentAccountsAsync(c.Viewer, 6, ct)).Select(a => new ReplyAction(a.Name, Payloads.Dialog + "account:" + a.Id)).ToList(), "Which account?");
            }
            case DialogSlot.Deal:
            {
                var deals = await work.WritableOpenDealsAsync(c.Viewer, draft.AccountId, ct);
                if (answer == "deal:none" || Phrasings.IsNo(text) || text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
                    return await NextLogStepAsync(c, draft with { DealId = null, DealName = null, DealDecided = true }, ct);
                var deal = Picked(answer, "deal") is { } id ? deals.FirstOrDefault(d => d.Id == id) : MatchDeal(text, deals);
                if (deal is not null)
                    return await NextLogStepAsync(c, draft with { DealId = deal.Id, DealName = deal.Name, DealDecided = true }, ct);
                return IsSomethingElse(c) ? null : Asked("Which deal? Pick one:",
                    [.. deals.Take(7).Select(d => new ReplyAction(DealLabel(d, c.Today), Payloads.Dialog + "deal:" + d.Id)), new ReplyAction("None — just the account", Payloads.Dialog + "deal:none")], "Which deal?");
            }
            case DialogSlot.Type:
            {
                InteractionType? type = answer is not null && answer.StartsWith("type:", StringComparison.Ordinal) && Enum.TryParse<InteractionType>(answer[5..], out var t) ? t : InteractionParser.TypeOf(text);
                if (type is not null)
                    return await NextLogStepAsync(c, draft with { Type = type }, ct);
                return IsSomethingElse(c) ? null : Asked("Was it a call, a meeting, an email or a note?",
                    [.. Enum.GetValues<InteractionType>().Select(x => new ReplyAction(x.ToString(), Payloads.Dialog + "type:" + x))], "Which kind of interaction?");
            }
            case DialogSlot.Summary:
            {
                if (string.IsNullOrWhiteSpace(text))
                    return string.IsNullOrWhiteSpace(text) ? Asked("What happened? One line is enough.", [], "What happened?") : null;
                var parsed = InteractionParser.ParseDetails(text, c.LocalNow, playbook, draft.AccountName);
                return await NextLogStepAsync(c, draft with
                {
                    Summary = parsed.Summary ?? text.Trim(),
                    Objections = [.. draft.Objections, .. parsed.Objections],
                    NextStep = parsed.NextStep ?? draft.NextStep,
                    NextStepDue = parsed.NextStepDue ?? draft.NextStepDue,
                }, ct);
            }
            default:
                return null;
        }
    }

    private async Task<TurnResult> CancelAsync(TurnContext c, DialogState state, CancellationToken ct)
    {
        if (!await dialogs.ClearAsync(c.Key, c.Version, ct))
            return Conflict();
        return new TurnResult(Say($"OK, I've stopped {state.Describe()} — nothing was saved.", "Cancelled"), "cancel", TurnOutcome.Cancelled);
    }

    private static long? Picked(string? answer, string slot) =>
        answer is not null && answer.StartsWith(slot + ":", StringComparison.Ordinal) && long.TryParse(answer[(slot.Length + 1)..], CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>A deal named in free text: by its position in the list ("the second one"), or by the words of its name.</summary>
    private static DealRef? MatchDeal(string text, IReadOnlyList<DealRef> deals)
    {
        var t = text.Trim().ToLowerInvariant();
        var ordinal = t switch { "1" or "first" or "the first" or "the first one" => 0, "2" or "second" or "the second" or "the second one" => 1, "3" or "third" or "the third one" => 2, _ => -1 };
        if (ordinal >= 0 && ordinal < deals.Count)
            return deals[ordinal];
        return MatchDealIn(text, deals, minimum: 1);
    }

    internal static string DealLabel(DealRef d, DateOnly today) =>
        $"{d.Name}{(d.Amount is { } a ? " · " + MoneyFormat.Compact(a, d.Currency) : "")} · {d.Stage}{(d.CloseDate is { } cd ? " · closes " + DateFormat.Short(cd, today) : "")}";

    /// <summary>What was stored; its Edit edits this interaction, its Undo undoes <paramref name="changeId"/> (the log or the edit just made).</summary>
    private static Reply LoggedReply(LoggedInteraction l, long changeId, DateOnly today)
    {
        var facts = new List<Fact>
        {
            new("Type", l.Type.ToString()),
            new("Account", l.AccountName),
            new("Deal", l.DealName ?? "— (account only)"),
        };
        if (l.Contacts.Count > 0)
            facts.Add(new Fact("Contacts", string.Join(", ", l.Contacts.Select(x => x.Created ? x.Name + " (new contact)" : x.Name))));
        facts.Add(new Fact("Summary", l.Summary));
        if (l.Objections.Count > 0)
            facts.Add(new Fact("Objections", string.Join("; ", l.Objections.Select(o => o.Topic is null || o.Text.Equals(o.Topic, StringComparison.OrdinalIgnoreCase) ? o.Text : $"{o.Text} ({o.Topic})"))));
        if (l.NextStep is not null)
            facts.Add(new Fact("Next step", l.NextStep + (l.NextStepDue is { } d ? " — due " + DateFormat.Short(d, today) : "")));
        if (l.FollowUpId is not null)
            facts.Add(new Fact("Follow-up", "task created" + (l.NextStepDue is { } due ? " for " + DateFormat.Short(due, today) : "")));
        var actions = new List<ReplyAction> { new("Edit", Payloads.Act + "edit:" + l.InteractionId.ToString(CultureInfo.InvariantCulture)), UndoAction(changeId) };
        foreach (var topic in l.Objections.Select(o => o.Topic).Where(t => t is not null).Distinct().Take(2))
            actions.Add(new ReplyAction($"Handle \"{topic}\"", Payloads.Ask + $"how do I handle {topic} objections?"));
        return new Reply([new TextBlock($"Logged ✓ — {l.Type.ToString().ToLowerInvariant()} with {l.AccountName}. Here's exactly what I recorded:"), new FactsBlock(facts), new ActionsBlock(actions)])
        {
            Summary = $"Logged {l.Type.ToString().ToLowerInvariant()} with {l.AccountName}",
        };
    }

    // ---- Edit: change one field of what was just logged ----

    private async Task<TurnResult> StartEditAsync(TurnContext c, long interactionId, CancellationToken ct)
    {
        if (!await work.CanEditInteractionAsync(c.Viewer, interactionId, ct))
            return new TurnResult(Say("I can't edit that — it isn't something you logged, or it has been undone since. Nothing was changed.", "Refused: interaction not the asker's or undone"),
                "not-found", TurnOutcome.Refused);
        var state = new DialogState { Kind = DialogKind.EditInteraction, Awaiting = DialogSlot.EditField, InteractionId = interactionId };
        if (!await SaveAsync(c, state, ct))
            return Conflict();
        return Asked("What should I change?",
        [
            new("Summary", Payloads.Dialog + "field:summary"),
            new("Next step", Payloads.Dialog + "field:nextstep"),
            new("Due date", Payloads.Dialog + "field:due"),
            new("Deal", Payloads.Dialog + "field:deal"),
        ], "What should I change?");
    }

    private async Task<TurnResult?> ContinueEditAsync(TurnContext c, DialogState state, string text, string? answer, CancellationToken ct)
    {
        if (answer == "cancel")
            return await CancelAsync(c, state, ct);
        var id = state.InteractionId ?? 0;
        if (state.Awaiting == DialogSlot.EditField)
        {
            var field = answer?.StartsWith("field:", StringComparison.Ordinal) == true ? answer[6..]
                : text.Trim().ToLowerInvariant() switch { "summary" => "summary", "next step" or "nextstep" => "nextstep", "due" or "due date" or "date" => "due", "deal" => "deal", _ => null };
            if (field is null)
                return IsSomethingElse(c) ? null : Asked("Pick what to change: summary, next step, due date or deal.", [], "What should I change?");
            var prompt = field switch
            {
                "summary" => "What should the summary say?",
                "nextstep" => "What's the next step? (add a date like \"by Friday\" to set when it's due)",
                "due" => "When is the next step due?",
                _ => "Which deal was it about? Type its name, or \"none\".",
            };
            if (!await SaveAsync(c, state with { Awaiting = DialogSlot.EditValue, Deal = new DealDraft { EditField = field } }, ct))
                return Conflict();
            return Asked(prompt, [], prompt);
        }

        var which = state.Deal?.EditField ?? "summary";
        if (string.IsNullOrWhiteSpace(text))
            return null;
        InteractionEdit edit;
        switch (which)
        {
            case "summary":
                edit = new InteractionEdit(Summary: text.Trim());
                break;
            case "nextstep":
            {
                var moment = MomentParser.Find(text, c.LocalNow);
                var step = moment is null ? text.Trim() : text.Replace(moment.Matched, "", StringComparison.OrdinalIgnoreCase).Replace(" by ", " ", StringComparison.OrdinalIgnoreCase).Trim(' ', ',', '.');
                edit = new InteractionEdit(NextStep: step.Length > 0 ? step : text.Trim(), NextStepDue: moment?.Date);
                break;
            }
            case "due":
            {
                var moment = MomentParser.Find(text, c.LocalNow);
                if (moment is null)
                    return Asked("I couldn't read a date there — try \"Friday\", \"Dec 15\" or \"in 3 days\".", [], "When is it due?");
                edit = new InteractionEdit(NextStepDue: moment.Date);
                break;
            }
            default:
            {
                if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
                {
                    edit = new InteractionEdit(ClearDeal: true);
                    break;
                }
                var deal = MatchDeal(text, await work.WritableOpenDealsAsync(c.Viewer, null, ct));
                if (deal is null)
                    return Asked("I can't find that deal among your open deals — type more of its name, or \"none\".", [], "Which deal?");
                edit = new InteractionEdit(OpportunityId: deal.Id);
                break;
            }
        }
        if (!await ClaimAsync(c, ct))
            return Conflict();
        var written = await writes.EditInteractionAsync(c.Viewer, id, edit, ct);
        if (written is not { Value: var logged })
            return NotFound("interaction");
        var reply = LoggedReply(logged, written.ChangeId, c.Today);
        return new TurnResult(reply with { Blocks = [new TextBlock("Changed ✓"), .. reply.Blocks.Skip(1)], Summary = "Edited the logged " + logged.Type.ToString().ToLowerInvariant() },
            "edit-interaction", TurnOutcome.Changed, "field=" + which);
    }
}
