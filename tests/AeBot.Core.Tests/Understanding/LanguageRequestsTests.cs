using AeBot.Core.Understanding;

namespace AeBot.Core.Tests.Understanding;

public class LanguageRequestsTests
{
    [Theory]
    [InlineData("ตอบเป็นภาษาไทย", "th")]
    [InlineData("ตอบเป็นภาษาไทยครับ", "th")]
    [InlineData("ช่วยตอบเป็นภาษาไทยหน่อยค่ะ", "th")]
    [InlineData("ภาษาไทย", "th")]
    [InlineData("reply in Thai", "th")]
    [InlineData("switch to Thai please", "th")]
    [InlineData("reply in English", "en")]
    [InlineData("ตอบเป็นภาษาอังกฤษนะ", "en")]
    [InlineData("switch back to English", "en")]
    [InlineData("answer in english from now on", "en")]
    public void A_language_request_names_the_language(string text, string expected)
    {
        var reading = LanguageRequests.Read(TextNormalizer.Normalize(text));

        Assert.NotNull(reading);
        Assert.Equal(expected, reading.Language);
        Assert.Null(reading.BuddhistEra);
    }

    [Theory]
    [InlineData("ใช้ปี พ.ศ.", true)]
    [InlineData("ใช้ พ.ศ. ครับ", true)]
    [InlineData("show Buddhist era years", true)]
    [InlineData("ใช้ปี ค.ศ.", false)]
    [InlineData("แสดงปี ค.ศ. ค่ะ", false)]
    [InlineData("use Gregorian years", false)]
    public void A_year_style_request_keeps_the_language(string text, bool buddhist)
    {
        var reading = LanguageRequests.Read(TextNormalizer.Normalize(text));

        Assert.NotNull(reading);
        Assert.Null(reading.Language);
        Assert.Equal(buddhist, reading.BuddhistEra);
    }

    [Theory]
    [InlineData("Thai deals this quarter")]
    [InlineData("pipeline for the Thai team")]
    [InlineData("ลูกค้าคนไทย")]
    [InlineData("ยอดขายปี พ.ศ. 2568")]
    [InlineData("what's our English pipeline?")]
    public void A_question_that_mentions_a_language_is_not_a_setting(string text) =>
        Assert.Null(LanguageRequests.Read(TextNormalizer.Normalize(text)));
}
