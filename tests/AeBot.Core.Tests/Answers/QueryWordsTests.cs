using System.Text.RegularExpressions;
using AeBot.Core.Answers;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Core.Text;
using AeBot.Core.Understanding;

namespace AeBot.Core.Tests.Answers;

/// <summary>How a question was read ("read as: …") and a list's page, in the reader's language.</summary>
public class QueryWordsTests
{
    private static readonly FiscalCalendar Calendar = new(1);
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static readonly Query WonByRep = new()
    {
        Measure = Measure.Count,
        Set = DealSet.Won,
        Subject = new QuerySubject(SubjectKind.TeamOf, [new NamedRef(3, "Marcus Johnson")]),
        Filters = new QueryFilters { Products = [new NamedRef(5, "GTX Pro")], Stages = ["Closed Won"], Type = OpportunityType.Renewal, MinAmount = 500_000m },
        Period = new Period(new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30), "last quarter (Q3 2026)"),
        GroupBy = GroupBy.Rep,
        Rank = new Rank(true, 3, Measure.Count),
        Compare = new Comparison(CompareKind.PreviousPeriod),
    };

    [Fact]
    public void The_english_reading_is_the_one_it_always_was() =>
        Assert.Equal(WonByRep.Describe(), QueryWords.Describe(WonByRep, ReplyLanguage.English, Calendar, Today));

    [Fact]
    public void The_thai_reading_names_every_slot_in_thai_and_keeps_the_datas_names()
    {
        var thai = QueryWords.Describe(WonByRep, ReplyLanguage.Thai, Calendar, Today);

        Assert.Equal("ดีลที่ปิดได้ · ทีมของ Marcus Johnson · GTX Pro · สเตจ Closed Won · ต่อสัญญา · ≥ 500000 · ไตรมาส 3/2569 · จำนวน · แยกตามเซลส์ · สูงสุด 3 อันดับ · เทียบกับช่วงก่อนหน้า", thai);
        var rest = thai.Replace("Marcus Johnson", "").Replace("GTX Pro", "").Replace("Closed Won", "");
        Assert.DoesNotMatch(new Regex("[A-Za-z]{2,}"), rest);
    }

    [Theory]
    [InlineData(0, 10, 24, "เรียงตามวันปิด — 10 จาก 24")]
    [InlineData(10, 10, 24, "เรียงตามวันปิด — 11–20 จาก 24")]
    [InlineData(0, 7, 7, "เรียงตามวันปิด")]
    public void Thai_page_titles_say_which_rows_of_how_many(int offset, int shown, int total, string expected) =>
        Assert.Equal(expected, MorePages.Title("เรียงตามวันปิด", offset, shown, total, ReplyLanguage.Thai));

    [Fact]
    public void The_thai_more_button_is_labelled_in_thai() =>
        Assert.Equal("ดูเพิ่ม", Assert.Single(MorePages.Button(new MorePage(WonByRep, null, 10), 24, ReplyLanguage.Thai)!.Actions).Label);
}
