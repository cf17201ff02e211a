using AeBot.Core.Understanding;

namespace AeBot.Core.Tests.Understanding;

public class AmountParserTests
{
    [Theory]
    [InlineData("deals over 50k", 50_000d, null)]
    [InlineData("deals above $1.2M", 1_200_000d, null)]
    [InlineData("under 40,000 EUR", null, 40_000d)]
    [InlineData("at least 100000 and below 250k", 100_000d, 250_000d)]
    [InlineData("more than 1.5 million", 1_500_000d, null)]
    public void Thresholds(string text, double? min, double? max)
    {
        var (from, to, matched) = AmountParser.Parse(text);
        Assert.Equal(min is null ? null : (decimal)min, from);
        Assert.Equal(max is null ? null : (decimal)max, to);
        Assert.NotNull(matched);
    }

    [Fact]
    public void No_threshold_without_a_direction_word() => Assert.Equal((null, null, null), AmountParser.Parse("top 5 deals"));
}
