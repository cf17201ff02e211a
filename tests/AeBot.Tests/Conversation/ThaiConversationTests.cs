using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using Microsoft.Extensions.DependencyInjection;

namespace AeBot.Tests.Conversation;

/// <summary>
/// A Thai rep gets the same figures an English-speaking colleague gets: the whole turn (understanding, answer, reply)
/// through the real core over the demo company in SQLite, the Thai question's reply compared with its English twin's
/// and its figure with plain SQL.
/// </summary>
public sealed class ThaiConversationTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private const string Dana = "dana.reyes@northwind.example";
    private const string Marcus = "marcus.johnson@northwind.example";

    [Theory]
    [InlineData(Dana, "pipeline เดือนนี้มีเท่าไหร่", "how much pipeline this month?")]
    [InlineData(Dana, "ดีลที่ปิดได้ไตรมาสที่แล้ว", "deals I won last quarter")]
    [InlineData(Marcus, "ยอด Q3 ของทีม", "team sales total in Q3")]
    [InlineData(Marcus, "ยอดขายแยกตามเซลส์ปีนี้ครับ", "sales by rep this year")]
    [InlineData(Dana, "ดีลที่มากกว่า ๕ แสน", "deals over 500k")]
    public async Task A_thai_question_from_a_rep_who_chose_english_gets_the_reply_its_english_twin_gets(string who, string thai, string english)
    {
        // Understanding: read in Thai, answered exactly as the English question is (in English, as the rep chose).
        await app.AskAsync(who, "reply in English");
        var inEnglish = await app.AskAsync(who, english);
        var inThai = await app.AskAsync(who, thai);

        Assert.Equal(inEnglish.Read(), inThai.Read());
    }

    [Theory]
    [InlineData(Dana, "pipeline เดือนนี้มีเท่าไหร่", "how much pipeline this month?")]
    [InlineData(Dana, "ดีลที่ปิดได้ไตรมาสที่แล้ว", "deals I won last quarter")]
    [InlineData(Marcus, "ยอด Q3 ของทีม", "team sales total in Q3")]
    [InlineData(Marcus, "ยอดขายแยกตามเซลส์ปีนี้ครับ", "sales by rep this year")]
    [InlineData(Dana, "ดีลที่มากกว่า ๕ แสน", "deals over 500k")]
    public async Task A_thai_question_from_a_rep_who_chose_thai_is_answered_in_thai_with_the_same_exact_figures(string who, string thai, string english)
    {
        await app.AskAsync(who, "reply in English");
        var inEnglish = await app.AskAsync(who, english);
        await app.AskAsync(who, "ตอบเป็นภาษาไทย");
        var inThai = await app.AskAsync(who, thai);

        Assert.Equal("th", inThai.Language);
        var left = ThaiReplies.EnglishWords(inThai, await ThaiReplies.NamesAsync(app));
        Assert.True(left.Count == 0, $"English left in the Thai reply: {string.Join(", ", left)}\n{inThai.Read()}");
        // Exact figures (tables, facts) are written the same in both languages.
        foreach (var figure in System.Text.RegularExpressions.Regex.Matches(inEnglish.Read(), @"\$\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d.,]*[KMB])").Select(m => m.Value).Distinct())
            Assert.True(SqlOracle.Shows(inThai.Read(), figure), $"{figure} missing from the Thai reply:\n{inThai.Read()}");
    }

    [Fact]
    public async Task A_thai_pipeline_question_shows_the_figure_plain_sql_gives()
    {
        await app.AskAsync(Dana, "ตอบเป็นภาษาไทย");
        // Dana's open deals expected to close in November 2026 (the fixture's month), summed by SQL alone; money is
        // stored scaled by 10,000 (ScaledDecimalConverter).
        var scaled = await app.QueryAsync(db => SqlOracle.ScalarAsync(db,
            "SELECT COALESCE(SUM(Amount), 0) FROM Opportunities WHERE OwnerId = 8 AND StageCategory = 0 AND CloseDate >= '2026-11-01' AND CloseDate <= '2026-11-30'"));

        var reply = await app.AskAsync(Dana, "pipeline เดือนนี้มีเท่าไหร่");

        Assert.Equal("th", reply.Language);
        Assert.Contains(MoneyFormat.Exact(scaled / 10_000m, "USD"), reply.Read());
        Assert.Empty(ThaiReplies.EnglishWords(reply, await ThaiReplies.NamesAsync(app)));
    }

    [Fact]
    public async Task A_thai_log_on_an_account_with_several_deals_asks_which_deal_before_writing_anything()
    {
        // Thai writes are read now (tests/AeBot.Tests/Capture/ThaiWritesTests.cs); here the account has several of
        // Dana's open deals, so the dialog asks which one and nothing is written until she answers.
        await app.AskAsync(Dana, "reply in English");
        var before = await app.QueryAsync(db => SqlOracle.ScalarAsync(db, "SELECT COUNT(*) FROM Interactions"));

        var reply = await app.AskAsync(Dana, "บันทึกการโทรกับ Acme ลูกค้าบอกว่าแพงไป นัดส่งใบเสนอราคาใหม่วันศุกร์");

        Assert.Contains("Which one", reply.Read());
        Assert.Equal(before, await app.QueryAsync(db => SqlOracle.ScalarAsync(db, "SELECT COUNT(*) FROM Interactions")));
    }
}

/// <summary>English messages that name a Thai-named customer stay English: only Thai outside names is read as Thai.</summary>
public sealed class ThaiNamesInEnglishTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-thai-names-");
    private Microsoft.Extensions.Hosting.IHost? _host;

    public async Task InitializeAsync()
    {
        _host = await TestHosts.StartAsync(new()
        {
            ["Storage:SqlitePath"] = Path.Combine(_directory.FullName, "aebot.db"),
            ["Clock:Now"] = ConversationFixture.Now.ToString("O"),
            ["Demo:Seed"] = "true",
        }, seedDemo: true);
        await using var scope = _host.Services.CreateAsyncScope();
        await AeBot.Tests.Thai.ThaiCustomer.SeedAsync(scope.ServiceProvider.GetRequiredService<AeBot.Data.Storage.AeBotDbContext>());
    }

    [Fact]
    public async Task An_english_write_naming_a_thai_customer_is_not_declined_as_thai()
    {
        var reply = await TestHosts.AskAsync(_host!.Services, AeBot.Tests.Thai.ThaiCustomer.Owner,
            "log a call with " + AeBot.Tests.Thai.ThaiCustomer.Account, Guid.NewGuid().ToString("N"));

        Assert.DoesNotContain("written in Thai", reply.Read());
        Assert.NotEqual("Not understood; suggested questions", reply.Summary);
    }

    public Task DisposeAsync()
    {
        _host?.Dispose();
        TestDirectory.Delete(_directory);
        return Task.CompletedTask;
    }
}
