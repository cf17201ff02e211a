using System.Net;
using System.Text.Json.Nodes;
using AeBot.Core.Channels;
using AeBot.Core.Conversation;
using AeBot.Core.Dialogs;
using AeBot.Core.Handoff;
using AeBot.Core.Organization;
using AeBot.Data.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using AeBot.Core.Work;
using AeBot.Core.Turns;
using AeBot.Core.Help;

namespace AeBot.Tests.Teams;

[Collection(TeamsCollection.Name)]
public sealed class TeamsProactiveTests(TeamsFixture fixture)
{
    private TeamsApplication App => fixture.App;
    private FakeBotConnector Connector => fixture.Connector;

    /// <summary>Gives the rep a Teams address (as if they had been seen in a channel: user known, no 1:1 chat yet).</summary>
    private async Task<(long RepId, string UserId)> RepWithAddressAsync(string email, string? conversationId = null)
    {
        var rep = await App.QueryAsync(db => db.Reps.SingleAsync(r => r.Email == email));
        var userId = "29:proactive-" + Guid.NewGuid().ToString("N");
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IChannelAddressBook>().SaveAsync(
            new ChannelAddress(rep.Id, ChatChannels.Teams, TeamsApplication.OwnTenant, userId, conversationId, Connector.ServiceUrl, TeamsApplication.BotId, TeamsApplication.Now), default);
        return (rep.Id, userId);
    }

