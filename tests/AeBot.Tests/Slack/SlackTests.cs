using Microsoft.Extensions.Logging;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AeBot.Core.Channels;
using AeBot.Core.Organization;
using AeBot.Slack.Hosting;
using AeBot.Slack.Inbound;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using System.Net.Http.Json;
using AeBot.Core.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AeBot.Tests.Slack;

public sealed class SlackFixture : IAsyncLifetime
{
    public const string DanaSlackId = "U2147483697"; // the message.im fixture's user
    public const string WebChatKey = "slack-test-web-key-0123456789abcdef";
    public FakeSlackApi Slack { get; private set; } = null!;
    public SlackApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Slack = await FakeSlackApi.StartAsync();
        Slack.Users[DanaSlackId] = ("dana.reyes@northwind.example", "Dana Reyes");
        Slack.Users["UA8RXUSPL"] = ("lee.chen@northwind.example", "Lee Chen"); // the block_actions fixture's user
        Slack.Users["U2CERLKJA"] = ("dana.reyes@northwind.example", "Dana Reyes"); // the slash command's user
        Slack.Users["UADMIN01"] = ("alex.morgan@northwind.example", "Alex Morgan");
        Slack.Users["U061F7AUR"] = ("marcus.johnson@northwind.example", "Marcus Johnson"); // the app_mention fixture's user
        App = new SlackApplication(Slack, new Dictionary<string, string?> { ["WebChat:Enabled"] = "true", ["WebChat:ApiKey"] = WebChatKey });
        _ = App.Server;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Slack.DisposeAsync();
    }
}

public sealed class SlackRequestVerifierTests
{
    // Slack's published example ("Verifying requests from Slack"), body from the fixture.
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const long Timestamp = 1531420618;
    private const string Signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static readonly SlackRequestVerifier Verifier = new(Encoding.UTF8.GetBytes(Secret), TimeSpan.FromMinutes(5), TimeProvider.System);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(SlackFixtures.Text("slash_command_signed_body.txt"));
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    [Fact]
    public void Slacks_published_example_is_accepted_at_its_time() =>
        Assert.Equal(SlackVerification.Valid, Verifier.Verify(Timestamp.ToString(), Signature, Body, SentAt.AddSeconds(30)));

    [Theory]
    [InlineData(6)]
    [InlineData(-6)]
    public void Six_minutes_away_either_way_it_is_refused(int minutes) =>
        Assert.Equal(SlackVerification.Stale, Verifier.Verify(Timestamp.ToString(), Signature, Body, SentAt.AddMinutes(minutes)));

    [Fact]
    public void A_tampered_body_or_signature_or_missing_header_is_refused()
    {
        var tampered = Body.ToArray();
        tampered[^1] ^= 1;
        Assert.Equal(SlackVerification.BadSignature, Verifier.Verify(Timestamp.ToString(), Signature, tampered, SentAt));
        Assert.Equal(SlackVerification.BadSignature, Verifier.Verify(Timestamp.ToString(), Signature[..^1] + "0", Body, SentAt));
        Assert.Equal(SlackVerification.BadSignature, Verifier.Verify(Timestamp.ToString(), "v1=" + Signature[3..], Body, SentAt));
        Assert.Equal(SlackVerification.BadSignature, Verifier.Verify(Timestamp.ToString(), "v0=zz", Body, SentAt));
        Assert.Equal(SlackVerification.MissingHeaders, Verifier.Verify(null, Signature, Body, SentAt));
        Assert.Equal(SlackVerification.MissingHeaders, Verifier.Verify(Timestamp.ToString(), null, Body, SentAt));
        Assert.Equal(SlackVerification.BadTimestamp, Verifier.Verify("yesterday", Signature, Body, SentAt));
        Assert.Equal(SlackVerification.BadSignature, new SlackRequestVerifier(Encoding.UTF8.GetBytes("another-secret"), TimeSpan.FromMinutes(5), TimeProvider.System).Verify(Timestamp.ToString(), Signature, Body, SentAt));
    }

