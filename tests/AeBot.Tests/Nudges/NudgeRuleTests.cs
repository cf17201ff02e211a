using AeBot.Core.Nudges;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AeBot.Tests.Nudges.NudgeWorld;

namespace AeBot.Tests.Nudges;

/// <summary>
/// The unscheduled rules on a fixed clock: each fires on its day from 10:00 in the recipient's own zone, at most three
/// a day per person (most urgent first), the rest folded into the next digest, each exactly once.
/// </summary>
public sealed class NudgeRuleTests : IAsyncLifetime
{
    private NudgeWorld _world = null!;

    public async Task InitializeAsync() => _world = await CreateAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static string Contract(long id) => "contract:" + id;
    private static string Deal(long id) => "opp:" + id;
    private static string Task(long id) => "task:" + id;

    private async Task<IReadOnlyList<PlannedNudge>> PlanAtAsync(DateTimeOffset at) =>
        (await WithAsync(await _world.HostAtAsync(at), sp => sp.GetRequiredService<UnscheduledNudges>().PlanAsync(default))).Nudges;

    [Fact]
    public async Task Each_rule_fires_on_its_day_from_ten_local_capped_at_three_most_urgent_first_the_rest_folded_and_each_once()
    {
        // 09:55 in New York: only what is already late (overdue follow-up, deal stale since yesterday, the push last night).
        var early = (await PlanAtAsync(MondayAt(14, 55))).Where(p => p.Content.Key.RecipientRepId == _world.Tess).Select(p => (p.Content.Key.Rule, p.Content.Key.Subject)).ToHashSet();
        Assert.Equal(new HashSet<(string, string)>
        {
            (NudgeRules.FollowUpOverdue, Task(_world.Overdue)), (NudgeRules.StaleDeal, Deal(_world.StaleNegotiation)), (NudgeRules.Slipped, Deal(_world.Slipped)),
        }, early);

        // 10:05: everything due today; three go, by urgency, the other three wait for the digest.
        var host = await _world.HostAtAsync(MondayAt(15, 5));
        var result = await WithAsync(host, sp => sp.GetRequiredService<UnscheduledNudges>().RunAsync(default));
        var tess = result.Recorded.Where(p => p.Content.Key.RecipientRepId == _world.Tess).ToList();
        Assert.Equal([(NudgeRules.PastClose, Deal(_world.PastClose)), (NudgeRules.FollowUpOverdue, Task(_world.Overdue)), (NudgeRules.Renewal, Contract(_world.RenewalIn90))],
            tess.Where(p => !p.Folded).Select(p => (p.Content.Key.Rule, p.Content.Key.Subject)).ToList());
        Assert.Equal(new HashSet<(string, string)> { (NudgeRules.Slipped, Deal(_world.Slipped)), (NudgeRules.FollowUpDue, Task(_world.DueToday)), (NudgeRules.StaleDeal, Deal(_world.StaleNegotiation)) },
            tess.Where(p => p.Folded).Select(p => (p.Content.Key.Rule, p.Content.Key.Subject)).ToHashSet());
        Assert.All(tess.Where(p => p.Folded), p => Assert.Contains("daily limit of 3", p.FoldedBecause));
        Assert.DoesNotContain(tess, p => p.Content.Key.Subject == Contract(_world.RenewalIn20)); // 20 days out is past the 30-day milestone's grace

        // The renewal: keyed to its milestone, saying why; the slipped deal explains its dates.
        var renewal = tess.Single(p => p.Content.Key.Rule == NudgeRules.Renewal);
        Assert.Equal(Monday, renewal.Content.Key.DueDate);
        Assert.Contains("Renewal in 90 days: " + AccountName, renewal.Content.Title);
        Assert.Contains("you're the account owner", renewal.Content.Why);
        Assert.Contains("pushed from Mar 3, 2027 → Mar 31, 2027 → Apr 30, 2027", tess.Single(p => p.Content.Key.Rule == NudgeRules.Slipped).Content.Detail);
        Assert.Contains("7 days (the limit for Negotiation)", tess.Single(p => p.Content.Key.Rule == NudgeRules.StaleDeal).Content.Why);

        // The manager hears about the renewal nobody is working on; the account manager in Chicago not before 10:00 there.
        Assert.Contains(result.Recorded, p => p.Content.Key == new NudgeKey(NudgeRules.RenewalEscalation, Contract(_world.RenewalIn20), Monday.AddDays(-10), _world.Marcus));
        Assert.DoesNotContain(result.Recorded, p => p.Content.Key.RecipientRepId == _world.Grace && p.Content.Key.Subject == Contract(_world.RenewalIn90));

        // The outbox has exactly the sent ones, each with why and buttons; the ledger has all six.
        var outbox = await WithAsync(host, sp => sp.GetRequiredService<AeBotDbContext>().Outbox.Where(o => o.ToRepId == _world.Tess).ToListAsync());
        Assert.Equal(3, outbox.Count);
        Assert.All(outbox, o => Assert.Contains("getting this: ", o.Body)); // why it came
        Assert.All(outbox, o => Assert.Contains("act:nudge:done:", o.Body));
        Assert.All(outbox, o => Assert.Contains("act:nudge:s1w:", o.Body));
        Assert.Contains(outbox, o => o.Body.Contains("act:nudge:push:", StringComparison.Ordinal) && o.Body.Contains("Open deal", StringComparison.Ordinal));
        Assert.Equal(6, await WithAsync(host, sp => sp.GetRequiredService<AeBotDbContext>().NudgeLedger.CountAsync(n => n.RecipientRepId == _world.Tess)));

        // Again (a retry, another instance, the next scan): nothing new.
        var again = await WithAsync(await _world.HostAtAsync(MondayAt(15, 10)), sp => sp.GetRequiredService<UnscheduledNudges>().RunAsync(default));
        Assert.DoesNotContain(again.Recorded, p => p.Content.Key.RecipientRepId == _world.Tess);
        Assert.Equal(3, await WithAsync(host, sp => sp.GetRequiredService<AeBotDbContext>().Outbox.CountAsync(o => o.ToRepId == _world.Tess)));

        // 10:05 in Chicago: the account manager's renewal nudge.
        var chicago = await WithAsync(await _world.HostAtAsync(MondayAt(16, 5)), sp => sp.GetRequiredService<UnscheduledNudges>().RunAsync(default));
        var grace = Assert.Single(chicago.Recorded, p => p.Content.Key.RecipientRepId == _world.Grace && p.Content.Key.Subject == Contract(_world.RenewalIn90));
        Assert.Contains("you're the account manager", grace.Content.Why);

        // Tuesday's digest carries the three held back, once.
        var tuesday = await _world.HostAtAsync(new DateTimeOffset(2026, 12, 1, 13, 35, 0, TimeSpan.Zero));
        Assert.Equal(DigestOutcome.Sent, await WithAsync(tuesday, sp => sp.GetRequiredService<DailyDigests>().SendAsync(_world.Tess, Monday.AddDays(1), default)));
        var digest = await WithAsync(tuesday, sp => sp.GetRequiredService<AeBotDbContext>().Outbox.Where(o => o.ToRepId == _world.Tess && o.Reason == DailyDigests.Rule).SingleAsync());
        Assert.Contains("Held back for your digest (3)", digest.Body);
        Assert.Contains("Slipping has slipped 2 times", digest.Body);
        Assert.Contains("Due today: Send the security pack", digest.Body);
        Assert.Empty(await WithAsync(tuesday, sp => sp.GetRequiredService<INudgeLedger>().FoldedAsync(_world.Tess, default)));
    }

