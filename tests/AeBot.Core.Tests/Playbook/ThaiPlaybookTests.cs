using System.Text;
using AeBot.Core.Conversation;
using AeBot.Core.Playbook;
using AeBot.Core.Tests.Help;
using AeBot.Core.Tests.Understanding;
using AeBot.Core.Text;
using AeBot.Core.Understanding;

namespace AeBot.Core.Tests.Playbook;

/// <summary>
/// The objection playbook in Thai: each of the seven topics, asked the way a Thai rep asks it, is answered from the
/// Thai entry (Thai words only), and the same question from an English rep gets the English entry as it always was.
/// </summary>
public sealed class ThaiPlaybookTests
{
    private static readonly ObjectionPlaybook Default = ObjectionPlaybook.Default();

    public static TheoryData<string, string> Asked => new()
    {
        { "ลูกค้าบอกว่าแพงไป ควรตอบยังไง", "price" },
        { "ลูกค้าขอส่วนลดเพิ่ม ควรตอบยังไงดี", "price" },
        { "ลูกค้าบอกว่ายังไม่พร้อม ไว้ปีหน้าค่อยคุย ควรตอบยังไง", "timing" },
        { "ลูกค้าบอกขอคิดดูก่อน ควรตอบยังไง", "timing" },
        { "ลูกค้ากำลังเทียบกับเจ้าอื่นอยู่ ควรตอบยังไง", "competitor" },
        { "จัดซื้อขอใบเสนอราคาสามเจ้า ควรตอบยังไง", "competitor" },
        { "ลูกค้าบอกว่ายังไม่มีงบ ควรตอบยังไง", "no-budget" },
        { "ลูกค้าบอกว่าต้องรอหัวหน้าอนุมัติก่อน ควรตอบยังไง", "approval" },
        { "ลูกค้าบอกว่าใช้เจ้าอื่นอยู่ ควรตอบยังไง", "current-vendor" },
        { "ลูกค้าบอกว่าติดสัญญากับเจ้าเดิม ควรตอบยังไง", "current-vendor" },
        { "ลูกค้าขอให้ส่งข้อมูลมาก่อน ควรตอบยังไง", "send-info" },
        { "ลูกค้าบอกให้ส่งไลน์มา ควรตอบยังไง", "send-info" },
        { "playbook เรื่องราคา", "price" },
    };

    [Theory]
    [MemberData(nameof(Asked))]
    public void A_thai_rep_gets_the_thai_entry_for_the_objection(string question, string topic)
    {
        var result = new PlaybookAbility(Default).Answer(question, ReplyLanguage.Thai);

        Assert.Equal("topic=" + topic, result.Entities);
        var thai = Default.Entries.Single(e => e.Topic == topic).Thai!;
        var text = string.Join("\n", ThaiText.Texts(result.Reply));
        Assert.Contains(thai.Title, text);
        Assert.Contains(thai.Responses[0], text);
        Assert.Contains("**วิธีตอบ**", text);
        ThaiText.AssertThai(result.Reply);
    }

    public static TheoryData<string, string> English => new()
    {
        { "how do I handle 'too expensive'?", "price" },
        { "customer says now is not a good time", "timing" },
        { "how do I handle a competitor objection?", "competitor" },
        { "they said there's no budget, how do I respond?", "no-budget" },
        { "how should I answer 'I need approval from my boss'?", "approval" },
        { "they're happy with their current vendor, how do I handle it?", "current-vendor" },
        { "they said just send me info, how do I respond?", "send-info" },
    };

