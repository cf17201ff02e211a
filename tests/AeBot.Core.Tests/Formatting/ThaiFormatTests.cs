using AeBot.Core.Formatting;
using AeBot.Core.Text;
using AeBot.Core.Understanding;

namespace AeBot.Core.Tests.Formatting;

/// <summary>Thai figures and dates as Thai sellers write them, with the same precision as the English ones.</summary>
public class ThaiFormatTests
{
    private static readonly ReplyLanguage Thai = ReplyLanguage.Thai;
    private static readonly ReplyLanguage ThaiGregorian = ReplyLanguage.Thai with { BuddhistEra = false };
    private static readonly DateOnly Today = new(2026, 12, 3);

    [Theory]
    [InlineData(2_500_000, "THB", "฿2.5 ล้าน")]
    [InlineData(1_234_567, "USD", "$1.2 ล้าน")]
    [InlineData(450_000, "THB", "฿4.5 แสน")]
    [InlineData(455_000, "THB", "฿4.55 แสน")]
    [InlineData(45_500, "THB", "฿4.55 หมื่น")]
    [InlineData(9_800, "THB", "฿9,800")]
    [InlineData(1_500_000_000, "THB", "฿1,500 ล้าน")]
    [InlineData(1_500_000, "CHF", "1.5 ล้าน CHF")]
    [InlineData(-30_000, "THB", "-฿3 หมื่น")]
    public void Compact_thai_money_counts_in_lan_saen_and_muen(double amount, string currency, string expected) =>
        Assert.Equal(expected, MoneyFormat.Compact((decimal)amount, currency, Thai));

    [Theory]
    [InlineData(1_234_567, "USD", "$1.2M")]
    [InlineData(450_000, "THB", "฿450K")]
    public void Compact_english_money_is_unchanged(double amount, string currency, string expected) =>
        Assert.Equal(expected, MoneyFormat.Compact((decimal)amount, currency, ReplyLanguage.English));

    [Fact]
    public void Exact_money_is_the_same_in_both_languages() =>
        Assert.Equal("฿2,500,000", MoneyFormat.Exact(2_500_000m, "THB"));

    [Theory]
    [InlineData(2026, 12, 15, "15 ธ.ค.")]
    [InlineData(2027, 1, 31, "31 ม.ค. 2570")]
    [InlineData(2025, 3, 1, "1 มี.ค. 2568")]
    public void Thai_dates_are_day_first_with_the_buddhist_era_year_when_not_this_year(int y, int m, int d, string expected) =>
        Assert.Equal(expected, DateFormat.Short(new DateOnly(y, m, d), Today, Thai));

    [Fact]
    public void A_thai_reader_who_asked_for_gregorian_years_gets_them() =>
        Assert.Equal("31 ม.ค. 2027", DateFormat.Short(new DateOnly(2027, 1, 31), Today, ThaiGregorian));

    [Fact]
    public void Thai_day_and_time_name_the_weekday_and_say_nalika() =>
        Assert.Equal("อ. 15 ธ.ค. เวลา 10:00 น.", DateFormat.DayAt(new DateTimeOffset(2026, 12, 15, 10, 0, 0, TimeSpan.FromHours(7)), Today, Thai));

    [Fact]
    public void Thai_ranges_give_the_year_once() =>
        Assert.Equal("1 ต.ค. – 31 ธ.ค. 2569", DateFormat.Range(new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), Thai));

    [Fact]
    public void Thai_as_of_shows_the_zone() =>
        Assert.Equal("3 ธ.ค. 2569 14:30 น. UTC", DateFormat.AsOf(new DateTimeOffset(2026, 12, 3, 14, 30, 0, TimeSpan.Zero), TimeZoneInfo.Utc, Thai));

    [Theory]
    [InlineData(2026, 10, 1, 2026, 12, 31, "ไตรมาส 4/2569")]
    [InlineData(2026, 10, 1, 2026, 12, 3, "ไตรมาส 4/2569 ถึงวันนี้")]
    [InlineData(2026, 11, 1, 2026, 11, 30, "พฤศจิกายน 2569")]
    [InlineData(2026, 1, 1, 2026, 12, 31, "ปี 2569")]
    [InlineData(2026, 11, 23, 2026, 11, 29, "23–29 พ.ย. 2569")]
    public void Thai_periods_are_named_from_their_dates(int y1, int m1, int d1, int y2, int m2, int d2, string expected) =>
        Assert.Equal(expected, PeriodFormat.Label(new Period(new DateOnly(y1, m1, d1), new DateOnly(y2, m2, d2), "whatever the asker wrote"), new FiscalCalendar(1), Today, Thai));

    [Fact]
    public void A_fiscal_quarter_is_named_with_the_fiscal_year() =>
        Assert.Equal("ไตรมาส 1/ปีงบ 2570",
            PeriodFormat.Label(new Period(new DateOnly(2026, 2, 1), new DateOnly(2026, 4, 30), "Q1 FY2027"), new FiscalCalendar(2), Today, Thai));

    [Fact]
    public void English_periods_keep_the_askers_words() =>
        Assert.Equal("this quarter (Q4 2026)",
            PeriodFormat.Label(new Period(new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), "this quarter (Q4 2026)"), new FiscalCalendar(1), Today, ReplyLanguage.English));
}
