using System.Text.RegularExpressions;
using AeBot.Core.Formatting;

namespace AeBot.Tests.Conversation;

/// <summary>
/// Every answer in Thai for a rep who chose Thai: the same question through the real core on the demo company, once
/// with English chosen and once with Thai. The Thai reply holds no English words (only the data's names, currency
/// codes and the like) and shows every exact figure the English one shows.
/// </summary>
public sealed class ThaiAnswersTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private const string Dana = "dana.reyes@northwind.example";
    private const string Marcus = "marcus.johnson@northwind.example";

    public static TheoryData<string, string> Questions => new()
    {
        { Dana, "what's in my pipeline this quarter?" },
        { Dana, "what closes this month?" },
        { Dana, "biggest deals" },
        { Dana, "deals past their close date" },
        { Dana, "stale deals" },
        { Dana, "slipped deals" },
        { Dana, "what did I close last quarter?" },
        { Dana, "what did I lose this year" },
        { Dana, "what's my win rate this year?" },
        { Dana, "average deal size this year" },
        { Dana, "how long is my sales cycle?" },
        { Dana, "how am I tracking vs quota?" },
        { Dana, "forecast" },
        { Dana, "what renews in the next 90 days?" },
        { Dana, "best selling products this year" },
        { Dana, "won deals by month this year" },
        { Dana, "won this quarter vs last quarter" },
        { Dana, "won in Q2 vs Q1" },
        { Dana, "my smallest win this year" },
        { Dana, "show my closed deals this year" },
        { Dana, "how many deals did I create this quarter?" },
        { Dana, "what would I earn if Acme closes?" },
        { Dana, "what have I earned this quarter?" },
        { Dana, "slipped deals by rep" },
        { Dana, "who is behind quota?" },
        { Marcus, "team attainment this quarter" },
        { Marcus, "team pipeline by rep vs quota" },
        { Marcus, "who is behind quota this quarter?" },
        { Marcus, "who has the best win rate this year?" },
        { Marcus, "which rep on my team has the lowest win rate this year?" },
        { Marcus, "who won the most deals this year?" },
        { Marcus, "who has the biggest pipeline this quarter?" },
        { Marcus, "team forecast this quarter" },
        { Marcus, "team pipeline by rep this quarter" },
        { Marcus, "Dana's pipeline" },
    };

    [Theory]
    [MemberData(nameof(Questions))]
    public async Task A_rep_who_chose_thai_gets_the_answer_in_thai_with_the_english_answers_figures(string who, string question)
    {
        await app.AskAsync(who, "reply in English");
        var english = await app.AskAsync(who, question);
        await app.AskAsync(who, "ตอบเป็นภาษาไทย");
        var thai = await app.AskAsync(who, question);

        Assert.Equal("th", thai.Language);
        var left = ThaiReplies.EnglishWords(thai, await ThaiReplies.NamesAsync(app));
        Assert.True(left.Count == 0, $"English in the Thai reply to \"{question}\": {string.Join(", ", left)}\n{ThaiReplies.Visible(thai)}");
        var shown = ThaiReplies.Visible(thai);
        foreach (var figure in ExactFigures(ThaiReplies.Visible(english)))
            Assert.True(SqlOracle.Shows(shown, figure), $"\"{question}\": {figure} of the English reply is not in the Thai one:\n{shown}");
    }

    [Fact]
    public async Task A_thai_reply_shows_last_quarters_wins_as_plain_sql_counts_them()
    {
        // Dana's deals won in Q3 2026, by SQL alone (money stored scaled by 10,000).
        const string where = "FROM Opportunities WHERE OwnerId = 8 AND StageCategory = 1 AND CloseDate BETWEEN '2026-07-01' AND '2026-09-30'";
        var count = await app.QueryAsync(db => SqlOracle.ScalarAsync(db, "SELECT COUNT(*) " + where));
        var amount = await app.QueryAsync(db => SqlOracle.ScalarAsync(db, "SELECT COALESCE(SUM(Amount), 0) " + where));

        await app.AskAsync(Dana, "ตอบเป็นภาษาไทย");
        var reply = ThaiReplies.Visible(await app.AskAsync(Dana, "ดีลที่ปิดได้ไตรมาสที่แล้ว"));

        Assert.Contains($"{(int)count} ดีล", reply);
        Assert.True(SqlOracle.Shows(reply, MoneyFormat.Exact(amount / 10_000m, "USD")), reply);
        Assert.Contains("ไตรมาส 3/2569", reply);
    }

    [Theory]
    [InlineData("who has the best win rate this year?", "ดีที่สุด")]
    [InlineData("which rep on my team has the lowest win rate this year?", "ต่ำที่สุด")]
    [InlineData("who won the most deals this year?", "มากที่สุด")]
    public async Task A_thai_one_winner_sentence_puts_the_superlative_after_the_measure_as_thai_does(string question, string superlative)
    {
        await app.AskAsync(Marcus, "ตอบเป็นภาษาไทย");
        var reply = await app.AskAsync(Marcus, question);

        // "Lee Chen มีอัตราปิดได้ดีที่สุด ในปี 2569: 48.7% …": one sentence per superlative, never "มี{superlative}{measure}".
        var first = ThaiReplies.Visible(reply).Split('\n')[0];
        Assert.Matches(@"^[^:]+ มี\S+" + superlative + " ", first);
        Assert.DoesNotContain("มี" + superlative, first);
    }

    /// <summary>Exact amounts ("$1,234,567"), percentages and counts of deals ("12 deals" is "12 ดีล" in Thai); compact amounts differ by language.</summary>
    private static IEnumerable<string> ExactFigures(string english)
    {
        foreach (Match m in Regex.Matches(english, @"[$€£¥₹฿]\d[\d,]*(?:\.\d+)?(?![\d.,]*[KMB])"))
            yield return m.Value;
        foreach (Match m in Regex.Matches(english, @"(?<![\w.])\d+(?:\.\d+)?%"))
            yield return m.Value;
    }
}
