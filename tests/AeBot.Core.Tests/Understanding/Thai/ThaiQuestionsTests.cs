using AeBot.Core.Understanding;

namespace AeBot.Core.Tests.Understanding.Thai;

/// <summary>
/// A Thai rep gets the reading an English-speaking colleague gets: each Thai (or Thai–English) question is read by the
/// real parser over the demo company's names and compared, slot by slot, with the reading of the same question in
/// English — the English corpus being the reference for what a question means.
/// </summary>
public sealed class ThaiQuestionsTests
{
    public static TheoryData<string, string, string> Pairs => new()
    {
        { "dana", "pipeline เดือนนี้มีเท่าไหร่", "how much pipeline this month?" },
        { "dana", "ดีลที่ปิดได้ไตรมาสที่แล้ว", "deals I won last quarter" },
        { "marcus", "ยอด Q3 ของทีม", "team sales total in Q3" },
        { "dana", "ดีลที่มากกว่า 2.5 ล้าน", "deals over 2.5M" },
        { "dana", "win rate ไตรมาสที่แล้วครับ", "my win rate last quarter" },
        { "dana", "ยอดขายเดือน มี.ค. 68", "total sales in March 2025" },
        { "dana", "ดีลที่จะปิดเดือนหน้ามีกี่ดีล", "how many deals close next month?" },
        { "marcus", "ทีมทำได้กี่เปอร์เซ็นต์ของเป้าไตรมาสนี้", "what percent of quota is my team at this quarter?" },
        { "marcus", "ยอดขายแยกตามเซลส์ปีนี้", "sales by rep this year" },
        { "dana", "ดีลที่เลยกำหนดปิด", "deals past their close date" },
        { "dana", "ดีลที่ถูกเลื่อน", "slipped deals" },
        { "dana", "สัญญาที่จะหมดไตรมาสหน้า", "renewals next quarter" },
        { "dana", "พ.ศ. 2568 ปิดได้เท่าไหร่", "how much did I win in 2025?" },
        { "dana", "ดีล ๕ แสนขึ้นไป", "deals over 500k" },
        { "dana", "สวัสดีครับ", "hello" },
        { "dana", "ขอบคุณค่ะ", "thanks" },
        { "dana", "วันนี้ต้องทำอะไรบ้าง", "my day" },
        { "dana", "สรุปข้อมูลลูกค้า Acme", "brief me on Acme" },
        { "dana", "ลูกค้าบอกว่าแพงไป ควรตอบยังไง", "how do I handle 'too expensive'?" },
        { "dana", "ยกเลิก", "cancel" },
        { "dana", "ยกเลิกล่าสุด", "undo" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_thai_question_is_read_as_its_english_twin(string who, string thai, string english)
    {
        var names = SnapshotNames.Demo.Value;
        var parser = QueryCorpus.Parser(names);
        var viewer = names.Viewer(names.Rep(who));

        var expected = await parser.ReadAsync(english, viewer, QueryCorpus.DefaultToday, null, default);
        var actual = await parser.ReadAsync(thai, viewer, QueryCorpus.DefaultToday, null, default);

        Assert.Equal(Describe(expected), Describe(actual));
    }

    public static TheoryData<string, string, string> FollowUps => new()
    {
        { "how much pipeline this month?", "แล้วเดือนหน้าล่ะ", "and next month?" },
        { "deals I won last quarter", "แยกตามสินค้า", "by product" },
        { "how much pipeline this month?", "เฉพาะ Acme", "just Acme" },
    };

    [Theory]
    [MemberData(nameof(FollowUps))]
    public async Task A_thai_follow_up_refines_the_last_question_as_in_english(string first, string thai, string english)
    {
        var names = SnapshotNames.Demo.Value;
        var parser = QueryCorpus.Parser(names);
        var viewer = names.Viewer(names.Rep("dana"));
        var previous = Assert.IsType<QueryReading>(await parser.ReadAsync(first, viewer, QueryCorpus.DefaultToday, null, default)).Query;

        var expected = await parser.ReadAsync(english, viewer, QueryCorpus.DefaultToday, previous, default);
        var actual = await parser.ReadAsync(thai, viewer, QueryCorpus.DefaultToday, previous, default);

        Assert.Equal(Describe(expected), Describe(actual));
        Assert.True(actual is QueryReading { FollowUp: true });
    }

    [Theory]
    [InlineData("อากาศวันนี้เป็นยังไง")]
    [InlineData("กินข้าวยัง")]
    [InlineData("มีไรให้ช่วยไหม")]
    [InlineData("ร้านส้มตำแถวออฟฟิศร้านไหนอร่อย")]
    [InlineData("ยอดขายเรียบร้อยไหม")]
    [InlineData("บันทึกการโทรกับ Acme ลูกค้าบอกว่าแพงไป นัดส่งใบเสนอราคาใหม่วันศุกร์")]
    public async Task What_it_cannot_read_or_do_in_thai_is_never_a_figure(string thai)
    {
        var names = SnapshotNames.Demo.Value;
        var reading = await QueryCorpus.Parser(names).ReadAsync(thai, names.Viewer(names.Rep("dana")), QueryCorpus.DefaultToday, null, default);

        Assert.IsNotType<QueryReading>(reading);
    }

    [Theory]
    // Off-topic right after a sales question: declined, never a follow-up, a name to choose or a name refused.
    // ร้อน ("hot") sounds like "Orion" by its consonants; a Thai word is not a transliterated name for that alone.
    [InlineData("ดีลที่จะปิดเดือนนี้", "อากาศวันนี้ร้อนไหม", "unsupported")]
    [InlineData("ยอดขายไตรมาสนี้", "วันนี้ร้อนไหม", "not-understood")]
    [InlineData("ยอดขายไตรมาสนี้", "ร้อนมากเลย", "not-understood")]
    [InlineData("ดีลที่จะปิดเดือนนี้", "พรุ่งนี้ฝนจะตกไหม", "unsupported")]
    [InlineData("what closes this month?", "is it raining?", "unsupported")]
    [InlineData("what closes this month?", "what's for lunch today?", "not-understood")]
    [InlineData("what closes this month?", "how's the traffic today?", "not-understood")]
    public async Task Off_topic_after_a_question_is_declined_not_read_as_a_name_or_a_follow_up(string first, string offTopic, string kind)
    {
        var names = SnapshotNames.Demo.Value;
        var parser = QueryCorpus.Parser(names);
        foreach (var who in new[] { "dana", "marcus" })
        {
            var viewer = names.Viewer(names.Rep(who));
            var previous = Assert.IsType<QueryReading>(await parser.ReadAsync(first, viewer, QueryCorpus.DefaultToday, null, default)).Query;

            var reading = await parser.ReadAsync(offTopic, viewer, QueryCorpus.DefaultToday, previous, default);

            Assert.Equal(kind, QueryCorpus.Kind(reading));
        }
    }

    private static string Describe(Reading reading) => reading switch
    {
        QueryReading q => $"{q.Query.Describe()} | {q.Query.Measure} {q.Query.Set} {q.Query.Subject.Kind} {q.Query.Period?.From}..{q.Query.Period?.To} {q.Query.DateField} "
            + $"{q.Query.GroupBy} {q.Query.Rank} {q.Query.Compare} {q.Query.Filters.MinAmount:0.##} {q.Query.Filters.MaxAmount:0.##} "
            + string.Join(",", q.Query.Filters.Accounts.Select(a => a.Name)) + " " + string.Join(",", q.Query.Subject.People.Select(p => p.Name)),
        _ => QueryCorpus.Kind(reading),
    };
}