    [Fact]
    public async Task Weekends_and_quiet_hours_fold_into_the_digest_and_the_clock_change_moves_ten_oclock()
    {
        // Saturday: anything due is held for Monday's digest.
        var saturday = await PlanAtAsync(new DateTimeOffset(2026, 11, 28, 16, 0, 0, TimeSpan.Zero));
        var tess = saturday.Where(p => p.Content.Key.RecipientRepId == _world.Tess).ToList();
        Assert.NotEmpty(tess);
        Assert.All(tess, p => Assert.Equal("it's the weekend", p.FoldedBecause));

        // Her own quiet hours, set in chat, hold Monday morning's.
        var host = await _world.HostAtAsync(MondayAt(15, 5));
        var said = await Conversation.TestHosts.AskAsync(host.Services, TessEmail, "quiet hours 9am to noon", "quiet", at: MondayAt(15, 5));
        Assert.Contains("quiet hours **09:00–12:00**", said.Blocks.OfType<AeBot.Core.Conversation.TextBlock>().First().Markdown);
        var monday = await PlanAtAsync(MondayAt(15, 5));
        Assert.All(monday.Where(p => p.Content.Key.RecipientRepId == _world.Tess), p => Assert.Equal("it's your quiet hours (09:00–12:00)", p.FoldedBecause));

        // 14 Mar 2027 New York moves to summer time: 10:00 is 14:00Z on the Monday after, not 15:00Z.
        await WithAsync(host, async sp =>
        {
            var db = sp.GetRequiredService<AeBotDbContext>();
            await sp.GetRequiredService<INudgePreferenceStore>().SaveAsync(_world.Tess, null, null, null, null, default);
            db.FollowUpTasks.Add(new AeBot.Core.Interactions.FollowUpTask { RepId = _world.Tess, Title = "After the clock change", DueDate = new DateOnly(2027, 3, 15), CreatedAt = MondayAt(15) });
            return await db.SaveChangesAsync();
        });
        bool Due(IEnumerable<PlannedNudge> plan) => plan.Any(p => p.Content.Key.Rule == NudgeRules.FollowUpDue && p.Content.Title.Contains("After the clock change", StringComparison.Ordinal));
        Assert.False(Due(await PlanAtAsync(new DateTimeOffset(2027, 3, 15, 13, 55, 0, TimeSpan.Zero)))); // 09:55 EDT
        Assert.True(Due(await PlanAtAsync(new DateTimeOffset(2027, 3, 15, 14, 5, 0, TimeSpan.Zero)))); // 10:05 EDT
    }