    [Theory]
    [InlineData(0, HttpStatusCode.OK)]
    [InlineData(6, HttpStatusCode.Unauthorized)]
    public async Task Over_http_the_published_example_is_accepted_then_and_refused_six_minutes_later(int minutesLater, HttpStatusCode expected)
    {
        await using var slack = await FakeSlackApi.StartAsync();
        // The published example was signed in 2018: the verifier's wall clock is set to then (business time cannot do it).
        using var app = new SlackApplication(slack, new Dictionary<string, string?> { ["Slack:SigningSecret"] = Secret },
            services => services.AddSingleton(new SlackRequestVerifier(Encoding.UTF8.GetBytes(Secret), TimeSpan.FromMinutes(5), new AeBot.Core.Time.FixedTimeProvider(SentAt.AddMinutes(minutesLater)))));
        var response = await app.PostAsync("/slack/commands", Encoding.UTF8.GetString(Body), "application/x-www-form-urlencoded", Timestamp, Signature);
        Assert.Equal(expected, response.StatusCode);
        var stored = await app.QueryAsync(db => db.InboundQueue.CountAsync());
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, stored);
    }
}

public sealed class SlackEndpointTests(SlackFixture fixture) : IClassFixture<SlackFixture>
{
    private SlackApplication App => fixture.App;
    private FakeSlackApi Slack => fixture.Slack;

    private static JsonObject DirectMessage(string text, string? eventId = null)
    {
        var envelope = SlackFixtures.Json("message_im_event_callback.json");
        envelope["event_id"] = eventId ?? "Ev" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        envelope["event"]!["text"] = text;
        envelope["event"]!["channel"] = "D" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        return envelope;
    }

