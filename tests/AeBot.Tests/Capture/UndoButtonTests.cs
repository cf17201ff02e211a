using AeBot.Core.Conversation;
using AeBot.Core.Interactions;
using AeBot.Core.Opportunities;
using AeBot.Core.Reminders;
using AeBot.Tests.Conversation;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Tests.Capture;

/// <summary>
/// An Undo button undoes the change it was shown with — not whatever came last — once, within the window, and only
/// for the person who made it; typed "undo" still takes the last change. Through the real core over a real SQLite
/// demo company; what happened is read back from the database directly.
/// </summary>
public sealed class UndoButtonTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private const string Dana = "dana.reyes@northwind.example";       // rep, manager Marcus
    private const string Marcus = "marcus.johnson@northwind.example";
    private const string Lee = "lee.chen@northwind.example";

    /// <summary>The Dana account with exactly one open deal of hers, so a logged call needs no questions.</summary>
    private async Task<(long AccountId, string Account, long DealId)> SingleDealAccountAsync() =>
        (await app.QueryAsync(db => db.Opportunities.Where(o => o.Owner!.Email == Dana && o.StageCategory == StageCategory.Open && o.AccountId != null)
            .GroupBy(o => new { Id = o.AccountId!.Value, o.Account!.Name }).Where(g => g.Count() == 1).Select(g => new { g.Key.Id, g.Key.Name, Deal = g.Min(o => o.Id) }).ToListAsync()))
        .OrderBy(a => a.Id).Select(a => (a.Id, a.Name, a.Deal)).First();

    /// <summary>Dana's open deals with names unique among them, neither at Proposal nor at Negotiation: each test takes its own.</summary>
    private async Task<(long Id, string Name, string Stage)> DealAsync(int index) =>
        (await app.QueryAsync(db => db.Opportunities.Where(o => o.Owner!.Email == Dana && o.StageCategory == StageCategory.Open && o.AccountId != null)
            .Select(o => new { o.Id, o.Name, o.Stage }).ToListAsync()))
        .GroupBy(o => o.Name).Where(g => g.Count() == 1).Select(g => g.Single())
        .Where(o => o.Stage is not ("Proposal" or "Negotiation"))
        .OrderBy(o => o.Id).Skip(index).Select(o => (o.Id, o.Name, o.Stage)).First();

    private static string UndoOf(Reply reply) =>
        reply.Blocks.OfType<ActionsBlock>().SelectMany(b => b.Actions).Single(a => a.Label == "Undo").Payload;

    private Task<Reply> PressAsync(string who, string payload) => app.AskAsync(who, "", payload: payload);

    private async Task<Reply> LogCallAsync(string account)
    {
        var reply = await app.AskAsync(Dana, $"Logged a call with {account} — they asked for references, next step send two references by Friday");
        Assert.StartsWith("Logged ✓", reply.Read());
        return reply;
    }

    private async Task<Reply> MoveAsync(string deal, string stage)
    {
        var conversation = Guid.NewGuid().ToString("N");
        Assert.Contains($"→ {stage}", (await app.AskAsync(Dana, $"move {deal} to {stage}", conversation)).Read());
        var done = await app.AskAsync(Dana, "yes", conversation);
        Assert.StartsWith("Updated ✓", done.Read());
        return done;
    }

    private static string EditOf(Reply logged) =>
        logged.Blocks.OfType<ActionsBlock>().SelectMany(b => b.Actions).Single(a => a.Label == "Edit").Payload;

    private static long InteractionOf(Reply logged) => long.Parse(EditOf(logged).Split(':')[^1]);

    private Task<bool> InteractionExists(long id) => app.QueryAsync(db => db.Interactions.AnyAsync(i => i.Id == id));

    private Task<Reminder> ReminderAsync(string text) => app.QueryAsync(db => db.Reminders.AsNoTracking().SingleAsync(r => r.Text == text));

    private Task<int> UndoneCount() => app.QueryAsync(db => db.BotChanges.CountAsync(c => c.UndoneAt != null));

    [Fact]
    public async Task An_older_cards_Undo_undoes_its_own_change_not_the_later_one_and_only_once()
    {
        var (_, account, _) = await SingleDealAccountAsync();
        var call = await LogCallAsync(account);
        var interaction = InteractionOf(call);
        var reminder = await app.AskAsync(Dana, "remind me to send the references tomorrow at 11am");
        Assert.StartsWith("Got it", reminder.Read());
        Assert.NotEqual(UndoOf(call), UndoOf(reminder));

        var undone = await PressAsync(Dana, UndoOf(call));
        Assert.Equal($"Undone: the call logged with {account}.", undone.Read().Trim());
        Assert.False(await InteractionExists(interaction));
        Assert.Equal(0, await app.QueryAsync(db => db.FollowUpTasks.CountAsync(f => f.InteractionId == interaction)));
        Assert.Equal(ReminderStatus.Pending, (await ReminderAsync("Send the references")).Status);

        var undoneBefore = await UndoneCount();
        var again = await PressAsync(Dana, UndoOf(call));
        Assert.Contains("already undone", again.Read());
        Assert.Contains("Nothing was changed", again.Read());
        Assert.Equal(undoneBefore, await UndoneCount());
        Assert.Equal(ReminderStatus.Pending, (await ReminderAsync("Send the references")).Status);

        Assert.StartsWith("Undone: the reminder \"Send the references\"", (await PressAsync(Dana, UndoOf(reminder))).Read());
        Assert.Equal(ReminderStatus.Cancelled, (await ReminderAsync("Send the references")).Status);
    }

    [Fact]
    public async Task Typed_undo_still_undoes_the_last_change()
    {
        var (_, account, _) = await SingleDealAccountAsync();
        var call = await LogCallAsync(account);
        var interaction = InteractionOf(call);
        await app.AskAsync(Dana, "remind me to chase the signature on Monday");

        Assert.StartsWith("Undone: the reminder \"Chase the signature\"", (await app.AskAsync(Dana, "undo")).Read());
        Assert.Equal(ReminderStatus.Cancelled, (await ReminderAsync("Chase the signature")).Status);
        Assert.True(await InteractionExists(interaction));

        Assert.StartsWith($"Undone: the call logged with {account}", (await app.AskAsync(Dana, "undo my last change")).Read());
        Assert.False(await InteractionExists(interaction));
    }

    [Fact]
    public async Task Someone_elses_Undo_is_refused_and_changes_nothing()
    {
        var set = await app.AskAsync(Dana, "remind me to book the QBR room tomorrow at 3pm");
        var undoneBefore = await UndoneCount();

        foreach (var other in new[] { Lee, Marcus }) // a peer, and her own manager
        {
            var refused = await PressAsync(other, UndoOf(set));
            Assert.Contains("I can't find that change among yours", refused.Read());
            Assert.Contains("Nothing was changed", refused.Read());
        }
        Assert.Equal(ReminderStatus.Pending, (await ReminderAsync("Book the QBR room")).Status);
        Assert.Equal(undoneBefore, await UndoneCount());

        Assert.StartsWith("Undone", (await PressAsync(Dana, UndoOf(set))).Read());
    }

    [Theory]
    [InlineData("act:undo:abc", "Water the plants")]
    [InlineData("act:undo:", "Feed the cat")]
    [InlineData("act:undo:-1", "Call the bank")]
    [InlineData("act:undo:1:2", "Order lunch")]
    [InlineData("act:undo:999999999", "File expenses")]
    public async Task A_garbled_or_made_up_Undo_is_refused(string payload, string chore)
    {
        await app.AskAsync(Dana, $"remind me to {chore.ToLowerInvariant()} tomorrow at 8am");
        var undoneBefore = await UndoneCount();

        var refused = await PressAsync(Dana, payload);

        Assert.Contains("I can't find that change among yours", refused.Read());
        Assert.Equal(undoneBefore, await UndoneCount());
        Assert.Equal(ReminderStatus.Pending, (await ReminderAsync(chore)).Status);
        await app.AskAsync(Dana, "undo");
    }

    [Fact]
    public async Task An_Undo_button_without_a_change_id_from_an_older_card_changes_nothing()
    {
        await app.AskAsync(Dana, "remind me to renew the NDA tomorrow at 9am");
        var undoneBefore = await UndoneCount();

        var refused = await PressAsync(Dana, "act:undo");

        Assert.Contains("Say \"undo\" to undo your last change", refused.Read());
        Assert.Equal(undoneBefore, await UndoneCount());
        Assert.Equal(ReminderStatus.Pending, (await ReminderAsync("Renew the NDA")).Status);
        await app.AskAsync(Dana, "undo");
    }

    [Fact]
    public async Task A_stage_change_moved_again_since_is_refused_with_the_reason_until_the_later_one_is_undone()
    {
        var (dealId, name, original) = await DealAsync(0);
        var first = await MoveAsync(name, "Proposal");
        var second = await MoveAsync(name, "Negotiation");
        var history = await app.QueryAsync(db => db.OpportunityHistory.CountAsync(h => h.OpportunityId == dealId));

        var refused = await PressAsync(Dana, UndoOf(first));
        Assert.Contains($"I can't undo the change on {name}: {name} has been changed again since (it is now at Negotiation)", refused.Read());
        Assert.Contains("Nothing was changed", refused.Read());
        Assert.Equal("Negotiation", (await app.QueryAsync(db => db.Opportunities.SingleAsync(o => o.Id == dealId))).Stage);
        Assert.Equal(history, await app.QueryAsync(db => db.OpportunityHistory.CountAsync(h => h.OpportunityId == dealId)));

        Assert.StartsWith("Undone", (await PressAsync(Dana, UndoOf(second))).Read());
        Assert.Equal("Proposal", (await app.QueryAsync(db => db.Opportunities.SingleAsync(o => o.Id == dealId))).Stage);
        Assert.StartsWith("Undone", (await PressAsync(Dana, UndoOf(first))).Read());
        Assert.Equal(original, (await app.QueryAsync(db => db.Opportunities.SingleAsync(o => o.Id == dealId))).Stage);
        Assert.Equal(history - 2, await app.QueryAsync(db => db.OpportunityHistory.CountAsync(h => h.OpportunityId == dealId)));
    }

    [Fact]
    public async Task Undoing_a_logged_call_keeps_a_later_stage_move_of_its_deal()
    {
        var (_, account, dealId) = await SingleDealAccountAsync();
        var before = await app.QueryAsync(db => db.Opportunities.AsNoTracking().SingleAsync(o => o.Id == dealId));
        var call = await LogCallAsync(account);
        var stage = before.Stage == "Proposal" ? "Negotiation" : "Proposal";
        await MoveAsync(before.Name, stage);

        Assert.StartsWith("Undone: the call logged", (await PressAsync(Dana, UndoOf(call))).Read());

        var after = await app.QueryAsync(db => db.Opportunities.AsNoTracking().SingleAsync(o => o.Id == dealId));
        Assert.Equal(stage, after.Stage);
        Assert.Equal((before.NextStep, before.NextStepDue, before.LastEngagedAt), (after.NextStep, after.NextStepDue, after.LastEngagedAt));
        Assert.StartsWith("Undone: the change on", (await app.AskAsync(Dana, "undo")).Read());
        Assert.Equal(before.Stage, (await app.QueryAsync(db => db.Opportunities.SingleAsync(o => o.Id == dealId))).Stage);
    }

    [Fact]
    public async Task Undoing_a_stage_move_keeps_what_a_call_logged_on_the_deal_since()
    {
        var (_, account, dealId) = await SingleDealAccountAsync();
        var before = await app.QueryAsync(db => db.Opportunities.AsNoTracking().SingleAsync(o => o.Id == dealId));
        var stage = before.Stage == "Proposal" ? "Negotiation" : "Proposal";
        var moved = await MoveAsync(before.Name, stage);
        var call = await LogCallAsync(account);

        Assert.StartsWith("Undone: the change on", (await PressAsync(Dana, UndoOf(moved))).Read());

        var after = await app.QueryAsync(db => db.Opportunities.AsNoTracking().SingleAsync(o => o.Id == dealId));
        Assert.Equal(before.Stage, after.Stage);
        Assert.Equal(("Send two references", new DateOnly(2026, 12, 4), ConversationFixture.Now), (after.NextStep!, after.NextStepDue!.Value, after.LastEngagedAt!.Value));
        Assert.True(await InteractionExists(InteractionOf(call)));
        Assert.StartsWith("Undone: the call logged", (await PressAsync(Dana, UndoOf(call))).Read());
        Assert.Equal(before.NextStep, (await app.QueryAsync(db => db.Opportunities.SingleAsync(o => o.Id == dealId))).NextStep);
    }

    [Fact]
    public async Task An_edited_log_is_undone_edit_first_and_its_Edit_refuses_once_it_is_gone()
    {
        var (_, account, _) = await SingleDealAccountAsync();
        var call = await LogCallAsync(account);
        var interaction = InteractionOf(call);
        var conversation = Guid.NewGuid().ToString("N");
        var edit = EditOf(call);
        await app.AskAsync(Dana, "", conversation, payload: edit);
        await app.AskAsync(Dana, "", conversation, payload: "dlg:field:summary");
        var edited = await app.AskAsync(Dana, "They asked for two references in healthcare", conversation);
        Assert.StartsWith("Changed ✓", edited.Read());

        var refused = await PressAsync(Dana, UndoOf(call));
        Assert.Contains("what you logged has been edited since", refused.Read());
        Assert.True(await InteractionExists(interaction));

        Assert.StartsWith("Undone: the edit", (await PressAsync(Dana, UndoOf(edited))).Read());
        Assert.Equal("They asked for references", (await app.QueryAsync(db => db.Interactions.SingleAsync(i => i.Id == interaction))).Summary);
        Assert.StartsWith("Undone: the call logged", (await PressAsync(Dana, UndoOf(call))).Read());
        Assert.False(await InteractionExists(interaction));

        var gone = await app.AskAsync(Dana, "", Guid.NewGuid().ToString("N"), payload: edit);
        Assert.Contains("I can't edit that", gone.Read());
    }

    [Fact]
    public async Task The_Edit_button_refuses_an_interaction_someone_else_logged()
    {
        var (_, account, _) = await SingleDealAccountAsync();
        var call = await LogCallAsync(account);
        var interaction = InteractionOf(call);
        var edit = EditOf(call);
        Assert.Equal($"act:edit:{interaction}", edit);

        var conversation = Guid.NewGuid().ToString("N");
        var refused = await app.AskAsync(Marcus, "", conversation, payload: edit);
        Assert.Contains("I can't edit that", refused.Read());
        var typed = await app.AskAsync(Marcus, "Nothing happened", conversation); // no edit dialog was started for him
        Assert.DoesNotContain("Changed ✓", typed.Read());
        Assert.Equal("They asked for references", (await app.QueryAsync(db => db.Interactions.SingleAsync(i => i.Id == interaction))).Summary);
        await PressAsync(Dana, UndoOf(call));
    }

    [Fact]
    public async Task Two_presses_of_one_Undo_at_once_revert_it_once()
    {
        var (dealId, name, original) = await DealAsync(1);
        var moved = await MoveAsync(name, "Proposal");
        var history = await app.QueryAsync(db => db.OpportunityHistory.CountAsync(h => h.OpportunityId == dealId));
        var undoneBefore = await UndoneCount();

        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PressAsync(Dana, UndoOf(moved)))));

        Assert.Single(replies, r => r.Read().StartsWith("Undone"));
        Assert.Equal(3, replies.Count(r => r.Read().Contains("already undone")));
        Assert.Equal(undoneBefore + 1, await UndoneCount());
        Assert.Equal(original, (await app.QueryAsync(db => db.Opportunities.SingleAsync(o => o.Id == dealId))).Stage);
        Assert.Equal(history - 1, await app.QueryAsync(db => db.OpportunityHistory.CountAsync(h => h.OpportunityId == dealId)));
    }

    [Fact]
    public async Task A_follow_up_done_from_my_day_is_undone_by_its_own_button()
    {
        var day = await app.AskAsync(Dana, "my day");
        var task = day.Blocks.OfType<ItemListBlock>().First(l => l.Title!.StartsWith("Overdue")).Items[0].Actions.Single(a => a.Label == "Done").Payload;
        var id = long.Parse(task.Split(':')[^1]);
        var done = await PressAsync(Dana, task);
        await app.AskAsync(Dana, "remind me to prepare the QBR deck tomorrow at 10am");

        Assert.StartsWith("Undone", (await PressAsync(Dana, UndoOf(done))).Read());
        Assert.Equal(FollowUpStatus.Open, (await app.QueryAsync(db => db.FollowUpTasks.SingleAsync(f => f.Id == id))).Status);
        Assert.Equal(ReminderStatus.Pending, (await ReminderAsync("Prepare the QBR deck")).Status);
    }
}
