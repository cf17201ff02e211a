using AeBot.Core.Understanding;
using AeBot.Core.Understanding.Thai;

namespace AeBot.Core.Tests.Understanding.Thai;

/// <summary>Amounts spelt out in Thai number words, as sellers type what they would say aloud.</summary>
public sealed class ThaiNumbersTests
{
    [Theory]
    [InlineData("ห้าแสน", 500_000)]
    [InlineData("สองล้านห้า", 2_500_000)]
    [InlineData("สองล้านห้าแสน", 2_500_000)]
    [InlineData("ล้านสอง", 1_200_000)]
    [InlineData("ล้านครึ่ง", 1_500_000)]
    [InlineData("แสนห้า", 150_000)]
    [InlineData("หมื่นห้า", 15_000)]
    [InlineData("หนึ่งหมื่น", 10_000)]
    [InlineData("หนึ่งหมื่นห้าพัน", 15_000)]
    [InlineData("สามพันห้าร้อย", 3_500)]
    [InlineData("ยี่สิบห้า", 25)]
    [InlineData("สิบเอ็ด", 11)]
    [InlineData("สองร้อยล้าน", 200_000_000)]
    [InlineData("แสน", 100_000)]
    [InlineData("2.5 ล้าน", 2_500_000)]
    [InlineData("2 ล้านห้า", 2_500_000)]
    [InlineData("1 ล้านครึ่ง", 1_500_000)]
    [InlineData("ห้า แสน", 500_000)]
    public void Spelt_out_amounts_are_read_as_their_value(string thai, decimal value) =>
        Assert.Equal(value, ThaiNumbers.Parse(thai));

    [Theory]
    [InlineData("๒.๕ ล้าน", 2_500_000)]
    [InlineData("๕ แสน", 500_000)]
    [InlineData("๑๒๐ พัน", 120_000)]
    public void Thai_digits_before_a_unit_are_read_as_digits(string thai, decimal value) =>
        Assert.Equal(value, ThaiNumbers.Parse(thai));

    [Theory]
    // A digit word alone is no amount; neither is a word that only contains a number word.
    [InlineData("สอง")]
    [InlineData("ห้าง")]
    [InlineData("สามารถ")]
    [InlineData("เรียบร้อย")]
    [InlineData("ร้อยละ")]
    [InlineData("พันธมิตร")]
    [InlineData("2568")]
    public void Words_that_are_not_amounts_are_left_alone(string thai) =>
        Assert.Null(ThaiNumbers.Parse(thai));

    [Theory]
    [InlineData("ดีลที่มากกว่าห้าแสน", "ดีลที่มากกว่า 500000 ")]
    [InlineData("ดีลเกินสองล้านห้าแสนบาท", "ดีลเกิน 2500000 บาท")]
    [InlineData("3 ดีลใหญ่สุด", "3 ดีลใหญ่สุด")]
    [InlineData("งานเรียบร้อยแล้ว", "งานเรียบร้อยแล้ว")]
    public void Amounts_inside_a_sentence_become_digits_and_the_rest_stays(string thai, string spelt) =>
        Assert.Equal(spelt, ThaiNumbers.Spell(thai));

    [Theory]
    [InlineData("ดีลที่มากกว่าห้าแสน", 500_000, null)]
    [InlineData("ดีลเกินล้านสอง", 1_200_000, null)]
    [InlineData("ดีลที่น้อยกว่าหมื่นห้า", null, 15_000)]
    [InlineData("ดีลที่ยังไม่ถึงแสน", null, 100_000)]
    [InlineData("ดีล 1-2 ล้าน", 1_000_000, 2_000_000)]
    [InlineData("ดีลที่เกิน 3 ลบ.", 3_000_000, null)]
    [InlineData("ดีลที่เกิน ๑,500,000", 1_500_000, null)]
    public async Task A_thai_threshold_in_number_words_fills_the_same_amount_slot_as_digits(string thai, int? min, int? max)
    {
        var names = SnapshotNames.Demo.Value;
        var reading = await QueryCorpus.Parser(names).ReadAsync(thai, names.Viewer(names.Rep("dana")), QueryCorpus.DefaultToday, null, default);

        var query = Assert.IsType<QueryReading>(reading).Query;
        Assert.Equal((decimal?)min, query.Filters.MinAmount);
        Assert.Equal((decimal?)max, query.Filters.MaxAmount);
    }
}
