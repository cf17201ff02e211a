using AeBot.Core.Answers;
using AeBot.Core.Understanding;

namespace AeBot.Core.Tests.Answers;

public class SamePointTests
{
    [Theory]
    [InlineData("2026-10-01", "2026-11-28", "2026-07-01", "2026-09-30", "2026-08-28")] // Q4 to Nov 28 ↔ Q3 to Aug 28
    [InlineData("2027-01-01", "2027-03-28", "2026-10-01", "2026-12-31", "2026-12-28")] // by the calendar, not 86 days in (Dec 26)
    [InlineData("2028-01-01", "2028-03-15", "2027-01-01", "2027-12-31", "2027-03-15")] // a leap year's days do not shift the date
    [InlineData("2028-01-01", "2028-02-29", "2027-01-01", "2027-12-31", "2027-02-28")] // Feb 29 has no twin
    [InlineData("2026-12-01", "2026-12-31", "2026-11-01", "2026-11-30", "2026-11-30")] // never past the other's end
    [InlineData("2026-11-15", "2026-11-20", "2026-10-15", "2026-11-14", "2026-10-20")] // not month-aligned: days in
    public void The_same_point_of_the_other_period_is_the_same_calendar_place(string from, string today, string otherFrom, string otherTo, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), QueryAnswers.SamePoint(DateOnly.Parse(from), DateOnly.Parse(today), new Period(DateOnly.Parse(otherFrom), DateOnly.Parse(otherTo), "other")));
}
