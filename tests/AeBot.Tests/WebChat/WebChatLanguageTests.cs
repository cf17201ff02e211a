using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AeBot.Tests.WebChat;

/// <summary>
/// The web chat page's own words (title, labels, the input's placeholder, buttons, its error notes) are in the
/// browser's language (Accept-Language th → Thai) until a person is chosen, then in that person's language when AeBot
/// knows it (their choice in chat, their Teams/Slack locale); an English page reads as it always did.
/// </summary>
public sealed partial class WebChatLanguageTests(AeBotApplication app) : IClassFixture<AeBotApplication>
{
    private async Task<string> PageAsync(string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (acceptLanguage is not null)
            request.Headers.Add("Accept-Language", acceptLanguage);
        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<string> GreetingLanguageAsync(string email, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/chat/greeting?as=" + Uri.EscapeDataString(email));
        if (acceptLanguage is not null)
            request.Headers.Add("Accept-Language", acceptLanguage);
        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("language").GetString()!;
    }

    [Fact]
    public async Task A_thai_browser_gets_the_page_in_thai_with_no_english_words_but_AeBots_name()
    {
        var page = await PageAsync("th-TH,th;q=0.9,en-US;q=0.8,en;q=0.7");

        Assert.Contains("<html lang=\"th\">", page);
        Assert.Contains("placeholder=\"ถามเรื่องไปป์ไลน์ โควตา หรือฟอร์แคสต์ของคุณได้เลย…\"", page);
        Assert.Empty(Teams.TeamsThaiTests.EnglishWords(Visible(page)));
        // The words the script shows later (errors, a switch of language) are there in Thai too.
        var texts = JsonDocument.Parse(TextsJson().Match(page).Groups[1].Value).RootElement;
        Assert.Empty(Teams.TeamsThaiTests.EnglishWords(string.Join("\n", texts.GetProperty("th").EnumerateObject().Select(p => p.Value.GetString()))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en-US,en;q=0.9")]
    [InlineData("de-DE,th;q=0")] // German AeBot does not write, and Thai refused outright: English
    public async Task Any_other_browser_gets_the_page_in_english_as_before(string? acceptLanguage)
    {
        var page = await PageAsync(acceptLanguage);

        Assert.Contains("<html lang=\"en\">", page);
        Assert.Contains("<title>AeBot — web chat</title>", page);
        Assert.Contains("<label for=\"who\">Talking as</label>", page);
        Assert.Contains("<input id=\"text\" autocomplete=\"off\" placeholder=\"Ask about your pipeline, quota, forecast…\" aria-label=\"Message\" maxlength=\"4000\">", page);
        Assert.Contains(">Send</button>", page);
        Assert.Contains(">New conversation</button>", page);
    }

    [Fact]
    public async Task The_chosen_persons_own_language_wins_over_the_browsers_and_the_browsers_counts_when_none_is_known()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AeBotDbContext>();
            await db.Reps.Where(r => r.Email == "priya.patel@northwind.example").ExecuteUpdateAsync(r => r.SetProperty(x => x.Language, "th"));
            await db.Reps.Where(r => r.Email == "tom.baker@northwind.example").ExecuteUpdateAsync(r => r.SetProperty(x => x.Locale, "en-US"));
            await db.Reps.Where(r => r.Email == "sofia.rossi@northwind.example")
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.Language, (string?)null).SetProperty(x => x.Locale, (string?)null));
        }

        Assert.Equal("th", await GreetingLanguageAsync("priya.patel@northwind.example", "en-US")); // chose Thai in chat
        Assert.Equal("en", await GreetingLanguageAsync("tom.baker@northwind.example", "th-TH")); // Teams/Slack in English
        Assert.Equal("th", await GreetingLanguageAsync("sofia.rossi@northwind.example", "th-TH")); // nothing known: the browser's
        Assert.Equal("en", await GreetingLanguageAsync("sofia.rossi@northwind.example", null));
    }