    [Fact]
    public async Task Url_verification_is_answered_with_the_challenge()
    {
        var body = SlackFixtures.Text("url_verification.json");
        var response = await App.PostAsync("/slack/events", body, "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonNode.Parse(body)!["challenge"]!.GetValue<string>(), await response.Content.ReadAsStringAsync());
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task A_direct_message_is_answered_in_the_dm_with_blocks_and_a_fallback_text()
    {
        var dm = DirectMessage("what closes this month?");
        var channel = dm["event"]!["channel"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await App.EventAsync(dm)).StatusCode);

        var post = await Slack.WaitForAsync("chat.postMessage", c => c.Channel == channel);
        Assert.Equal("Bearer xoxb-test-token", post.Authorization);
        Assert.False(string.IsNullOrWhiteSpace(post.Json!["text"]!.GetValue<string>()));
        Assert.Contains("close", post.AllText, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(post.Json!["blocks"]!.AsArray());
        var dana = await App.QueryAsync(db => db.Reps.SingleAsync(r => r.Email == "dana.reyes@northwind.example"));
        var address = await App.QueryAsync(db => db.ChannelAddresses.SingleAsync(a => a.RepId == dana.Id && a.Channel == ChatChannels.Slack));
        Assert.Equal(channel, address.ConversationId);
    }

    [Fact]
    public async Task The_same_question_gets_the_same_facts_in_slack_and_the_web_chat()
    {
        var dm = DirectMessage("how am I tracking vs quota?");
        var channel = dm["event"]!["channel"]!.GetValue<string>();
        await App.EventAsync(dm);
        var slack = await Slack.WaitForAsync("chat.postMessage", c => c.Channel == channel);

        var web = App.CreateClient();
        web.DefaultRequestHeaders.Add(AeBot.WebChat.WebChatEndpoints.KeyHeader, SlackFixture.WebChatKey);
        var reply = await (await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(web, "/api/chat", new { @as = "dana.reyes@northwind.example", text = "how am I tracking vs quota?" }))
            .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(reply.GetProperty("summary").GetString()!.Replace("**", ""), slack.Json!["text"]!.GetValue<string>());
        var facts = reply.GetProperty("reply").GetProperty("blocks").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "facts")
            .SelectMany(b => b.GetProperty("facts").EnumerateArray()).ToList();
        Assert.NotEmpty(facts);
        foreach (var fact in facts)
            Assert.Contains(fact.GetProperty("value").GetString()!, slack.AllText);
    }

    [Fact]
    public async Task Each_answered_request_is_completed_at_once_so_a_crash_later_in_the_pass_cannot_answer_it_again()
    {
        static string Channel(JsonObject dm) => dm["event"]!["channel"]!.GetValue<string>();
        // The worker is busy with A; B and C arrive meanwhile, so its next pass takes both; C's answer is held.
        var a = DirectMessage("what closes this month?");
        var holdA = Slack.Hold("chat.postMessage", args => args?["channel"]?.GetValue<string>() == Channel(a));
        await App.EventAsync(a);
        await holdA.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
        // B and C from one person, so C starts only once B is answered (other people run side by side).
        var (b, c) = (DirectMessage("what closes this month?"), DirectMessage("how am I tracking vs quota?"));
        c["event"]!["channel"] = Channel(b);
        var holdC = Slack.Hold("chat.postMessage", args => args?["channel"]?.GetValue<string>() == Channel(c)
            && args?["text"]?.GetValue<string>().StartsWith("Attainment", StringComparison.Ordinal) == true);
        await App.EventAsync(b);
        await App.EventAsync(c);
        holdA.Released.SetResult();
        await holdC.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // While C is still being answered, B — answered earlier in the same pass — is already on record as done.
        var keyB = b["event_id"]!.GetValue<string>();
        Assert.NotNull(await App.QueryAsync(db => db.InboundQueue.Where(q => q.DeliveryKey == keyB).Select(q => q.ProcessedAt).SingleAsync()));
        holdC.Released.SetResult();
        await App.SettledAsync(c["event_id"]!.GetValue<string>());
    }

    // Occupies the worker with a held request, stores the given ones meanwhile (so its next pass takes them together),
    // then lets it go on. Returns the released gate's holder for reuse.
    private async Task OneBatchAsync(params JsonObject[] requests)
    {
        var busy = DirectMessage("what closes this month?");
        var hold = Slack.Hold("chat.postMessage", args => args?["channel"]?.GetValue<string>() == busy["event"]!["channel"]!.GetValue<string>());
        await App.EventAsync(busy);
        await hold.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
        foreach (var request in requests)
            await App.EventAsync(request);
        hold.Released.SetResult();
    }

    [Fact]
    public async Task A_slow_answer_holds_up_only_its_own_person()
    {
        var slow = DirectMessage("what closes this month?");
        var other = DirectMessage("how am I tracking vs quota?");
        other["event"]!["user"] = "UA8RXUSPL"; // another person (Lee): people are answered side by side
        var held = Slack.Hold("chat.postMessage", args => args?["channel"]?.GetValue<string>() == slow["event"]!["channel"]!.GetValue<string>());
        await OneBatchAsync(slow, other);
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // The other conversation, in the same pass, is answered while the slow one is still waiting on Slack.
        await Slack.WaitForAsync("chat.postMessage", c => c.Channel == other["event"]!["channel"]!.GetValue<string>(), TimeSpan.FromSeconds(30));
        held.Released.SetResult();
        await App.SettledAsync(slow["event_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Requests_of_one_person_are_answered_in_the_order_they_came()
    {
        var first = DirectMessage("what closes this month?");
        var second = DirectMessage("how am I tracking vs quota?");
        second["event"]!["channel"] = first["event"]!["channel"]!.DeepClone();
        var channel = first["event"]!["channel"]!.GetValue<string>();
        var held = Slack.Hold("chat.postMessage", args => args?["channel"]?.GetValue<string>() == channel);
        await OneBatchAsync(first, second);
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // While the first answer is held, the second of the same conversation has not started (it is still pending).
        var secondKey = second["event_id"]!.GetValue<string>();
        Assert.Null(await App.QueryAsync(db => db.InboundQueue.Where(q => q.DeliveryKey == secondKey).Select(q => q.ProcessedAt).SingleAsync()));
        Assert.Single(Slack.CallsTo("chat.postMessage"), c => c.Channel == channel); // only the held one
        held.Released.SetResult();
        await App.SettledAsync(secondKey);
        var posts = Slack.CallsTo("chat.postMessage").Where(c => c.Channel == channel && c.Status == 200).ToList();
        Assert.Equal(2, posts.Count);
        Assert.Contains("close", posts[0].AllText, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("quota", posts[1].AllText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_retried_event_is_processed_once()
    {
        var dm = DirectMessage("how am I tracking vs quota?");
        var channel = dm["event"]!["channel"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await App.EventAsync(dm)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.EventAsync(dm, new Dictionary<string, string> { ["X-Slack-Retry-Num"] = "1", ["X-Slack-Retry-Reason"] = "http_timeout" })).StatusCode);
        await Slack.WaitForAsync("chat.postMessage", c => c.Channel == channel);
        await App.SettledAsync(dm["event_id"]!.GetValue<string>()); // its one item done: every post it makes is in
        Assert.Single(Slack.CallsTo("chat.postMessage"), c => c.Channel == channel);
        Assert.Equal(1, await App.QueryAsync(db => db.InboundQueue.CountAsync(q => q.DeliveryKey == dm["event_id"]!.GetValue<string>())));
    }

    [Fact]
    public async Task The_bots_own_messages_edits_and_deletions_are_ignored()
    {
        var bot = SlackFixtures.Json("bot_message_event_callback.json");
        bot["event_id"] = "EvBOT" + Guid.NewGuid().ToString("N")[..6];
        var edit = DirectMessage("what closes this month?");
        edit["event"]!["subtype"] = "message_changed";
        var before = Slack.CallsTo("chat.postMessage").Count;
        Assert.Equal(HttpStatusCode.OK, (await App.EventAsync(bot)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.EventAsync(edit)).StatusCode);
        // Both are on record (a redelivery stays a no-op) but stored settled: no worker ever claims them.
        var keys = new[] { bot["event_id"]!.GetValue<string>(), edit["event_id"]!.GetValue<string>() };
        var rows = await App.QueryAsync(db => db.InboundQueue.Where(q => keys.Contains(q.DeliveryKey)).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal((r.ReceivedAt, 0), (r.ProcessedAt!.Value, r.Attempts)));
        // Settled when stored, with no attempt: no worker takes them, so nothing can ever be posted for them.
        Assert.Equal(before, Slack.CallsTo("chat.postMessage").Count);
        Assert.Equal(HttpStatusCode.OK, (await App.EventAsync(bot)).StatusCode); // Slack's retry of the echo
        Assert.Equal(2, await App.QueryAsync(db => db.InboundQueue.CountAsync(q => keys.Contains(q.DeliveryKey))));
    }

    [Theory]
    [InlineData("app_home_opened_event_callback.json", true)]
    [InlineData("app_mention_event_callback.json", true)]
    [InlineData("bot_message_event_callback.json", false)]
    [InlineData("member_joined_channel_event_callback.json", true)]
    [InlineData("message_im_event_callback.json", true)]
    public void The_front_door_and_the_worker_judge_an_event_alike(string fixture, bool needsTurn)
    {
        var text = SlackFixtures.Text(fixture);
        var envelope = SlackEnvelope.Read(Encoding.UTF8.GetBytes(text));
        var parsed = SlackFixtures.Json(fixture);
        Assert.NotNull(envelope);
        Assert.Equal(("event_callback", parsed["event_id"]!.GetValue<string>()), (envelope.Type, envelope.EventId));
        Assert.Equal(SlackEventSummary.From(parsed["event"]!.AsObject()), envelope.Event);
        Assert.Equal(needsTurn, envelope.Event!.NeedsTurn);
    }

    [Fact]
    public async Task Settled_requests_older_than_the_retention_are_pruned_and_pending_ones_never_are()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var inbox = scope.ServiceProvider.GetRequiredService<IInboundInbox>();
        var queue = scope.ServiceProvider.GetRequiredService<IInboundQueue>();
        var old = SlackApplication.Now - AeBot.Inbound.InboundEngine.Retention - TimeSpan.FromDays(1);
        var prefix = "EvOLD" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 3; i++)
            await inbox.EnqueueAsync(new InboundRequest(ChatChannels.Slack, "event", $"{prefix}{i}", "U1", "{}", old) { NeedsProcessing = false }, default);
        // Pending under a channel no handler takes, so the engine leaves it for this test to see.
        await inbox.EnqueueAsync(new InboundRequest("test", "test-pending", prefix + "P", "U1", "{}", old), default);

        Assert.Equal(3, await queue.PruneAsync(SlackApplication.Now - AeBot.Inbound.InboundEngine.Retention, 1000, default));
        var left = await App.QueryAsync(db => db.InboundQueue.Where(q => q.DeliveryKey.StartsWith(prefix)).Select(q => q.DeliveryKey).ToListAsync());
        Assert.Equal([prefix + "P"], left);
        Assert.Equal(0, await queue.PruneAsync(SlackApplication.Now - AeBot.Inbound.InboundEngine.Retention, 1000, default));
        await App.QueryAsync(db => db.InboundQueue.Where(q => q.DeliveryKey == prefix + "P").ExecuteDeleteAsync());
    }

    [Theory]
    [InlineData("/slack/events", "{\"type\":", "application/json")]
    [InlineData("/slack/events", "[1,2]", "application/json")]
    [InlineData("/slack/events", "{\"type\":\"event_callback\"}", "application/json")]
    [InlineData("/slack/events", "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":\"text\"}", "application/json")]
    [InlineData("/slack/events", "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"message\"}} trailing", "application/json")]
    [InlineData("/slack/events", "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"message\",}}", "application/json")]
    [InlineData("/slack/commands", "text=hi", "application/x-www-form-urlencoded")]
    [InlineData("/slack/interactivity", "payload=%7Bnot-json", "application/x-www-form-urlencoded")]
    [InlineData("/slack/interactivity", "nothing=here", "application/x-www-form-urlencoded")]
    public async Task Malformed_bodies_get_400_never_500(string path, string body, string contentType)
    {
        var response = await App.PostAsync(path, body, contentType);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Unsigned_or_wrongly_signed_requests_get_401_and_nothing_is_stored()
    {
        var before = await App.QueryAsync(db => db.InboundQueue.CountAsync());
        var dm = DirectMessage("what closes this month?").ToJsonString();
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.PostAsync("/slack/events", dm, "application/json", sign: false)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.PostAsync("/slack/events", dm, "application/json", signature: SlackApplication.Sign("wrong-secret", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), dm))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.PostAsync("/slack/events", dm, "application/json", timestamp: DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds())).StatusCode);
        Assert.Equal(before, await App.QueryAsync(db => db.InboundQueue.CountAsync()));
        Assert.Contains(App.Logs.Lines, l => l.Contains("Slack request to /slack/events refused") && !l.Contains("what closes"));
    }

    [Fact]
    public async Task The_slash_command_answers_through_its_response_url_and_empty_text_gives_help()
    {
        var form = System.Web.HttpUtility.ParseQueryString(SlackFixtures.Text("slash_command_signed_body.txt"));
        form["command"] = "/ae";
        form["text"] = "";
        form["trigger_id"] = Guid.NewGuid().ToString("N");
        form["response_url"] = Slack.ResponseUrl("help-" + form["trigger_id"]);
        var response = await App.PostAsync("/slack/commands", form.ToString()!, "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await Slack.WaitForAsync("commands/help-" + form["trigger_id"], _ => true);
        Assert.Contains("ephemeral", answer.RawBody);
        Assert.Contains("closes this month", answer.RawBody, StringComparison.OrdinalIgnoreCase); // help lists example questions
    }

    [Fact]
    public async Task A_button_press_runs_its_payload_through_the_core_for_the_user_who_pressed()
    {
        var payload = SlackFixtures.Json("block_actions_message_payload.json");
        payload["actions"]![0]!["value"] = "ask:what closes this month?";
        payload["actions"]![0]!["action_ts"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString();
        payload["channel"]!["id"] = "C" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var channel = payload["channel"]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await App.InteractAsync(payload)).StatusCode);
        var post = await Slack.WaitForAsync("chat.postMessage", c => c.Channel == channel);
        Assert.Contains("close", post.AllText, StringComparison.OrdinalIgnoreCase);
        var audit = await App.QueryAsync(db => db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync());
        var lee = await App.QueryAsync(db => db.Reps.SingleAsync(r => r.Email == "lee.chen@northwind.example"));
        Assert.Equal(lee.Id, audit.RepId);
    }

    [Fact]
    public async Task Rate_limited_by_slack_an_answer_waits_in_the_queue_as_asked_while_other_people_are_answered_and_the_turn_runs_once()
    {
        var limited = DirectMessage("what closes this month?");
        var other = DirectMessage("how am I tracking vs quota?");
        other["event"]!["user"] = "UA8RXUSPL"; // Lee, another person
        var limitedChannel = limited["event"]!["channel"]!.GetValue<string>();
        var audits = await App.QueryAsync(db => db.AuditEntries.CountAsync());
        Slack.Script("chat.postMessage", 429, "ratelimited", retryAfter: "10"); // the wait in the report that started #15
        await App.EventAsync(limited);
        await Slack.WaitForStatusAsync("chat.postMessage", 429);
        var key = limited["event_id"]!.GetValue<string>();
        await App.WaitForAsync(db => db.InboundQueue.AnyAsync(q => q.DeliveryKey == key && q.LastError != null && q.LastError.Contains("rate-limited")), "the deferral to be recorded");

        // Lee asks after the 429: answered at once — no worker is waiting out Dana's ten seconds.
        await App.EventAsync(other);
        await Slack.WaitForAsync("chat.postMessage", c => c.Channel == other["event"]!["channel"]!.GetValue<string>());
        var row = await App.QueryAsync(db => db.InboundQueue.Where(q => q.DeliveryKey == key).Select(q => new { q.ProcessedAt, q.NextAttemptAt, q.Answer, q.Attempts, q.LastError }).SingleAsync());
        Assert.Null(row.ProcessedAt); // still waiting, back in the queue (not on a worker), not counted as an attempt…
        Assert.Equal(0, row.Attempts);
        Assert.Contains("rate-limited", row.LastError);
        Assert.True(row.NextAttemptAt > DateTimeOffset.UtcNow); // …until the time Slack asked for
        Assert.NotNull(row.Answer); // with its answer kept

        await App.SettledAsync(key);
        Assert.Single(Slack.CallsTo("chat.postMessage"), c => c.Channel == limitedChannel && c.Status == 200);
        // Dana's turn ran once (its kept answer was delivered on the retry), Lee's once.
        Assert.Equal(audits + 2, await App.QueryAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task An_unknown_user_is_told_they_are_not_set_up_and_an_admin_links_them()
    {
        Slack.Users["UNEW0001"] = ("newbie@contoso.example", "New Person");
        var stranger = DirectMessage("what closes this month?");
        stranger["event"]!["user"] = "UNEW0001";
        var channel = stranger["event"]!["channel"]!.GetValue<string>();
        await App.EventAsync(stranger);
        var reply = await Slack.WaitForAsync("chat.postMessage", c => c.Channel == channel);
        Assert.Contains("couldn't match your Slack profile", reply.AllText);

        var link = DirectMessage("link <@UNEW0001> to felix.becker@northwind.example");
        link["event"]!["user"] = "UADMIN01";
        var adminChannel = link["event"]!["channel"]!.GetValue<string>();
        await App.EventAsync(link);
        var linked = await Slack.WaitForAsync("chat.postMessage", c => c.Channel == adminChannel);
        Assert.Contains("Linked <@UNEW0001> to Felix Becker", linked.AllText);

        var again = DirectMessage("help");
        again["event"]!["user"] = "UNEW0001";
        var againChannel = again["event"]!["channel"]!.GetValue<string>();
        await App.EventAsync(again);
        Assert.DoesNotContain("couldn't match", (await Slack.WaitForAsync("chat.postMessage", c => c.Channel == againChannel)).AllText);
    }
}

public sealed class SlackChannelTests(SlackFixture fixture) : IClassFixture<SlackFixture>
{
    private SlackApplication App => fixture.App;
    private FakeSlackApi Slack => fixture.Slack;

    [Fact]
    public async Task A_mention_in_a_channel_is_answered_in_its_thread_without_the_mention()
    {
        var mention = SlackFixtures.Json("app_mention_event_callback.json");
        mention["event_id"] = "EvMENTION" + Guid.NewGuid().ToString("N")[..6];
        mention["event"]!["text"] = "<@U0LAN0Z89> slipped deals for my team";
        mention["event"]!["channel"] = "C" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var channel = mention["event"]!["channel"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await App.EventAsync(mention)).StatusCode);
        var post = await Slack.WaitForAsync("chat.postMessage", c => c.Channel == channel);
        Assert.Equal("1515449522.000016", post.Json!["thread_ts"]!.GetValue<string>());
        var audit = await App.QueryAsync(db => db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal("slipped deals for my team", audit.Text);
    }

    [Fact]
    public async Task A_proactive_message_opens_the_dm_and_a_gone_user_marks_the_rep_unreachable()
    {
        var priya = await App.QueryAsync(db => db.Reps.SingleAsync(r => r.Name == "Priya Patel"));
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AeBot.Core.Channels.IChannelAddressBook>().SaveAsync(
                new AeBot.Core.Channels.ChannelAddress(priya.Id, ChatChannels.Slack, "T061EG9R6", "UPRIYA01", null, null, null, SlackApplication.Now), default);
            await scope.ServiceProvider.GetRequiredService<AeBot.Core.Handoff.IProactiveMessenger>().SendAsync(
                new AeBot.Core.Handoff.ProactiveMessage(priya.Id, "test", new Reply([new TextBlock("Globex renews in 30 days")]) { Summary = "Globex renews in 30 days" }), default);
            Assert.Equal(1, (await scope.ServiceProvider.GetRequiredService<AeBot.Data.Channels.OutboxDelivery>().DeliverDueAsync(100, default)).Sent);
        }
        Assert.Contains(Slack.CallsTo("conversations.open"), c => c.Json!["users"]!.GetValue<string>() == "UPRIYA01");
        await Slack.WaitForAsync("chat.postMessage", c => c.Channel == "DPRIYA01" && c.AllText.Contains("Globex renews"));
        Assert.Equal("DPRIYA01", await App.QueryAsync(db => db.ChannelAddresses.Where(a => a.RepId == priya.Id && a.Channel == ChatChannels.Slack).Select(a => a.ConversationId).SingleAsync()));

        Slack.Script("chat.postMessage", 200, "channel_not_found");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AeBot.Core.Handoff.IProactiveMessenger>().SendAsync(
                new AeBot.Core.Handoff.ProactiveMessage(priya.Id, "test", new Reply([new TextBlock("Second notice")]) { Summary = "Second notice" }), default);
            Assert.Equal(1, (await scope.ServiceProvider.GetRequiredService<AeBot.Data.Channels.OutboxDelivery>().DeliverDueAsync(100, default)).Failed);
        }
        var address = await App.QueryAsync(db => db.ChannelAddresses.SingleAsync(a => a.RepId == priya.Id && a.Channel == ChatChannels.Slack));
        Assert.NotNull(address.UnreachableSince);
        Assert.Contains("channel_not_found", address.UnreachableReason);
    }

    [Fact]
    public async Task Opening_the_app_home_publishes_the_reps_day_and_a_managers_team_view()
    {
        var opened = SlackFixtures.Json("app_home_opened_event_callback.json");
        opened["event_id"] = "EvHOME" + Guid.NewGuid().ToString("N")[..6];
        opened["team_id"] = "T061EG9R6";
        opened["event"]!["user"] = SlackFixture.DanaSlackId;
        Assert.Equal(HttpStatusCode.OK, (await App.EventAsync(opened)).StatusCode);
        var published = await Slack.WaitForAsync("views.publish", c => c.Json!["user_id"]!.GetValue<string>() == SlackFixture.DanaSlackId);
        var view = published.Json!["view"]!;
        Assert.Equal("home", view["type"]!.GetValue<string>());
        var blocks = view["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 3, SlackHome.MaxHomeBlocks);
        Assert.Contains("Dana's day", published.AllText);
        Assert.Contains("quota", published.AllText, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("act:fu.done:", published.AllText); // due follow-ups come with their buttons
        var ids = blocks.SelectMany(b => (b!["elements"] as JsonArray)?.Select(e => e!["action_id"]?.GetValue<string>()) ?? []).Where(i => i is not null).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());

        opened["event_id"] = "EvHOME" + Guid.NewGuid().ToString("N")[..6];
        opened["event"]!["user"] = "U061F7AUR"; // Marcus, a manager
        await App.EventAsync(opened);
        var team = await Slack.WaitForAsync("views.publish", c => c.Json!["user_id"]!.GetValue<string>() == "U061F7AUR");
        Assert.Contains("team", team.AllText, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Marcus's day", team.AllText);
    }

    [Fact]
    public async Task Added_to_a_channel_the_bot_introduces_itself_and_people_joining_get_nothing()
    {
        var joined = SlackFixtures.Json("member_joined_channel_event_callback.json");
        joined["event_id"] = "EvJOIN" + Guid.NewGuid().ToString("N")[..6];
        joined["event"]!["user"] = FakeSlackApi.BotUserId;
        joined["event"]!["channel"] = "CJOIN" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var channel = joined["event"]!["channel"]!.GetValue<string>();
        await App.EventAsync(joined);
        Assert.Contains("@mention me", (await Slack.WaitForAsync("chat.postMessage", c => c.Channel == channel)).AllText);

        var person = SlackFixtures.Json("member_joined_channel_event_callback.json");
        person["event_id"] = "EvJOIN" + Guid.NewGuid().ToString("N")[..6];
        person["event"]!["channel"] = "CPERSON" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        await App.EventAsync(person);
        await App.SettledAsync(person["event_id"]!.GetValue<string>()); // processed (or failed): no post can follow
        Assert.DoesNotContain(Slack.CallsTo("chat.postMessage"), c => c.Channel == person["event"]!["channel"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_chart_answer_uploads_the_picture_into_the_conversation()
    {
        var dm = SlackFixtures.Json("message_im_event_callback.json");
        dm["event_id"] = "EvCHART" + Guid.NewGuid().ToString("N")[..6];
        dm["event"]!["user"] = "U061F7AUR"; // Marcus: the team rollup comes with a chart
        dm["event"]!["text"] = "team pipeline by rep this quarter";
        dm["event"]!["channel"] = "DCHART" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var channel = dm["event"]!["channel"]!.GetValue<string>();
        await App.EventAsync(dm);
        var complete = await Slack.WaitForAsync("files.completeUploadExternal", c => c.Json!["channel_id"]!.GetValue<string>() == channel);
        Assert.NotNull(complete.Json!["thread_ts"]);
        var getUrl = Slack.CallsTo("files.getUploadURLExternal").Last();
        Assert.Contains("filename=chart.png", getUrl.RawBody);
        Assert.Contains(Slack.Calls, c => c.Method.StartsWith("upload/", StringComparison.Ordinal) && c.Authorization == "" && c.RawBody.Length > 1000);
    }

    [Fact]
    public void The_pacer_lets_one_message_a_second_into_a_channel()
    {
        using var pacer = new SlackPacer();
        Assert.True(pacer.TryPostNow("D1"));
        Assert.False(pacer.TryPostNow("D1"));
        Assert.True(pacer.TryPostNow("D2"));
    }

    [Fact]
    public void The_pacer_keeps_a_workspace_under_its_budget_so_a_bulk_run_drains_instead_of_meeting_429s()
    {
        using var pacer = new SlackPacer();
        for (var i = 0; i < 50; i++)
            Assert.True(pacer.TryWorkspaceNow("T1"), $"post {i + 1} of the burst");
        Assert.False(pacer.TryWorkspaceNow("T1"), "the 51st post in the same instant waits (then 5 a second: 300 a minute)");
        Assert.True(pacer.TryWorkspaceNow("T2"), "another workspace has its own budget");
    }
}

public sealed class SlackConfigurationTests
{
    [Fact]
    public void A_bot_token_without_a_signing_secret_stops_start_up()
    {
        var logs = new AeBot.Tests.Teams.RecordingLoggerProvider();
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("Storage:SqlitePath", Path.Combine(Path.GetTempPath(), $"aebot-slack-nosecret-{Guid.NewGuid():N}.db"))
            .UseSetting("Slack:BotToken", "xoxb-123")
            .ConfigureLogging(l => l.AddProvider(logs)));
        // The server stops before it serves; the real executable's exit 4 and its one line: CliTests.
        Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains(logs.Lines, l => l.Contains("Configuration problem: Slack:SigningSecret is required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_slack_configured_its_endpoints_are_absent()
    {
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("Storage:SqlitePath", Path.Combine(Path.GetTempPath(), $"aebot-noslack-{Guid.NewGuid():N}.db"))
            .UseSetting("Demo:Seed", "false"));
        var response = await app.CreateClient().PostAsync("/slack/events", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
