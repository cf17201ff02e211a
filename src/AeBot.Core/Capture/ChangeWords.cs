using System.Text.RegularExpressions;
using AeBot.Core.Dialogs;
using AeBot.Core.Interactions;
using AeBot.Core.Text;

namespace AeBot.Core.Capture;

/// <summary>
/// A change's description and why it can't be undone, in the reader's language. The storage writes both in English
/// when the change is made (the change log keeps one text for everyone); each kind it writes has a fixed shape with
/// names from the data in it, so a Thai reader gets the same kind in Thai with the same names. A shape not listed
/// here still reads in Thai, as "that change" — never as an English sentence inside a Thai one.
/// </summary>
internal static partial class ChangeWords
{
    public static string Description(string description, ReplyLanguage l)
    {
        if (!l.IsThai || description.Length == 0)
            return description;
        if (Logged().Match(description) is { Success: true } logged && Enum.TryParse<InteractionType>(logged.Groups["type"].Value, ignoreCase: true, out var type))
            return T(l, nameof(CaptureTexts.Change_Logged), DialogWords.Noun(type, l), logged.Groups["name"].Value);
        if (Edited().Match(description) is { Success: true } edited)
            return T(l, nameof(CaptureTexts.Change_Edited), edited.Groups["name"].Value);
        if (Deal().Match(description) is { Success: true } deal)
            return T(l, deal.Groups["what"].Value switch
            {
                "marking it won" => nameof(CaptureTexts.Change_DealWon),
                "marking it lost" => nameof(CaptureTexts.Change_DealLost),
                _ => nameof(CaptureTexts.Change_Deal),
            }, deal.Groups["name"].Value);
        if (FollowUp().Match(description) is { Success: true } task)
            return T(l, task.Groups["verb"].Value == "done" ? nameof(CaptureTexts.Change_FollowUpDone) : nameof(CaptureTexts.Change_FollowUpSnoozed), task.Groups["name"].Value);
        if (Reminder().Match(description) is { Success: true } reminder)
            return T(l, reminder.Groups["snoozed"].Success ? nameof(CaptureTexts.Change_ReminderSnoozed) : nameof(CaptureTexts.Change_Reminder), reminder.Groups["name"].Value);
        return T(l, nameof(CaptureTexts.Change_Other));
    }

    public static string? Reason(string? reason, ReplyLanguage l)
    {
        if (!l.IsThai || reason is null)
            return reason;
        if (reason == "what you logged has been edited since")
            return T(l, nameof(CaptureTexts.Since_LogEdited));
        if (reason == "what you logged has been edited again since")
            return T(l, nameof(CaptureTexts.Since_LogEditedAgain));
        if (TaskSince().Match(reason) is { Success: true } task && Verb(task.Groups["verb"].Value, l) is { } verb)
            return T(l, task.Groups["its"].Success ? nameof(CaptureTexts.Since_ItsFollowUp) : nameof(CaptureTexts.Since_FollowUp), task.Groups["name"].Value, verb);
        if (DealAt().Match(reason) is { Success: true } at)
            return T(l, nameof(CaptureTexts.Since_DealAtStage), at.Groups["name"].Value, at.Groups["stage"].Value);
        if (DealFields().Match(reason) is { Success: true } fields)
        {
            var names = fields.Groups["fields"].Value.Split(" and ").Select(f => Field(f, l)).ToList();
            if (names.All(n => n is not null))
                return T(l, nameof(CaptureTexts.Since_DealFields), string.Join(", ", names), fields.Groups["name"].Value);
        }
        if (DealAgain().Match(reason) is { Success: true } again)
            return T(l, nameof(CaptureTexts.Since_Deal), again.Groups["name"].Value);
        if (ReminderSince().Match(reason) is { Success: true } reminder)
            return T(l, nameof(CaptureTexts.Since_Reminder), reminder.Groups["name"].Value);
        return T(l, nameof(CaptureTexts.Since_Other));
    }

    private static string? Verb(string verb, ReplyLanguage l) => verb switch
    {
        "marked done" => T(l, nameof(CaptureTexts.Verb_Done)),
        "cancelled" => T(l, nameof(CaptureTexts.Verb_Cancelled)),
        "snoozed" => T(l, nameof(CaptureTexts.Verb_Snoozed)),
        "changed" => T(l, nameof(CaptureTexts.Verb_Changed)),
        _ => null,
    };

    private static string? Field(string field, ReplyLanguage l) => field switch
    {
        "stage" => T(l, nameof(CaptureTexts.Fact_Stage)),
        "amount" => T(l, nameof(CaptureTexts.Fact_Amount)),
        "close date" => T(l, nameof(CaptureTexts.Fact_CloseDate)),
        "next step" => T(l, nameof(CaptureTexts.Fact_NextStep)),
        "loss reason" => T(l, nameof(CaptureTexts.Fact_Reason)),
        "last activity" => T(l, nameof(CaptureTexts.Field_LastActivity)),
        _ => null,
    };

    private static string T(ReplyLanguage language, string key, params object?[] args) => language.Format(CaptureTexts.ResourceManager, key, args);

    // The shapes AeBot.Data's EfSalesWrites writes (RecordAsync's descriptions and the Undo…Async reasons).

    [GeneratedRegex(@"^the (?<type>call|meeting|email|note) logged with (?<name>.+)$")]
    private static partial Regex Logged();

    [GeneratedRegex(@"^the edit of what you logged with (?<name>.*)$")]
    private static partial Regex Edited();

    [GeneratedRegex(@"^(?<what>marking it won|marking it lost|the change) on (?<name>.+)$")]
    private static partial Regex Deal();

    [GeneratedRegex(@"^""(?<name>.*)"" (?<verb>done|snoozed)$", RegexOptions.Singleline)]
    private static partial Regex FollowUp();

    [GeneratedRegex(@"^the (?<snoozed>snoozed )?reminder ""(?<name>.*)""$", RegexOptions.Singleline)]
    private static partial Regex Reminder();

    [GeneratedRegex(@"^(?<its>its follow-up )?""(?<name>.*)"" has been (?<verb>marked done|cancelled|snoozed|changed) since$", RegexOptions.Singleline)]
    private static partial Regex TaskSince();

    [GeneratedRegex(@"^(?<name>.+) has been changed again since \(it is now at (?<stage>.+)\)$")]
    private static partial Regex DealAt();

    [GeneratedRegex(@"^the (?<fields>.+?) of (?<name>.+) (?:has|have) been changed again since$")]
    private static partial Regex DealFields();

    [GeneratedRegex(@"^(?<name>.+) has been changed again since$")]
    private static partial Regex DealAgain();

    [GeneratedRegex(@"^the reminder ""(?<name>.*)"" has been snoozed since$", RegexOptions.Singleline)]
    private static partial Regex ReminderSince();
}
