using System.Globalization;
using System.Text.RegularExpressions;
using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Dialogs;
using AeBot.Core.Formatting;
using AeBot.Core.Text;
using AeBot.Core.Understanding;
using AeBot.Core.Work;

namespace AeBot.Core.Capture;

public sealed partial class CaptureAbilities
{
    /// <summary>A reminder given only a day is due at this local time.</summary>
    private static readonly TimeOnly DefaultReminderTime = new(9, 0);

    private async Task<TurnResult> StartReminderAsync(TurnContext c, string text, CancellationToken ct)
    {
        var body = ReminderLead().Replace(text.Trim(), "");
        var moment = MomentParser.Find(body, c.LocalNow);
        var what = moment is null ? body : RemoveMoment(body, moment.Matched);
        what = Capitalise(what.Trim(' ', '.', ',', '!'));
        if (what.Length == 0)
            what = "Reminder";
        if (moment is null)
        {
            if (!await SaveAsync(c, new DialogState { Kind = DialogKind.Reminder, Awaiting = DialogSlot.When, Reminder = new ReminderDraftState(what) }, ct))
                return Conflict(c.Language);
            return Asked(c.Language, T(c.Language, nameof(CaptureTexts.WhenRemind), Lower(what)), WhenChoices(c), T(c.Language, nameof(CaptureTexts.WhenRemindSummary)));
        }
        return await SetReminderAsync(c, what, At(moment, c), ct);
    }

    private async Task<TurnResult> ReaskReminderAsync(TurnContext c, DialogState state, CancellationToken ct)
    {
        var what = state.Reminder?.Text ?? "Reminder";
        if (!await SaveAsync(c, new DialogState { Kind = DialogKind.Reminder, Awaiting = DialogSlot.When, Reminder = new ReminderDraftState(what) }, ct))
            return Conflict(c.Language);
        return Asked(c.Language, T(c.Language, nameof(CaptureTexts.WhenRemind), Lower(what)), WhenChoices(c), T(c.Language, nameof(CaptureTexts.WhenRemindSummary)));
    }

    private async Task<TurnResult?> ContinueReminderAsync(TurnContext c, DialogState state, string text, string? answer, CancellationToken ct)
    {
        if (answer == "cancel")
            return await CancelAsync(c, state, ct);
        var what = state.Reminder?.Text ?? "Reminder";
        DateTimeOffset? at = answer?.StartsWith("when:", StringComparison.Ordinal) == true
            && DateTimeOffset.TryParse(answer[5..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var chosen) ? chosen
            : MomentParser.Find(text, c.LocalNow) is { } m ? At(m, c) : null;
        if (at is null)
            return IsSomethingElse(c) ? null : Asked(c.Language, T(c.Language, nameof(CaptureTexts.TimeUnreadable)), WhenChoices(c), T(c.Language, nameof(CaptureTexts.WhenRemindSummary)));
        if (!await ClaimAsync(c, ct))
            return Conflict(c.Language);
        return await SetReminderAsync(c, what, at.Value, ct, claimed: true);
    }

    private async Task<TurnResult> SetReminderAsync(TurnContext c, string what, DateTimeOffset at, CancellationToken ct, bool claimed = false)
    {
        if (at <= c.Now)
            return new TurnResult(Say(T(c.Language, nameof(CaptureTexts.TimePassed)), T(c.Language, nameof(CaptureTexts.TimePassedSummary))), "reminder", TurnOutcome.Answered);
        if (!claimed && c.Pending is not null && !await ClaimAsync(c, ct))
            return Conflict(c.Language);
        var reminder = await writes.AddReminderAsync(c.Viewer, new ReminderDraft(what, at, c.Key.Channel, c.Key.ConversationId), ct);
        await reminders.ScheduleAsync(reminder.Value, ct);
        var local = TimeZoneInfo.ConvertTime(at, c.Zone);
        var when = DateFormat.DayAt(local, c.Today, c.Language);
        return Changed(T(c.Language, nameof(CaptureTexts.ReminderSet), when, c.Zone.Id, what), [new ActionsBlock([UndoAction(c.Language, reminder.ChangeId)])],
            T(c.Language, nameof(CaptureTexts.ReminderSetSummary), when, what), "reminder");
    }

    private static DateTimeOffset At(Moment m, TurnContext c) =>
        LocalToUtc(m.Date.ToDateTime(m.Time ?? DefaultReminderTime), c.Zone);

    private static List<ReplyAction> WhenChoices(TurnContext c)
    {
        var inAnHour = c.Now.AddHours(1);
        var tomorrow = LocalToUtc(c.Today.AddDays(1).ToDateTime(DefaultReminderTime), c.Zone);
        var monday = c.Today.AddDays(((int)DayOfWeek.Monday - (int)c.Today.DayOfWeek + 7) % 7 is 0 ? 7 : ((int)DayOfWeek.Monday - (int)c.Today.DayOfWeek + 7) % 7);
        var nextMonday = LocalToUtc(monday.ToDateTime(DefaultReminderTime), c.Zone);
        return
        [
            new(T(c.Language, nameof(CaptureTexts.InOneHour)), Payloads.Dialog + "when:" + inAnHour.ToString("O", CultureInfo.InvariantCulture)),
            new(T(c.Language, nameof(CaptureTexts.Tomorrow9)), Payloads.Dialog + "when:" + tomorrow.ToString("O", CultureInfo.InvariantCulture)),
            new(T(c.Language, nameof(CaptureTexts.Monday9)), Payloads.Dialog + "when:" + nextMonday.ToString("O", CultureInfo.InvariantCulture)),
        ];
    }

    private static string RemoveMoment(string text, string matched)
    {
        var index = text.IndexOf(matched, StringComparison.OrdinalIgnoreCase);
        if (index < 0)
            return text;
        var before = Regex.Replace(text[..index].TrimEnd(), @"\s*\b(on|at|by|in|for)$", "", RegexOptions.IgnoreCase);
        return (before + " " + text[(index + matched.Length)..]).Trim();
    }

    private static string Lower(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];

    [GeneratedRegex(@"^(please\s+|can you\s+|could you\s+)?(remind me( to| about| that)?|set (a|an|me a) reminder( to| for| about)?|add a reminder( to| for| about)?|reminder:?|ping me( to| about)?)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ReminderLead();
}
