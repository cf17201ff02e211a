using System.Net;
using System.Text.Json.Nodes;
using AeBot.Core.Channels;
using AeBot.Core.Conversation;
using AeBot.Core.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AeBot.Tests.Teams;

/// <summary>
/// Teams re-sends an activity it got no timely answer for ("If the bot activity takes more than 15 seconds…, Teams
/// sends a retry request": learn.microsoft.com/microsoftteams/platform/bots/bot-basics). Each activity is answered
/// at least once and never twice: a failed turn runs again on redelivery, and so does one whose process died.
/// </summary>
public sealed class TeamsRedeliveryTests : IAsyncLifetime
{
    private FakeBotConnector _connector = null!;
    private TeamsApplication _app = null!;
    private readonly FailOnce _failOnce = new();

    /// <summary>The core, failing the first turn whose text says so (a bug, a lost database connection…).</summary>
    private sealed class FailOnce
    {
        public int Failures;
    }

    private sealed class FlakyCore(IConversationCore inner, FailOnce state) : IConversationCore
    {
        public Task<Reply> HandleAsync(IncomingMessage message, CancellationToken cancellationToken) =>
            message.Text.Contains("fail once", StringComparison.Ordinal) && Interlocked.Increment(ref state.Failures) == 1
                ? throw new InvalidOperationException("the core failed")
                : inner.HandleAsync(message, cancellationToken);
    }

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _connector.Members[TeamsFixture.MeganId] = (TeamsFixture.MeganAad, "dana.reyes@northwind.example", "Megan Bowen");
        _app = new TeamsApplication(_connector, services: services =>
        {
            var core = services.Single(d => d.ServiceType == typeof(IConversationCore));
            services.Remove(core);
            // The registered core (the host wraps it in its telemetry decorator, a factory): wrapped once more.
            Func<IServiceProvider, object> registered = core.ImplementationFactory ?? (sp => ActivatorUtilities.CreateInstance(sp, core.ImplementationType!));
            services.AddSingleton(_failOnce);
            services.Add(ServiceDescriptor.Describe(typeof(IConversationCore),
                sp => new FlakyCore((IConversationCore)registered(sp), sp.GetRequiredService<FailOnce>()), core.Lifetime));
        });
        _ = _app.Server;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private JsonObject Message(string text)
    {
        var activity = _app.Fixture("teams-personal-message");
        activity["text"] = text;
        activity["id"] = "1:" + Guid.NewGuid().ToString("N");
        activity["conversation"]!["id"] = "a:" + Guid.NewGuid().ToString("N");
        return activity;
    }

    private IEnumerable<ConnectorCall> Replies(JsonObject activity) =>
        _connector.Messages.Where(m => m.ConversationId == activity["conversation"]!["id"]!.GetValue<string>());

    [Fact]
    public async Task A_turn_that_failed_is_retried_from_the_queue_and_answered_once_and_a_redelivery_adds_nothing()
    {
        var activity = Message("what closes this month? fail once");

        Assert.Equal(HttpStatusCode.OK, (await _app.PostAsync(activity)).StatusCode); // settles after the retry
        var answer = Assert.Single(Replies(activity));
        Assert.Contains("close", answer.AllText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("went wrong", answer.AllText, StringComparison.OrdinalIgnoreCase); // not the last attempt: no apology
        Assert.Equal(2, _failOnce.Failures); // the core ran twice: the failure, then the answer
        Assert.Equal(2, await _app.QueryAsync(db => db.InboundQueue.Where(q => q.DeliveryKey == Key(activity)).Select(q => q.Attempts).SingleAsync()));

        Assert.Equal(HttpStatusCode.OK, (await _app.PostAsync(activity)).StatusCode); // Teams' retry of a settled one
        Assert.Single(Replies(activity));
    }

    private static string Key(JsonObject activity) =>
        AeBot.Data.Channels.InboundQueueWriter.StoredKey($"{activity["conversation"]!["id"]!.GetValue<string>()}|{activity["id"]!.GetValue<string>()}");

    /// <summary>What a server that died mid-turn leaves behind: the stored activity, claimed, never settled.</summary>
    private async Task ClaimedByADeadServerAsync(JsonObject activity, TimeSpan leaseLeft) =>
        await _app.QueryAsync(async db =>
        {
            db.InboundQueue.Add(new AeBot.Data.Channels.InboundQueueRow
            {
                Channel = ChatChannels.Teams, Kind = "message", DeliveryKey = Key(activity), Conversation = activity["conversation"]!["id"]!.GetValue<string>(),
                Body = activity.ToJsonString(), ReceivedAt = TeamsApplication.Now, Attempts = 1, NextAttemptAt = DateTimeOffset.UtcNow + leaseLeft,
            });
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task An_activity_whose_server_died_mid_turn_is_answered_once_its_claim_runs_out_and_its_redelivery_adds_nothing()
    {
        var activity = Message("what closes this month?");
        await ClaimedByADeadServerAsync(activity, TimeSpan.FromSeconds(2));

        Assert.Equal(HttpStatusCode.OK, (await _app.PostAsync(activity)).StatusCode); // Teams' retry: already stored; settles once taken over
        Assert.Single(Replies(activity));
        Assert.Equal(HttpStatusCode.OK, (await _app.PostAsync(activity)).StatusCode);
        Assert.Single(Replies(activity));
    }

    [Fact]
    public async Task A_redelivery_while_another_server_still_holds_the_activity_is_not_run_twice()
    {
        var activity = Message("what closes this month?");
        await ClaimedByADeadServerAsync(activity, TimeSpan.FromMinutes(5));

        Assert.Equal(HttpStatusCode.OK, (await _app.PostAsync(activity, settle: false)).StatusCode);
        // The engine looks at the queue at least every second; the claim is another's for minutes, so after a few
        // looks (the row's attempts prove nobody took it) nothing was sent.
        await _app.WaitForEngineRoundsAsync(3);
        Assert.Empty(Replies(activity));
        Assert.Equal(1, await _app.QueryAsync(db => db.InboundQueue.Where(q => q.DeliveryKey == Key(activity)).Select(q => q.Attempts).SingleAsync()));
    }
}
