using AeBot.Core.Channels;
using AeBot.Core.Conversation;
using AeBot.Core.Handoff;
using AeBot.Core.Nudges;
using AeBot.Core.Organization;
using AeBot.Data.Channels;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AeBot.Tests.Nudges.NudgeWorld;

namespace AeBot.Tests.Nudges;

/// <summary>
/// A crash at any point neither repeats nor loses a nudge: a batch that fails half-way leaves nothing behind (keys
/// and messages are one transaction), and messages recorded just before a crash are delivered once afterwards.
/// </summary>
public sealed class NudgeCrashTests : IAsyncLifetime
{
    private NudgeWorld _world = null!;

    public async Task InitializeAsync() => _world = await CreateAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_batch_that_fails_half_way_leaves_no_key_and_no_message_and_the_next_run_records_them()
    {
        var host = await _world.HostAtAsync(MondayAt(15, 5));
        var plan = (await WithAsync(host, sp => sp.GetRequiredService<UnscheduledNudges>().PlanAsync(default))).Nudges.Where(p => !p.Folded).Take(3).ToList();
        Assert.Equal(3, plan.Count);
        var records = plan.Select(p => new NudgeRecord(p.Content.Key, new NudgeNote(p.LocalDate, p.Content.Title, p.Content.Why, false),
            new ProactiveMessage(p.Content.Key.RecipientRepId, p.Content.Key.Rule, NudgeCards.Render(p.Content)))).ToList();
        // The third message cannot be stored (no reason: NOT NULL) — the failure comes after two keys were claimed.
        var broken = records.Take(2).Append(records[2] with { Message = records[2].Message! with { Reason = null! } }).ToList();
        await Assert.ThrowsAnyAsync<Exception>(() => WithAsync(host, sp => sp.GetRequiredService<INudgeLedger>().RecordManyAsync(broken, default)));
        Assert.Equal(0, await WithAsync(host, sp => sp.GetRequiredService<AeBotDbContext>().NudgeLedger.CountAsync()));
        Assert.Equal(0, await WithAsync(host, sp => sp.GetRequiredService<AeBotDbContext>().Outbox.CountAsync()));

        var run = await WithAsync(host, sp => sp.GetRequiredService<UnscheduledNudges>().RunAsync(default));
        Assert.All(plan, p => Assert.Contains(run.Recorded, r => r.Content.Key == p.Content.Key));
    }

    [Fact]
    public async Task Messages_recorded_just_before_a_crash_are_delivered_once_by_the_next_instance()
    {
        // The first instance records and dies before any delivery job runs.
        var recorded = await WithAsync(await _world.HostAtAsync(MondayAt(15, 5)), sp => sp.GetRequiredService<UnscheduledNudges>().RunAsync(default));
        Assert.True(recorded.Sent > 0);

        // The next one: its scan finds nothing new; its outbox pass sends what is waiting, once.
        var channel = new RecordingChannel();
        var next = await _world.HostAtAsync(MondayAt(15, 10));
        Assert.Empty((await WithAsync(next, sp => sp.GetRequiredService<UnscheduledNudges>().RunAsync(default))).Recorded);
        await WithAsync(next, async sp =>
        {
            var addresses = sp.GetRequiredService<IChannelAddressBook>();
            foreach (var repId in recorded.Recipients)
                await addresses.SaveAsync(new ChannelAddress(repId, ChatChannels.Slack, "T1", "U" + repId, "D" + repId, null, null, MondayAt(15)), default);
            return 0;
        });
        async Task<OutboxDeliveryResult> PassAsync() => await WithAsync(next, sp => new OutboxDelivery(sp.GetRequiredService<AeBotDbContext>(), [channel],
            sp.GetRequiredService<IChannelAddressBook>(), sp.GetRequiredService<TimeProvider>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<OutboxDelivery>.Instance).DeliverDueAsync(10_000, default));
        var first = await PassAsync();
        var second = await PassAsync();
        Assert.Equal(recorded.Sent, first.Sent);
        Assert.Equal(0, second.Total);
        Assert.Equal(recorded.Sent, channel.Sent.Count(m => NudgeRules.Unscheduled.Contains(m.Reason)));
        Assert.Equal(channel.Sent.Count, channel.Sent.Select(m => (m.ToRepId, m.Reply.Summary)).Distinct().Count());
    }

    [Fact]
    public async Task A_renewed_contract_gets_no_renewal_nudge()
    {
        var host = await _world.HostAtAsync(MondayAt(15, 5));
        await WithAsync(host, async sp =>
        {
            var db = sp.GetRequiredService<AeBotDbContext>();
            var old = await db.Contracts.SingleAsync(c => c.Id == _world.RenewalIn90);
            db.Contracts.Add(new Core.Contracts.Contract { AccountId = old.AccountId, ProductId = old.ProductId, StartDate = old.EndDate.AddDays(1), EndDate = old.EndDate.AddYears(1), AnnualValue = 50_000m, Currency = "USD" });
            return await db.SaveChangesAsync();
        });
        var plan = (await WithAsync(host, sp => sp.GetRequiredService<UnscheduledNudges>().PlanAsync(default))).Nudges;
        Assert.DoesNotContain(plan, p => p.Content.Key.Subject == "contract:" + _world.RenewalIn90);
        Assert.Contains(plan, p => p.Content.Key.Subject == "contract:" + _world.RenewalIn20); // the other one still escalates
    }
}