    private async Task<long> RecordAsync(long repId, string text)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IProactiveMessenger>()
            .SendAsync(new ProactiveMessage(repId, "test", new Reply([new TextBlock(text), new ActionsBlock([new ReplyAction("Done", "act:fu.done:1")])]) { Summary = text }), default);
        return await App.QueryAsync(db => db.Outbox.Where(m => m.ToRepId == repId).MaxAsync(m => m.Id));
    }

    private async Task<OutboxDeliveryResult> DeliverAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().DeliverDueAsync(100, default);
    }

    [Fact]
    public async Task A_rep_without_a_chat_gets_one_created_and_the_message_exactly_once()
    {
        var (repId, userId) = await RepWithAddressAsync("tom.baker@northwind.example"); // no Teams test has talked to Tom
        var id = await RecordAsync(repId, "Acme is yours now: handoff checklist inside");

        var result = await DeliverAsync();
        Assert.Equal(1, result.Sent);

        var create = Assert.Single(Connector.Calls, c => c.Method == "POST" && c.Path == "/v3/conversations" && c.Body!.ToJsonString().Contains(userId));
        Assert.Equal(TeamsApplication.OwnTenant, create.Body!["tenantId"]!.GetValue<string>());
        Assert.Equal(TeamsApplication.BotId, create.Body!["bot"]!["id"]!.GetValue<string>());
        var address = await App.QueryAsync(db => db.ChannelAddresses.SingleAsync(a => a.RepId == repId && a.Channel == ChatChannels.Teams));
        Assert.StartsWith("a:created-", address.ConversationId);
        var sent = await Connector.WaitForMessageAsync(m => m.ConversationId == address.ConversationId);
        Assert.Contains("Acme is yours now", sent.AllText);
        Assert.Equal("Acme is yours now: handoff checklist inside", sent.Body!["summary"]!.GetValue<string>());
        Assert.Contains("Action.Execute", sent.Card!.ToJsonString());

        var row = await App.QueryAsync(db => db.Outbox.SingleAsync(m => m.Id == id));
        Assert.NotNull(row.DeliveredAt);
        Assert.Equal(ChatChannels.Teams, row.Channel);

        // A second pass (another instance, a restart) sends nothing again.
        Assert.Equal(0, (await DeliverAsync()).Total);
        Assert.Single(Connector.Messages, m => m.ConversationId == address.ConversationId);
    }

    [Fact]
    public async Task Throttled_then_accepted_the_message_is_retried_with_backoff_and_sent_once()
    {
        var (repId, _) = await RepWithAddressAsync("felix.becker@northwind.example", "a:felix-" + Guid.NewGuid().ToString("N"));
        var conversation = await App.QueryAsync(db => db.ChannelAddresses.Where(a => a.RepId == repId).Select(a => a.ConversationId).SingleAsync());
        await RecordAsync(repId, "Renewal nudge");
        Connector.FailNext(429, times: 2, retryAfter: "0");
        Connector.Clear();

        var result = await DeliverAsync();

        Assert.Equal(1, result.Sent);
        Assert.Equal(3, Connector.Calls.Count(c => c.Method == "POST" && c.ConversationId == conversation));
        Assert.Single(Connector.Messages.Where(m => m.ConversationId == conversation), m => m.AllText.Contains("Renewal nudge"));
    }

    [Fact]
    public async Task Forbidden_marks_the_rep_unreachable_and_is_not_retried()
    {
        var (repId, _) = await RepWithAddressAsync("marcus.johnson@northwind.example", "a:marcus-" + Guid.NewGuid().ToString("N"));
        var id = await RecordAsync(repId, "Weekly team digest");
        Connector.FailNext(403);

        var result = await DeliverAsync();

        var debug = await App.QueryAsync(db => db.Outbox.SingleAsync(m => m.Id == id));
        Assert.True(result.Failed == 1, $"{result} attempts={debug.Attempts} err={debug.LastError} next={debug.NextAttemptAt} calls={string.Join(",", Connector.Calls.Select(c => c.Method + c.Path))}");
        var address = await App.QueryAsync(db => db.ChannelAddresses.SingleAsync(a => a.RepId == repId && a.Channel == ChatChannels.Teams));
        Assert.NotNull(address.UnreachableSince);
        Assert.Contains("403", address.UnreachableReason);
        var row = await App.QueryAsync(db => db.Outbox.SingleAsync(m => m.Id == id));
        Assert.NotNull(row.FailedAt);
        Assert.Null(row.DeliveredAt);
        var calls = Connector.Calls.Count;
        Assert.Equal(0, (await DeliverAsync()).Total);
        Assert.Equal(calls, Connector.Calls.Count);

        // Writing to the bot again makes the rep reachable again.
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IChannelAddressBook>().SaveAsync(
            new ChannelAddress(repId, ChatChannels.Teams, TeamsApplication.OwnTenant, "29:marcus", address.ConversationId, Connector.ServiceUrl, TeamsApplication.BotId, TeamsApplication.Now.AddDays(1)), default);
        Assert.Null((await App.QueryAsync(db => db.ChannelAddresses.SingleAsync(a => a.RepId == repId && a.Channel == ChatChannels.Teams))).UnreachableSince);
    }

    [Fact]
    public async Task A_conversation_teams_no_longer_knows_marks_the_rep_unreachable_and_is_not_retried()
    {
        var (repId, _) = await RepWithAddressAsync("lee.chen@northwind.example", "a:gone-" + Guid.NewGuid().ToString("N"));
        var id = await RecordAsync(repId, "Renewal nudge");
        Connector.KnownConversationsOnly = true; // Teams answers 404 ConversationNotFound for it
        try
        {
            var result = await DeliverAsync();

            Assert.Equal(1, result.Failed);
            var address = await App.QueryAsync(db => db.ChannelAddresses.SingleAsync(a => a.RepId == repId && a.Channel == ChatChannels.Teams));
            Assert.NotNull(address.UnreachableSince);
            Assert.Contains("404", address.UnreachableReason);
            var row = await App.QueryAsync(db => db.Outbox.SingleAsync(m => m.Id == id));
            Assert.NotNull(row.FailedAt);
            Assert.Null(row.DeliveredAt);
        }
        finally
        {
            Connector.KnownConversationsOnly = false;
            // Lee writes again (other tests talk as Lee): reachable once more.
            await using var scope = App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IChannelAddressBook>().SaveAsync(
                new ChannelAddress(repId, ChatChannels.Teams, TeamsApplication.OwnTenant, "29:lee", null, Connector.ServiceUrl, TeamsApplication.BotId, TeamsApplication.Now.AddDays(1)), default);
        }
    }

    [Fact]
    public async Task A_message_teams_refuses_as_too_big_is_not_delivered_and_does_not_make_the_rep_unreachable()
    {
        var (repId, _) = await RepWithAddressAsync("priya.patel@northwind.example", "a:big-" + Guid.NewGuid().ToString("N"));
        var id = await RecordAsync(repId, new string('x', FakeBotConnector.MaxMessageBytes / 2));

        await DeliverAsync();

        var row = await App.QueryAsync(db => db.Outbox.SingleAsync(m => m.Id == id));
        Assert.Null(row.DeliveredAt);
        Assert.Contains("too big (413", row.LastError ?? "", StringComparison.Ordinal);
        var address = await App.QueryAsync(db => db.ChannelAddresses.SingleAsync(a => a.RepId == repId && a.Channel == ChatChannels.Teams));
        Assert.Null(address.UnreachableSince);
    }

    [Fact]
    public async Task A_channel_that_keeps_failing_leaves_the_message_for_a_later_pass()
    {
        var (repId, _) = await RepWithAddressAsync("alex.morgan@northwind.example", "a:alex-" + Guid.NewGuid().ToString("N"));
        var id = await RecordAsync(repId, "Stale deal nudge");
        Connector.FailNext(503, times: 6); // MaxRetries (5) + the first try

        var result = await DeliverAsync();

        Assert.Equal(1, result.Retrying);
        var row = await App.QueryAsync(db => db.Outbox.SingleAsync(m => m.Id == id));
        Assert.Null(row.DeliveredAt);
        Assert.Null(row.FailedAt);
        Assert.Equal(1, row.Attempts);
        Assert.True(row.NextAttemptAt > TeamsApplication.Now, "the next attempt waits");
        Assert.Contains("503", row.LastError);
    }

    [Fact]
    public void The_pacer_holds_a_conversation_to_teams_limits_without_slowing_others()
    {
        using var pacer = new AeBot.Teams.Proactive.TeamsPacer();
        // Different tenants, so only the conversation's own limit (7 a second) applies.
        for (var i = 0; i < 7; i++)
            Assert.True(pacer.TryNow("tenant-" + i, "conversation-a"), $"message {i + 1} of the first second");
        Assert.False(pacer.TryNow("tenant-7", "conversation-a"), "the 8th message in a second must wait");
        Assert.True(pacer.TryNow("tenant-8", "conversation-b"));
    }

    [Fact]
    public void The_pacer_spreads_a_tenants_sends_instead_of_bursting_a_seconds_worth()
    {
        using var pacer = new AeBot.Teams.Proactive.TeamsPacer();
        // 4 every 90 ms (44 a second, at most 48 in any second): a bulk run never sends 50 on each side of a refill.
        for (var i = 0; i < 4; i++)
            Assert.True(pacer.TryNow("tenant", "conversation-" + i));
        Assert.False(pacer.TryNow("tenant", "conversation-4"), "the 5th at the same instant waits for the next refill");
        Assert.True(pacer.TryNow("other-tenant", "conversation-5"));
    }
}

