using System.Net;
using AeBot.Core.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AeBot.Tests.Slack;

/// <summary>A request that keeps failing: retried from the queue, and only when no retry follows is the person told.</summary>
public sealed class SlackFailureTests
{
    private sealed class BrokenCore : IConversationCore
    {
        public int Calls;

        public Task<Reply> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            throw new InvalidOperationException("the core is broken");
        }
    }

    [Fact]
    public async Task A_request_failing_on_every_attempt_is_apologised_for_once_after_the_last_and_recorded_as_failed()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        slack.Users["U2147483697"] = ("dana.reyes@northwind.example", "Dana Reyes"); // the fixture's user
        var core = new BrokenCore();
        await using var app = new SlackApplication(slack, new Dictionary<string, string?> { ["Inbound:MaxAttempts"] = "2" },
            services => services.AddScoped<IConversationCore>(_ => core));
        var dm = SlackFixtures.Json("message_im_event_callback.json");
        var key = "EvFAIL" + Guid.NewGuid().ToString("N")[..8];
        dm["event_id"] = key;
        dm["event"]!["text"] = "what closes this month?";

        Assert.Equal(HttpStatusCode.OK, (await app.EventAsync(dm)).StatusCode);
        await app.SettledAsync(key); // after the retry (2 s)

        Assert.Equal(2, core.Calls);
        var sorry = Assert.Single(slack.CallsTo("chat.postMessage"), c => c.Status == 200);
        Assert.Equal((dm["event"]!["channel"]!.GetValue<string>(), AeBot.Core.Channels.ChannelTurns.FailedApology), (sorry.Channel, sorry.Json!["text"]!.GetValue<string>()));
        var row = await app.QueryAsync(db => db.InboundQueue.SingleAsync(q => q.DeliveryKey == key));
        Assert.NotNull(row.FailedAt);
        Assert.Contains("the core is broken", row.LastError);
    }

    [Fact]
    public async Task A_failed_request_from_someone_whose_slack_is_in_thai_is_apologised_for_in_thai()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        slack.Users["U2147483697"] = ("dana.reyes@northwind.example", "Dana Reyes"); // the fixture's user
        slack.Locales["U2147483697"] = "th-TH";
        await using var app = new SlackApplication(slack, new Dictionary<string, string?> { ["Inbound:MaxAttempts"] = "1" },
            services => services.AddScoped<IConversationCore>(_ => new BrokenCore()));
        var dm = SlackFixtures.Json("message_im_event_callback.json");
        var key = "EvFAILTH" + Guid.NewGuid().ToString("N")[..8];
        dm["event_id"] = key;
        dm["event"]!["text"] = "what closes this month?";

        Assert.Equal(HttpStatusCode.OK, (await app.EventAsync(dm)).StatusCode);
        await app.SettledAsync(key);

        var sorry = Assert.Single(slack.CallsTo("chat.postMessage"), c => c.Status == 200).Json!["text"]!.GetValue<string>();
        Assert.Equal("ขออภัย ระบบของฉันขัดข้องและทำรายการนี้ไม่สำเร็จ ลองใหม่อีกครั้งนะ ถ้ายังเป็นอยู่ แจ้งผู้ดูแลระบบได้เลย", sorry);
        Assert.Empty(Teams.TeamsThaiTests.EnglishWords(sorry));
    }
}