    [Theory]
    [MemberData(nameof(English))]
    public void An_english_rep_gets_the_english_entry_unchanged(string question, string topic)
    {
        var result = new PlaybookAbility(Default).Answer(question, ReplyLanguage.English);
        var entry = Default.Entries.Single(e => e.Topic == topic);

        Assert.Equal("topic=" + topic, result.Entities);
        var expected = new List<string> { $"**{entry.Title}**\n{entry.Meaning}", "**Ask**\n" + string.Join('\n', entry.Questions.Select(q => "- " + q)),
            "**Respond**\n" + string.Join('\n', entry.Responses.Select(q => "- " + q)), "**Proof points**\n" + string.Join('\n', entry.ProofPoints.Select(q => "- " + q)) };
        Assert.Equal(expected, result.Reply.Blocks.OfType<TextBlock>().Select(b => b.Markdown));
        Assert.Equal("From your team's objection playbook", Assert.IsType<ContextBlock>(result.Reply.Blocks[^1]).Text);
        Assert.Equal("Playbook: " + entry.Title, result.Reply.Summary);
    }

    [Fact]
    public void Every_objection_has_its_own_thai_entry_with_thai_phrases()
    {
        Assert.Equal(["price", "timing", "competitor", "no-budget", "approval", "current-vendor", "send-info"], Default.Entries.Select(e => e.Topic));
        foreach (var entry in Default.Entries)
        {
            var thai = Assert.IsType<PlaybookEntry>(entry.Thai);
            Assert.NotEmpty(thai.Phrases);
            Assert.True(thai.Questions.Count >= 3 && thai.Responses.Count >= 2 && thai.ProofPoints.Count >= 1, entry.Topic);
            // Each Thai phrase finds its own objection (longest first never hands it to another topic).
            foreach (var phrase in thai.Phrases)
                Assert.Equal(entry.Topic, Default.Match("ลูกค้าบอกว่า" + phrase)?.Topic);
        }
    }

    [Fact]
    public async Task The_thai_choice_lists_thai_objections_and_each_choice_is_read_and_answered_in_thai()
    {
        var ability = new PlaybookAbility(Default);
        var choice = ability.Answer("ควรตอบยังไง", ReplyLanguage.Thai);
        ThaiText.AssertThai(choice.Reply);
        var options = Assert.IsType<ChoiceBlock>(Assert.Single(choice.Reply.Blocks)).Options;
        Assert.Equal(7, options.Count);

        var names = SnapshotNames.Demo.Value;
        var parser = QueryCorpus.Parser(names);
        var viewer = names.Viewer(names.Rep("dana"));
        foreach (var (option, entry) in options.Zip(Default.Entries))
        {
            var asked = option.Payload[Payloads.Ask.Length..];
            var reading = await parser.ReadAsync(asked, viewer, QueryCorpus.DefaultToday, null, default);
            Assert.True(reading is AbilityReading { Kind: AbilityKind.Playbook }, $"\"{asked}\" is read as {reading}");
            Assert.Equal("topic=" + entry.Topic, ability.Answer(asked, ReplyLanguage.Thai).Entities);
        }
    }

    [Fact]
    public void The_english_choice_is_unchanged()
    {
        var options = ((ChoiceBlock)new PlaybookAbility(Default).Answer("how do I handle objections?", ReplyLanguage.English).Reply.Blocks[0]).Options;
        Assert.Equal("It's too expensive", options[0].Label);
        Assert.Equal("ask:how do I handle price objections?", options[0].Payload);
    }

    [Fact]
    public void A_team_playbook_without_thai_is_shown_as_written_under_thai_headings()
    {
        var json = """{ "objections": [ { "topic": "security", "title": "Security review", "phrases": ["security"], "responses": ["Send the security pack."] } ] }""";
        var playbook = ObjectionPlaybook.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        var reply = new PlaybookAbility(playbook).Answer("ลูกค้าถามเรื่อง security ควรตอบยังไง", ReplyLanguage.Thai).Reply;

        Assert.Equal("**วิธีตอบ**\n- Send the security pack.", ((TextBlock)reply.Blocks[1]).Markdown);
        Assert.Equal("จากคู่มือรับมือข้อโต้แย้งของทีมคุณ", ((ContextBlock)reply.Blocks[^1]).Text);
    }
}
