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
            services.Add(ServiceDescriptor.Describe(core.ImplementationType!, core.ImplementationType!, core.Lifetime));
            services.AddSingleton(_failOnce);
            services.Add(ServiceDescriptor.Describe(typeof(IConversationCore),
                sp => new FlakyCore((IConversationCore)sp.GetRequiredService(core.ImplementationType!), sp.GetRequiredService<FailOnce>()), core.Lifetime));
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
    public async Task A_turn_that_failed_runs_again_when_teams_redelivers_it_and_is_answered_once()
    {
        var activity = Message("what closes this month? fail once");

        Assert.Equal(HttpStatusCode.OK, (await _app.PostAsync(activity)).StatusCode);
        Assert.Single(Replies(activity), r => r.AllText.Contains("something went wrong", StringComparison.OrdinalIgnoreCase));

        Assert.Equal(HttpStatusCode.OK, (await _app.PostAsync(activity)).StatusCode); // Teams' retry
        Assert.Single(Replies(activity), r => r.AllText.Contains("close", StringComparison.OrdinalIgnoreCase) && !r.AllText.Contains("went wrong", StringComparison.OrdinalIgnoreCase));

        Assert.Equal(HttpStatusCode.OK, (await _app.PostAsync(activity)).StatusCode); // and once it succeeded, never again
        Assert.Equal(2, Replies(activity).Count());
    }

    private async Task ClaimAsync(JsonObject activity, TimeSpan leaseLeft)
    {
        // What a server that died mid-turn leaves behind: a claim, never completed.
        await using var scope = _app.Services.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<IInboundLedger>();
        var key = $"{activity["conversation"]!["id"]!.GetValue<string>()}|{activity["id"]!.GetValue<string>()}";
        var now = DateTimeOffset.UtcNow;
        Assert.True(await ledger.TryClaimAsync(ChatChannels.Teams, key, TeamsApplication.Now, now, now + leaseLeft, default));
    }

    [Fact]
    public async Task An_activity_whose_process_died_mid_turn_runs_when_redelivered_after_the_lease()
    {
        var activity = Message("what closes this month?");
        await ClaimAsync(activity, TimeSpan.FromSeconds(-1));

        Assert.Equal(HttpStatusCode.OK, (await _app.PostAsync(activity)).StatusCode);
        Assert.Single(Replies(activity));
        Assert.Equal(HttpStatusCode.OK, (await _app.PostAsync(activity)).StatusCode);
        Assert.Single(Replies(activity));
        Assert.NotNull(await _app.QueryAsync(db => db.InboundDeliveries.Where(d => d.DeliveryKey.Contains(activity["id"]!.GetValue<string>())).Select(d => d.CompletedAt).SingleAsync()));
    }

    [Fact]
    public async Task A_redelivery_while_another_server_still_holds_the_activity_is_not_run_twice()
    {
        var activity = Message("what closes this month?");
        await ClaimAsync(activity, TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.OK, (await _app.PostAsync(activity)).StatusCode);
        Assert.Empty(Replies(activity));
    }
}
