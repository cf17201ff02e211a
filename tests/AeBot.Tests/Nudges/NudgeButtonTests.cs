using AeBot.Core.Conversation;
using AeBot.Core.Nudges;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AeBot.Tests.Nudges.NudgeWorld;

namespace AeBot.Tests.Nudges;

/// <summary>
/// The buttons on nudges, through the conversation core: each acts on the right record, only for the person the
/// nudge was sent to, and is counted in the ledger; a snoozed nudge comes back once, when asked.
/// </summary>
public sealed class NudgeButtonTests : IAsyncLifetime
{
    private NudgeWorld _world = null!;
    private Microsoft.Extensions.Hosting.IHost _host = null!;
    private IReadOnlyList<PlannedNudge> _sent = [];

    public async Task InitializeAsync()
    {
        _world = await CreateAsync();
        _host = await _world.HostAtAsync(MondayAt(15, 5));
        _sent = (await WithAsync(_host, sp => sp.GetRequiredService<UnscheduledNudges>().RunAsync(default))).Recorded
            .Where(p => p.Content.Key.RecipientRepId == _world.Tess && !p.Folded).ToList();
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private NudgeKey Key(string rule) => _sent.Single(p => p.Content.Key.Rule == rule).Content.Key;

    private async Task<(Reply Reply, string Text)> PressAsync(string email, string payload, DateTimeOffset? at = null)
    {
        var reply = await Conversation.TestHosts.AskAsync(_host.Services, email, "", "nudges-" + email, payload, at ?? MondayAt(15, 10));
        return (reply, string.Join("\n", reply.Blocks.Select(b => b switch
        {
            TextBlock t => t.Markdown,
            FactsBlock f => string.Join("\n", f.Facts.Select(x => x.Label + ": " + x.Value)),
            ChoiceBlock c => c.Prompt + " " + string.Join(" | ", c.Options.Select(o => o.Label)),
            ContextBlock c => c.Text,
            _ => "",
        })));
    }

    private Task<AeBot.Data.Capture.NudgeLedgerRow> RowAsync(NudgeKey key) =>
        WithAsync(_host, sp => sp.GetRequiredService<AeBotDbContext>().NudgeLedger.SingleAsync(n => n.Rule == key.Rule && n.Subject == key.Subject && n.RecipientRepId == key.RecipientRepId && n.DueDate == key.DueDate));

    [Fact]
    public async Task Done_on_a_follow_up_nudge_completes_the_task_and_is_counted_someone_elses_press_changes_nothing()
    {
        var key = Key(NudgeRules.FollowUpOverdue);
        var (_, lee) = await PressAsync("lee.chen@northwind.example", NudgeCards.Payload(key, NudgeCards.Verbs.Done));
        Assert.Contains("can't find that nudge", lee);
        Assert.Null((await RowAsync(key)).Action);

        var (_, text) = await PressAsync(TessEmail, NudgeCards.Payload(key, NudgeCards.Verbs.Done));
        Assert.Contains("Done ✓ — Call back about pricing", text);
        Assert.Equal("done", (await RowAsync(key)).Action);
        Assert.Equal(AeBot.Core.Interactions.FollowUpStatus.Done,
            await WithAsync(_host, sp => sp.GetRequiredService<AeBotDbContext>().FollowUpTasks.Where(f => f.Id == _world.Overdue).Select(f => f.Status).SingleAsync()));
    }

    [Fact]
    public async Task Snooze_a_week_with_a_reason_stores_both_and_the_nudge_comes_back_once_when_the_week_is_up()
    {
        var key = Key(NudgeRules.Renewal);
        var (reply, text) = await PressAsync(TessEmail, NudgeCards.Payload(key, NudgeCards.Verbs.SnoozeWeek));
        Assert.Contains("Snoozed until Mon, Dec 7 at 09:00", text);
        var reason = reply.Blocks.OfType<ChoiceBlock>().Single().Options.Single(o => o.Label == "Waiting on the customer");
        Assert.Contains("Noted — \"Waiting on the customer\"", (await PressAsync(TessEmail, reason.Payload)).Text);
        var row = await RowAsync(key);
        Assert.Equal("snoozed", row.Action);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 14, 0, 0, TimeSpan.Zero), row.SnoozedUntil); // 09:00 in New York
        Assert.Equal("Waiting on the customer", row.SnoozeReason);

