using System.Net;
using System.Text.Json.Nodes;
using AeBot.Charts;
using AeBot.Core.Conversation;
using AeBot.Core.Text;
using AeBot.Teams.Cards;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Tests.Teams;

/// <summary>
/// Teams tells AeBot the client's language (<c>activity.locale</c>): a th-TH message from someone who never chose
/// is answered in Thai, the locale is remembered, and every activity AeBot sends says which language it is in
/// (<c>locale</c>); the card's own words (More, "Show N more") follow the reply's language.
/// </summary>
[Collection(TeamsCollection.Name)]
public sealed class TeamsThaiTests(TeamsFixture fixture)
{
    // Kenji signs in to Teams with his client in Thai; no other Teams test uses him, so his stored locale is his own.
    private const string KenjiId = "29:1ThaiKenjiTeamsUserForLocaleTests0000000000000000000000000000000000";
    private const string KenjiAad = "5d1c0c1e-3b7a-4b9e-9a51-6a0d8c1f7e21";

    private TeamsApplication App => fixture.App;
    private FakeBotConnector Connector => fixture.Connector;

    private JsonObject Message(string text, string locale, string? from = null)
    {
        var activity = App.Fixture("teams-personal-message");
        activity["text"] = text;
        activity["locale"] = locale;
        if (from is not null)
        {
            activity["from"]!["id"] = from;
            activity["from"]!["aadObjectId"] = KenjiAad;
            activity["from"]!["name"] = "Kenji Sato";
        }
        activity["conversation"]!["id"] = "a:" + Guid.NewGuid().ToString("N");
        return activity;
    }

