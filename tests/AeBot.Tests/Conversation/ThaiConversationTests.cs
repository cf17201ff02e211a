using AeBot.Core.Conversation;
using AeBot.Core.Formatting;

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
    public async Task A_thai_question_gets_the_reply_its_english_twin_gets(string who, string thai, string english)
    {
        var inEnglish = await app.AskAsync(who, english);
        var inThai = await app.AskAsync(who, thai);

        Assert.Equal(inEnglish.Read(), inThai.Read());
    }

    [Fact]
    public async Task A_thai_pipeline_question_shows_the_figure_plain_sql_gives()
    {
        // Dana's open deals expected to close in November 2026 (the fixture's month), summed by SQL alone; money is
        // stored scaled by 10,000 (ScaledDecimalConverter).
        var scaled = await app.QueryAsync(db => SqlOracle.ScalarAsync(db,
            "SELECT COALESCE(SUM(Amount), 0) FROM Opportunities WHERE OwnerId = 8 AND StageCategory = 0 AND CloseDate >= '2026-11-01' AND CloseDate <= '2026-11-30'"));

        var reply = await app.AskAsync(Dana, "pipeline เดือนนี้มีเท่าไหร่");

        Assert.Contains(MoneyFormat.Exact(scaled / 10_000m, "USD"), reply.Read());
    }

    [Fact]
    public async Task A_thai_write_is_declined_with_a_reason_and_nothing_is_written()
    {
        var before = await app.QueryAsync(db => SqlOracle.ScalarAsync(db, "SELECT COUNT(*) FROM Interactions"));

        var reply = await app.AskAsync(Dana, "บันทึกการโทรกับ Acme ลูกค้าบอกว่าแพงไป นัดส่งใบเสนอราคาใหม่วันศุกร์");

        Assert.Contains("written in Thai", reply.Read());
        Assert.Equal(before, await app.QueryAsync(db => SqlOracle.ScalarAsync(db, "SELECT COUNT(*) FROM Interactions")));
    }
}
