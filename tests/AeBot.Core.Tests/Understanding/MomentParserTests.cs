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
