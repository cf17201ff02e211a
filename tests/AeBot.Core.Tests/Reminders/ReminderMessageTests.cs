using AeBot.Core.Conversation;
using AeBot.Core.Organization;
using AeBot.Core.Reminders;

namespace AeBot.Core.Tests.Reminders;

/// <summary>A due reminder is delivered in its rep's language, with the time they asked for in their own zone.</summary>
public sealed class ReminderMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 14, 0, 0, TimeSpan.Zero);

    private static Reminder Due(string? language) => new()
    {
        Id = 42,
        RepId = 8,
        Rep = new Rep { Id = 8, Name = "Dana Reyes", TimeZoneId = "America/New_York", Language = language },
        Text = "Call Bob",
        DueAt = new DateTimeOffset(2026, 11, 28, 13, 0, 0, TimeSpan.Zero),
        Channel = "web",
        ConversationId = "c1",
    };

    private static string[] Texts(Reply reply) =>
    [
        .. reply.Blocks.OfType<TextBlock>().Select(t => t.Markdown),
        .. reply.Blocks.OfType<ContextBlock>().Select(c => c.Text),
        .. reply.Blocks.OfType<ActionsBlock>().SelectMany(a => a.Actions).Select(a => a.Label),
        reply.Summary,
    ];

    [Fact]
    public void A_reminder_reads_as_before_for_an_english_rep()
    {
        var reply = ReminderMessage.Of(Due(null), Now);

        Assert.Equal(["⏰ Reminder: Call Bob", "You asked for this at Sat, Nov 28 at 08:00 (America/New_York).", "In 1 hour", "Tomorrow 9:00", "Reminder: Call Bob"], Texts(reply));
        Assert.Equal(["act:rem.snooze:42:1h", "act:rem.snooze:42:tomorrow"], reply.Blocks.OfType<ActionsBlock>().Single().Actions.Select(a => a.Payload));
        Assert.Equal("en", reply.Language);
    }

    [Fact]
    public void A_reminder_is_delivered_in_thai_to_a_rep_who_chose_thai_with_the_same_buttons()
    {
        var reply = ReminderMessage.Of(Due("th"), Now);

        Assert.Equal(["⏰ เตือนความจำ: Call Bob", "คุณตั้งเตือนนี้ไว้ที่ ส. 28 พ.ย. เวลา 08:00 น. (America/New_York)", "อีก 1 ชั่วโมง", "พรุ่งนี้ 9:00 น.", "เตือนความจำ: Call Bob"], Texts(reply));
        Assert.Equal(["act:rem.snooze:42:1h|lang:th", "act:rem.snooze:42:tomorrow|lang:th"], reply.Blocks.OfType<ActionsBlock>().Single().Actions.Select(a => a.Payload));
        Assert.Equal("th", reply.Language);
    }
}
