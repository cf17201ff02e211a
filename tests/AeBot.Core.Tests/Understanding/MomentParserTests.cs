using AeBot.Core.Understanding;

namespace AeBot.Core.Tests.Understanding;

public class MomentParserTests
{
    // Saturday 28 Nov 2026, 09:00 local.
    private static readonly DateTime Now = new(2026, 11, 28, 9, 0, 0);

    [Theory]
    [InlineData("revised quote by Friday", "2026-12-04", null)]
    [InlineData("call Bob tomorrow at 10am", "2026-11-29", "10:00")]
    [InlineData("send the contract on Monday", "2026-11-30", null)]
    [InlineData("in 3 days", "2026-12-01", null)]
    [InlineData("in two weeks", "2026-12-12", null)]
    [InlineData("December 15", "2026-12-15", null)]
    [InlineData("at 4pm", "2026-11-28", "16:00")]
    [InlineData("at 8am", "2026-11-29", "08:00")]
    [InlineData("next month", "2026-12-01", null)]
    public void Finds_the_next_such_moment_in_the_reps_calendar(string text, string date, string? time)
    {
        var moment = MomentParser.Find(text, Now);
        Assert.NotNull(moment);
        Assert.Equal(DateOnly.Parse(date), moment.Date);
        Assert.Equal(time is null ? null : TimeOnly.Parse(time), moment.Time);
    }

    // The shorthand reps write, on the Saturday and on Wednesday 2 Dec 2026.
    [Theory]
    [InlineData("send quote EOW", "2026-11-28", "2026-12-04")]
    [InlineData("send quote by end of week", "2026-11-28", "2026-12-04")]
    [InlineData("by end of the week", "2026-12-02", "2026-12-04")]
    [InlineData("eow", "2026-12-04", "2026-12-04")]
    [InlineData("intro by end of next week", "2026-11-28", "2026-12-04")]
    [InlineData("intro by end of next week", "2026-12-02", "2026-12-11")]
    [InlineData("chase signature EOM", "2026-11-28", "2026-11-30")]
    [InlineData("renewal paperwork by end of month", "2026-12-02", "2026-12-31")]
    [InlineData("escalate by eod", "2026-11-28", "2026-11-28")]
    [InlineData("by EOD tomorrow", "2026-11-28", "2026-11-29")]
    [InlineData("book it by the 4th", "2026-11-28", "2026-12-04")]
    [InlineData("send quote by the 1st", "2026-12-02", "2027-01-01")]
    [InlineData("on the 2nd", "2026-12-02", "2026-12-02")]
    [InlineData("pricing in 2 wks", "2026-11-28", "2026-12-12")]
    public void Reads_the_shorthand_reps_use(string text, string today, string date)
    {
        var moment = MomentParser.Find(text, DateOnly.Parse(today).ToDateTime(new TimeOnly(9, 0)));
        Assert.NotNull(moment);
        Assert.Equal(DateOnly.Parse(date), moment.Date);
    }

    [Theory]
    [InlineData("schedule the 2nd demo")]
    [InlineData("the 3rd call went well")]
    public void An_ordinal_that_counts_things_is_no_date(string text) => Assert.Null(MomentParser.Find(text, Now));

    [Fact]
    public void A_range_keeps_its_last_day_for_pushing_close_dates()
    {
        var moment = MomentParser.Find("push it to next month", Now)!;
        Assert.Equal(new DateOnly(2026, 12, 31), moment.LastDay);
    }

    [Theory]
    [InlineData("pushback on price")]
    [InlineData("")]
    public void No_date_no_moment(string text) => Assert.Null(MomentParser.Find(text, Now));
}
