using Microsoft.Extensions.Logging;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AeBot.WebChat;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AeBot.Tests.WebChat;

public sealed class WebChatApiTests(AeBotApplication app) : IClassFixture<AeBotApplication>
{
    [Fact]
    public async Task A_turn_returns_html_and_structured_blocks()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/chat", new { @as = "dana.reyes@northwind.example", text = "how am I tracking vs quota?" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("Attainment", body.GetProperty("summary").GetString());
        Assert.Contains("<dl class=\"facts\">", body.GetProperty("html").GetString());
        Assert.Contains(body.GetProperty("reply").GetProperty("blocks").EnumerateArray(), b => b.GetProperty("type").GetString() == "facts");
    }

    [Fact]
    public async Task A_call_is_logged_step_by_step_with_buttons_and_undone_over_http()
    {
        var client = app.CreateClient();
        var conversation = Guid.NewGuid().ToString("N");
        async Task<JsonElement> Turn(object body)
        {
            var response = await client.PostAsJsonAsync("/api/chat", body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        string Payload(JsonElement reply, string label) => reply.GetProperty("reply").GetProperty("blocks").EnumerateArray()
            .SelectMany(b => b.TryGetProperty("options", out var o) ? o.EnumerateArray() : b.TryGetProperty("actions", out var a) ? a.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .First(x => x.GetProperty("label").GetString()!.StartsWith(label)).GetProperty("payload").GetString()!;

        var ask = await Turn(new { @as = "dana.reyes@northwind.example", conversationId = conversation, text = "log a meeting with Acme" });
        Assert.Contains("Which one was this about?", ask.GetProperty("summary").GetString());
        Assert.Matches("data-payload=\"dlg:@[0-9a-f]{12}:deal:", ask.GetProperty("html").GetString()); // bound to its dialog
        var what = await Turn(new { @as = "dana.reyes@northwind.example", conversationId = conversation, payload = Payload(ask, "Acme – Security Add-on") });
        Assert.Contains("What happened on the meeting with Acme?", what.GetProperty("summary").GetString());
        var logged = await Turn(new { @as = "dana.reyes@northwind.example", conversationId = conversation, text = "Walked through the security review; next step send SOC 2 report by Tuesday" });
        Assert.Equal("Logged meeting with Acme", logged.GetProperty("summary").GetString());
        var undone = await Turn(new { @as = "dana.reyes@northwind.example", conversationId = conversation, payload = Payload(logged, "Undo") });
        Assert.StartsWith("Undone: the meeting logged with Acme", undone.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task The_greeting_offers_clickable_questions_for_the_chosen_person()
    {
        var response = await app.CreateClient().GetAsync("/api/chat/greeting?as=marcus.johnson%40northwind.example");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var html = body.GetProperty("html").GetString()!;
        Assert.StartsWith("Hi, Marcus!", body.GetProperty("reply").GetProperty("blocks")[0].GetProperty("markdown").GetString());
        Assert.InRange(System.Text.RegularExpressions.Regex.Count(html, "data-payload=\"ask:"), 4, 6);
        Assert.Contains("data-payload=\"ask:team pipeline by rep this quarter\"", html);
    }

    [Theory]
    [InlineData("/api/chat/greeting")]
    [InlineData("/api/chat/greeting?as=")]
    [InlineData("/api/chat/greeting?as=nobody%40nowhere.example")]
    public async Task A_greeting_for_nobody_is_a_400(string url) =>
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateClient().GetAsync(url)).StatusCode);

    [Fact]
    public async Task Outside_development_the_greeting_needs_the_key()
    {
        using var production = Production();
        var client = production.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/chat/greeting?as=dana.reyes%40northwind.example")).StatusCode);
        using var keyed = new HttpRequestMessage(HttpMethod.Get, "/api/chat/greeting?as=dana.reyes%40northwind.example") { Headers = { { WebChatEndpoints.KeyHeader, Key } } };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(keyed)).StatusCode);
    }

    [Fact]
    public async Task More_in_html_is_a_more_button_and_answers_the_next_rows()
    {
        var client = app.CreateClient();
        var first = await (await client.PostAsJsonAsync("/api/chat", new { @as = "marcus.johnson@northwind.example", text = "team pipeline" })).Content.ReadFromJsonAsync<JsonElement>();
        var more = first.GetProperty("reply").GetProperty("blocks").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("actions").EnumerateArray()).Single(a => a.GetProperty("label").GetString() == "More").GetProperty("payload").GetString()!;
        Assert.Contains("class=\"action more\"", first.GetProperty("html").GetString());

        var next = await (await client.PostAsJsonAsync("/api/chat", new { @as = "marcus.johnson@northwind.example", payload = more })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Contains("Closing first — 11–20 of", next.GetProperty("html").GetString());
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Count(next.GetProperty("html").GetString()!, "<tr><td"));
    }

    [Theory]
    [InlineData("{\"as\":", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[1,2,3]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"as\":\"dana.reyes@northwind.example\"}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"as\":\"nobody@nowhere.example\",\"text\":\"hi\"}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("as=dana&text=hi", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    public async Task Bad_requests_get_a_clear_4xx_never_a_500(string body, string contentType, HttpStatusCode expected)
    {
        var response = await app.CreateClient().PostAsync("/api/chat", new StringContent(body, Encoding.UTF8, contentType));
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task The_page_has_an_icon_and_asking_for_the_usual_favicon_finds_it()
    {
        var client = app.CreateClient();
        Assert.Contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/favicon.svg\">", await client.GetStringAsync("/"));
        foreach (var path in new[] { "/favicon.svg", "/favicon.ico" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("<svg", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Outside_development_the_endpoint_is_closed_without_a_key()
    {
        using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("WebChat:Enabled", "true"));
        var client = production.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/chat/users")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/")).StatusCode);
    }

    private const string Key = "s3cret-key-0123456789abcdef-0123456789";

    private WebApplicationFactory<Program> Production(int maxFailures = 10) => app.WithWebHostBuilder(b => b.UseEnvironment("Production")
        .UseSetting("WebChat:Enabled", "true").UseSetting("WebChat:ApiKey", Key).UseSetting("WebChat:MaxFailedKeyAttempts", maxFailures.ToString(CultureInfo.InvariantCulture)));

    [Fact]
    public async Task The_key_is_checked_before_the_body_is_read_and_the_size_before_it_is_parsed()
    {
        using var production = Production();
        var client = production.CreateClient();
        // No key and a broken body: 401, not 400 — nothing of a stranger's request is parsed.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/chat", new StringContent("{\"as\":", Encoding.UTF8, "application/json"))).StatusCode);
        // No key and a large body: 401 as well.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/chat", new StringContent(new string('x', 2_000_000), Encoding.UTF8, "application/json"))).StatusCode);

        HttpRequestMessage Keyed(HttpContent content) => new(HttpMethod.Post, "/api/chat") { Content = content, Headers = { { WebChatEndpoints.KeyHeader, Key } } };
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.SendAsync(Keyed(new StringContent(new string('x', 100_000), Encoding.UTF8, "application/json")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(Keyed(new StringContent("{\"as\":", Encoding.UTF8, "application/json")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(Keyed(new ByteArrayContent([0x7B, 0x22, 0x61, 0x73, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D]) { Headers = { ContentType = new("application/json") } }))).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.SendAsync(Keyed(new StringContent("as=dana", Encoding.UTF8, "application/x-www-form-urlencoded")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Keyed(JsonContent.Create(new { @as = "dana.reyes@northwind.example", text = "help" })))).StatusCode);
    }

    [Fact]
    public async Task An_address_that_keeps_guessing_the_key_is_refused_for_a_while_even_with_the_right_one()
    {
        using var production = Production(maxFailures: 3);
        var client = production.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/chat/users") { Headers = { { WebChatEndpoints.KeyHeader, "guess-" + i } } };
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);
        }
        var right = new HttpRequestMessage(HttpMethod.Get, "/api/chat/users") { Headers = { { WebChatEndpoints.KeyHeader, Key } } };
        var refused = await client.SendAsync(right);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task Requests_without_a_key_are_refused_but_never_count_as_guesses()
    {
        // The page's first call carries no key; neither should strangers' keyless calls lock the address out.
        using var production = Production(maxFailures: 3);
        var client = production.CreateClient();
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/chat/users")).StatusCode);
        var right = new HttpRequestMessage(HttpMethod.Get, "/api/chat/users") { Headers = { { WebChatEndpoints.KeyHeader, Key } } };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);
    }

    [Fact]
    public void A_short_web_chat_key_stops_start_up()
    {
        var logs = new AeBot.Tests.Teams.RecordingLoggerProvider();
        using var weak = app.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("WebChat:Enabled", "true").UseSetting("WebChat:ApiKey", "x")
            .ConfigureLogging(l => l.AddProvider(logs)));
        Assert.ThrowsAny<Exception>(() => weak.CreateClient());
        Assert.Contains(logs.Lines, l => l.Contains("Configuration problem: WebChat:ApiKey must be at least 32 characters", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outside_development_a_configured_key_is_required()
    {
        using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("WebChat:Enabled", "true").UseSetting("WebChat:ApiKey", Key));
        var client = production.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/chat/users")).StatusCode);

        var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/chat/users") { Headers = { { WebChatEndpoints.KeyHeader, "guess" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);

        var right = new HttpRequestMessage(HttpMethod.Get, "/api/chat/users") { Headers = { { WebChatEndpoints.KeyHeader, Key } } };
        var users = await (await client.SendAsync(right)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(users.EnumerateArray(), u => u.GetProperty("email").GetString() == "dana.reyes@northwind.example");
    }

    [Fact]
    public async Task The_web_chat_can_be_switched_off_in_development()
    {
        using var off = app.WithWebHostBuilder(b => b.UseSetting("WebChat:Enabled", "false"));
        Assert.Equal(HttpStatusCode.NotFound, (await off.CreateClient().PostAsJsonAsync("/api/chat", new { @as = "dana.reyes@northwind.example", text = "help" })).StatusCode);
    }
}
