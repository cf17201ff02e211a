using AeBot.Core.Conversation;
using AeBot.Core.Nudges;
using AeBot.Core.Text;

namespace AeBot.Core.Tests.Nudges;

/// <summary>A nudge card in its recipient's language: the words change, the buttons' payloads and the English card do not.</summary>
public sealed class NudgeCardsTests
{
    private static readonly NudgeKey Key = new(NudgeRules.StaleDeal, "opp:42", new DateOnly(2026, 11, 30), 7);

    private static NudgeContent Content(ReplyLanguage language) =>
        new(Key, "Acme – Renewal: …", "Acme · Negotiation", "why", 3, "Acme", 42) { Language = language };

    private static IReadOnlyList<ReplyAction> Buttons(Reply reply) => reply.Blocks.OfType<ActionsBlock>().Single().Actions;

    [Fact]
    public void An_english_card_reads_as_it_always_has()
    {
        var reply = NudgeCards.Render(Content(ReplyLanguage.English));
        Assert.Equal("en", reply.Language);
        Assert.Equal(["Done", "Snooze 1 day", "Snooze 1 week", "Log", "Push date", "Open deal"], Buttons(reply).Select(a => a.Label));
        Assert.Equal("Why you're getting this: why Say \"mute stale for Acme\" or \"nudge settings\" to change this.", reply.Blocks.OfType<ContextBlock>().Single().Text);
    }

    [Fact]
    public void A_thai_card_has_thai_buttons_carrying_the_same_payloads_and_says_its_language()
    {
        var english = NudgeCards.Render(Content(ReplyLanguage.English));
        var thai = NudgeCards.Render(Content(ReplyLanguage.Thai), "กลับมาเตือนตามที่ขอไว้:");
        Assert.Equal("th", thai.Language);
        Assert.Equal(["เสร็จแล้ว", "เตือนอีกทีพรุ่งนี้", "เตือนอีกทีสัปดาห์หน้า", "บันทึก", "เลื่อนวันปิด", "เปิดดีล"], Buttons(thai).Select(a => a.Label));
        // The same actions; the Thai card's buttons also say the language they were shown in.
        Assert.Equal(Buttons(english).Select(a => a.Payload + "|lang:th"), Buttons(thai).Select(a => a.Payload));
        // The commands quoted are the Thai ones the settings understand.
        Assert.Equal("ทำไมถึงได้รับข้อความนี้: why พิมพ์ \"ปิดแจ้งเตือนดีลค้างของ Acme\" หรือ \"ตั้งค่าการแจ้งเตือน\" เพื่อปรับการแจ้งเตือนนี้", thai.Blocks.OfType<ContextBlock>().Last().Text);
    }

    [Fact]
    public void Snooze_reasons_keep_their_keys_and_a_stored_english_reason_reads_in_thai()
    {
        Assert.Equal(NudgeCards.SnoozeReasons.Keys, NudgeCards.SnoozeReasonsIn(ReplyLanguage.Thai).Keys);
        Assert.Equal(NudgeCards.SnoozeReasons, NudgeCards.SnoozeReasonsIn(ReplyLanguage.English));
        Assert.Equal("รอลูกค้าอยู่", NudgeCards.SnoozeReasonIn("Waiting on the customer", ReplyLanguage.Thai));
        Assert.Equal("typed by hand", NudgeCards.SnoozeReasonIn("typed by hand", ReplyLanguage.Thai));
    }
}
