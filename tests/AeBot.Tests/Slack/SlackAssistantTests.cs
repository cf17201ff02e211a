using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AeBot.Tests.Slack;

/// <summary>
/// Slack's assistant threads through the real pipeline: signed events in, the fake Slack's recorded calls out
/// (events as docs.slack.dev/reference/events/assistant_thread_started, …/assistant_thread_context_changed,
/// …/app_context_changed and …/message.im show them).
/// </summary>
public sealed partial class SlackAssistantTests(SlackFixture fixture) : IClassFixture<SlackFixture>
{
    private const string Marcus = "U061F7AUR"; // a sales manager in the demo company
    private SlackApplication App => fixture.App;
    private FakeSlackApi Slack => fixture.Slack;

    private static string NewChannel() => "D" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private static string NewEventId() => "Ev" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    internal static JsonObject ThreadStarted(string user, string channel, string threadTs, string eventId) => new()
    {
        ["token"] = "XXYYZZ",
        ["team_id"] = "T061EG9R6",
        ["api_app_id"] = "A0PNCHHK2",
        ["event"] = new JsonObject
        {
            ["type"] = "assistant_thread_started",
            ["assistant_thread"] = new JsonObject
            {
                ["user_id"] = user,
                ["context"] = new JsonObject { ["channel_id"] = "C123ABC456", ["team_id"] = "T061EG9R6", ["enterprise_id"] = null },
                ["channel_id"] = channel,
                ["thread_ts"] = threadTs,
            },
            ["event_ts"] = "1715873754.429808",
        },
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1715873754,
    };

    internal static JsonObject ThreadMessage(string user, string channel, string threadTs, string text, string eventId) => new()
    {
        ["token"] = "XXYYZZ",
        ["team_id"] = "T061EG9R6",
        ["api_app_id"] = "A0PNCHHK2",
        ["event"] = new JsonObject
        {
            ["type"] = "message",
            ["channel"] = channel,
            ["user"] = user,
            ["text"] = text,
            ["ts"] = $"{1729999400 + Random.Shared.Next(1000)}.{Random.Shared.Next(100000, 999999)}",
            ["thread_ts"] = threadTs,
            ["event_ts"] = "1729999400.000100",
            ["channel_type"] = "im",
        },
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1729999400,
    };

    private async Task<JsonArray> PromptsFor(string user)
    {
        var channel = NewChannel();
        Assert.Equal(HttpStatusCode.OK, (await App.EventAsync(ThreadStarted(user, channel, "1729999327.187299", NewEventId()))).StatusCode);
        var call = await Slack.WaitForOkAsync("assistant.threads.setSuggestedPrompts", c => c.Json?["channel_id"]?.GetValue<string>() == channel);
        Assert.Equal("1729999327.187299", call.Json!["thread_ts"]!.GetValue<string>());
        return call.Json["prompts"]!.AsArray();
    }

    private static List<string> Messages(JsonArray prompts) => prompts.Select(p => p!["message"]!.GetValue<string>()).ToList();

