using AeBot.Core.Money;

namespace AeBot.Core.Tests.Money;

public class MoneyTests
{
    [Fact]
    public void Same_currency_adds_exactly()
    {
        var sum = new Core.Money.Money(0.1m, "usd") + new Core.Money.Money(0.2m, "USD");
        Assert.Equal(new Core.Money.Money(0.3m, "USD"), sum);
    }

    [Fact]
    public void Different_currencies_never_add_silently() =>
        Assert.Throws<InvalidOperationException>(() => new Core.Money.Money(1m, "USD") + new Core.Money.Money(1m, "EUR"));

    [Theory]
    [InlineData("$", "USD")]
    [InlineData("€", "EUR")]
    [InlineData("gbp", "GBP")]
    [InlineData("dollars", null)]
    [InlineData("", null)]
    public void Symbols_and_codes_are_read(string text, string? expected) => Assert.Equal(expected, CurrencyCode.FromSymbolOrCode(text));

    [Fact]
    public void A_bad_code_is_refused_with_the_value() =>
        Assert.Contains("'US'", Assert.Throws<ArgumentException>(() => new Core.Money.Money(1m, "US")).Message);
}