        // Not back before its time; back once after it (10:05 New York, Monday 7 Dec), with the reason in it.
        var before = await WithAsync(await _world.HostAtAsync(new DateTimeOffset(2026, 12, 7, 13, 55, 0, TimeSpan.Zero)), sp => sp.GetRequiredService<UnscheduledNudges>().PlanAsync(default));
        Assert.DoesNotContain(before.Nudges, p => p.ResurfacedFrom is not null);
        var later = await _world.HostAtAsync(new DateTimeOffset(2026, 12, 7, 15, 5, 0, TimeSpan.Zero));
        var back = await WithAsync(later, sp => sp.GetRequiredService<UnscheduledNudges>().RunAsync(default));
        var again = Assert.Single(back.Recorded, p => p.ResurfacedFrom == row.Id);
        Assert.Equal(new NudgeKey(NudgeRules.Renewal, key.Subject, new DateOnly(2026, 12, 7), _world.Tess), again.Content.Key);
        Assert.Contains("(\"Waiting on the customer\")", again.Content.Detail);
        var body = UnscheduledNudges.Render(again);
        Assert.Contains(body.Blocks.OfType<ContextBlock>(), c => c.Text == "Back as you asked:");
        Assert.DoesNotContain((await WithAsync(later, sp => sp.GetRequiredService<UnscheduledNudges>().RunAsync(default))).Recorded, p => p.ResurfacedFrom is not null);
    }

    [Fact]
    public async Task Push_date_moves_the_deals_close_date_and_open_deal_shows_it_both_counted()
    {
        var key = Key(NudgeRules.PastClose);
        var (_, text) = await PressAsync(TessEmail, NudgeCards.Payload(key, NudgeCards.Verbs.Push));
        Assert.Contains("Past close", text);
        Assert.Contains("close date", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("pushed", (await RowAsync(key)).Action);
        var answered = await Conversation.TestHosts.AskAsync(_host.Services, TessEmail, "December 18", "nudges-" + TessEmail, null, MondayAt(15, 11));
        var confirm = answered.Blocks.OfType<ActionsBlock>().SelectMany(a => a.Actions).Single(o => o.Label == "Yes, update");
        await Conversation.TestHosts.AskAsync(_host.Services, TessEmail, "", "nudges-" + TessEmail, confirm.Payload, MondayAt(15, 12));
        Assert.Equal(new DateOnly(2026, 12, 18), await WithAsync(_host, sp => sp.GetRequiredService<AeBotDbContext>().Opportunities.Where(o => o.Id == _world.PastClose).Select(o => o.CloseDate).SingleAsync()));
        var (_, card) = await PressAsync(TessEmail, NudgeCards.Payload(key, NudgeCards.Verbs.Open));
        Assert.Contains("**Zenith – Past close**", card);
        Assert.Contains("Stage: Proposal", card);
        Assert.Contains("Owner: Tess Tester", card);
        Assert.Equal("opened", (await RowAsync(key)).Action);
        Assert.NotNull((await RowAsync(key)).ActedAt);
    }

    [Fact]
    public async Task Log_from_a_nudge_starts_logging_against_its_account()
    {
        var key = Key(NudgeRules.Renewal);
        var (_, text) = await PressAsync(TessEmail, NudgeCards.Payload(key, NudgeCards.Verbs.Log));
        Assert.Contains(AccountName, text);
        Assert.Equal("logged", (await RowAsync(key)).Action);
        var stats = await WithAsync(_host, sp => sp.GetRequiredService<INudgeLedger>().StatsAsync(MondayAt(0), default));
        var renewals = Assert.Single(stats, s => s.Rule == NudgeRules.Renewal);
        Assert.Equal(1, renewals.ActedOn);
        Assert.True(renewals.Sent >= 1);
    }

    [Fact]
    public async Task A_forged_or_garbled_nudge_button_changes_nothing()
    {
        Assert.Contains("don't know that button", (await PressAsync(TessEmail, "act:nudge:done:renewal:contract:x:20261130")).Text);
        Assert.Contains("don't know that button", (await PressAsync(TessEmail, "act:nudge:explode:renewal:contract:1:20261130")).Text);
        Assert.Contains("can't find that nudge", (await PressAsync(TessEmail, "act:nudge:done:renewal:contract:999999:20261130")).Text);
    }
}