    private async Task<JsonElement> WebChatAsync(string email, string text)
    {
        var web = App.CreateClient();
        web.DefaultRequestHeaders.Add(AeBot.WebChat.WebChatEndpoints.KeyHeader, SlackFixture.WebChatKey);
        var response = await web.PostAsJsonAsync("/api/chat", new { @as = email, text });
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_rep_opening_an_assistant_thread_gets_up_to_four_prompts_about_their_own_numbers()
    {
        var prompts = await PromptsFor(SlackFixture.DanaSlackId);
        Assert.InRange(prompts.Count, 1, 4);
        var messages = Messages(prompts);
        Assert.Contains("what closes this month?", messages);
        Assert.Contains("how am I tracking vs quota?", messages);
        Assert.DoesNotContain(messages, m => m.Contains("team", StringComparison.OrdinalIgnoreCase));
        Assert.All(prompts, p => Assert.False(string.IsNullOrWhiteSpace(p!["title"]!.GetValue<string>())));
    }

    [Fact]
    public async Task A_manager_opening_an_assistant_thread_gets_team_prompts()
    {
        var messages = Messages(await PromptsFor(Marcus));
        Assert.InRange(messages.Count, 1, 4);
        Assert.Contains("team rollup this quarter", messages);
        Assert.DoesNotContain("what closes this month?", messages);
    }

    private static JsonObject MessagesTabOpened(string user, string channel, string eventId) => new()
    {
        ["token"] = "one-long-verification-token",
        ["team_id"] = "T061EG9R6",
        ["api_app_id"] = "A0PNCHHK2",
        // docs.slack.dev/reference/events/app_home_opened; tab "messages" is how agent_view apps learn the DM was
        // opened (docs.slack.dev/ai/migrating-to-agent-messaging).
        ["event"] = new JsonObject { ["type"] = "app_home_opened", ["user"] = user, ["channel"] = channel, ["tab"] = "messages", ["event_ts"] = "1729999327.187299" },
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1729999327,
    };

    [Fact]
    public async Task With_agent_view_opening_the_messages_tab_sets_the_persons_prompts_for_the_dm_without_a_thread()
    {
        var channel = NewChannel();
        Assert.Equal(HttpStatusCode.OK, (await App.EventAsync(MessagesTabOpened(Marcus, channel, NewEventId()))).StatusCode);
        var call = await Slack.WaitForOkAsync("assistant.threads.setSuggestedPrompts", c => c.Json?["channel_id"]?.GetValue<string>() == channel);
        Assert.Null(call.Json!["thread_ts"]); // an agent app's call with thread_ts silently fails
        Assert.Contains("team rollup this quarter", Messages(call.Json["prompts"]!.AsArray()));
        Assert.DoesNotContain(Slack.CallsTo("views.publish"), c => c.Json?["user_id"]?.GetValue<string>() == Marcus && c.RawBody.Contains(channel));

        // Someone AeBot does not know: nothing (they are told when they write), and no 5xx.
        var (stranger, strangersDm) = (NewEventId(), NewChannel());
        Assert.Equal(HttpStatusCode.OK, (await App.EventAsync(MessagesTabOpened("UNOBODY01", strangersDm, stranger))).StatusCode);
        await App.SettledAsync(stranger);
        Assert.DoesNotContain(Slack.Calls, c => c.Json?["channel_id"]?.GetValue<string>() == strangersDm || c.Json?["channel"]?.GetValue<string>() == strangersDm);
    }

    [Theory]
    [InlineData(SlackFixture.DanaSlackId, "dana.reyes@northwind.example")]
    [InlineData(Marcus, "marcus.johnson@northwind.example")]
    public async Task The_day_prompt_is_offered_exactly_when_my_day_has_follow_ups_due_or_overdue(string user, string email)
    {
        var messages = Messages(await PromptsFor(user));
        // The same person's "my day", answered by the core (the web chat), says whether anything is due today or late.
        var summary = (await WebChatAsync(email, "my day")).GetProperty("summary").GetString()!;
        var counts = MyDaySummary().Match(summary);
        Assert.True(counts.Success, summary);
        var due = int.Parse(counts.Groups["overdue"].Value) + int.Parse(counts.Groups["today"].Value) > 0;
        Assert.Equal(due, messages.Contains("what's on my plate today?"));
    }

    [Theory]
    [InlineData(SlackFixture.DanaSlackId, "dana.reyes@northwind.example")]
    [InlineData(Marcus, "marcus.johnson@northwind.example")]
    public async Task Every_prompt_is_a_question_AeBot_answers_for_that_person(string user, string email)
    {
        foreach (var message in Messages(await PromptsFor(user)))
        {
            var summary = (await WebChatAsync(email, message)).GetProperty("summary").GetString()!;
            Assert.DoesNotContain("Not understood", summary);
            Assert.DoesNotContain("can't show", summary, StringComparison.OrdinalIgnoreCase);
            Assert.NotEqual("Help: what AeBot can do", summary);
        }
    }

    [Fact]
    public async Task Someone_AeBot_does_not_know_gets_the_not_set_up_message_in_the_thread_and_no_prompts()
    {
        var channel = NewChannel();
        var eventId = NewEventId();
        await App.EventAsync(ThreadStarted("UNOBODY01", channel, "1729999327.187299", eventId));
        var post = await Slack.WaitForOkAsync("chat.postMessage", c => c.Channel == channel);
        Assert.Contains("couldn't match your Slack profile", post.AllText);
        Assert.Equal("1729999327.187299", post.Json!["thread_ts"]!.GetValue<string>());
        await App.SettledAsync(eventId);
        Assert.DoesNotContain(Slack.CallsTo("assistant.threads.setSuggestedPrompts"), c => c.Json?["channel_id"]?.GetValue<string>() == channel);
    }

    [Fact]
    public async Task A_question_in_an_assistant_thread_shows_thinking_first_and_is_answered_in_the_thread_titled_by_the_first_question()
    {
        var channel = NewChannel();
        const string thread = "1729999327.187299";
        var first = NewEventId();
        await App.EventAsync(ThreadMessage(SlackFixture.DanaSlackId, channel, thread, "  what closes\nthis month?  ", first));
        var answer = await Slack.WaitForOkAsync("chat.postMessage", c => c.Channel == channel);
        Assert.Equal(thread, answer.Json!["thread_ts"]!.GetValue<string>());
        Assert.Contains("close", answer.AllText, StringComparison.OrdinalIgnoreCase);

        var status = await Slack.WaitForOkAsync("assistant.threads.setStatus", c => c.Json?["channel_id"]?.GetValue<string>() == channel);
        Assert.Equal(thread, status.Json!["thread_ts"]!.GetValue<string>());
        Assert.Contains("thinking", status.Json!["status"]!.GetValue<string>());
        var calls = Slack.Calls.ToList();
        Assert.True(calls.IndexOf(status) < calls.IndexOf(answer), "the status is set before the answer is posted");
        var title = await Slack.WaitForOkAsync("assistant.threads.setTitle", c => c.Json?["channel_id"]?.GetValue<string>() == channel);
        Assert.Equal("what closes this month?", title.Json!["title"]!.GetValue<string>());

        // A follow-up in the same thread gets its status but leaves the title alone.
        var second = NewEventId();
        await App.EventAsync(ThreadMessage(SlackFixture.DanaSlackId, channel, thread, "and last quarter?", second));
        await App.SettledAsync(second);
        Assert.Equal(2, Slack.CallsTo("assistant.threads.setStatus").Count(c => c.Json?["channel_id"]?.GetValue<string>() == channel && c.Ok));
        Assert.Equal(2, Slack.CallsTo("chat.postMessage").Count(c => c.Channel == channel && c.Ok));
        Assert.Single(Slack.CallsTo("assistant.threads.setTitle"), c => c.Json?["channel_id"]?.GetValue<string>() == channel);
    }

    [Fact]
    public async Task A_thai_question_in_an_assistant_thread_shows_thinking_in_thai_and_is_answered_in_thai()
    {
        var channel = NewChannel();
        const string thread = "1729999328.187300";
        var eventId = NewEventId();
        await App.EventAsync(ThreadMessage(Marcus, channel, thread, "ไปป์ไลน์ของทีมไตรมาสนี้", eventId));
        var answer = await Slack.WaitForOkAsync("chat.postMessage", c => c.Channel == channel);
        await App.SettledAsync(eventId);

        // The status is in the language of the answer that follows it (Slack shows "AeBot กำลังคิด…").
        var status = await Slack.WaitForOkAsync("assistant.threads.setStatus", c => c.Json?["channel_id"]?.GetValue<string>() == channel);
        Assert.Equal("กำลังคิด…", status.Json!["status"]!.GetValue<string>());
        Assert.Contains("ไตรมาส", answer.AllText);
    }

    [Theory]
    [InlineData("assistant_thread_context_changed")]
    [InlineData("app_context_changed")]
    public async Task A_context_change_is_acknowledged_and_stored_without_a_turn(string type)
    {
        var channel = NewChannel();
        var eventId = NewEventId();
        var e = type == "app_context_changed"
            // docs.slack.dev/reference/events/app_context_changed (agent_view)
            ? new JsonObject
            {
                ["type"] = type, ["user"] = SlackFixture.DanaSlackId, ["channel"] = channel, ["event_ts"] = "1729999500.000100",
                ["context"] = new JsonObject { ["entities"] = new JsonArray(new JsonObject { ["type"] = "slack#/types/channel_id", ["value"] = "C01234ABDCE", ["team_id"] = "T061EG9R6" }) },
            }
            // docs.slack.dev/reference/events/assistant_thread_context_changed
            : ThreadStarted(SlackFixture.DanaSlackId, channel, "1729999327.187299", eventId)["event"]!.DeepClone().AsObject();
        e["type"] = type;
        var envelope = new JsonObject { ["team_id"] = "T061EG9R6", ["api_app_id"] = "A0PNCHHK2", ["event"] = e, ["type"] = "event_callback", ["event_id"] = eventId, ["event_time"] = 1729999500 };

        Assert.Equal(HttpStatusCode.OK, (await App.EventAsync(envelope)).StatusCode);
        await App.SettledAsync(eventId);
        Assert.DoesNotContain(Slack.Calls, c => c.AllText.Contains(channel, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"(?<overdue>\d+) overdue, (?<today>\d+) due today")]
    private static partial Regex MyDaySummary();
}

/// <summary>An install whose token lacks assistant:write (say, a manifest edited by hand): the threads still get answers.</summary>
public sealed class SlackAssistantWithoutScopeTests
{
    [Fact]
    public async Task Without_assistant_write_the_title_and_prompts_are_refused_but_the_question_is_still_answered()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        slack.Users[SlackFixture.DanaSlackId] = ("dana.reyes@northwind.example", "Dana Reyes");
        slack.Scopes = FakeSlackApi.ManifestBotScopes().Where(s => s != "assistant:write").ToHashSet();
        using var app = new SlackApplication(slack);
        const string channel = "DNOSCOPE1";
        const string thread = "1729999327.187299";

        await app.EventAsync(SlackAssistantTests.ThreadStarted(SlackFixture.DanaSlackId, channel, thread, "EvNOSCOPE01"));
        await app.SettledAsync("EvNOSCOPE01");
        var prompts = Assert.Single(slack.CallsTo("assistant.threads.setSuggestedPrompts"));
        Assert.Equal("missing_scope", prompts.Error);

        await app.EventAsync(SlackAssistantTests.ThreadMessage(SlackFixture.DanaSlackId, channel, thread, "what closes this month?", "EvNOSCOPE02"));
        var answer = await slack.WaitForOkAsync("chat.postMessage", c => c.Channel == channel);
        Assert.Equal(thread, answer.Json!["thread_ts"]!.GetValue<string>());
        Assert.True(slack.CallsTo("assistant.threads.setStatus").Single().Ok, "setStatus takes chat:write as well");
        Assert.Equal("missing_scope", slack.CallsTo("assistant.threads.setTitle").Single().Error);
    }
}
