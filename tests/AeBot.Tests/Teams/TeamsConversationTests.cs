using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AeBot.Core.Organization;
using AeBot.Data.Channels;
using AeBot.WebChat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AeBot.Tests.Teams;

[Collection(TeamsCollection.Name)]
public sealed class TeamsConversationTests(TeamsFixture fixture)
{
    private TeamsApplication App => fixture.App;
    private FakeBotConnector Connector => fixture.Connector;

    private JsonObject PersonalMessage(string text)
    {
        var activity = App.Fixture("teams-personal-message");
        activity["text"] = text;
        activity["conversation"]!["id"] = "a:" + Guid.NewGuid().ToString("N"); // a fresh dialog per test
        return activity;
    }

    private async Task<ConnectorCall> SayAsync(JsonObject activity)
    {
        var conversation = activity["conversation"]!["id"]!.GetValue<string>();
        var before = Connector.Messages.Count(m => m.ConversationId == conversation);
        var response = await App.PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Connector.WaitForMessageAsync(m => m.ConversationId == conversation && Connector.Messages.Where(x => x.ConversationId == conversation).ToList().IndexOf(m) >= before);
    }

    [Fact]
    public async Task A_personal_question_gets_the_same_facts_as_the_web_chat()
    {
        var teams = await SayAsync(PersonalMessage("how am I tracking vs quota?"));

        var web = App.CreateClient();
        web.DefaultRequestHeaders.Add(WebChatEndpoints.KeyHeader, TeamsFixture.WebChatKey);
        var webReply = await (await web.PostAsJsonAsync("/api/chat", new { @as = "dana.reyes@northwind.example", text = "how am I tracking vs quota?" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var facts = webReply.GetProperty("reply").GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "facts")
            .SelectMany(b => b.GetProperty("facts").EnumerateArray()).ToList();
        Assert.NotEmpty(facts);
        Assert.NotNull(teams.Card);
        Assert.Equal("1.5", teams.Card!["version"]!.GetValue<string>());
        Assert.Equal(webReply.GetProperty("summary").GetString(), teams.Body!["summary"]!.GetValue<string>());
        foreach (var fact in facts)
        {
            Assert.Contains(fact.GetProperty("label").GetString()!, teams.AllText);
            Assert.Contains(fact.GetProperty("value").GetString()!, teams.AllText);
        }
    }

    [Fact]
    public async Task A_managers_chart_is_served_as_a_picture_by_url_and_the_card_stays_small()
    {
        var question = App.Fixture("teams-channel-message-mention"); // the manager, in a channel thread
        question["text"] = "<at>ridotest</at> team pipeline by rep this quarter";
        question["entities"]![0]!["text"] = "<at>ridotest</at>";
        question["conversation"]!["id"] = "19:6848757105754c8981c67612732d9aa7@thread.tacv2;messageid=" + Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999);
        var reply = await SayAsync(question);

        var image = reply.Card!.ToJsonString();
        var url = System.Text.RegularExpressions.Regex.Match(image, @"https://aebot\.test(/api/charts/[0-9a-f]{32}\.png)").Groups[1].Value;
        Assert.NotEmpty(url);
        Assert.True(reply.Body!.ToJsonString().Length < 28_000, $"{reply.Body!.ToJsonString().Length} bytes");
        var png = await App.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal((byte)0x89, (await png.Content.ReadAsByteArrayAsync())[0]);
        Assert.Equal(HttpStatusCode.NotFound, (await App.CreateClient().GetAsync("/api/charts/" + new string('0', 32) + ".png")).StatusCode);
    }

    [Fact]
    public async Task The_reps_one_to_one_chat_is_stored_for_proactive_messages()
    {
        var activity = PersonalMessage("help");
        await SayAsync(activity);
        var dana = await App.QueryAsync(db => db.Reps.SingleAsync(r => r.Email == "dana.reyes@northwind.example"));
        var address = await App.QueryAsync(db => db.ChannelAddresses.SingleAsync(a => a.RepId == dana.Id && a.Channel == ChatChannels.Teams));
        Assert.Equal(activity["conversation"]!["id"]!.GetValue<string>(), address.ConversationId);
        Assert.Equal(Connector.ServiceUrl, address.ServiceUrl);
        Assert.Equal(TeamsFixture.MeganId, address.UserId);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", address.TenantId);
        Assert.Null(address.UnreachableSince);

        // Seen afterwards in a channel thread: the 1:1 chat stays the rep's address.
        var inChannel = App.Fixture("teams-channel-message-mention");
        inChannel["from"] = new JsonObject { ["id"] = TeamsFixture.MeganId, ["aadObjectId"] = TeamsFixture.MeganAad };
        inChannel["conversation"]!["tenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        inChannel["channelData"]!["tenant"]!["id"] = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        await SayAsync(inChannel);
        address = await App.QueryAsync(db => db.ChannelAddresses.SingleAsync(a => a.RepId == dana.Id && a.Channel == ChatChannels.Teams));
        Assert.Equal(activity["conversation"]!["id"]!.GetValue<string>(), address.ConversationId);
    }

    [Fact]
    public async Task In_a_channel_only_a_mention_is_answered_in_its_thread_without_the_mention()
    {
        var mentioned = App.Fixture("teams-channel-message-mention");
        mentioned["text"] = "<at>ridotest</at> slipped deals";
        mentioned["entities"]![0]!["text"] = "<at>ridotest</at>";
        var thread = mentioned["conversation"]!["id"]!.GetValue<string>();
        var reply = await SayAsync(mentioned);
        Assert.Equal(thread, reply.ConversationId); // conversation id carries ";messageid=": the thread
        Assert.DoesNotContain("ridotest", reply.AllText);
        var audit = await App.QueryAsync(db => db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal("slipped deals", audit.Text);

        var chatter = App.Fixture("teams-channel-message-mention");
        chatter["text"] = "lunch anyone?";
        chatter["entities"] = new JsonArray();
        var before = Connector.Messages.Count;
        Assert.Equal(HttpStatusCode.OK, (await App.PostAsync(chatter)).StatusCode);
        // A turn replies before its request returns (no mention: no turn at all), so this is final.
        Assert.Equal(before, Connector.Messages.Count);
    }

    [Fact]
    public async Task Installing_the_bot_says_hello_and_remembers_the_rep()
    {
        var update = App.Fixture("teams-conversationUpdate-membersAdded-personal");
        var conversation = "a:install-" + Guid.NewGuid().ToString("N");
        update["conversation"]!["id"] = conversation;
        update["from"] = new JsonObject { ["id"] = TeamsFixture.MeganId, ["aadObjectId"] = TeamsFixture.MeganAad };
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsApplication.BotId }, new JsonObject { ["id"] = TeamsFixture.MeganId });
        update["channelData"]!["tenant"]!["id"] = TeamsApplication.OwnTenant;
        var welcome = await SayAsync(update);
        Assert.Contains("Hi Dana", welcome.AllText);
        var address = await App.QueryAsync(db => db.ChannelAddresses.SingleAsync(a => a.UserId == TeamsFixture.MeganId));
        Assert.Equal(conversation, address.ConversationId);

        var install = App.Fixture("teams-installationUpdate-add");
        var personal = "a:installed-" + Guid.NewGuid().ToString("N");
        install["conversation"] = new JsonObject { ["id"] = personal, ["conversationType"] = "personal", ["tenantId"] = TeamsApplication.OwnTenant };
        install["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TeamsApplication.OwnTenant } };
        install["from"] = new JsonObject { ["id"] = TeamsFixture.MeganId, ["aadObjectId"] = TeamsFixture.MeganAad };
        Assert.Equal(HttpStatusCode.OK, (await App.PostAsync(install)).StatusCode);
        address = await App.QueryAsync(db => db.ChannelAddresses.SingleAsync(a => a.UserId == TeamsFixture.MeganId));
        Assert.Equal(personal, address.ConversationId);
        Assert.Null(address.UnreachableSince);

        // Uninstalled: nothing more is sent there until the rep writes again.
        var remove = install.DeepClone().AsObject();
        remove["id"] = Guid.NewGuid().ToString("N");
        remove["action"] = "remove";
        Assert.Equal(HttpStatusCode.OK, (await App.PostAsync(remove)).StatusCode);
        address = await App.QueryAsync(db => db.ChannelAddresses.SingleAsync(a => a.UserId == TeamsFixture.MeganId));
        Assert.NotNull(address.UnreachableSince);
        await SayAsync(PersonalMessage("help"));
        address = await App.QueryAsync(db => db.ChannelAddresses.SingleAsync(a => a.UserId == TeamsFixture.MeganId));
        Assert.Null(address.UnreachableSince);
    }

    [Fact]
    public async Task Added_to_a_team_the_bot_introduces_itself_in_the_channel()
    {
        var update = App.Fixture("teams-conversationUpdate-membersAdded-team");
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsApplication.BotId });
        update["conversation"]!["tenantId"] = TeamsApplication.OwnTenant;
        update["channelData"]!["tenant"]!["id"] = TeamsApplication.OwnTenant;
        update["conversation"]!["id"] = "19:" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        var hello = await SayAsync(update);
        Assert.Contains("@mention me", hello.AllText);
    }

