using AeBot.Core.Organization;
using AeBot.Data.Import.Kinds;

namespace AeBot.Data.Tests.Import.Kinds;

public class RepImporterTests
{
    [Theory]
    [InlineData("Q3 2026", 1, "2026-07-01", "2026-09-30")]
    [InlineData("2026-Q4", 1, "2026-10-01", "2026-12-31")]
    [InlineData("FY2026", 1, "2026-01-01", "2026-12-31")]
    [InlineData("2026", 1, "2026-01-01", "2026-12-31")]
    [InlineData("FY2026", 2, "2025-02-01", "2026-01-31")]
    [InlineData("Q1 FY2026", 2, "2025-02-01", "2025-04-30")]
    [InlineData("Q4 2026", 7, "2026-04-01", "2026-06-30")]
    public void Quota_periods_follow_the_fiscal_calendar(string text, int startMonth, string start, string end)
    {
        var period = RepImporter.ParsePeriod(text, startMonth);
        Assert.Equal((DateOnly.Parse(start), DateOnly.Parse(end)), period);
    }

    [Theory]
    [InlineData("next year")]
    [InlineData("Q5 2026")]
    public void Unreadable_periods_give_nothing(string text) => Assert.Null(RepImporter.ParsePeriod(text, 1));

    [Theory]
    [InlineData("Account Executive", RepRole.Rep)]
    [InlineData("Sales Manager", RepRole.Manager)]
    [InlineData("VP Sales", RepRole.Manager)]
    [InlineData("Regional Director", RepRole.Manager)]
    [InlineData("Account Manager", RepRole.AccountManager)]
    [InlineData("Customer Success Manager", RepRole.AccountManager)]
    [InlineData("System Administrator", RepRole.Admin)]
    [InlineData("SDR", RepRole.Rep)]
    public void Roles_are_read_from_titles_and_profiles(string text, RepRole expected) => Assert.Equal(expected, RepImporter.ParseRole(text));
}
