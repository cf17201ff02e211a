using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AeBot.Core.Conversation;
using AeBot.Core.Text;
using AeBot.Slack.Api;
using AeBot.Slack.Blocks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace AeBot.Tests.Slack;

/// <summary>
/// A Slack user whose Slack is in Thai is answered in Thai: the locale comes from users.info asked with
/// include_locale=true — once per person per cache period, never per message — and reaches the core as the
/// message's locale; Slack's own words in AeBot's messages and forms follow the reply's language.
/// </summary>
public sealed partial class SlackThaiTests : IAsyncLifetime
{
    private const string ThaiUser = "UTHAI0001"; // Dana, with Slack set to Thai
    private const string Team = "T061EG9R6";
    private FakeSlackApi _slack = null!;
    private SlackApplication _app = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _slack.Users[ThaiUser] = ("dana.reyes@northwind.example", "Dana Reyes");
        _slack.Locales[ThaiUser] = "th-TH";
        _app = new SlackApplication(_slack);
        _ = _app.Server;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private static JsonObject DirectMessage(string user, string text, string channel)
    {
        var envelope = SlackFixtures.Json("message_im_event_callback.json");
        envelope["event_id"] = "Ev" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        envelope["event"]!["user"] = user;
        envelope["event"]!["text"] = text;
        envelope["event"]!["channel"] = channel;
        return envelope;
    }

    [Fact]
    public async Task A_user_whose_slack_is_in_thai_gets_thai_replies_from_one_users_info_per_cache_period()
    {
        var channel = "DTH" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        await _app.EventAsync(DirectMessage(ThaiUser, "help", channel));
        var help = await _slack.WaitForAsync("chat.postMessage", c => c.Channel == channel);
        await _app.EventAsync(DirectMessage(ThaiUser, "stale deals", channel));
        await _slack.WaitForAsync("chat.postMessage", c => c.Channel == channel && c != help);

        var shown = string.Join("\n", Shown(help.Json!));
        Assert.Contains("สวัสดีคุณ Dana", shown);
        Assert.Empty(EnglishWords(shown, "Dana", "AeBot", "Acme", "Lee", "Bob", "Negotiation"));
        var lookups = _slack.CallsTo("users.info").Where(c => c.Json!["user"]!.GetValue<string>() == ThaiUser).ToList();
        var lookup = Assert.Single(lookups); // two messages, one users.info
        Assert.Equal("true", lookup.Json!["include_locale"]!.GetValue<string>());
        var dana = await _app.QueryAsync(db => db.Reps.SingleAsync(r => r.Email == "dana.reyes@northwind.example"));
        Assert.Equal("th-TH", dana.Locale); // remembered for nudges and digests
        Assert.Null(dana.Language); // a locale, not a choice: "reply in English" still wins
    }

    [Fact]
    public async Task Added_to_a_channel_by_someone_whose_slack_is_in_thai_the_bot_says_hello_in_thai()
    {
        var joined = SlackFixtures.Json("member_joined_channel_event_callback.json");
        joined["event_id"] = "EvJOIN" + Guid.NewGuid().ToString("N")[..6];
        joined["event"]!["user"] = FakeSlackApi.BotUserId;
        joined["event"]!["inviter"] = ThaiUser;
        var channel = "CJOINTH" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        joined["event"]!["channel"] = channel;

        await _app.EventAsync(joined);

        var hello = (await _slack.WaitForAsync("chat.postMessage", c => c.Channel == channel)).Json!["text"]!.GetValue<string>();
        Assert.Contains("ฉันคือ", hello);
        // Only the commands quoted to type and the product's name are Latin.
        Assert.Empty(EnglishWords(System.Text.RegularExpressions.Regex.Replace(hello, "`[^`]*`", ""), "AeBot", "mention"));
    }

    [Fact]
    public async Task After_the_cache_period_users_info_is_asked_again()
    {
        var channel = "DTH" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await _app.EventAsync(DirectMessage(ThaiUser, "help", channel));
        var first = await _slack.WaitForAsync("chat.postMessage", c => c.Channel == channel);

        // Ten minutes later (the cache entry gone), the next message reads the person again.
        ((MemoryCache)_app.Services.GetService(typeof(IMemoryCache))!).Compact(1.0);
        await _app.EventAsync(DirectMessage(ThaiUser, "help", channel));
        await _slack.WaitForAsync("chat.postMessage", c => c.Channel == channel && c != first);

        Assert.Equal(2, _slack.CallsTo("users.info").Count(c => c.Json!["user"]!.GetValue<string>() == ThaiUser));
    }