    private async Task<ConnectorCall> SayAsync(JsonObject activity)
    {
        var conversation = activity["conversation"]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await App.PostAsync(activity)).StatusCode);
        return await Connector.WaitForMessageAsync(m => m.ConversationId == conversation);
    }

    [Fact]
    public async Task A_th_TH_teams_message_gets_a_thai_reply_marked_th_TH_and_the_locale_is_remembered()
    {
        Connector.Members[KenjiId] = (KenjiAad, "kenji.sato@northwind.example", "Kenji Sato");

        var reply = await SayAsync(Message("help", "th-TH", KenjiId));

        Assert.Equal("th-TH", reply.Body!["locale"]!.GetValue<string>());
        Assert.Contains("สวัสดีคุณ Kenji", reply.AllText);
        Assert.Contains("เดือนนี้มีดีลไหนจะปิดบ้าง", reply.AllText);
        var kenji = await App.QueryAsync(db => db.Reps.SingleAsync(r => r.Email == "kenji.sato@northwind.example"));
        Assert.Equal("th-TH", kenji.Locale);
        Assert.Null(kenji.Language);
    }

    [Fact]
    public async Task An_english_reply_is_marked_en_US_and_reads_as_before()
    {
        var reply = await SayAsync(Message("help", "en-US"));

        Assert.Equal("en-US", reply.Body!["locale"]!.GetValue<string>());
        Assert.Contains("Hi Dana! I'm AeBot, your sales assistant.", reply.AllText);
    }

    [Fact]
    public async Task A_stranger_whose_teams_is_in_thai_is_told_in_thai_how_to_get_linked_and_an_english_one_as_before()
    {
        const string strangerId = "29:stranger-thai-0001";
        Connector.Members[strangerId] = ("0d5c6b1e-7777-4a4a-9b9b-0000000000a1", "somchai@contoso.example", "Somchai at Contoso");
        var thai = Message("what closes this month?", "th-TH");
        thai["from"] = new JsonObject { ["id"] = strangerId, ["name"] = "Somchai at Contoso" };
        var writesThai = Message("เดือนนี้มีดีลไหนจะปิดบ้าง", "en-US");
        writesThai["from"] = new JsonObject { ["id"] = strangerId, ["name"] = "Somchai at Contoso" };
        var english = Message("what closes this month?", "en-US");
        english["from"] = new JsonObject { ["id"] = strangerId, ["name"] = "Somchai at Contoso" };

        foreach (var activity in new[] { thai, writesThai })
        {
            var reply = (await SayAsync(activity)).Text!;
            Assert.Contains("ฉันยังจับคู่บัญชี Teams ของคุณกับเซลส์ใน AeBot ไม่ได้", reply);
            Assert.Empty(EnglishWords(reply));
        }
        Assert.Contains("I couldn't match your Teams sign-in to a rep in AeBot yet", (await SayAsync(english)).Text);
    }

    [Fact]
    public async Task An_admin_whose_teams_is_in_thai_links_in_thai_and_a_rep_is_refused_in_thai()
    {
        const string alexId = "29:alex-admin";
        Connector.Members[alexId] = ("5e5e5e5e-0000-4000-8000-000000000001", "alex.morgan@northwind.example", "Alex Morgan");
        Connector.Members[KenjiId] = (KenjiAad, "kenji.sato@northwind.example", "Kenji Sato");
        var link = Message("link s.tanaka@contoso.example to sofia.rossi@northwind.example", "th-TH");
        link["from"] = new JsonObject { ["id"] = alexId, ["name"] = "Alex Morgan" };
        var noSuchRep = Message("link s.tanaka@contoso.example to nobody@northwind.example", "th-TH");
        noSuchRep["from"] = new JsonObject { ["id"] = alexId, ["name"] = "Alex Morgan" };

        var linked = (await SayAsync(link)).Text!;
        var missing = (await SayAsync(noSuchRep)).Text!;
        var refused = (await SayAsync(Message("link someone@contoso.example to lee.chen@northwind.example", "th-TH", KenjiId))).Text!;

        Assert.Equal("เชื่อม s.tanaka@contoso.example กับ Sofia Rossi (sofia.rossi@northwind.example) แล้ว ตอนนี้ส่งข้อความหาฉันได้เลย", linked);
        Assert.Equal("ไม่มีเซลส์คนไหนใช้อีเมล nobody@northwind.example", missing);
        Assert.Equal("เฉพาะผู้ดูแลระบบ AeBot เท่านั้นที่เชื่อมผู้ใช้ Teams กับเซลส์ได้", refused);
        foreach (var text in new[] { linked, missing, refused })
            Assert.Empty(EnglishWords(text, "s.tanaka@contoso.example", "sofia.rossi@northwind.example", "nobody@northwind.example", "Sofia Rossi"));
    }

    [Fact]
    public async Task An_admin_linking_someone_teams_will_not_name_is_told_in_thai_and_nothing_is_linked()
    {
        const string alexId = "29:alex-admin";
        const string ghostId = "29:not-a-member";
        Connector.Members[alexId] = ("5e5e5e5e-0000-4000-8000-000000000001", "alex.morgan@northwind.example", "Alex Morgan");
        var link = Message("<at>AeBot</at> link <at>Somchai</at> to sofia.rossi@northwind.example", "th-TH");
        link["from"] = new JsonObject { ["id"] = alexId, ["name"] = "Alex Morgan" };
        link["entities"] = new JsonArray(
            new JsonObject { ["type"] = "mention", ["text"] = "<at>AeBot</at>", ["mentioned"] = new JsonObject { ["id"] = TeamsApplication.BotId, ["name"] = "AeBot" } },
            new JsonObject { ["type"] = "mention", ["text"] = "<at>Somchai</at>", ["mentioned"] = new JsonObject { ["id"] = ghostId, ["name"] = "Somchai" } });

        // Alex's own sign-in is linked on his first message; nobody else may be.
        var linksBefore = await App.QueryAsync(db => db.ChatIdentities.CountAsync(i => i.Rep!.Email != "alex.morgan@northwind.example"));
        var reply = (await SayAsync(link)).Text!;

        // The fake answers GET …/members/29:not-a-member with 404 MemberNotFoundInConversation, as Teams does.
        Assert.Equal("Teams ไม่ได้บอกว่าคนนี้คือใคร ลองใส่อีเมล (UPN) ของเขาแทนนะ", reply);
        Assert.Empty(EnglishWords(reply, "Teams", "UPN"));
        Assert.Equal(linksBefore, await App.QueryAsync(db => db.ChatIdentities.CountAsync(i => i.Rep!.Email != "alex.morgan@northwind.example")));
    }

    [Fact]
    public async Task An_expired_more_button_pressed_from_a_thai_client_says_so_in_thai()
    {
        Connector.Members[KenjiId] = (KenjiAad, "kenji.sato@northwind.example", "Kenji Sato");
        var more = Message("", "th-TH", KenjiId);
        more["value"] = new JsonObject { ["payload"] = "page:gone-" + Guid.NewGuid().ToString("N")[..8] };

        var reply = await SayAsync(more);

        Assert.Contains("รายการนี้หมดอายุแล้ว ถามใหม่อีกครั้งเพื่อดูรายการล่าสุดนะ", reply.AllText);
        Assert.DoesNotContain("expired", reply.AllText);
    }

    /// <summary>
    /// Latin words a Thai message still holds (the Thai-reply checker's), once the names given, Teams' own name and
    /// the commands a person types as they are (in `code`: the link command is read in English) are taken out.
    /// </summary>
    internal static IReadOnlyList<string> EnglishWords(string text, params string[] names) =>
        Conversation.ThaiReplies.EnglishWords(
            new Reply([new TextBlock(System.Text.RegularExpressions.Regex.Replace(text, "`[^`]*`", " "))]) { Summary = "" },
            [.. names.OrderByDescending(n => n.Length), "Teams", "Slack"]);

    [Fact]
    public void A_thai_cards_more_button_and_folded_list_are_in_thai_and_an_english_cards_unchanged()
    {
        var items = Enumerable.Range(1, 12).Select(i => new ListItem($"ติดตามลูกค้า {i}", null, [])).ToList();
        var rows = Enumerable.Range(1, 400).Select(i => (IReadOnlyList<string>)[$"ดีล {i}", "฿100,000"]).ToList();
        Reply Make(string language) => new([new ItemListBlock("งานวันนี้", items), new TableBlock(null, ["ดีล", "มูลค่า"], rows, [false, true])]) { Summary = "งาน", Language = language };
        var renderer = new AdaptiveCardRenderer(new ChartRenderer(), 28000);

        var thai = renderer.Render(Make("th"));
        AdaptiveCardRenderer.AddMore(thai.Card!, "more:1", ReplyLanguage.Thai);
        var english = renderer.Render(Make("en"));
        AdaptiveCardRenderer.AddMore(english.Card!, "more:1", ReplyLanguage.English);

        var thaiTitles = Titles(thai.Card!).ToList();
        Assert.Contains(thaiTitles, t => t.StartsWith("ดูอีก ", StringComparison.Ordinal) && t.EndsWith(" รายการ", StringComparison.Ordinal));
        Assert.Contains("ดูเพิ่ม", thaiTitles);
        Assert.Equal("งาน (ต่อ)", thai.Rest!.Summary);
        var englishTitles = Titles(english.Card!).ToList();
        Assert.Contains(englishTitles, t => t.StartsWith("Show ", StringComparison.Ordinal) && t.EndsWith(" more", StringComparison.Ordinal));
        Assert.Contains("More", englishTitles);
        Assert.Equal("งาน (more)", english.Rest!.Summary);
    }

    private static IEnumerable<string> Titles(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "title" && p.Value is JsonValue v && v.TryGetValue<string>(out var title) ? [title] : p.Value is null ? [] : Titles(p.Value)),
        JsonArray a => a.SelectMany(n => n is null ? [] : Titles(n)),
        _ => [],
    };
}