[Collection(TeamsCollection.Name)]
public sealed class TeamsTimeLimitTests : IAsyncLifetime
{
    private FakeBotConnector _connector = null!;
    private TeamsApplication _app = null!;

    /// <summary>The real core, slowed or broken on cue: the narrow seam for Teams' time limits and turn errors.</summary>
    private sealed class CueCore(ConversationCore core) : IConversationCore
    {
        public async Task<Reply> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
        {
            if (message.Text.Contains("boom", StringComparison.Ordinal) || message.ActionPayload?.Contains("boom", StringComparison.Ordinal) == true)
                throw new InvalidOperationException("core failure on cue");
            if (message.Text.Contains("slowly", StringComparison.Ordinal) || message.ActionPayload?.Contains("slowly", StringComparison.Ordinal) == true)
                await Task.Delay(1500, cancellationToken);
            return await core.HandleAsync(message, cancellationToken);
        }
    }

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _connector.Members[TeamsFixture.MeganId] = (TeamsFixture.MeganAad, "dana.reyes@northwind.example", "Megan Bowen");
        _app = new TeamsApplication(_connector, new Dictionary<string, string?>
        {
            ["Teams:InvokeBudgetMilliseconds"] = "150",
            ["Teams:MessageBudgetMilliseconds"] = "8000",
            ["Inbound:MaxAttempts"] = "2", // a turn that always fails is given up (and apologised for) after one retry
        }, services =>
        {
            services.AddScoped<ConversationCore>();
            services.AddScoped<IConversationCore>(sp => new CueCore(sp.GetRequiredService<ConversationCore>()));
        });
        _ = _app.Server;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task A_slow_button_answers_within_the_invoke_limit_and_the_result_follows_as_a_message()
    {
        var invoke = _app.Fixture("teams-invoke-adaptiveCard-action");
        var conversation = "a:" + Guid.NewGuid().ToString("N");
        invoke["conversation"]!["id"] = conversation;
        invoke["from"] = new JsonObject { ["id"] = TeamsFixture.MeganId, ["aadObjectId"] = TeamsFixture.MeganAad };
        invoke["value"]!["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "ask:what closes this month? slowly" };

        var response = await _app.PostAsync(invoke);

        // "Working on it" is only ever sent when the budget ran out before the core answered: the invoke was answered
        // on time by construction (how long that takes is a benchmark's business, not a unit test's).
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Working on it", await response.Content.ReadAsStringAsync());
        var late = await _connector.WaitForMessageAsync(m => m.ConversationId == conversation);
        Assert.Contains("close", late.AllText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_failing_button_gets_a_card_saying_so_not_a_500()
    {
        var invoke = _app.Fixture("teams-invoke-adaptiveCard-action");
        invoke["conversation"]!["id"] = "a:" + Guid.NewGuid().ToString("N");
        invoke["from"] = new JsonObject { ["id"] = TeamsFixture.MeganId, ["aadObjectId"] = TeamsFixture.MeganAad };
        invoke["value"]!["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "ask:boom" };

        var response = await _app.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Contains("something went wrong", body["value"]!.ToJsonString());
    }

    [Fact]
    public async Task A_failing_turn_is_logged_the_user_told_and_the_dialog_cleared()
    {
        var conversation = "a:" + Guid.NewGuid().ToString("N");
        JsonObject Message(string text)
        {
            var m = _app.Fixture("teams-personal-message");
            m["conversation"]!["id"] = conversation;
            m["text"] = text;
            return m;
        }
        Assert.Equal(HttpStatusCode.OK, (await _app.PostAsync(Message("log a meeting with Acme"))).StatusCode);
        var question = await _connector.WaitForMessageAsync(m => m.ConversationId == conversation);
        Assert.Contains("Which one", question.AllText);
        var dana = await _app.QueryAsync(db => db.Reps.SingleAsync(r => r.Email == "dana.reyes@northwind.example"));
        var key = new ConversationKey(ChatChannels.Teams, conversation, dana.Id);
        await using (var scope = _app.Services.CreateAsyncScope())
            Assert.NotNull((await scope.ServiceProvider.GetRequiredService<IDialogStore>().LoadAsync(key, default))?.State);

        Assert.Equal(HttpStatusCode.OK, (await _app.PostAsync(Message("boom"))).StatusCode);

        var sorry = await _connector.WaitForMessageAsync(m => m.ConversationId == conversation && m.AllText.Contains("something went wrong"));
        Assert.NotNull(sorry);
        Assert.Contains(_app.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("Teams turn failed") && l.Contains("core failure on cue"));
        await using (var scope = _app.Services.CreateAsyncScope())
            Assert.Null((await scope.ServiceProvider.GetRequiredService<IDialogStore>().LoadAsync(key, default))?.State);
    }
}
