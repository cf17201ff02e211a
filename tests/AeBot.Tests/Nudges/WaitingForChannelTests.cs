using AeBot.Core.Channels;
using AeBot.Core.Conversation;
using AeBot.Core.Handoff;
using AeBot.Core.Nudges;
using AeBot.Core.Organization;
using AeBot.Data.Channels;
using AeBot.Data.Storage;
using AeBot.Scheduling.Delivery;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using static AeBot.Tests.Nudges.NudgeWorld;

namespace AeBot.Tests.Nudges;

/// <summary>
/// People AeBot cannot reach yet (#17, item 1): their messages wait in the outbox as "waiting for a channel" — no
/// attempt counted, no failing delivery job — and go out once the person first talks to AeBot.
/// </summary>
public sealed class WaitingForChannelTests : IAsyncLifetime
{
    private NudgeWorld _world = null!;

    public async Task InitializeAsync() => _world = await CreateAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Messages_wait_without_failing_jobs_and_go_out_when_the_person_first_talks()
    {
        var host = await _world.HostAtAsync(MondayAt(15, 5));
        var recorded = await WithAsync(host, sp => sp.GetRequiredService<UnscheduledNudges>().RunAsync(default));
        var recipients = recorded.Recorded.Select(r => r.Content.Key.RecipientRepId).Distinct().ToArray();
        Assert.NotEmpty(recipients);
        var channel = new RecordingChannel();
        OutboxJobs Jobs(IServiceProvider sp) => new(
            new OutboxDelivery(sp.GetRequiredService<AeBotDbContext>(), [channel], sp.GetRequiredService<IChannelAddressBook>(),
                sp.GetRequiredService<TimeProvider>(), NullLogger<OutboxDelivery>.Instance),
            Mock.Of<IBackgroundJobClient>(), NullLogger<OutboxJobs>.Instance);

        // Nobody has talked to AeBot: the delivery job completes (a throw would make Hangfire retry it) and sends nothing.
        Assert.Equal(0, await WithAsync(host, sp => Jobs(sp).DeliverToAsync(recipients, default)));
        Assert.Empty(channel.Sent);
        var rows = await WithAsync(host, sp => sp.GetRequiredService<AeBotDbContext>().Outbox.AsNoTracking().ToListAsync());
        Assert.All(rows, r =>
        {
            Assert.StartsWith("waiting for a channel: the person has not talked to AeBot", r.LastError);
            Assert.Equal(0, r.Attempts);
            Assert.Null(r.FailedAt);
            Assert.Null(r.DeliveredAt);
        });
        // Not due again until looked at tomorrow: the minute sweep leaves them alone.
        Assert.Empty(await WithAsync(host, sp => new OutboxDelivery(sp.GetRequiredService<AeBotDbContext>(), [channel], sp.GetRequiredService<IChannelAddressBook>(),
            sp.GetRequiredService<TimeProvider>(), NullLogger<OutboxDelivery>.Instance).DueRecipientsAsync(100, default)));

        // The first recipient says hello on Slack: their messages go out, everyone else's keep waiting.
        var first = recipients[0];
        await WithAsync(host, async sp =>
        {
            await sp.GetRequiredService<IChannelAddressBook>().SaveAsync(new ChannelAddress(first, ChatChannels.Slack, "T1", "U1", "D1", null, null, MondayAt(15, 5)), default);
            return 0;
        });
        var sent = await WithAsync(host, sp => Jobs(sp).DeliverToAsync(recipients, default));
        var firstsRows = rows.Count(r => r.ToRepId == first);
        Assert.Equal(firstsRows, sent);
        Assert.All(channel.Sent, m => Assert.Equal(first, m.ToRepId));
        var left = await WithAsync(host, sp => sp.GetRequiredService<AeBotDbContext>().Outbox.AsNoTracking().CountAsync(m => m.DeliveredAt == null));
        Assert.Equal(rows.Count - firstsRows, left);
    }
}
