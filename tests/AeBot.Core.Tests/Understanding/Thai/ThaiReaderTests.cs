using AeBot.Core.Understanding;
using AeBot.Core.Understanding.Thai;

namespace AeBot.Core.Tests.Understanding.Thai;

/// <summary>Thai text in the parser's words: segmentation, names, numbers, Buddhist-era years, particles.</summary>
public sealed class ThaiReaderTests
{
    private readonly ThaiReader _reader = new(new ThaiWordBreaker());

    private string Read(string text, params string[] names) => _reader.Read(TextNormalizer.Normalize(text), names).Words;

    [Fact]
    public void Icu_is_found_on_this_machine()
    {
        Assert.True(new ThaiWordBreaker().Available, "libicu (which .NET itself uses) should be loadable by icu.net");
        Assert.Equal(["ลูกค้า", "บอก", "ว่า", "แพง"], new ThaiWordBreaker().Words("ลูกค้าบอกว่าแพง"));
    }

    [Theory]
    [InlineData("ดีลไปป์ไลน์โควตาฟอร์แคสต์", "deals pipeline quota forecast")]
    [InlineData("ดีลที่ปิดได้ไตรมาสที่แล้ว", "deals won last quarter")]
    [InlineData("pipeline เดือนนี้มีเท่าไหร่", "pipeline this month how much ?")]
    [InlineData("win rate ไตรมาสที่แล้วครับ", "win rate last quarter")]
    public void Loan_words_and_phrases_stay_whole_and_particles_go(string thai, string words) =>
        Assert.Equal(words, Read(thai));

    [Fact]
    public void Names_in_the_data_are_read_whole_even_glued_to_words_or_with_spaces()
    {
        Assert.Equal("deals สยามเทค", Read("ดีลสยามเทค", "สยามเทค"));
        Assert.Equal("brief me on บริษัท ไทย ซอฟต์", Read("สรุปลูกค้าบริษัท ไทย ซอฟต์", "บริษัท ไทย ซอฟต์"));
        Assert.Equal("deals Acme", Read("ดีล Acme"));
    }

    [Theory]
    [InlineData("ดีลที่มากกว่า 2.5 ล้าน", "deals over 2500000")]
    [InlineData("ดีล ๕ แสนขึ้นไป", "deals over 500000")]
    [InlineData("ดีลต่ำกว่า 3 หมื่นบาท", "deals under 30000")]
    [InlineData("ดีล 1,500 บาทขึ้นไป", "deals over 1,500")]
    [InlineData("ดีล ๑๒๐ พัน", "deals 120000")]
    public void Thai_digits_and_scale_words_become_amounts(string thai, string words) =>
        Assert.Equal(words, Read(thai));

    [Theory]
    [InlineData("ยอดขาย พ.ศ. 2568", "sales total 2025")]
    [InlineData("ยอดขายปี 68", "sales total 2025")]
    [InlineData("ยอดขายปี 2569", "sales total 2026")]
    [InlineData("ยอดขายเดือน มี.ค. 68", "sales total month March 2025")]
    [InlineData("ยอดขาย ม.ค. 2569", "sales total January 2026")]
    [InlineData("ยอดขายไตรมาสที่ 3 ปี 68", "sales total Q3 2025")]
    [InlineData("ยอดขาย ค.ศ. 2025", "sales total 2025")]
    [InlineData("ดีล 30 วันที่ผ่านมา", "deals last 30 days")]
    public void Buddhist_era_and_Thai_periods_become_the_calendars_words(string thai, string words) =>
        Assert.Equal(words, Read(thai));

    [Theory]
    [InlineData("ปิดกับ Tyrell Foods ได้เท่าไหร่", "won with Tyrell Foods how much ?")]
    [InlineData("ปีนี้ปิด GTX Pro ได้กี่ดีล", "this year won GTX Pro how many deals ?")]
    [InlineData("จะปิด Acme ได้ไหม", "closing Acme ?")]
    [InlineData("ปิด Acme ไม่ได้", "lost Acme")]
    [InlineData("ทีมของ Marcus ไตรมาสที่แล้ว", "Marcus's team last quarter")]
    [InlineData("ทีมมี deal จะ close Q หน้า", "team deal close next quarter")]
    public void A_few_thai_grammar_rules_put_split_phrases_together(string thai, string words) =>
        Assert.Equal(words, Read(thai));

    [Fact]
    public void A_bare_four_digit_number_is_an_amount_not_an_era_year() =>
        Assert.Equal("deals over 2500", Read("ดีลมากกว่า 2500 บาท"));

    [Fact]
    public void Question_particles_and_words_mark_a_question()
    {
        Assert.True(_reader.Read("ปิดได้ไหม", []).Asks);
        Assert.True(_reader.Read("ยอดขายเท่าไหร่", []).Asks);
        Assert.False(_reader.Read("ดีลที่เลื่อน", []).Asks);
    }

    [Fact]
    public void Words_nobody_knows_are_kept_and_reported()
    {
        var read = _reader.Read("อากาศร้อนมาก", []);
        Assert.Contains("weather", read.Words);
        Assert.NotEmpty(read.Unknown);
    }

    [Fact]
    public void Normalising_keeps_sara_am_whole_and_reads_thai_digits()
    {
        // NFKC alone turns U+0E33 into U+0E4D U+0E32; the normaliser puts it back.
        Assert.Equal("จำนวน 25", TextNormalizer.Normalize("จำนวน ๒๕"));
        Assert.Equal("จำนวน", TextNormalizer.Normalize("จ\u0E4D\u0E32นวน"));
    }
}