    [Fact]
    public async Task Settings_said_in_chat_mute_a_rule_for_one_account_move_the_digest_and_lower_the_cap()
    {
        var host = await _world.HostAtAsync(MondayAt(12));
        async Task<string> Say(string text)
        {
            var reply = await Conversation.TestHosts.AskAsync(host.Services, TessEmail, text, "settings", at: MondayAt(12));
            return string.Join("\n", reply.Blocks.Select(b => b switch
            {
                AeBot.Core.Conversation.TextBlock t => t.Markdown,
                AeBot.Core.Conversation.FactsBlock f => string.Join("\n", f.Facts.Select(x => x.Label + ": " + x.Value)),
                AeBot.Core.Conversation.ContextBlock c => c.Text,
                _ => "",
            }));
        }

        Assert.Contains("no more renewal reminders for " + AccountName, await Say("mute renewals for zenith test co"));
        Assert.Contains("your daily digest now comes at **07:00**", await Say("digest at 7am"));
        Assert.Contains("at most **1** nudge a day", await Say("at most 1 nudges a day"));
        var settings = await Say("nudge settings");
        Assert.Contains("Daily digest: 07:00 on weekdays", settings);
        Assert.Contains("Nudges a day: at most 1", settings);
        Assert.Contains("Muted: renewal reminders for " + AccountName, settings);

        // The digest at 07:00 New York: due at 12:05Z, while others in New York wait for 08:30.
        var due = await WithAsync(await _world.HostAtAsync(MondayAt(12, 5)), sp => sp.GetRequiredService<DailyDigests>().DueAsync(default));
        Assert.Contains((_world.Tess, Monday), due);
        var dana = await WithAsync(host, sp => sp.GetRequiredService<AeBotDbContext>().Reps.Where(r => r.Email == "dana.reyes@northwind.example").Select(r => r.Id).SingleAsync());
        Assert.DoesNotContain(due, d => d.RepId == dana);

        // A scan that runs late, at 23:05 in New York, queues nobody's digest inside their quiet hours (18:00–08:00):
        // Dana's 08:30 digest of that day is not sent at night; Tess chose 07:00 inside them, but 23:05 is not 07:00's turn either.
        var late = await WithAsync(await _world.HostAtAsync(new DateTimeOffset(2026, 12, 1, 4, 5, 0, TimeSpan.Zero)), sp => sp.GetRequiredService<DailyDigests>().DueAsync(default));
        Assert.DoesNotContain(late, d => d.RepId == dana);

        // At 10:05 no renewal for Tess (muted), the account manager still gets hers; one nudge sent, the rest folded.
        var plan = await PlanAtAsync(MondayAt(15, 5));
        Assert.DoesNotContain(plan, p => p.Content.Key.RecipientRepId == _world.Tess && p.Content.Key.Rule == NudgeRules.Renewal);
        Assert.Single(plan, p => p.Content.Key.RecipientRepId == _world.Tess && !p.Folded);
        Assert.Contains(await PlanAtAsync(MondayAt(16, 5)), p => p.Content.Key.RecipientRepId == _world.Grace && p.Content.Key.Rule == NudgeRules.Renewal);

        Assert.Contains("renewal reminders for " + AccountName + " are back on", await Say("unmute renewals for Zenith Test Co"));
        Assert.Contains(await PlanAtAsync(MondayAt(15, 5)), p => p.Content.Key.RecipientRepId == _world.Tess && p.Content.Key.Rule == NudgeRules.Renewal);
        Assert.Contains("I can't find an account called \"nowhere inc\"", await Say("mute stale for nowhere inc"));
        Assert.Contains("back to the company defaults", await Say("reset nudge settings"));
        Assert.Contains("Muted: nothing", await Say("nudge settings"));
    }
}

public sealed class NudgeOptionsTests
{
    [Theory]
    [InlineData("Nudges:RenewalMilestones:0", "0")]
    [InlineData("Nudges:StaleDaysByStage:Negotiation", "0")]
    [InlineData("Nudges:DailyCap", "-1")]
    public async Task Bad_nudge_settings_stop_start_up_with_a_clear_message(string key, string value)
    {
        var directory = Directory.CreateTempSubdirectory("aebot-nudge-options-");
        try
        {
            using var host = await Conversation.TestHosts.StartAsync(new() { ["Storage:SqlitePath"] = Path.Combine(directory.FullName, "aebot.db"), [key] = value }, seedDemo: false);
            var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NudgeOptions>>().Value);
            Assert.Contains(key.Split(':')[1], error.Message, StringComparison.Ordinal); // names the setting
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TestDirectory.Delete(directory);
        }
    }
}