    [Fact]
    public async Task Added_to_a_team_by_someone_whose_teams_is_in_thai_the_bot_says_hello_in_thai()
    {
        var update = App.Fixture("teams-conversationUpdate-membersAdded-team");
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsApplication.BotId });
        update["conversation"]!["tenantId"] = TeamsApplication.OwnTenant;
        update["channelData"]!["tenant"]!["id"] = TeamsApplication.OwnTenant;
        update["conversation"]!["id"] = "19:" + Guid.NewGuid().ToString("N") + "@thread.tacv2";
        update["locale"] = "th-TH";
        var hello = await SayAsync(update);
        Assert.Contains("ฉันคือ", hello.AllText);
        Assert.DoesNotContain("I'll answer", hello.AllText);
    }

    [Fact]
    public async Task A_card_button_runs_through_the_core_and_refreshes_the_card_in_place()
    {
        // Lee (the invoke fixture's user) logs a call in one sentence; the answer is a card with Undo.
        var account = (await App.QueryAsync(db => db.Opportunities
                .Where(o => o.Owner!.Email == "lee.chen@northwind.example" && o.StageCategory == AeBot.Core.Opportunities.StageCategory.Open && o.AccountId != null)
                .GroupBy(o => new { Id = o.AccountId!.Value, o.Account!.Name }).Where(g => g.Count() == 1).Select(g => new { g.Key.Id, g.Key.Name }).ToListAsync()))
            .OrderBy(a => a.Id).First().Name;
        var start = App.Fixture("teams-invoke-adaptiveCard-action");
        var conversation = "a:" + Guid.NewGuid().ToString("N");
        var message = new JsonObject
        {
            ["type"] = "message", ["id"] = Guid.NewGuid().ToString("N"), ["channelId"] = "msteams", ["serviceUrl"] = Connector.ServiceUrl,
            ["from"] = start["from"]!.DeepClone(), ["recipient"] = start["recipient"]!.DeepClone(),
            ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = "personal", ["tenantId"] = start["conversation"]!["tenantId"]!.DeepClone() },
            ["channelData"] = start["channelData"]!.DeepClone(),
            ["text"] = $"Logged a call with {account} — pushback on price, next step revised quote by Friday",
        };
        var logged = await SayAsync(message);
        var undo = Verbs(logged.Card!).FirstOrDefault(v => v.StartsWith("act:undo", StringComparison.Ordinal));
        Assert.True(undo is not null, logged.AllText);

        start["conversation"]!["id"] = conversation;
        start["value"]!["action"] = new JsonObject { ["type"] = "Action.Execute", ["title"] = "Undo", ["verb"] = undo, ["data"] = new JsonObject { ["payload"] = undo } };
        var response = await App.PostAsync(start);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Contains("Undone", body["value"]!.ToJsonString());
    }

    [Fact]
    public async Task An_older_clients_submit_arrives_as_a_message_with_the_payload()
    {
        var submit = App.Fixture("teams-message-card-submit-value");
        submit["from"] = new JsonObject { ["id"] = TeamsFixture.MeganId, ["aadObjectId"] = TeamsFixture.MeganAad };
        submit["channelData"]!["tenant"]!["id"] = TeamsApplication.OwnTenant;
        submit["value"] = new JsonObject { ["payload"] = "ask:what closes this month?" };
        submit["text"] = "";
        submit["conversation"]!["id"] = "19:malejcou081i20ojmlcau0@thread.skype;messageid=" + Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999);
        var reply = await SayAsync(submit); // SayAsync checks the reply went to the card's thread
        var audit = await App.QueryAsync(db => db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync());
        Assert.Contains("closes this month", audit.Text + " " + reply.AllText, StringComparison.OrdinalIgnoreCase);
        var stored = await App.QueryAsync(db => db.ChannelAddresses.Where(a => a.UserId == TeamsFixture.MeganId).Select(a => a.ConversationId).ToListAsync());
        Assert.DoesNotContain(submit["conversation"]!["id"]!.GetValue<string>(), stored); // a thread is not the rep's 1:1 chat
    }

    [Fact]
    public async Task An_activity_delivered_twice_is_processed_once()
    {
        var activity = PersonalMessage("what closes this month?");
        var conversation = activity["conversation"]!["id"]!.GetValue<string>();
        var audits = await App.AuditCountAsync();
        Assert.Equal(HttpStatusCode.OK, (await App.PostAsync(activity)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.PostAsync(activity)).StatusCode);
        // Each post returns once the stored message is settled: after both, every reply there will be is in.
        Assert.Single(Connector.Messages, m => m.ConversationId == conversation);
        Assert.Equal(audits + 1, await App.AuditCountAsync());
        Assert.Equal(1, await App.QueryAsync(db => db.InboundQueue.CountAsync(d => d.Channel == "teams" && d.DeliveryKey.Contains(activity["id"]!.GetValue<string>()))));
    }

    [Fact]
    public async Task An_unknown_user_is_welcomed_and_an_admin_can_link_them()
    {
        const string strangerId = "29:stranger-" + "0001";
        Connector.Members[strangerId] = ("0d5c6b1e-7777-4a4a-9b9b-123456789abc", "g.murphy@contoso.example", "Grace at Contoso");
        var stranger = PersonalMessage("what closes this month?");
        stranger["from"] = new JsonObject { ["id"] = strangerId, ["name"] = "Grace at Contoso" };
        var onboarding = await SayAsync(stranger);
        Assert.Contains("couldn't match your Teams sign-in", onboarding.AllText);

        // Alex (admin) links the sign-in to Grace Murphy's CRM e-mail, from chat.
        const string alexId = "29:alex-admin";
        Connector.Members[alexId] = ("5e5e5e5e-0000-4000-8000-000000000001", "alex.morgan@northwind.example", "Alex Morgan");
        var link = PersonalMessage("link g.murphy@contoso.example to grace.murphy@northwind.example");
        link["from"] = new JsonObject { ["id"] = alexId, ["name"] = "Alex Morgan" };
        var linked = await SayAsync(link);
        Assert.Contains("Linked g.murphy@contoso.example to Grace Murphy", linked.AllText);

        var again = PersonalMessage("help");
        again["from"] = new JsonObject { ["id"] = strangerId, ["name"] = "Grace at Contoso" };
        var help = await SayAsync(again);
        Assert.DoesNotContain("couldn't match", help.AllText);

        // A rep who is not an admin cannot link anyone.
        var refused = await SayAsync(PersonalMessage("link someone@contoso.example to lee.chen@northwind.example"));
        Assert.Contains("Only an AeBot admin", refused.AllText);
    }

    [Fact]
    public async Task An_admin_links_a_mentioned_user_in_a_group_chat()
    {
        const string janeId = "29:jane-in-group";
        Connector.Members[janeId] = ("7a7a7a7a-1111-4222-8333-944444444444", "jane.b@contoso.example", "Jane B");
        const string alexId = "29:alex-admin";
        Connector.Members[alexId] = ("5e5e5e5e-0000-4000-8000-000000000001", "alex.morgan@northwind.example", "Alex Morgan");
        var group = PersonalMessage("<at>AeBot</at> link <at>Jane B</at> to felix.becker@northwind.example");
        group["conversation"] = new JsonObject { ["id"] = "19:group-" + Guid.NewGuid().ToString("N") + "@thread.v2", ["conversationType"] = "groupChat", ["isGroup"] = true, ["tenantId"] = TeamsApplication.OwnTenant };
        group["from"] = new JsonObject { ["id"] = alexId, ["name"] = "Alex Morgan" };
        group["entities"] = new JsonArray(
            new JsonObject { ["type"] = "mention", ["text"] = "<at>AeBot</at>", ["mentioned"] = new JsonObject { ["id"] = TeamsApplication.BotId, ["name"] = "AeBot" } },
            new JsonObject { ["type"] = "mention", ["text"] = "<at>Jane B</at>", ["mentioned"] = new JsonObject { ["id"] = janeId, ["name"] = "Jane B" } });
        var linked = await SayAsync(group);
        Assert.Contains("Linked Jane B to Felix Becker", linked.AllText);

        var jane = PersonalMessage("help");
        jane["from"] = new JsonObject { ["id"] = janeId, ["name"] = "Jane B", ["aadObjectId"] = "7a7a7a7a-1111-4222-8333-944444444444" };
        var help = await SayAsync(jane);
        Assert.DoesNotContain("couldn't match", help.AllText);
        var felix = await App.QueryAsync(db => db.Reps.SingleAsync(r => r.Email == "felix.becker@northwind.example"));
        Assert.Equal(felix.Id, await App.QueryAsync(db => db.ChatIdentities.Where(i => i.ExternalUserId == "7a7a7a7a-1111-4222-8333-944444444444").Select(i => i.RepId).SingleAsync()));
    }

    [Fact]
    public async Task Card_data_is_never_trusted_a_rep_cannot_complete_another_reps_task_by_button()
    {
        var danaTask = await App.QueryAsync(db => db.FollowUpTasks.Where(f => f.Rep!.Email == "dana.reyes@northwind.example" && f.Status == AeBot.Core.Interactions.FollowUpStatus.Open).Select(f => f.Id).FirstAsync());
        var invoke = App.Fixture("teams-invoke-adaptiveCard-action"); // Lee
        invoke["conversation"]!["id"] = "a:" + Guid.NewGuid().ToString("N");
        var payload = $"act:fu.done:{danaTask}";
        invoke["value"]!["action"] = new JsonObject { ["type"] = "Action.Execute", ["title"] = "Done", ["verb"] = payload, ["data"] = new JsonObject { ["payload"] = payload } };
        var response = await App.PostAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await App.QueryAsync(db => db.FollowUpTasks.Where(f => f.Id == danaTask).Select(f => f.Status).SingleAsync());
        Assert.Equal(AeBot.Core.Interactions.FollowUpStatus.Open, status);
    }

    [Fact]
    public async Task More_fetches_the_stored_rest_of_a_long_answer_only_for_its_rep()
    {
        var dana = await App.QueryAsync(db => db.Reps.SingleAsync(r => r.Email == "dana.reyes@northwind.example"));
        string pageId;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var rest = new AeBot.Core.Conversation.Reply([new AeBot.Core.Conversation.TextBlock("Row 16 onwards: Globex renewal")]) { Summary = "Deals (more)" };
            pageId = await scope.ServiceProvider.GetRequiredService<AeBot.Core.Channels.IReplyPages>().SaveAsync(dana.Id, rest, TeamsApplication.Now.AddDays(1), default);
        }
        var more = PersonalMessage("");
        more["value"] = new JsonObject { ["payload"] = "page:" + pageId };
        var page = await SayAsync(more);
        Assert.Contains("Row 16 onwards", page.AllText);

        var lee = App.Fixture("teams-invoke-adaptiveCard-action");
        lee["conversation"]!["id"] = "a:" + Guid.NewGuid().ToString("N");
        lee["value"]!["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "page:" + pageId };
        var body = await (await App.PostAsync(lee)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Row 16", body);
        Assert.Contains("expired", body);
    }

    private static List<string> Verbs(JsonNode node) => node switch
    {
        JsonObject o => [.. (o["verb"] is JsonValue v ? [v.GetValue<string>()] : Array.Empty<string>()), .. o.SelectMany(p => p.Value is null ? [] : Verbs(p.Value))],
        JsonArray a => a.SelectMany(n => n is null ? [] : Verbs(n)).ToList(),
        _ => [],
    };
}
