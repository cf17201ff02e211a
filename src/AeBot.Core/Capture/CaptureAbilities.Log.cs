using System.Globalization;
using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Dialogs;
using AeBot.Core.Formatting;
using AeBot.Core.Interactions;
using AeBot.Core.Text;
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
                return Conflict(c.Language);
            return Asked(c.Language, T(c.Language, nameof(CaptureTexts.WhichAccountFitsMore), accounts[0].Matched),
                accounts.Take(8).Select(a => new ReplyAction(a.Entity.Name, Payloads.Dialog + "account:" + a.Entity.Id)).ToList(), T(c.Language, nameof(CaptureTexts.WhichAccountSummary)));
        }
        return await NextLogStepAsync(c, draft, ct);
    }

    /// <summary>Asks for the first thing still missing, or writes the interaction when nothing is.</summary>
    private async Task<TurnResult> NextLogStepAsync(TurnContext c, LogDraft draft, CancellationToken ct)
    {
        var l = c.Language;
        if (draft.AccountId is null)
        {
            var recent = await work.RecentAccountsAsync(c.Viewer, 6, ct);
            return await AskLogAsync(c, draft, DialogSlot.Account, T(l, nameof(CaptureTexts.WhichAccountPick)),
                recent.Select(a => new ReplyAction(a.Name, Payloads.Dialog + "account:" + a.Id)).ToList(), ct);
        }
        if (!draft.DealDecided)
        {
            var deals = await work.WritableOpenDealsAsync(c.Viewer, draft.AccountId, ct);
            if (deals.Count <= 1)
                draft = draft with { DealId = deals.FirstOrDefault()?.Id, DealName = deals.FirstOrDefault()?.Name, DealDecided = true };
            else
                return await AskLogAsync(c, draft, DialogSlot.Deal, T(l, nameof(CaptureTexts.WhichDealOfSeveral), draft.AccountName, deals.Count),
                    [.. deals.Take(7).Select(d => new ReplyAction(DealLabel(d, c.Today, l), Payloads.Dialog + "deal:" + d.Id)), new ReplyAction(T(l, nameof(CaptureTexts.NoDealJustAccount)), Payloads.Dialog + "deal:none")], ct);
        }
        if (draft.Type is null)
            return await AskLogAsync(c, draft, DialogSlot.Type, T(l, nameof(CaptureTexts.WhichType)), TypeChoices(l), ct);
        if (draft.Summary is null)
            return await AskLogAsync(c, draft, DialogSlot.Summary,
                T(l, nameof(CaptureTexts.WhatHappenedOn), DialogWords.Noun(draft.Type.Value, l), draft.AccountName), [], ct);

        if (!await ClaimAsync(c, ct))
            return Conflict(c.Language);
        // "Logged a call yesterday": the same time of day on the day it happened, never in the future.
        var occurred = draft.OccurredOn is { } day && day < c.Today ? c.Now.AddDays(day.DayNumber - c.Today.DayNumber) : c.Now;
        var written = await writes.LogInteractionAsync(c.Viewer, new InteractionDraft(draft.Type.Value, draft.AccountId.Value, draft.DealId, draft.Contacts,
            draft.Summary, draft.Objections, draft.NextStep, draft.NextStepDue, occurred), ct);
        if (written is not { Value: var logged })
            return NotFound(c.Language, nameof(CaptureTexts.Noun_Account));
        return new TurnResult(LoggedReply(logged, written.ChangeId, c.Today, l), "log-interaction", TurnOutcome.Changed,
            $"type={logged.Type} account={logged.AccountName} deal={logged.DealName} contacts={logged.Contacts.Count} objections={logged.Objections.Count} next={logged.NextStepDue:yyyy-MM-dd}");
    }

    private async Task<TurnResult> AskLogAsync(TurnContext c, LogDraft draft, DialogSlot slot, string question, IReadOnlyList<ReplyAction> choices, CancellationToken ct)
    {
        if (!await SaveAsync(c, new DialogState { Kind = DialogKind.LogInteraction, Awaiting = slot, Log = draft }, ct))
            return Conflict(c.Language);
        return Asked(c.Language, question, choices, question);
    }

    private static List<ReplyAction> TypeChoices(ReplyLanguage l) =>
        [.. Enum.GetValues<InteractionType>().Select(t => new ReplyAction(DialogWords.Label(t, l), Payloads.Dialog + "type:" + t))];

    private static TurnResult Asked(ReplyLanguage l, string question, IReadOnlyList<ReplyAction> choices, string summary)
    {
        var blocks = new List<ReplyBlock>();
        if (choices.Count > 0)
            blocks.Add(new ChoiceBlock(question, [.. choices, Cancel(l)]));
        else
            blocks.AddRange([new TextBlock(question), new ActionsBlock([Cancel(l)])]);
        return new TurnResult(new Reply(blocks) { Summary = summary }, "dialog-question", TurnOutcome.Asked);
    }

    private async Task<TurnResult?> ContinueLogAsync(TurnContext c, DialogState state, string text, string? answer, CancellationToken ct)
    {
        var draft = state.Log ?? new LogDraft();
        var l = c.Language;
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
                        return NotFound(c.Language, nameof(CaptureTexts.Noun_Account));
                    return await NextLogStepAsync(c, draft with { AccountId = id, AccountName = name }, ct);
                }
                var found = await understander.FindAccountsAsync(text, c.Viewer, ct);
                if (found.Count == 1)
                    return await NextLogStepAsync(c, draft with { AccountId = found[0].Entity.Id, AccountName = found[0].Entity.Name }, ct);
                if (found.Count > 1)
                    return Asked(l, T(l, nameof(CaptureTexts.AccountFitsMore), found[0].Matched),
                        found.Take(8).Select(a => new ReplyAction(a.Entity.Name, Payloads.Dialog + "account:" + a.Entity.Id)).ToList(), T(l, nameof(CaptureTexts.WhichAccountSummary)));
                return IsSomethingElse(c) ? null : Asked(l, T(l, nameof(CaptureTexts.AccountNotFound)),
                    (await work.RecentAccountsAsync(c.Viewer, 6, ct)).Select(a => new ReplyAction(a.Name, Payloads.Dialog + "account:" + a.Id)).ToList(), T(l, nameof(CaptureTexts.WhichAccountSummary)));
            }
            case DialogSlot.Deal:
            {
                var deals = await work.WritableOpenDealsAsync(c.Viewer, draft.AccountId, ct);
                if (answer == "deal:none" || Phrasings.IsNo(text) || text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
                    return await NextLogStepAsync(c, draft with { DealId = null, DealName = null, DealDecided = true }, ct);
                var deal = Picked(answer, "deal") is { } id ? deals.FirstOrDefault(d => d.Id == id) : MatchDeal(text, deals);
                if (deal is not null)
                    return await NextLogStepAsync(c, draft with { DealId = deal.Id, DealName = deal.Name, DealDecided = true }, ct);
                return IsSomethingElse(c) ? null : Asked(l, T(l, nameof(CaptureTexts.WhichDealPick)),
                    [.. deals.Take(7).Select(d => new ReplyAction(DealLabel(d, c.Today, l), Payloads.Dialog + "deal:" + d.Id)), new ReplyAction(T(l, nameof(CaptureTexts.NoDealJustAccount)), Payloads.Dialog + "deal:none")],
                    T(l, nameof(CaptureTexts.WhichDeal)));
            }
            case DialogSlot.Type:
            {
                InteractionType? type = answer is not null && answer.StartsWith("type:", StringComparison.Ordinal) && Enum.TryParse<InteractionType>(answer[5..], out var t) ? t : InteractionParser.TypeOf(text);
                if (type is not null)
                    return await NextLogStepAsync(c, draft with { Type = type }, ct);
                return IsSomethingElse(c) ? null : Asked(l, T(l, nameof(CaptureTexts.WhichType)), TypeChoices(l), T(l, nameof(CaptureTexts.WhichTypeSummary)));
            }
            case DialogSlot.Summary:
            {
                if (string.IsNullOrWhiteSpace(text))
                    return string.IsNullOrWhiteSpace(text) ? Asked(l, T(l, nameof(CaptureTexts.WhatHappened)), [], T(l, nameof(CaptureTexts.WhatHappenedSummary))) : null;
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
            return Conflict(c.Language);
        return new TurnResult(Say(T(c.Language, nameof(CaptureTexts.Cancelled), state.Describe(c.Language)), T(c.Language, nameof(CaptureTexts.CancelledSummary))), "cancel", TurnOutcome.Cancelled);
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

    /// <summary>"Acme – GTX Pro · $45K · Proposal · closes Dec 15": a deal on a button.</summary>
    internal static string DealLabel(DealRef d, DateOnly today, ReplyLanguage l)
    {
        var parts = new List<string> { d.Name };
        if (d.Amount is { } a)
            parts.Add(MoneyFormat.Compact(a, d.Currency, l));
        parts.Add(d.Stage);
        if (d.CloseDate is { } cd)
            parts.Add(T(l, nameof(CaptureTexts.DealLabelCloses), DateFormat.Short(cd, today, l)));
        return string.Join(" · ", parts);
    }

    /// <summary>What was stored; its Edit edits this interaction, its Undo undoes <paramref name="changeId"/> (the log or the edit just made).</summary>
    private static Reply LoggedReply(LoggedInteraction l, long changeId, DateOnly today, ReplyLanguage lang)
    {
        string Label(string key) => T(lang, key);
        var facts = new List<Fact>
        {
            new(Label(nameof(CaptureTexts.Fact_Type)), DialogWords.Label(l.Type, lang)),
            new(Label(nameof(CaptureTexts.Fact_Account)), l.AccountName),
            new(Label(nameof(CaptureTexts.Fact_Deal)), l.DealName ?? Label(nameof(CaptureTexts.AccountOnly))),
        };
        if (l.Contacts.Count > 0)
            facts.Add(new Fact(Label(nameof(CaptureTexts.Fact_Contacts)), string.Join(", ", l.Contacts.Select(x => x.Created ? T(lang, nameof(CaptureTexts.NewContact), x.Name) : x.Name))));
        facts.Add(new Fact(Label(nameof(CaptureTexts.Fact_Summary)), l.Summary));
        if (l.Objections.Count > 0)
            facts.Add(new Fact(Label(nameof(CaptureTexts.Fact_Objections)), string.Join("; ", l.Objections.Select(o => ObjectionWords(o, lang)))));
        if (l.NextStep is not null)
            facts.Add(new Fact(Label(nameof(CaptureTexts.Fact_NextStep)), l.NextStepDue is { } d ? T(lang, nameof(CaptureTexts.StepDue), l.NextStep, DateFormat.Short(d, today, lang)) : l.NextStep));
        if (l.FollowUpId is not null)
            facts.Add(new Fact(Label(nameof(CaptureTexts.Fact_FollowUp)),
                l.NextStepDue is { } due ? T(lang, nameof(CaptureTexts.TaskCreatedFor), DateFormat.Short(due, today, lang)) : Label(nameof(CaptureTexts.TaskCreated))));
        var actions = new List<ReplyAction> { new(Label(nameof(CaptureTexts.Edit)), Payloads.Act + "edit:" + l.InteractionId.ToString(CultureInfo.InvariantCulture)), UndoAction(lang, changeId) };
        foreach (var topic in l.Objections.Select(o => o.Topic).Where(t => t is not null).Distinct().Take(2))
            actions.Add(new ReplyAction(T(lang, nameof(CaptureTexts.HandleObjection), TopicWords(topic!, lang)), Payloads.Ask + $"how do I handle {topic} objections?"));
        var kind = DialogWords.Noun(l.Type, lang);
        return new Reply([new TextBlock(T(lang, nameof(CaptureTexts.Logged), kind, l.AccountName)), new FactsBlock(facts), new ActionsBlock(actions)])
        {
            Summary = T(lang, nameof(CaptureTexts.LoggedSummary), kind, l.AccountName),
        };
    }

    /// <summary>
    /// An objection as logged: the customer's words, with the playbook topic they match when that says more. In Thai
    /// the topic is the playbook entry's Thai title; the words are the rep's own, in whatever language they wrote.
    /// </summary>
    private static string ObjectionWords(ObjectionNote o, ReplyLanguage lang)
    {
        if (o.Topic is null)
            return o.Text;
        var topic = TopicWords(o.Topic, lang);
        return o.Text.Equals(o.Topic, StringComparison.OrdinalIgnoreCase) ? (lang.IsThai ? topic : o.Text) : $"{o.Text} ({topic})";
    }

    /// <summary>A playbook topic ("price") as the reader says it; a topic the Thai texts don't name stays as configured.</summary>
    private static string TopicWords(string topic, ReplyLanguage lang) =>
        !lang.IsThai ? topic : topic switch
        {
            "price" => T(lang, nameof(CaptureTexts.Topic_price)),
            "timing" => T(lang, nameof(CaptureTexts.Topic_timing)),
            "competitor" => T(lang, nameof(CaptureTexts.Topic_competitor)),
            "no-budget" => T(lang, nameof(CaptureTexts.Topic_no_budget)),
            "approval" => T(lang, nameof(CaptureTexts.Topic_approval)),
            "current-vendor" => T(lang, nameof(CaptureTexts.Topic_current_vendor)),
            "send-info" => T(lang, nameof(CaptureTexts.Topic_send_info)),
            _ => topic,
        };

    // ---- Edit: change one field of what was just logged ----

    private async Task<TurnResult> StartEditAsync(TurnContext c, long interactionId, CancellationToken ct)
    {
        var l = c.Language;
        if (!await work.CanEditInteractionAsync(c.Viewer, interactionId, ct))
            return new TurnResult(Say(T(l, nameof(CaptureTexts.CannotEdit)), T(l, nameof(CaptureTexts.CannotEditSummary))), "not-found", TurnOutcome.Refused);
        var state = new DialogState { Kind = DialogKind.EditInteraction, Awaiting = DialogSlot.EditField, InteractionId = interactionId };
        if (!await SaveAsync(c, state, ct))
            return Conflict(c.Language);
        return Asked(l, T(l, nameof(CaptureTexts.WhatToChange)),
        [
            new(T(l, nameof(CaptureTexts.Field_Summary)), Payloads.Dialog + "field:summary"),
            new(T(l, nameof(CaptureTexts.Field_NextStep)), Payloads.Dialog + "field:nextstep"),
            new(T(l, nameof(CaptureTexts.Field_Due)), Payloads.Dialog + "field:due"),
            new(T(l, nameof(CaptureTexts.Field_Deal)), Payloads.Dialog + "field:deal"),
        ], T(l, nameof(CaptureTexts.WhatToChange)));
    }

    private async Task<TurnResult?> ContinueEditAsync(TurnContext c, DialogState state, string text, string? answer, CancellationToken ct)
    {
        if (answer == "cancel")
            return await CancelAsync(c, state, ct);
        var l = c.Language;
        var id = state.InteractionId ?? 0;
        if (state.Awaiting == DialogSlot.EditField)
        {
            var field = answer?.StartsWith("field:", StringComparison.Ordinal) == true ? answer[6..]
                : text.Trim().ToLowerInvariant() switch { "summary" => "summary", "next step" or "nextstep" => "nextstep", "due" or "due date" or "date" => "due", "deal" => "deal", _ => null };
            if (field is null)
                return IsSomethingElse(c) ? null : Asked(l, T(l, nameof(CaptureTexts.PickWhatToChange)), [], T(l, nameof(CaptureTexts.WhatToChange)));
            var prompt = T(l, field switch
            {
                "summary" => nameof(CaptureTexts.EditSummaryPrompt),
                "nextstep" => nameof(CaptureTexts.EditNextStepPrompt),
                "due" => nameof(CaptureTexts.EditDuePrompt),
                _ => nameof(CaptureTexts.EditDealPrompt),
            });
            if (!await SaveAsync(c, state with { Awaiting = DialogSlot.EditValue, Deal = new DealDraft { EditField = field } }, ct))
                return Conflict(c.Language);
            return Asked(l, prompt, [], prompt);
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
                    return Asked(l, T(l, nameof(CaptureTexts.DueUnreadable)), [], T(l, nameof(CaptureTexts.WhenDueSummary)));
                edit = new InteractionEdit(NextStepDue: moment.Date);
                break;
            }
            default:
            {
                // "none", or no in any language the reply was in ("ไม่มี"), as the log dialog's deal question takes it.
                if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) || Phrasings.IsNo(text))
                {
                    edit = new InteractionEdit(ClearDeal: true);
                    break;
                }
                var deal = MatchDeal(text, await work.WritableOpenDealsAsync(c.Viewer, null, ct));
                if (deal is null)
                    return Asked(l, T(l, nameof(CaptureTexts.EditDealNotFound)), [], T(l, nameof(CaptureTexts.WhichDeal)));
                edit = new InteractionEdit(OpportunityId: deal.Id);
                break;
            }
        }
        if (!await ClaimAsync(c, ct))
            return Conflict(c.Language);
        var written = await writes.EditInteractionAsync(c.Viewer, id, edit, ct);
        if (written is not { Value: var logged })
            return NotFound(c.Language, nameof(CaptureTexts.Noun_Interaction));
        var reply = LoggedReply(logged, written.ChangeId, c.Today, l);
        return new TurnResult(reply with { Blocks = [new TextBlock(T(l, nameof(CaptureTexts.Changed))), .. reply.Blocks.Skip(1)], Summary = T(l, nameof(CaptureTexts.EditedSummary), DialogWords.Noun(logged.Type, l)) },
            "edit-interaction", TurnOutcome.Changed, "field=" + which);
    }
}
