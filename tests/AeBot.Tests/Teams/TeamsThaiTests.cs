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