    [Fact]
    public async Task Someone_whose_language_is_unknown_is_greeted_in_the_browsers_and_nothing_is_stored()
    {
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AeBotDbContext>().Reps.Where(r => r.Email == "hannah.schmidt@northwind.example")
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.Language, (string?)null).SetProperty(x => x.Locale, (string?)null));

        var thai = await GreetingAsync("hannah.schmidt@northwind.example", "th-TH,th;q=0.9");
        var english = await GreetingAsync("hannah.schmidt@northwind.example", "en-US");

        Assert.Matches("^สวัสดี", thai.GetProperty("reply").GetProperty("blocks")[0].GetProperty("markdown").GetString());
        Assert.Empty(Teams.TeamsThaiTests.EnglishWords(thai.GetProperty("summary").GetString() + "\n" + thai.GetProperty("reply").GetProperty("blocks")[0].GetProperty("markdown").GetString(), "Hannah"));
        Assert.Matches("^(Good|Hi|Hello)", english.GetProperty("reply").GetProperty("blocks")[0].GetProperty("markdown").GetString());
        await using var check = app.Services.CreateAsyncScope();
        var stored = await check.ServiceProvider.GetRequiredService<AeBotDbContext>().Database
            .SqlQueryRaw<string?>("SELECT COALESCE(Language, Locale) AS Value FROM Reps WHERE Email = 'hannah.schmidt@northwind.example'").SingleAsync();
        Assert.Null(stored);
    }

    [Fact]
    public async Task A_thai_browsers_refusals_are_explained_in_thai_and_an_english_ones_as_before()
    {
        async Task<string> DetailAsync(string body, string? acceptLanguage)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            if (acceptLanguage is not null)
                request.Headers.Add("Accept-Language", acceptLanguage);
            var response = await app.CreateClient().SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        }

        var bodies = new[] { "{\"text\":\"hi\"}", "{\"as\":\"dana.reyes@northwind.example\"}", "{\"as\":\"nobody@nowhere.example\",\"text\":\"hi\"}", "{\"as\":" };
        foreach (var body in bodies)
        {
            var thai = await DetailAsync(body, "th-TH,th;q=0.9,en;q=0.5");
            Assert.Matches("[\u0E00-\u0E7F]", thai);
            Assert.Empty(Teams.TeamsThaiTests.EnglishWords(thai, "nobody@nowhere.example", "JSON", "as", "text", "payload"));
        }
        Assert.Equal("Say who is speaking: \"as\" is an e-mail or full name.", await DetailAsync(bodies[0], null));
        Assert.Equal("Send \"text\" or a button's \"payload\".", await DetailAsync(bodies[1], "en-US"));
        Assert.Equal("Nobody with the e-mail or full name 'nobody@nowhere.example'.", await DetailAsync(bodies[2], null));
        Assert.Equal("ไม่พบใครที่มีอีเมลหรือชื่อเต็ม 'nobody@nowhere.example'", await DetailAsync(bodies[2], "th"));
    }

    private async Task<JsonElement> GreetingAsync(string email, string acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/chat/greeting?as=" + Uri.EscapeDataString(email));
        request.Headers.Add("Accept-Language", acceptLanguage);
        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>What the page shows before its script runs: text outside style and script, and the placeholders and labels.</summary>
    private static string Visible(string page)
    {
        var body = StyleOrScript().Replace(page, " ");
        var attributes = Attribute().Matches(body).Select(m => m.Groups[1].Value);
        return string.Join("\n", Tag().Replace(body, "\n").Split('\n').Select(WebUtility.HtmlDecode).Concat(attributes));
    }

    [GeneratedRegex("<(style|script)[^>]*>.*?</\\1>", RegexOptions.Singleline)]
    private static partial Regex StyleOrScript();

    [GeneratedRegex("(?:placeholder|aria-label)=\"([^\"]*)\"")]
    private static partial Regex Attribute();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("<script id=\"texts\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex TextsJson();
}