    [Fact]
    public async Task The_fake_like_slack_shows_a_locale_only_to_a_caller_asking_for_it()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_slack.ApiUrl) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "xoxb-test-token");

        var without = (await http.GetFromJsonAsync<JsonObject>($"users.info?user={ThaiUser}"))!;
        var with = (await http.GetFromJsonAsync<JsonObject>($"users.info?user={ThaiUser}&include_locale=true"))!;

        Assert.True(without["ok"]!.GetValue<bool>());
        Assert.Null(without["user"]!["locale"]);
        Assert.Equal("th-TH", with["user"]!["locale"]!.GetValue<string>());
        _slack.Users["UENGLISH1"] = ("lee.chen@northwind.example", "Lee Chen");
        Assert.Equal("en-US", (await http.GetFromJsonAsync<JsonObject>("users.info?user=UENGLISH1&include_locale=true"))!["user"]!["locale"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_log_form_opens_in_thai_and_its_field_errors_come_back_in_thai()
    {
        var trigger = "trig-" + Guid.NewGuid().ToString("N");
        var shortcut = new JsonObject { ["type"] = "shortcut", ["callback_id"] = "log_interaction", ["trigger_id"] = trigger, ["user"] = new JsonObject { ["id"] = ThaiUser }, ["team"] = new JsonObject { ["id"] = Team } };
        Assert.Equal(HttpStatusCode.OK, (await _app.InteractAsync(shortcut)).StatusCode);
        var view = Assert.Single(_slack.CallsTo("views.open"), c => c.Json!["trigger_id"]!.GetValue<string>() == trigger).Json!["view"]!.AsObject();

        Assert.Equal("บันทึกการติดต่อ", view["title"]!["text"]!.GetValue<string>());
        Assert.Equal("th", view["private_metadata"]!.GetValue<string>());
        Assert.Empty(EnglishWords(string.Join("\n", Labels(view)), "Acme"));
        Assert.Equal(["call", "meeting", "email", "note"], view["blocks"]![0]!["element"]!["options"]!.AsArray().Select(o => o!["value"]!.GetValue<string>()));

        var submission = SlackFixtures.Json("view_submission_payload.json");
        submission["user"]!["id"] = ThaiUser;
        submission["view"]!["callback_id"] = "log_interaction";
        submission["view"]!["private_metadata"] = "th";
        submission["view"]!["state"] = new JsonObject { ["values"] = new JsonObject() };
        var body = JsonNode.Parse(await (await _app.InteractAsync(submission)).Content.ReadAsStringAsync())!;
        Assert.Equal("คุยกับลูกค้ารายไหน?", body["errors"]!["account"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stranger_whose_slack_is_in_thai_is_told_in_thai_in_the_dm_the_app_home_and_an_assistant_thread()
    {
        const string stranger = "USTRANGTH1";
        _slack.Users[stranger] = ("somchai@contoso.example", "Somchai"); // no rep has this e-mail
        _slack.Locales[stranger] = "th-TH";
        var channel = "DTH" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await _app.EventAsync(DirectMessage(stranger, "what closes this month?", channel));
        var dm = await _slack.WaitForAsync("chat.postMessage", c => c.Channel == channel);

        var opened = SlackFixtures.Json("app_home_opened_event_callback.json");
        opened["event_id"] = "EvHOMETH" + Guid.NewGuid().ToString("N")[..6];
        opened["team_id"] = Team;
        opened["event"]!["user"] = stranger;
        await _app.EventAsync(opened);
        var home = await _slack.WaitForAsync("views.publish", c => c.Json!["user_id"]!.GetValue<string>() == stranger);

        var threadChannel = "DTH" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await _app.EventAsync(SlackAssistantTests.ThreadStarted(stranger, threadChannel, "1729999327.187299", "EvTH" + Guid.NewGuid().ToString("N")[..10]));
        var thread = await _slack.WaitForAsync("chat.postMessage", c => c.Channel == threadChannel);

        foreach (var shown in new[] { string.Join("\n", Shown(dm.Json!)), string.Join("\n", Shown(home.Json!["view"]!)), string.Join("\n", Shown(thread.Json!)) })
        {
            Assert.Contains("ฉันยังจับคู่อีเมลในโปรไฟล์ Slack ของคุณกับเซลส์ใน AeBot ไม่ได้", shown);
            Assert.Empty(Teams.TeamsThaiTests.EnglishWords(shown));
        }
    }

    [Fact]
    public async Task A_stranger_writing_thai_is_told_in_thai_and_one_writing_english_in_english_slack_as_before()
    {
        const string stranger = "USTRANGEN1";
        _slack.Users[stranger] = ("niran@contoso.example", "Niran"); // Slack in English (the fake's default)
        var thaiChannel = "DTH" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var englishChannel = "DEN" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        await _app.EventAsync(DirectMessage(stranger, "ไปป์ไลน์เดือนนี้มีเท่าไหร่", thaiChannel));
        var thai = string.Join("\n", Shown((await _slack.WaitForAsync("chat.postMessage", c => c.Channel == thaiChannel)).Json!));
        await _app.EventAsync(DirectMessage(stranger, "what closes this month?", englishChannel));
        var english = string.Join("\n", Shown((await _slack.WaitForAsync("chat.postMessage", c => c.Channel == englishChannel)).Json!));

        Assert.Contains("ฉันยังจับคู่อีเมลในโปรไฟล์ Slack ของคุณกับเซลส์ใน AeBot ไม่ได้", thai);
        Assert.Empty(Teams.TeamsThaiTests.EnglishWords(thai));
        Assert.Contains("I couldn't match your Slack profile e-mail to a rep in AeBot yet", english);
    }

    [Fact]
    public async Task An_admin_whose_slack_is_in_thai_links_in_thai_and_a_rep_is_refused_in_thai()
    {
        const string admin = "UADMINTH1";
        _slack.Users[admin] = ("alex.morgan@northwind.example", "Alex Morgan");
        _slack.Locales[admin] = "th-TH";
        var adminChannel = "DTH" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var refusedChannel = "DTH" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        await _app.EventAsync(DirectMessage(admin, "link <@UNEWTH01> to omar.haddad@northwind.example", adminChannel));
        var linked = await _slack.WaitForAsync("chat.postMessage", c => c.Channel == adminChannel);
        await _app.EventAsync(DirectMessage(ThaiUser, "link <@UNEWTH02> to lee.chen@northwind.example", refusedChannel));
        var refused = await _slack.WaitForAsync("chat.postMessage", c => c.Channel == refusedChannel);

        Assert.Equal("เชื่อม <@UNEWTH01> กับ Omar Haddad (omar.haddad@northwind.example) แล้ว ตอนนี้ส่งข้อความหาฉันได้เลย", linked.Json!["text"]!.GetValue<string>());
        Assert.Equal("เฉพาะผู้ดูแลระบบ AeBot เท่านั้นที่เชื่อมผู้ใช้ Slack กับเซลส์ได้", refused.Json!["text"]!.GetValue<string>());
        Assert.Empty(Teams.TeamsThaiTests.EnglishWords(linked.Json!["text"]!.GetValue<string>(), "<@UNEWTH01>", "Omar Haddad", "omar.haddad@northwind.example"));
        Assert.Empty(Teams.TeamsThaiTests.EnglishWords(refused.Json!["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_rep_whose_slack_is_in_thai_gets_thai_suggested_prompts_that_are_answered_in_thai()
    {
        var channel = "DTH" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await _app.EventAsync(SlackAssistantTests.ThreadStarted(ThaiUser, channel, "1729999327.187299", "EvTH" + Guid.NewGuid().ToString("N")[..10]));
        var call = await _slack.WaitForOkAsync("assistant.threads.setSuggestedPrompts", c => c.Json?["channel_id"]?.GetValue<string>() == channel);

        Assert.Equal("ลองถามดูสิ", call.Json!["title"]!.GetValue<string>());
        var prompts = call.Json["prompts"]!.AsArray();
        Assert.InRange(prompts.Count, 1, 4);
        Assert.Contains(prompts, p => p!["message"]!.GetValue<string>() == "เดือนนี้มีดีลไหนจะปิดบ้าง");
        var names = await DataNamesAsync();
        foreach (var prompt in prompts)
        {
            Assert.Empty(Teams.TeamsThaiTests.EnglishWords(prompt!["title"]!.GetValue<string>() + "\n" + prompt["message"]!.GetValue<string>()));
            // The prompt's question is one AeBot reads: it is answered, in Thai, not with "I didn't understand".
            var asked = "DTQ" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
            await _app.EventAsync(DirectMessage(ThaiUser, prompt["message"]!.GetValue<string>(), asked));
            var answer = string.Join("\n", Shown((await _slack.WaitForOkAsync("chat.postMessage", c => c.Channel == asked)).Json!));
            Assert.DoesNotContain("ไม่เข้าใจ", answer);
            Assert.Empty(Teams.TeamsThaiTests.EnglishWords(answer, [.. names]));
        }
    }

    [Fact]
    public async Task A_rep_whose_slack_is_in_thai_gets_the_app_home_in_thai()
    {
        var opened = SlackFixtures.Json("app_home_opened_event_callback.json");
        opened["event_id"] = "EvHOMETH" + Guid.NewGuid().ToString("N")[..6];
        opened["team_id"] = Team;
        opened["event"]!["user"] = ThaiUser;
        await _app.EventAsync(opened);
        var view = (await _slack.WaitForOkAsync("views.publish", c => c.Json!["user_id"]!.GetValue<string>() == ThaiUser)).Json!["view"]!;

        Assert.Equal("วันนี้ของคุณ Dana", view["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
        var shown = string.Join("\n", Shown(view));
        Assert.Empty(Teams.TeamsThaiTests.EnglishWords(shown, [.. await DataNamesAsync()]));
    }

    /// <summary>The data's names, as the Thai-reply checker takes them, and what a day's list shows of the data as
    /// written: follow-up titles and contacts (typed by people, in whatever language they wrote), reps' first names.</summary>
    private async Task<IReadOnlyList<string>> DataNamesAsync()
    {
        var names = new List<string>(await AeBot.Tests.Conversation.ThaiReplies.NamesAsync(_app.Services));
        names.AddRange(await _app.QueryAsync(db => db.FollowUpTasks.Select(t => t.Title).Distinct().ToListAsync()));
        names.AddRange(await _app.QueryAsync(db => db.Contacts.Select(c => c.Name).Distinct().ToListAsync()));
        names.AddRange((await _app.QueryAsync(db => db.Reps.Select(r => r.Name).ToListAsync())).Select(n => n.Split(' ')[0]));
        return names.Where(n => n.Length > 0).Distinct().OrderByDescending(n => n.Length).ToList();
    }

    [Fact]
    public void A_thai_replys_more_button_choose_buttons_and_chart_note_are_thai_and_an_english_ones_unchanged()
    {
        var rows = Enumerable.Range(1, 60).Select(i => (IReadOnlyList<string>)[$"ดีล {i}", "฿100,000"]).ToList();
        var longOptions = Enumerable.Range(1, 3).Select(i => new ReplyAction($"Cobalt Insurance – GTX Pro · ฿114,000 · Proposal · ปิด {i} ธ.ค. {i}", "p" + i)).ToList();
        Reply Make(string language) => new([
            new ChoiceBlock("ดีลไหน?", longOptions),
            new ChartBlock("ไปป์ไลน์", ChartKind.Bar, ["A"], [new ChartSeries("ยอด", [1m])], "฿"),
            .. Enumerable.Repeat<ReplyBlock>(new TableBlock(null, ["ดีล", "มูลค่า"], rows, [false, true]), 3),
        ]) { Summary = "ดีล", Language = language };

        var thai = BlockKitRenderer.Render(Make("th"));
        BlockKitRenderer.AddMore(thai.Blocks, "more:1", ReplyLanguage.Thai);
        var english = BlockKitRenderer.Render(Make("en"));
        BlockKitRenderer.AddMore(english.Blocks, "more:1", ReplyLanguage.English);

        var thaiText = string.Join("\n", Shown(thai.Blocks).Select(t => $"\"{t}\""));
        Assert.Contains("\"ดูเพิ่ม\"", thaiText);
        Assert.Contains("\"เลือก\"", thaiText);
        Assert.Contains("แนบกราฟไว้ให้แล้ว", thaiText);
        Assert.Equal("ดีล (ต่อ)", thai.Rest!.Summary);
        Assert.Equal("th", thai.Rest.Language);
        var englishText = string.Join("\n", Shown(english.Blocks).Select(t => $"\"{t}\""));
        Assert.Contains("\"More\"", englishText);
        Assert.Contains("\"Choose\"", englishText);
        Assert.Contains("chart attached", englishText);
        Assert.Equal("ดีล (more)", english.Rest!.Summary);
    }

    /// <summary>What Slack shows of a message: its text objects' texts and the fallback text (not types, ids or values).</summary>
    internal static IEnumerable<string> Shown(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "text" && p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? [text] : p.Value is null || p.Key is "value" or "action_id" or "block_id" ? [] : Shown(p.Value)),
        JsonArray a => a.SelectMany(n => n is null ? [] : Shown(n)),
        _ => [],
    };

    private static IEnumerable<string> Labels(JsonObject view)
    {
        foreach (var key in new[] { "title", "submit", "close" })
            yield return view[key]!["text"]!.GetValue<string>();
        foreach (var block in view["blocks"]!.AsArray())
        {
            yield return block!["label"]!["text"]!.GetValue<string>();
            if (block["element"]!["placeholder"] is { } placeholder)
                yield return placeholder["text"]!.GetValue<string>();
            if (block["element"]!["options"] is JsonArray options)
                foreach (var option in options)
                    yield return option!["text"]!["text"]!.GetValue<string>();
        }
    }

    /// <summary>Latin words left once names and values from the data are taken out.</summary>
    internal static IReadOnlyList<string> EnglishWords(string text, params string[] names)
    {
        foreach (var name in names.OrderByDescending(n => n.Length))
            text = text.Replace(name, " ", StringComparison.Ordinal);
        return LatinWord().Matches(text).Select(m => m.Value).Distinct().ToList();
    }

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex LatinWord();
}
