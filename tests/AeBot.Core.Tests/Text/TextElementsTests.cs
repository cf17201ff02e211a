using AeBot.Core.Text;

namespace AeBot.Core.Tests.Text;

public sealed class TextElementsTests
{
    [Theory]
    [InlineData("ที่", 3, 1)] // a consonant, a vowel above and a tone mark above that: three code points, one cell
    [InlineData("กำ", 2, 2)] // SARA AM takes a cell of its own
    [InlineData("บริษัท", 6, 4)]
    [InlineData("Acme", 4, 4)]
    [InlineData("📊", 1, 1)] // two UTF-16 units, one code point
    public void Code_points_count_every_mark_and_columns_only_what_takes_room(string text, int codePoints, int columns)
    {
        Assert.Equal(codePoints, TextElements.CodePoints(text));
        Assert.Equal(columns, TextElements.Columns(text));
    }

    [Theory]
    [InlineData("ที่ดิน", 2, "")] // ที่ is three units: it does not fit in two, and is never split
    [InlineData("ที่ดิน", 4, "ที่")] // ดิ is one character: five units do not fit in four
    [InlineData("เก่าแก่", 3, "เก่")]
    [InlineData("เก่าแก่", 5, "เก่า")] // not "เก่าแ": แ goes with the ก after it
    [InlineData("👍🏽ok", 3, "")] // an emoji with its skin tone is one character
    public void A_prefix_ends_between_whole_characters(string text, int max, string prefix) =>
        Assert.Equal(prefix, TextElements.Prefix(text, max));

    [Fact]
    public void Shortening_adds_an_ellipsis_within_the_limit_and_leaves_a_short_text_alone()
    {
        Assert.Equal("บริษัท สยามเทค จำกัด", TextElements.Shorten("บริษัท สยามเทค จำกัด", 20));
        Assert.Equal("บริษัท…", TextElements.Shorten("บริษัท สยามเทค จำกัด", 8));
        Assert.Equal("บริษัท สยาม…", TextElements.Shorten("บริษัท สยามเทค จำกัด", 10, TextMeasure.Columns));
        Assert.True(TextElements.Length(TextElements.Shorten(new string('ก', 50) + "ที่", 52, TextMeasure.CodePoints), TextMeasure.CodePoints) <= 52);
    }
}
