using AeBot.Data.Import;

namespace AeBot.Data.Tests.Import;

public class ValueParsersTests
{
    [Theory]
    [InlineData("50000", false, 50000, null)]
    [InlineData("$1,200.50", false, 1200.50, "USD")]
    [InlineData("1.234,56 €", true, 1234.56, "EUR")]
    [InlineData("1.234,56", false, 1234.56, null)]
    [InlineData("EUR 40,000", false, 40000, "EUR")]
    [InlineData("40,000 EUR", false, 40000, "EUR")]
    [InlineData("50k", false, 50000, null)]
    [InlineData("$1.2M", false, 1200000, "USD")]
    [InlineData("(500)", false, -500, null)]
    [InlineData("-$75.25", false, -75.25, "USD")]
    [InlineData("1 234 567,5", true, 1234567.5, null)]
    [InlineData("50.000", true, 50000, null)]
    [InlineData("12,5", false, 12.5, null)]
    [InlineData("10 MXN", false, 10, "MXN")]
    [InlineData("£99", false, 99, "GBP")]
    public void Money_in_the_shapes_exports_use(string text, bool commaDecimal, double expected, string? currency)
    {
        Assert.True(ValueParsers.TryParseMoney(text, commaDecimal, out var amount, out var code));
        Assert.Equal((decimal)expected, amount);
        Assert.Equal(currency, code);
    }

    [Theory]
    [InlineData("TBD")]
    [InlineData("12 apples")]
    [InlineData("")]
    [InlineData("n/a")]
    public void Not_money_is_refused(string text) => Assert.False(ValueParsers.TryParseMoney(text, false, out _, out _));

    [Theory]
    [InlineData("2026-03-04", DateOrder.MonthDayYear, 2026, 3, 4)]
    [InlineData("3/4/2026", DateOrder.MonthDayYear, 2026, 3, 4)]
    [InlineData("3/4/2026", DateOrder.DayMonthYear, 2026, 4, 3)]
    [InlineData("31/12/2026", DateOrder.MonthDayYear, 2026, 12, 31)]
    [InlineData("31.12.2026", DateOrder.MonthDayYear, 2026, 12, 31)]
    [InlineData("Dec 31, 2026", DateOrder.MonthDayYear, 2026, 12, 31)]
    [InlineData("31 December 2026", DateOrder.MonthDayYear, 2026, 12, 31)]
    [InlineData("2026-12-31T23:30:00Z", DateOrder.MonthDayYear, 2026, 12, 31)]
    [InlineData("11/25/2026 2:30 PM", DateOrder.MonthDayYear, 2026, 11, 25)]
    [InlineData("12/31/26", DateOrder.MonthDayYear, 2026, 12, 31)]
    public void Dates_in_the_formats_exports_use(string text, DateOrder order, int y, int m, int d)
    {
        Assert.True(ValueParsers.TryParseDate(text, order, out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData("2026-13-45")]
    [InlineData("soon")]
    [InlineData("32/13/2026")]
    public void Impossible_dates_are_refused(string text) => Assert.False(ValueParsers.TryParseDate(text, DateOrder.MonthDayYear, out _));

    [Fact]
    public void An_explicit_offset_is_kept()
    {
        Assert.True(ValueParsers.TryParseDateTime("2026-11-25T14:30:00+01:00", DateOrder.MonthDayYear, out var value, out var offset));
        Assert.Equal(TimeSpan.FromHours(1), offset);
        Assert.Equal(14, value.Hour);
    }

    [Theory]
    [InlineData("60", false, 60)]
    [InlineData("60%", false, 60)]
    [InlineData("0.6", false, 60)]
    [InlineData("1", false, 1)]
    [InlineData("1", true, 100)]
    [InlineData("0.2", true, 20)]
    public void Percentages_and_fractions(string text, bool fraction, double expected)
    {
        Assert.True(ValueParsers.TryParsePercent(text, fraction, out var percent));
        Assert.Equal((decimal)expected, percent);
    }

    [Fact]
    public void Percent_above_100_is_refused() => Assert.False(ValueParsers.TryParsePercent("250", false, out _));
}
