using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Text;
using AeBot.Core.Time;

namespace AeBot.Core.Reminders;

/// <summary>
/// The message a due reminder is delivered as, in its rep's language: sent outside any chat turn, so it says which
/// language it is written in itself.
/// </summary>
public static class ReminderMessage
{
    public static Reply Of(Reminder reminder, DateTimeOffset now)
    {
        var l = reminder.Rep is { } who ? ReplyLanguage.Of(who.Language, who.Locale, who.BuddhistEra) : ReplyLanguage.English;
        // The time the rep asked for, in their own zone, so a late delivery (the server was down) says so plainly.
        var zone = reminder.Rep is { } rep ? RepTime.ZoneOf(rep) : TimeZoneInfo.Utc;
        var asked = TimeZoneInfo.ConvertTime(reminder.DueAt, zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var snooze = Payloads.Act + "rem.snooze:" + reminder.Id;
        return Payloads.InLanguage(new Reply([
            new TextBlock(T(l, nameof(ReminderTexts.Due), reminder.Text)),
            new ContextBlock(T(l, nameof(ReminderTexts.AskedAt), DateFormat.DayAt(asked, today, l), zone.Id)),
            new ActionsBlock([new ReplyAction(T(l, nameof(ReminderTexts.InOneHour)), snooze + ":1h"), new ReplyAction(T(l, nameof(ReminderTexts.Tomorrow9)), snooze + ":tomorrow")]),
        ])
        {
            Summary = T(l, nameof(ReminderTexts.DueSummary), reminder.Text),
            Language = l.Code,
        });
    }

    private static string T(ReplyLanguage language, string key, params object?[] args) => language.Format(ReminderTexts.ResourceManager, key, args);
}
