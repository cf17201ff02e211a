using AeBot.Core.Audit;
using AeBot.Core.Capture;
using AeBot.Core.Conversation;
using AeBot.Core.Interactions;
using AeBot.Core.Opportunities;
using AeBot.Core.Reminders;
using AeBot.Core.Sales;
using AeBot.Tests.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using AeBot.Core.Work;
using AeBot.Core.Turns;
using AeBot.Core.Help;

namespace AeBot.Tests.Capture;

/// <summary>
/// Transcript tests of capture and act: what the rep says → what the reply shows → what the database holds, through
/// the real core over a real SQLite demo company (clock fixed at Sat 28 Nov 2026 09:00 in New York).
/// </summary>
public sealed class CaptureTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private const string Dana = "dana.reyes@northwind.example";       // rep (America/New_York), manager Marcus
    private const string Marcus = "marcus.johnson@northwind.example";  // manager of Dana, Lee, Priya, Tom
    private const string Lee = "lee.chen@northwind.example";

    /// <summary>Dana's open deals whose names are unique among her open deals, in a fixed order: each test takes its own.</summary>
    private async Task<(long AccountId, string Account, long DealId, string Deal)> DealAsync(int index) =>
        (await app.QueryAsync(db => db.Opportunities.Where(o => o.Owner!.Email == Dana && o.StageCategory == StageCategory.Open && o.AccountId != null)
            .Select(o => new { o.Id, o.Name, o.AccountId, Account = o.Account!.Name }).ToListAsync()))
        .GroupBy(o => o.Name).Where(g => g.Count() == 1).Select(g => g.Single())
        .OrderBy(o => o.Id).Skip(index).Select(o => (o.AccountId!.Value, o.Account, o.Id, o.Name)).First();

    /// <summary>A Dana account with exactly one open deal of hers (the demo has one such), so the deal is inferred.</summary>
    private async Task<(long AccountId, string Account, long DealId)> SingleDealAccountAsync() =>
        (await app.QueryAsync(db => db.Opportunities.Where(o => o.Owner!.Email == Dana && o.StageCategory == StageCategory.Open && o.AccountId != null)
            .GroupBy(o => new { Id = o.AccountId!.Value, o.Account!.Name }).Where(g => g.Count() == 1).Select(g => new { g.Key.Id, g.Key.Name, Deal = g.Min(o => o.Id) }).ToListAsync()))
        .OrderBy(a => a.Id).Select(a => (a.Id, a.Name, a.Deal)).First();

    private static string Squeeze(string text) => System.Text.RegularExpressions.Regex.Replace(text, " +", " ");

    /// <summary>Logs in one sentence; when the account has several deals, picks the first offered.</summary>
    private async Task<Reply> LogAsync(string text)
    {
        var conversation = Guid.NewGuid().ToString("N");
        var reply = await app.AskAsync(Dana, text, conversation);
        return reply.Read().Contains("Which one was this about?") ? await app.AskAsync(Dana, "1", conversation) : reply;
    }

    [Fact]
    public async Task A_call_logged_in_one_sentence_stores_the_interaction_contacts_objections_and_follow_up()
    {
        var (accountId, account, dealId) = await SingleDealAccountAsync();
        var reply = await app.AskAsync(Dana, $"Logged a call with Dana and Sam Ortega at {account} — pushback on price, next step revised quote by Friday");

        var text = reply.Read();
        Assert.StartsWith($"Logged ✓ — call with {account}", text);
        var facts = reply.Blocks.OfType<FactsBlock>().Single().Facts.ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal("Call", facts["Type"]);
        Assert.Contains("Sam Ortega (new contact)", facts["Contacts"]);
        Assert.Equal("Price", facts["Objections"]);
        Assert.Equal("Revised quote — due Dec 4", facts["Next step"]);
        Assert.Contains(reply.Blocks.OfType<ActionsBlock>().Single().Actions, a => a.Label == "Undo");

        var stored = await app.QueryAsync(db => db.Interactions.Include(i => i.Contacts).ThenInclude(c => c.Contact).Where(i => i.AccountId == accountId && i.Summary == "Pushback on price").SingleAsync());
        Assert.Equal(InteractionType.Call, stored.Type);
        Assert.Equal(dealId, stored.OpportunityId);
        Assert.Equal(ConversationFixture.Now, stored.OccurredAt);
        Assert.Contains(stored.Contacts, c => c.Contact!.Name == "Sam Ortega");
        var objection = await app.QueryAsync(db => db.Objections.SingleAsync(o => o.InteractionId == stored.Id));
        Assert.Equal(("price", dealId), (objection.Topic, objection.OpportunityId!.Value));
        var task = await app.QueryAsync(db => db.FollowUpTasks.SingleAsync(f => f.InteractionId == stored.Id));
        Assert.Equal(("Revised quote", new DateOnly(2026, 12, 4), FollowUpStatus.Open), (task.Title, task.DueDate!.Value, task.Status));
        var deal = await app.QueryAsync(db => db.Opportunities.SingleAsync(o => o.Id == dealId));
        Assert.Equal(ConversationFixture.Now, deal.LastEngagedAt);
        Assert.Equal("Revised quote", deal.NextStep);

        // What was logged turns into help: the brief shows it, "my day" shows the follow-up coming up.
        var brief = (await app.AskAsync(Dana, $"brief me on {account}")).Read();
        Assert.Contains("Pushback on price", brief);
        Assert.Contains("price: 1×", brief);
        Assert.Contains("Sam Ortega", brief);
        var day = await app.AskAsync(Dana, "what's on my plate today?");
        Assert.Contains(day.Blocks.OfType<ItemListBlock>(), l => l.Title!.StartsWith("Coming up this week") && l.Items.Any(i => i.Title == "Revised quote"));
    }

    [Fact]
    public async Task The_issue_sentence_logs_the_call_its_objection_and_the_follow_up_without_asking_what_happened()
    {
        const string Sentence = "Logged a call with Acme today: they pushed back on GTX Pro pricing. Next step: send a revised quote by Friday";
        var (acme, dana) = await app.QueryAsync(async db => (
            await db.Accounts.Where(a => a.Name == "Acme" && a.Owner!.Email == Dana).Select(a => a.Id).SingleAsync(),
            await db.Reps.Where(r => r.Email == Dana).Select(r => r.Id).SingleAsync()));
        var conversation = Guid.NewGuid().ToString("N");

        // Acme has several open deals of Dana's, so the one thing asked is which — never what happened.
        var asked = await app.AskAsync(Dana, Sentence, conversation);
        Assert.Contains("open deals of yours. Which one was this about?", asked.Read());
        var pick = asked.Blocks.OfType<ChoiceBlock>().Single().Options[0].Payload;
        var dealId = long.Parse(pick.Split(':')[^1]);
        var done = await app.AskAsync(Dana, "", conversation, payload: pick);
        Assert.StartsWith("Logged ✓ — call with Acme", done.Read());
        Assert.All(new[] { asked, done }, r => Assert.DoesNotContain("What happened", r.Read()));

        var interaction = await app.QueryAsync(db => db.Interactions.SingleAsync(i => i.AccountId == acme && i.Summary.Contains("GTX Pro pricing")));
        Assert.Equal((InteractionType.Call, dealId, dana, ConversationFixture.Now), (interaction.Type, interaction.OpportunityId!.Value, interaction.RepId!.Value, interaction.OccurredAt));
        Assert.Equal("They pushed back on GTX Pro pricing", interaction.Summary);
        var objection = await app.QueryAsync(db => db.Objections.SingleAsync(o => o.InteractionId == interaction.Id));
        Assert.Equal(("price", acme, dealId), (objection.Topic, objection.AccountId!.Value, objection.OpportunityId!.Value));
        Assert.Contains("GTX Pro pricing", objection.Text);
        var task = await app.QueryAsync(db => db.FollowUpTasks.SingleAsync(f => f.InteractionId == interaction.Id));
        Assert.Equal(("Send a revised quote", new DateOnly(2026, 12, 4), FollowUpStatus.Open, dana, acme),
            (task.Title, task.DueDate!.Value, task.Status, task.RepId, task.AccountId!.Value)); // Friday after Sat 28 Nov
    }

    [Theory]
    [InlineData("Met with Jordan Lee at {0}. Demo went well; they are worried about timing. Next steps: send proposal on Monday", InteractionType.Meeting, "timing", "2026-11-30")]
    [InlineData("emailed {0} - they said it's too expensive - follow up in 3 days", InteractionType.Email, "price", "2026-12-01")]
    [InlineData("had a call with {0}, concerns about the competitor, action item: reference call by Dec 10", InteractionType.Call, "competitor", "2026-12-10")]
    public async Task Logging_understands_varied_phrasing(string template, InteractionType type, string topic, string due)
    {
        var (accountId, account, _, _) = await DealAsync(1 + (int)type);
        var reply = await LogAsync(string.Format(template, account));
        Assert.StartsWith("Logged ✓", reply.Read());
        var stored = await app.QueryAsync(db => db.Interactions.Where(i => i.AccountId == accountId && i.CreatedAt == ConversationFixture.Now).OrderByDescending(i => i.Id).FirstAsync());
        Assert.Equal(type, stored.Type);
        Assert.True(await app.QueryAsync(db => db.Objections.AnyAsync(o => o.InteractionId == stored.Id && o.Topic == topic)));
        Assert.Equal(DateOnly.Parse(due), stored.NextStepDue);
    }

    [Fact]
    public async Task Logging_step_by_step_asks_for_exactly_what_is_missing()
    {
        var conversation = Guid.NewGuid().ToString("N");
        var before = await app.QueryAsync(db => db.Interactions.CountAsync());

        var ask1 = await app.AskAsync(Dana, "log a call", conversation);
        Assert.Contains("Which account was this with?", ask1.Read());
        Assert.NotEmpty(ask1.Blocks.OfType<ChoiceBlock>().Single().Options);

        var ask2 = await app.AskAsync(Dana, "Acme", conversation);
        Assert.Contains("Acme has 4 open deals of yours", ask2.Read());
        var deals = await app.QueryAsync(db => db.Opportunities.Where(o => o.Account!.Name == "Acme" && o.Owner!.Email == Dana && o.StageCategory == StageCategory.Open)
            .OrderBy(o => o.CloseDate).ThenBy(o => o.Id).Select(o => o.Id).ToListAsync());

        var ask3 = await app.AskAsync(Dana, "2", conversation); // typed, not clicked: the second choice
        Assert.Contains("What happened on the call with Acme?", ask3.Read());

        var done = await app.AskAsync(Dana, "They want a discount before signing, next step send revised pricing in 3 days", conversation);
        Assert.StartsWith("Logged ✓", done.Read());
        var stored = await app.QueryAsync(db => db.Interactions.OrderByDescending(i => i.Id).FirstAsync());
        Assert.Equal((deals[1], "They want a discount before signing", "Send revised pricing", new DateOnly(2026, 12, 1)),
            (stored.OpportunityId!.Value, stored.Summary, stored.NextStep!, stored.NextStepDue!.Value));
        Assert.Equal(before + 1, await app.QueryAsync(db => db.Interactions.CountAsync()));
    }

    [Fact]
    public async Task A_question_in_the_middle_of_a_dialog_is_answered_and_the_dialog_steps_aside_until_resumed()
    {
        var conversation = Guid.NewGuid().ToString("N");
        await app.AskAsync(Dana, "log a meeting", conversation);

        var answer = await app.AskAsync(Dana, "what closes this month?", conversation);
        Assert.NotEmpty(answer.Blocks.OfType<TableBlock>());
        Assert.Contains("I've put the meeting log aside — say \"resume\" to finish it.", answer.Read());

        // Set aside, the dialog no longer takes what follows as its answer, and never asks again in its place.
        var next = await app.AskAsync(Dana, "how am I tracking vs quota?", conversation);
        Assert.Contains("of quota", next.Read());
        Assert.DoesNotContain("Which account", next.Read());
        Assert.DoesNotContain("aside", next.Read());

        var resumed = await app.AskAsync(Dana, "resume", conversation);
        Assert.Contains("account", resumed.Read());
        var account = await app.AskAsync(Dana, "Acme", conversation);
        Assert.Contains("Acme has 4 open deals of yours", account.Read());
    }

    [Fact]
    public async Task A_call_logged_as_yesterday_is_stored_on_yesterday_not_now()
    {
        var (accountId, account, _) = await SingleDealAccountAsync();
        var reply = await app.AskAsync(Dana, $"Had a call with {account} yesterday: they want a pilot first");
        Assert.StartsWith($"Logged ✓ — call with {account}", reply.Read());
        var stored = await app.QueryAsync(db => db.Interactions.Where(i => i.AccountId == accountId && i.Summary.Contains("pilot")).OrderByDescending(i => i.Id).FirstAsync());
        Assert.Equal(ConversationFixture.Now.AddDays(-1), stored.OccurredAt);
        await app.AskAsync(Dana, "undo");
    }

    [Fact]
    public async Task Cancel_leaves_the_dialog_and_saves_nothing()
    {
        var conversation = Guid.NewGuid().ToString("N");
        var before = await app.QueryAsync(db => db.Interactions.CountAsync());
        await app.AskAsync(Dana, "log a note with Acme", conversation);
        var cancelled = await app.AskAsync(Dana, "cancel", conversation);
        Assert.Contains("nothing was saved", cancelled.Read());
        var after = await app.AskAsync(Dana, "Premium Support", conversation); // no dialog any more: not taken as an answer
        Assert.DoesNotContain("Logged", after.Read());
        Assert.Equal(before, await app.QueryAsync(db => db.Interactions.CountAsync()));
        Assert.Contains("nothing in progress", (await app.AskAsync(Dana, "cancel", conversation)).Read());
    }

    [Fact]
    public async Task A_stage_change_is_confirmed_recorded_in_history_and_undone()
    {
        var deal = await app.QueryAsync(db => db.Opportunities.SingleAsync(o => o.Name == "Acme – Security Add-on" && o.Owner!.Email == Dana && o.StageCategory == StageCategory.Open));
        var conversation = Guid.NewGuid().ToString("N");
        var historyBefore = await app.QueryAsync(db => db.OpportunityHistory.CountAsync(h => h.OpportunityId == deal.Id));

        var confirm = await app.AskAsync(Dana, "move Acme security add-on to negotiation", conversation);
        Assert.Contains($"Stage {deal.Stage} → Negotiation", Squeeze(confirm.Read()));
        Assert.Equal(deal.Stage, (await app.QueryAsync(db => db.Opportunities.SingleAsync(o => o.Id == deal.Id))).Stage); // not yet written

        var done = await app.AskAsync(Dana, "yes", conversation);
        Assert.StartsWith("Updated ✓", done.Read());
        var updated = await app.QueryAsync(db => db.Opportunities.SingleAsync(o => o.Id == deal.Id));
        Assert.Equal("Negotiation", updated.Stage);
        var history = await app.QueryAsync(db => db.OpportunityHistory.Where(h => h.OpportunityId == deal.Id).OrderByDescending(h => h.Id).FirstAsync());
        Assert.Equal("Negotiation", history.Stage);
        Assert.NotNull(history.ChangedByRepId);

        var undone = await app.AskAsync(Dana, "undo", conversation);
        Assert.StartsWith("Undone: the change on Acme – Security Add-on", undone.Read());
        var reverted = await app.QueryAsync(db => db.Opportunities.SingleAsync(o => o.Id == deal.Id));
        Assert.Equal((deal.Stage, deal.Probability, deal.UpdatedAt), (reverted.Stage, reverted.Probability, reverted.UpdatedAt));
        Assert.Equal(historyBefore, await app.QueryAsync(db => db.OpportunityHistory.CountAsync(h => h.OpportunityId == deal.Id)));
    }

    [Theory]
    [InlineData("push {0} to next month", "2026-12-31")]
    [InlineData("change the close date of {0} to Jan 15", "2027-01-15")]
    [InlineData("{0} amount is now 45k", null)]
    [InlineData("set the next step on {0} to send the contract by Monday", null)]
    public async Task Deal_changes_are_read_from_one_sentence(string template, string? closeDate)
    {
        var (_, _, dealId, name) = await DealAsync(5 + template.Length % 7);
        var conversation = Guid.NewGuid().ToString("N");
        var confirm = await app.AskAsync(Dana, string.Format(template, name), conversation);
        Assert.Contains("Yes, update", confirm.Blocks.OfType<ActionsBlock>().Single().Actions.Select(a => a.Label));
        await app.AskAsync(Dana, "", conversation, payload: "dlg:confirm");
        var deal = await app.QueryAsync(db => db.Opportunities.SingleAsync(o => o.Id == dealId));
        if (closeDate is not null)
            Assert.Equal(DateOnly.Parse(closeDate), deal.CloseDate);
        else if (template.Contains("amount"))
            Assert.Equal(45_000m, deal.Amount);
        else
            Assert.Equal(("Send the contract", new DateOnly(2026, 11, 30)), (deal.NextStep!, deal.NextStepDue!.Value));
        Assert.StartsWith("Undone", (await app.AskAsync(Dana, "undo", conversation)).Read());
    }

    [Fact]
    public async Task Marking_a_deal_won_hands_the_account_to_its_manager_with_onboarding_tasks()
    {
        var (accountId, account, dealId, name) = (await Task.WhenAll(Enumerable.Range(0, 12).Select(DealAsync)))
            .First(d => app.QueryAsync(db => db.Accounts.AnyAsync(a => a.Id == d.AccountId && a.AccountManagerId != null)).Result);
        var manager = await app.QueryAsync(db => db.Accounts.Where(a => a.Id == accountId).Select(a => a.AccountManager!).SingleAsync());
        var conversation = Guid.NewGuid().ToString("N");

        var confirm = await app.AskAsync(Dana, $"mark {name} as won", conversation);
        Assert.Contains("as won?", confirm.Read());
        var won = await app.AskAsync(Dana, "yes", conversation);
        Assert.Contains("🎉", won.Read());
        Assert.Contains($"I've told {manager.Name}", won.Read());

        var deal = await app.QueryAsync(db => db.Opportunities.SingleAsync(o => o.Id == dealId));
        Assert.Equal((StageCategory.Won, 100m, ForecastCategory.Closed, new DateOnly(2026, 11, 28)), (deal.StageCategory, deal.Probability!.Value, deal.ForecastCategory, deal.CloseDate!.Value));
        var tasks = await app.QueryAsync(db => db.FollowUpTasks.Where(f => f.OpportunityId == dealId && f.RepId == manager.Id).ToListAsync());
        Assert.Equal(5, tasks.Count);
        Assert.Contains(tasks, t => t.Title.StartsWith("Kickoff call") && t.DueDate == new DateOnly(2026, 12, 1));
        var notice = await app.QueryAsync(db => db.Outbox.SingleAsync(m => m.ToRepId == manager.Id && m.Reason == "handoff" && m.Summary.Contains(account)));
        Assert.Contains("Dana Reyes", notice.Body);

        // The AE keeps visibility: the brief still shows the account and the onboarding tasks.
        Assert.Contains("Kickoff call", (await app.AskAsync(Dana, $"brief me on {account}")).Read());

        await app.AskAsync(Dana, "undo", conversation);
        Assert.Equal(StageCategory.Open, (await app.QueryAsync(db => db.Opportunities.SingleAsync(o => o.Id == dealId))).StageCategory);
        Assert.Equal(0, await app.QueryAsync(db => db.FollowUpTasks.CountAsync(f => f.OpportunityId == dealId && f.RepId == manager.Id)));
    }

    [Fact]
    public async Task A_deal_named_in_full_is_that_deal_not_a_longer_named_one_that_contains_its_name()
    {
        // The demo sells some products to an account twice: "X – Product" and "X – Product – phase 2".
        var (plain, phase) = await app.QueryAsync(async db =>
        {
            var deals = await db.Opportunities.Where(o => o.Owner!.Email == Dana && o.StageCategory == StageCategory.Open).Select(o => new { o.Id, o.Name }).ToListAsync();
            return deals.Where(p => deals.Any(d => d.Name == p.Name + " – phase 2")).Select(p => (p.Name, p.Name + " – phase 2")).First();
        });
        var conversation = Guid.NewGuid().ToString("N");

        var confirm = (await app.AskAsync(Dana, $"mark {plain} as won", conversation)).Read();
        Assert.Contains($"{plain} as won?", confirm);
        Assert.DoesNotContain("phase 2", confirm);
        await app.AskAsync(Dana, "cancel", conversation);
        Assert.Contains($"{phase} as won?", (await app.AskAsync(Dana, $"mark {phase} as won", Guid.NewGuid().ToString("N"))).Read());
    }

    [Fact]
    public async Task A_lost_deal_asks_for_the_reason_and_records_it()
    {
        var (_, _, dealId, name) = await DealAsync(3);
        var conversation = Guid.NewGuid().ToString("N");
        var ask = await app.AskAsync(Dana, $"we lost {name}", conversation);
        Assert.Contains("Why was", ask.Read());
        Assert.Contains("Competitor", ask.Blocks.OfType<ChoiceBlock>().Single().Options.Select(o => o.Label));
        var confirm = await app.AskAsync(Dana, "", conversation, payload: "dlg:reason:Competitor");
        Assert.Contains("Reason Competitor", Squeeze(confirm.Read()));
        await app.AskAsync(Dana, "confirm", conversation);
        var deal = await app.QueryAsync(db => db.Opportunities.SingleAsync(o => o.Id == dealId));
        Assert.Equal((StageCategory.Lost, "Competitor", 0m), (deal.StageCategory, deal.LossReason!, deal.Probability!.Value));
        await app.AskAsync(Dana, "undo", conversation);
    }

    [Fact]
    public async Task Two_confirmations_at_once_apply_the_change_once()
    {
        var (_, _, dealId, name) = await DealAsync(4);
        var conversation = Guid.NewGuid().ToString("N");
        await app.AskAsync(Dana, $"push {name} to next month", conversation);
        var changesBefore = await app.QueryAsync(db => db.BotChanges.CountAsync());

        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => app.AskAsync(Dana, "yes", conversation))));

        Assert.Single(replies, r => r.Read().StartsWith("Updated ✓"));
        Assert.Equal(changesBefore + 1, await app.QueryAsync(db => db.BotChanges.CountAsync()));
        Assert.Equal(1, await app.QueryAsync(db => db.OpportunityHistory.CountAsync(h => h.OpportunityId == dealId && h.ChangedByRepId != null)));
        await app.AskAsync(Dana, "undo", conversation);
    }

    [Fact]
    public async Task A_rep_cannot_log_against_or_change_another_reps_deal()
    {
        var leeDeal = await app.QueryAsync(db => db.Opportunities.Where(o => o.Owner!.Email == Lee && o.StageCategory == StageCategory.Open && o.Account!.OwnerId != null
            && o.Account.Owner!.Email == Lee && o.Account.AccountManagerId == null).Select(o => new { o.Id, o.Stage, Account = o.Account!.Name, o.CloseDate }).FirstAsync());
        var leeTask = await app.QueryAsync(db => db.FollowUpTasks.Where(f => f.Rep!.Email == Lee && f.Status == FollowUpStatus.Open).Select(f => f.Id).FirstAsync());
        var changes = await app.QueryAsync(db => db.BotChanges.CountAsync());

        var move = await app.AskAsync(Dana, $"move {leeDeal.Account} to negotiation");
        Assert.DoesNotContain("Yes, update", move.Read());
        var push = await app.AskAsync(Dana, "", payload: $"act:deal.push:{leeDeal.Id}");
        Assert.Contains("isn't yours", push.Read());
        var done = await app.AskAsync(Dana, "", payload: $"act:fu.done:{leeTask}");
        Assert.Contains("isn't yours", done.Read());
        var log = await app.AskAsync(Dana, $"logged a call with {leeDeal.Account} — all good");
        Assert.DoesNotContain("Logged ✓", log.Read());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var dana = await app.RepAsync(Dana);
            var viewer = new Viewer(dana.Id, dana.Name, dana.Role, dana.TimeZoneId, dana.HierarchyPath);
            var writes = scope.ServiceProvider.GetRequiredService<ISalesWrites>();
            Assert.Null(await writes.UpdateDealAsync(viewer, new DealChange(leeDeal.Id, Stage: "Negotiation"), default));
            Assert.Null(await writes.CompleteFollowUpAsync(viewer, leeTask, default));
        }
        var after = await app.QueryAsync(db => db.Opportunities.SingleAsync(o => o.Id == leeDeal.Id));
        Assert.Equal((leeDeal.Stage, leeDeal.CloseDate), (after.Stage, after.CloseDate));
        Assert.Equal(FollowUpStatus.Open, (await app.QueryAsync(db => db.FollowUpTasks.SingleAsync(f => f.Id == leeTask))).Status);
        Assert.Equal(changes, await app.QueryAsync(db => db.BotChanges.CountAsync()));

        // Their manager may.
        var conversation = Guid.NewGuid().ToString("N");
        var managerPush = await app.AskAsync(Marcus, "", conversation, payload: $"act:deal.push:{leeDeal.Id}");
        Assert.Contains("new close date", managerPush.Read());
        await app.AskAsync(Marcus, "cancel", conversation);
    }

    [Fact]
    public async Task My_day_buttons_complete_and_snooze_follow_ups_and_undo_reverts_them()
    {
        var day = await app.AskAsync(Dana, "my day");
        var overdue = day.Blocks.OfType<ItemListBlock>().First(l => l.Title!.StartsWith("Overdue"));
        Assert.All(overdue.Items, i => Assert.Equal(["Done", "Snooze", "Log"], i.Actions.Select(a => a.Label)));
        Assert.Contains(day.Blocks.OfType<ItemListBlock>(), l => l.Title!.StartsWith("No activity for 14+ days") && l.Items.All(i => i.Actions.Any(a => a.Label == "Push date")));
        var ids = overdue.Items.Select(i => long.Parse(i.Actions[0].Payload.Split(':')[^1])).ToList();

        var done = await app.AskAsync(Dana, "", payload: $"act:fu.done:{ids[0]}");
        Assert.StartsWith("Done ✓", done.Read());
        Assert.Equal(FollowUpStatus.Done, (await app.QueryAsync(db => db.FollowUpTasks.SingleAsync(f => f.Id == ids[0]))).Status);
        await app.AskAsync(Dana, "undo");
        Assert.Equal(FollowUpStatus.Open, (await app.QueryAsync(db => db.FollowUpTasks.SingleAsync(f => f.Id == ids[0]))).Status);

        await app.AskAsync(Dana, "", payload: $"act:fu.snooze:{ids[1]}");
        var snoozed = await app.QueryAsync(db => db.FollowUpTasks.SingleAsync(f => f.Id == ids[1]));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 14, 0, 0, TimeSpan.Zero), snoozed.SnoozedUntil); // 9:00 in New York
        Assert.DoesNotContain(ids[1], (await app.AskAsync(Dana, "my day")).Blocks.OfType<ItemListBlock>().SelectMany(l => l.Items).SelectMany(i => i.Actions).Select(a => a.Payload.Split(':')[^1]).Where(p => long.TryParse(p, out _)).Select(long.Parse));
        await app.AskAsync(Dana, "undo");
    }

    [Fact]
    public async Task Reminders_are_stored_in_the_reps_time_zone_and_asked_for_when_no_time_is_given()
    {
        var set = await app.AskAsync(Dana, "remind me to call Bob tomorrow at 10am");
        Assert.StartsWith("Got it — I'll remind you Sun, Nov 29 at 10:00 (America/New_York): Call Bob", set.Read());
        var reminder = await app.QueryAsync(db => db.Reminders.SingleAsync(r => r.Text == "Call Bob"));
        Assert.Equal((new DateTimeOffset(2026, 11, 29, 15, 0, 0, TimeSpan.Zero), ReminderStatus.Pending), (reminder.DueAt, reminder.Status));

        var conversation = Guid.NewGuid().ToString("N");
        var ask = await app.AskAsync(Dana, "please remind me to send the deck to Acme", conversation);
        Assert.Contains("When should I remind you to send the deck to Acme?", ask.Read());
        await app.AskAsync(Dana, "Monday", conversation);
        var deck = await app.QueryAsync(db => db.Reminders.SingleAsync(r => r.Text == "Send the deck to Acme"));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.Zero), deck.DueAt);

        await using var scope = app.Services.CreateAsyncScope();
        var due = await scope.ServiceProvider.GetRequiredService<IReminderQueries>().PendingAsync(null, new DateTimeOffset(2026, 11, 29, 16, 0, 0, TimeSpan.Zero), 100, default);
        Assert.Contains(due, r => r.Text == "Call Bob");
        Assert.DoesNotContain(due, r => r.Text == "Send the deck to Acme");
    }

    [Theory]
    [InlineData("how do I handle 'too expensive'?", "\"It's too expensive\"")]
    [InlineData("customer says they're happy with their current vendor", "\"We're happy with our current vendor\"")]
    [InlineData("what should I say when they have no budget", "\"There's no budget\"")]
    [InlineData("how do I respond to 'we need to check with legal'", "\"I need to get approval\"")]
    [InlineData("how to handle objection: we're talking to a competitor", "\"We're looking at a competitor\"")]
    [InlineData("how should I handle a timing objection?", "\"Now is not a good time\"")]
    public async Task The_playbook_answers_objections_however_they_are_put(string question, string title)
    {
        var reply = await app.AskAsync(Dana, question);
        Assert.StartsWith(title, reply.Read());
        Assert.Contains("Ask", reply.Read());
        Assert.Contains("Proof points", reply.Read());
    }

    [Fact]
    public async Task Commission_is_computed_from_won_bookings_and_quota()
    {
        var dana = await app.RepAsync(Dana);
        var won = await app.QueryAsync(db => db.Opportunities.Where(o => o.OwnerId == dana.Id && o.StageCategory == StageCategory.Won && o.Currency == "USD"
            && o.CloseDate >= new DateOnly(2026, 10, 1) && o.CloseDate <= new DateOnly(2026, 12, 31)).SumAsync(o => o.Amount ?? 0));
        var quota = await app.QueryAsync(db => db.Quotas.Where(q => q.RepId == dana.Id && q.PeriodStart == new DateOnly(2026, 10, 1)).Select(q => q.Amount).SingleAsync());
        var expected = AeBot.Core.Commission.CommissionCalculator.Calculate(new AeBot.Core.Commission.CommissionOptions(), won, quota).Commission;

        var reply = await app.AskAsync(Dana, "what have I earned this quarter?");
        Assert.Contains($"estimated {AeBot.Core.Formatting.MoneyFormat.Exact(expected, "USD")}", reply.Read());

        var acme = await app.QueryAsync(db => db.Opportunities.Where(o => o.OwnerId == dana.Id && o.Account!.Name == "Acme" && o.StageCategory == StageCategory.Open).SumAsync(o => o.Amount ?? 0));
        var then = AeBot.Core.Commission.CommissionCalculator.Calculate(new AeBot.Core.Commission.CommissionOptions(), won + acme, quota).Commission;
        var whatIf = await app.AskAsync(Dana, "what would I earn if Acme closes?");
        Assert.Contains($"{AeBot.Core.Formatting.MoneyFormat.Exact(then - expected, "USD")} more", whatIf.Read());
    }

    [Fact]
    public async Task Edit_changes_one_field_of_what_was_logged_and_its_follow_up()
    {
        var conversation = Guid.NewGuid().ToString("N");
        var (accountId, account, _, _) = await DealAsync(9);
        var logged = await LogAsync($"note with {account} — budget approved, next step send order form by Friday");
        var edit = logged.Blocks.OfType<ActionsBlock>().Single().Actions.Single(a => a.Label == "Edit").Payload;
        var id = long.Parse(edit.Split(':')[^1]);

        Assert.Contains("What should I change?", (await app.AskAsync(Dana, "", conversation, payload: edit)).Read());
        Assert.Contains("When is the next step due?", (await app.AskAsync(Dana, "", conversation, payload: "dlg:field:due")).Read());
        var changed = await app.AskAsync(Dana, "Dec 15", conversation);
        Assert.StartsWith("Changed ✓", changed.Read());

        Assert.Equal(new DateOnly(2026, 12, 15), (await app.QueryAsync(db => db.Interactions.SingleAsync(i => i.Id == id))).NextStepDue);
        Assert.Equal(new DateOnly(2026, 12, 15), (await app.QueryAsync(db => db.FollowUpTasks.SingleAsync(f => f.InteractionId == id))).DueDate);
        await app.AskAsync(Dana, "undo", conversation);
        Assert.Equal(new DateOnly(2026, 12, 4), (await app.QueryAsync(db => db.FollowUpTasks.SingleAsync(f => f.InteractionId == id))).DueDate);
    }

    [Fact]
    public async Task Every_capture_turn_is_audited()
    {
        var conversation = Guid.NewGuid().ToString("N");
        await app.AskAsync(Dana, "log a call", conversation);
        await app.AskAsync(Dana, "cancel", conversation);
        var rows = await app.QueryAsync(db => db.AuditEntries.Where(a => a.ConversationId == conversation).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([TurnOutcome.Asked, TurnOutcome.Cancelled], rows.Select(r => r.Outcome));
    }
}
