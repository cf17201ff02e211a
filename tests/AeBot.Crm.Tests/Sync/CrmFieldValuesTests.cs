using AeBot.Crm.Sources;
using AeBot.Crm.Sync;

namespace AeBot.Crm.Tests.Sync;

public sealed class CrmFieldValuesTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_value_keeps_the_time_it_was_first_seen_until_it_changes()
    {
        var fields = CrmFieldValues.Parse(null);
        Assert.True(fields.Set(CrmDealField.CloseDate, "2027-01-15", Monday));
        Assert.False(fields.Set(CrmDealField.CloseDate, "2027-01-15", Monday.AddDays(1)));
        var read = CrmFieldValues.Parse(fields.Serialize());
        Assert.Equal("2027-01-15", read.Get(CrmDealField.CloseDate));
        Assert.Equal(Monday, read.At(CrmDealField.CloseDate));
        Assert.True(read.Set(CrmDealField.CloseDate, "2027-01-20", Monday.AddDays(2)));
        Assert.Equal(Monday.AddDays(2), read.At(CrmDealField.CloseDate));
    }

    [Fact]
    public void An_empty_value_is_known_and_differs_from_a_field_never_seen()
    {
        var fields = CrmFieldValues.Parse(null);
        Assert.False(fields.Has(CrmDealField.NextStep));
        fields.Set(CrmDealField.NextStep, null, Monday);
        Assert.True(CrmFieldValues.Parse(fields.Serialize()).Has(CrmDealField.NextStep));
        Assert.Null(CrmFieldValues.Parse(fields.Serialize()).Get(CrmDealField.NextStep));
    }

    [Theory]
    [InlineData(114000.00, "114000")]
    [InlineData(99.5, "99.5")]
    [InlineData(0.125, "0.125")]
    public void Amounts_travel_as_invariant_decimals(decimal amount, string expected) =>
        Assert.Equal(expected, CrmFieldValues.Money(amount));

    [Fact]
    public void Html_bodies_are_read_as_their_words() =>
        Assert.Equal("Discussed pricing. They want a pilot & a discount.",
            CrmReader.Plain("<p>Discussed <b>pricing</b>.</p><p>They want a pilot &amp; a discount.</p>"));
}
