using AeBot.Core.Text;
using AeBot.Core.Understanding;
using AeBot.Core.Understanding.Thai;

namespace AeBot.Core.Tests.Understanding;

/// <summary>A declined request is answered with one whole sentence per reason, in English and in Thai.</summary>
public sealed class UnsupportedReasonsTests
{
    private const string CanDo = " — that's outside what I do. I can answer questions about your deals and numbers, brief you on an account, log what happened and set reminders.";

    [Theory]
    // The English replies are the ones AeBot gave before the reason was typed, byte for byte.
    [InlineData(UnsupportedReason.Drafting, "I can't draft e-mails or messages" + CanDo, "Unsupported request: draft e-mails or messages")]
    [InlineData(UnsupportedReason.Calendar, "I can't book meetings in your calendar" + CanDo, "Unsupported request: book meetings in your calendar")]
    [InlineData(UnsupportedReason.SendingEmail, "I can't send e-mails for you" + CanDo, "Unsupported request: send e-mails for you")]
    [InlineData(UnsupportedReason.Documents, "I can't read or summarise documents outside your CRM data" + CanDo, "Unsupported request: read or summarise documents outside your CRM data")]
    [InlineData(UnsupportedReason.ActivityCounts, "I can't count or list calls and meetings (an account brief shows the latest ones: \"brief me on …\")" + CanDo,
        "Unsupported request: count or list calls and meetings (an account brief shows the latest ones: \"brief me on …\")")]
    [InlineData(UnsupportedReason.OutsideData, "I can't look up news, weather or anything outside your CRM data" + CanDo, "Unsupported request: look up news, weather or anything outside your CRM data")]
    public void Each_reason_has_its_english_sentence(UnsupportedReason reason, string sentence, string summary)
    {
        Assert.Equal(sentence, UnsupportedReasons.Sentence(reason, ReplyLanguage.English));
        Assert.Equal(summary, UnsupportedReasons.Summary(reason, ReplyLanguage.English));
    }

    [Fact]
    public void Each_reason_has_a_whole_thai_sentence_of_its_own()
    {
        var sentences = Enum.GetValues<UnsupportedReason>().Select(r => UnsupportedReasons.Sentence(r, ReplyLanguage.Thai)).ToList();
        var summaries = Enum.GetValues<UnsupportedReason>().Select(r => UnsupportedReasons.Summary(r, ReplyLanguage.Thai)).ToList();

        Assert.Equal(sentences.Count, sentences.Distinct().Count());
        Assert.Equal(summaries.Count, summaries.Distinct().Count());
        foreach (var text in sentences.Concat(summaries))
        {
            Assert.True(ThaiScript.Contains(text), text);
            // Only the product's own acronym may stay in Latin letters.
            Assert.All(System.Text.RegularExpressions.Regex.Matches(text, "[A-Za-z]+").Select(m => m.Value), w => Assert.Equal("CRM", w));
            Assert.DoesNotContain("{0}", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("draft a follow-up email to Acme", UnsupportedReason.Drafting)]
    [InlineData("schedule a meeting with Globex", UnsupportedReason.Calendar)]
    [InlineData("send an email to Priya", UnsupportedReason.SendingEmail)]
    [InlineData("summarise the earnings report", UnsupportedReason.Documents)]
    [InlineData("how many calls did I make this week?", UnsupportedReason.ActivityCounts)]
    [InlineData("what's the weather like", UnsupportedReason.OutsideData)]
    [InlineData("ร่างอีเมลถึง Acme ให้หน่อย", UnsupportedReason.Drafting)]
    [InlineData("เขียน proposal ให้ Pied Piper หน่อย", UnsupportedReason.Drafting)]
    [InlineData("อากาศวันนี้ร้อนไหม", UnsupportedReason.OutsideData)]
    [InlineData("แปลข้อความนี้เป็นภาษาอังกฤษให้หน่อย", UnsupportedReason.OutsideData)]
    public async Task A_declined_request_carries_which_kind_it_is(string text, UnsupportedReason reason)
    {
        var names = SnapshotNames.Demo.Value;
        var reading = await QueryCorpus.Parser(names).ReadAsync(text, names.Viewer(names.Rep("dana")), QueryCorpus.DefaultToday, null, default);

        Assert.Equal(reason, Assert.IsType<UnsupportedReading>(reading).Reason);
    }
}
