using System.Text.Json.Nodes;
using AeBot.Core.Channels;
using AeBot.Core.Conversation;
using AeBot.Core.Handoff;
using AeBot.Core.Nudges;
using AeBot.Core.Organization;
using AeBot.Data.Storage;
using AeBot.Scheduling.Delivery;
using AeBot.Scheduling.Nudges;
using AeBot.Tests.Slack;
using AeBot.Tests.Teams;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AeBot.Tests.Nudges;

/// <summary>A clock a test moves forward (a retry's backoff passing) without waiting for it.</summary>
internal sealed class MovableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>
/// Nudges through the real web host, its Hangfire server and fake Slack and Teams services that record every call:
/// delivered exactly once with working buttons, retried by Hangfire when the channel fails.
/// </summary>
public sealed class NudgeDeliveryTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 15, 5, 0, TimeSpan.Zero); // 10:05 New York, 16:05 Berlin
    private const string LeeSlackId = "UA8RXUSPL"; // the block_actions fixture's user

    // Generous deadlines, polled: the whole suite runs test classes in parallel on two cores, and each host's
    // Hangfire server then waits its turn for a worker (a full CI run once missed 90 s here, never alone).
    private static async Task WaitForAsync(Func<Task<bool>> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("Timed out waiting for " + what);
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task The_scan_delivers_each_nudge_once_on_slack_and_its_button_acts_for_the_user_who_pressed()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        slack.Users[LeeSlackId] = ("lee.chen@northwind.example", "Lee Chen");
        await using var app = new SlackApplication(slack, new Dictionary<string, string?> { ["Clock:Now"] = Monday.ToString("O") });
        _ = app.Server;
        var lee = await app.QueryAsync(db => db.Reps.SingleAsync(r => r.Email == "lee.chen@northwind.example"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IChannelAddressBook>().SaveAsync(
                new ChannelAddress(lee.Id, ChatChannels.Slack, "T9TK3CUKW", LeeSlackId, null, null, null, Monday), default);
            await scope.ServiceProvider.GetRequiredService<NudgeJobs>().ScanAsync(default); // records, then one delivery job per recipient
        }
        var sent = await app.QueryAsync(db => db.NudgeLedger.CountAsync(n => n.RecipientRepId == lee.Id && n.Sent));
        Assert.InRange(sent, 1, 3); // his daily cap
        const string dm = "DA8RXUSPL";
        await WaitForAsync(() => Task.FromResult(slack.CallsTo("chat.postMessage").Count(c => c.Channel == dm && c.Status == 200) >= sent), "Lee's nudges on Slack", TimeSpan.FromSeconds(180));

        // Again: a second scan records nothing, and nothing is posted twice.
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<NudgeJobs>().ScanAsync(default));
        // Drained: each row is marked delivered after its post, and a delivered row is never claimed again, so no
        // post for these can still be on its way.
        await WaitForAsync(() => app.QueryAsync(db => db.Outbox.AllAsync(o => o.ToRepId != lee.Id || o.DeliveredAt != null)), "Lee's outbox to drain");
        var posts = slack.CallsTo("chat.postMessage").Where(c => c.Channel == dm && c.Status == 200).ToList();
        Assert.Equal(sent, posts.Count);
        Assert.All(posts, p => Assert.Contains("getting this:", p.AllText));

        // Lee presses Done on the first one, from Slack: his ledger row records it.
        var done = posts.SelectMany(p => Values(p.Json!)).First(v => v.StartsWith("act:nudge:done:", StringComparison.Ordinal));
        var payload = SlackFixtures.Json("block_actions_message_payload.json");
        payload["actions"]![0]!["value"] = done;
        payload["actions"]![0]!["action_ts"] = Monday.ToUnixTimeMilliseconds().ToString();
        var response = await app.PostAsync("/slack/interactivity", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), "application/x-www-form-urlencoded");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        NudgeCards.TryRead(done["act:nudge:".Length..], lee.Id, out _, out var key, out _);
        await WaitForAsync(() => app.QueryAsync(db => db.NudgeLedger.AnyAsync(n => n.Rule == key.Rule && n.Subject == key.Subject && n.RecipientRepId == lee.Id && n.Action == "done")), "the press to be recorded");
    }

    /// <summary>The id of a delivery job for <paramref name="repId"/> that Hangfire holds for a retry, if any.</summary>
    private static string? ScheduledDeliveryFor(JobStorage storage, long repId) =>
        storage.GetMonitoringApi().ScheduledJobs(0, 100)
            .Where(j => j.Value.Job?.Method.Name == nameof(OutboxJobs.DeliverToAsync) && j.Value.Job.Args[0] is long[] ids && ids.Contains(repId))
            .Select(j => j.Key).FirstOrDefault();

    private static IEnumerable<string> Values(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "value" && p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? [s] : p.Value is null ? [] : Values(p.Value)),
        JsonArray a => a.SelectMany(x => x is null ? [] : Values(x)),
        JsonValue v when v.TryGetValue<string>(out var s) && s.StartsWith('[') => Values(JsonNode.Parse(s)!), // blocks sent as a JSON string
        _ => [],
    };

    [Fact]
    public async Task A_message_recorded_outside_a_scan_is_sent_by_the_outbox_sweep_through_hangfire_once()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        slack.Users[LeeSlackId] = ("lee.chen@northwind.example", "Lee Chen");
        await using var app = new SlackApplication(slack, new Dictionary<string, string?> { ["Clock:Now"] = Monday.ToString("O") });
        _ = app.Server;
        var lee = await app.QueryAsync(db => db.Reps.SingleAsync(r => r.Email == "lee.chen@northwind.example"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IChannelAddressBook>().SaveAsync(
                new ChannelAddress(lee.Id, ChatChannels.Slack, "T9TK3CUKW", LeeSlackId, "DLEESWEEP", null, null, Monday), default);
            // What a chat turn records (a handoff notice): written to the outbox (saved), no delivery job of its own.
            await scope.ServiceProvider.GetRequiredService<IProactiveMessenger>().SendAsync(
                new ProactiveMessage(lee.Id, "handoff", new Reply([new TextBlock("Acme is yours now (sweep test).")]) { Summary = "handoff" }), default);
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<OutboxJobs>().SweepAsync(default)); // one job for Lee
            await scope.ServiceProvider.GetRequiredService<OutboxJobs>().SweepAsync(default); // a second sweep (another instance's) before it is sent: the claim keeps it to one send
        }
        await WaitForAsync(() => app.QueryAsync(db => db.Outbox.AllAsync(o => o.ToRepId != lee.Id || o.DeliveredAt != null)), "Lee's outbox to drain", TimeSpan.FromSeconds(180));
        Assert.Single(slack.CallsTo("chat.postMessage"), c => c.Channel == "DLEESWEEP" && c.Status == 200 && c.AllText.Contains("sweep test"));
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<OutboxJobs>().SweepAsync(default)); // nothing due any more
    }

    [Fact]
    public async Task A_failing_teams_channel_is_retried_by_hangfire_and_then_delivered_once_and_a_button_from_teams_acts()
    {
        var clock = new MovableClock(Monday);
        await using var connector = await FakeBotConnector.StartAsync();
        connector.Members[TeamsFixture.RidoInvokeId] = ("c5e99701-2a32-49c1-a660-4629ceeb8c61", "lee.chen@northwind.example", "Rido"); // the invoke fixture's user
        await using var app = new TeamsApplication(connector, new Dictionary<string, string?> { ["Clock:Now"] = Monday.ToString("O") },
            services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        _ = app.Server;
        var lee = await app.QueryAsync(db => db.Reps.SingleAsync(r => r.Email == "lee.chen@northwind.example"));
        var deal = await app.QueryAsync(db => db.Opportunities.FirstAsync(o => o.OwnerId == lee.Id && o.StageCategory == Core.Opportunities.StageCategory.Open));
        var conversation = "a:nudges-" + Guid.NewGuid().ToString("N");
        var key = new NudgeKey(NudgeRules.PastClose, "opp:" + deal.Id, new DateOnly(2026, 11, 30), lee.Id);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IChannelAddressBook>().SaveAsync(
                new ChannelAddress(lee.Id, ChatChannels.Teams, TeamsApplication.OwnTenant, "29:lee-nudges", conversation, connector.ServiceUrl, TeamsApplication.BotId, Monday), default);
            var content = new NudgeContent(key, deal.Name + ": the close date has passed", null, "the deal is still open after its close date.", deal.AccountId, null, deal.Id);
            Assert.True(await scope.ServiceProvider.GetRequiredService<INudgeLedger>().RecordAsync(
                new NudgeRecord(key, new NudgeNote(key.DueDate, content.Title, content.Why, false), new ProactiveMessage(lee.Id, key.Rule, NudgeCards.Render(content))), [], default));
        }

        connector.FailNext(503, times: 100); // down for longer than the messenger's own quick retries
        var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();
        jobs.Enqueue<OutboxJobs>(j => j.DeliverToAsync(new[] { lee.Id }, CancellationToken.None));
        OutboxJobs.EnqueueFor(jobs, [lee.Id]); // and a second, as the sweep (or another instance's) would: still one attempt, one send
        // The channel was tried (the row counts the attempt) and Hangfire holds the job that tried for a retry. Which
        // job that is, is not ours to choose: the host's own minutely outbox sweep (and five-minute scan) may enqueue
        // a delivery for Lee too, and whichever claims the row first makes the attempt — the other finds nothing due.
        string? scheduled = null;
        await WaitForAsync(async () => (scheduled = ScheduledDeliveryFor(app.Services.GetRequiredService<JobStorage>(), lee.Id)) is not null
            && await app.QueryAsync(db => db.Outbox.AnyAsync(o => o.ToRepId == lee.Id && o.Reason == NudgeRules.PastClose && o.Attempts > 0)),
            "Hangfire to schedule the retry after a failed attempt", TimeSpan.FromSeconds(180));
        var job = scheduled!;
        using (var connection = app.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var state = connection.GetStateData(job)!;
            Assert.True(state.Reason.StartsWith("Retry attempt", StringComparison.Ordinal), state.Reason);
        }
        var row = await app.QueryAsync(db => db.Outbox.SingleAsync(o => o.ToRepId == lee.Id && o.Reason == NudgeRules.PastClose));
        // At least one: the host's own five-minute nudge scan may also have run a delivery job for Lee meanwhile.
        Assert.True(row.Attempts >= 1 && row.DeliveredAt is null, $"attempts {row.Attempts}, delivered {row.DeliveredAt}, error {row.LastError}");
        Assert.NotNull(row.LastError);
        Assert.DoesNotContain(connector.Messages, m => m.ConversationId == conversation);

        // The channel is back and the backoff has passed: Hangfire's retry runs (now, instead of in a minute).
        connector.StopFailing();
        clock.Advance(TimeSpan.FromMinutes(1));
        jobs.Requeue(job);
        var delivered = await connector.WaitForMessageAsync(m => m.ConversationId == conversation);
        Assert.Contains("close date has passed", delivered.AllText);
        using (var connection = app.Services.GetRequiredService<JobStorage>().GetConnection())
            await WaitForAsync(() => Task.FromResult(connection.GetStateData(job)?.Name == "Succeeded"), "the retry to succeed");
        jobs.Requeue(job); // once more: idempotent
        using (var connection = app.Services.GetRequiredService<JobStorage>().GetConnection())
            await WaitForAsync(() => Task.FromResult(connection.GetStateData(job)?.Name == "Succeeded"), "the repeat to finish");
        Assert.Single(connector.Messages, m => m.ConversationId == conversation);
        Assert.True((await app.QueryAsync(db => db.Outbox.SingleAsync(o => o.Id == row.Id))).Attempts > row.Attempts);

        // Lee presses Done on it in Teams (the invoke fixture is his): the ledger row records it.
        var verb = NudgeCards.Payload(key, NudgeCards.Verbs.Done);
        var invoke = app.Fixture("teams-invoke-adaptiveCard-action");
        invoke["conversation"]!["id"] = "a:" + Guid.NewGuid().ToString("N");
        invoke["value"]!["action"] = new JsonObject { ["type"] = "Action.Execute", ["title"] = "Done", ["verb"] = verb, ["data"] = new JsonObject { ["payload"] = verb } };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.PostAsync(invoke)).StatusCode);
        Assert.Equal("done", await app.QueryAsync(db => db.NudgeLedger.Where(n => n.Rule == key.Rule && n.Subject == key.Subject && n.RecipientRepId == lee.Id).Select(n => n.Action).SingleAsync()));
    }
}
