using AeBot.Core.Understanding;

namespace AeBot.Core.Tests.Understanding;

public class PeriodParserTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);
    private static readonly PeriodParser Calendar = new(new FiscalCalendar(1));

    [Theory]
    [InlineData("what closes this month?", TimeLean.Future, "2026-11-01", "2026-11-30")]
    [InlineData("what did I close last quarter", TimeLean.Past, "2026-07-01", "2026-09-30")]
    [InlineData("this quarter", TimeLean.Past, "2026-10-01", "2026-12-31")]
    [InlineData("next quarter", TimeLean.Future, "2027-01-01", "2027-03-31")]
    [InlineData("won in Q3 2017", TimeLean.Past, "2017-07-01", "2017-09-30")]
    [InlineData("Q2", TimeLean.Past, "2026-04-01", "2026-06-30")]
    [InlineData("last year", TimeLean.Past, "2025-01-01", "2025-12-31")]
    [InlineData("YTD", TimeLean.Past, "2026-01-01", "2026-11-28")]
    [InlineData("QTD", TimeLean.Past, "2026-10-01", "2026-11-28")]
    [InlineData("since August 15", TimeLean.Past, "2026-08-15", "2026-11-28")]
    [InlineData("between April and June", TimeLean.Past, "2026-04-01", "2026-06-30")]
    [InlineData("in December", TimeLean.Future, "2026-12-01", "2026-12-31")]
    [InlineData("in December", TimeLean.Past, "2025-12-01", "2025-12-31")]
    [InlineData("next 30 days", TimeLean.Future, "2026-11-29", "2026-12-28")]
    [InlineData("FY2025", TimeLean.Past, "2025-01-01", "2025-12-31")]
    // The last day named is in the range, however the date is written (day first, "of", a year after it).
    [InlineData("won between Oct 1 and Nov 15", TimeLean.Past, "2026-10-01", "2026-11-15")]
    [InlineData("won between 1 October and 15 November", TimeLean.Past, "2026-10-01", "2026-11-15")]
    [InlineData("won between the 1st of October and the 15th of November", TimeLean.Past, "2026-10-01", "2026-11-15")]
    [InlineData("won from 1 Oct 2026 to 15 Nov 2026", TimeLean.Past, "2026-10-01", "2026-11-15")]
    [InlineData("won from Oct 1, 2026 to Nov 15, 2026", TimeLean.Past, "2026-10-01", "2026-11-15")]
    [InlineData("won between October 1 and November 15th", TimeLean.Past, "2026-10-01", "2026-11-15")]
    [InlineData("won between 1 October and 1 November", TimeLean.Past, "2026-10-01", "2026-11-01")]
    [InlineData("won between Oct 1 and Nov 1", TimeLean.Past, "2026-10-01", "2026-11-01")]
    [InlineData("won between October and November", TimeLean.Past, "2026-10-01", "2026-11-30")]
    [InlineData("won between 2024 and 2025", TimeLean.Past, "2024-01-01", "2025-12-31")]
    [InlineData("won in February last year", TimeLean.Past, "2025-02-01", "2025-02-28")]
    [InlineData("November last year", TimeLean.Past, "2025-11-01", "2025-11-30")]
    [InlineData("won in March this year", TimeLean.Past, "2026-03-01", "2026-03-31")]
    [InlineData("closing in January next year", TimeLean.Future, "2027-01-01", "2027-01-31")]
    [InlineData("won last year in Sept", TimeLean.Past, "2025-09-01", "2025-09-30")]
    [InlineData("deals won in may of last year", TimeLean.Past, "2025-05-01", "2025-05-31")]
    public void Periods_people_name(string text, TimeLean lean, string from, string to)
    {
        var result = Calendar.Parse(text, Today, lean);
        Assert.NotNull(result);
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), (result.Value.Period.From, result.Value.Period.To));
    }

    [Fact]
    public void A_fiscal_year_starting_in_February_shifts_quarters_and_years()
    {
        var fiscal = new PeriodParser(new FiscalCalendar(2));
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2027, 1, 31)), Range(fiscal.Parse("this quarter", Today, TimeLean.Past)));
        Assert.Equal((new DateOnly(2026, 2, 1), new DateOnly(2027, 1, 31)), Range(fiscal.Parse("this year", Today, TimeLean.Past)));
        Assert.Equal((new DateOnly(2025, 2, 1), new DateOnly(2025, 4, 30)), Range(fiscal.Parse("Q1 FY2026", Today, TimeLean.Past)));
    }

    [Fact]
    public void No_period_in_the_text_gives_none() => Assert.Null(Calendar.Parse("show my pipeline", Today, TimeLean.Future));

    private static (DateOnly, DateOnly) Range((Period Period, string Matched)? result) => (result!.Value.Period.From, result.Value.Period.To);
}
