using AeBot.Core.Formatting;

namespace AeBot.Core.Tests.Formatting;

public class MoneyFormatTests
{
    [Theory]
    [InlineData(1_234_567, "USD", "$1.2M")]
    [InlineData(450_000, "USD", "$450K")]
    [InlineData(99_200, "USD", "$99.2K")]
    [InlineData(9_800, "USD", "$9,800")]
    [InlineData(2_500_000_000, "EUR", "€2.5B")]
    [InlineData(1_500_000, "CHF", "1.5M CHF")]
    [InlineData(2_500_000, "THB", "฿2.5M")]
    [InlineData(-30_000, "USD", "-$30K")]
    public void Compact_figures_for_sentences(double amount, string currency, string expected) =>
        Assert.Equal(expected, MoneyFormat.Compact((decimal)amount, currency));

    [Theory]
    [InlineData(1_234_567, "USD", "$1,234,567")]
    [InlineData(1_234.5, "EUR", "€1,234.50")]
    [InlineData(0, "GBP", "£0")]
    [InlineData(2_500_000, "THB", "฿2,500,000")]
    public void Exact_figures_for_tables(double amount, string currency, string expected) =>
        Assert.Equal(expected, MoneyFormat.Exact((decimal)amount, currency));

    [Theory]
    [InlineData(0.4234, "42.3%")]
    [InlineData(1, "100.0%")]
    [InlineData(0.00049, "0.0%")]
    public void Percentages_have_one_decimal(double fraction, string expected) => Assert.Equal(expected, MoneyFormat.Percent((decimal)fraction));

    [Fact]
    public void As_of_is_in_the_viewers_zone()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.Equal("Nov 28, 2026 04:00 EST", DateFormat.AsOf(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero), zone));
        Assert.Equal("Dec 15", DateFormat.Short(new DateOnly(2026, 12, 15), new DateOnly(2026, 11, 28)));
        Assert.Equal("Jan 31, 2027", DateFormat.Short(new DateOnly(2027, 1, 31), new DateOnly(2026, 11, 28)));
    }
}
