using System.Globalization;
using AeBot.Core.Conversation;

namespace AeBot.Core.Nudges;

/// <summary>A nudge as the recipient sees it: what, the detail, why it came, and what they can do about it.</summary>
public sealed record NudgeContent(NudgeKey Key, string Title, string? Detail, string Why, long? AccountId, string? AccountName, long? DealId);

/// <summary>
/// Renders nudges and reads their buttons. A button carries the nudge's key, not a row id, so it can be made before
/// the nudge is recorded and still says exactly which nudge it acts on:
/// <c>act:nudge:{verb}:{rule}:{kind}:{id}:{yyyyMMdd}</c> (the recipient is whoever presses it — and only theirs counts).
/// </summary>
public static class NudgeCards
{
    public const string ActName = "nudge";

    public static class Verbs
    {
        public const string Done = "done";
        public const string SnoozeDay = "s1d";
        public const string SnoozeWeek = "s1w";
        public const string Log = "log";
        public const string Push = "push";
        public const string Open = "open";
        public const string Reason = "why";
    }

    /// <summary>Reasons offered after a snooze (optional; stored with it).</summary>
    public static readonly IReadOnlyDictionary<string, string> SnoozeReasons = new Dictionary<string, string>
    {
        ["waiting"] = "Waiting on the customer",
        ["later"] = "Not a priority right now",
        ["elsewhere"] = "Handled outside the CRM",
        ["wrong"] = "The data is wrong",
    };

    public static string Payload(NudgeKey key, string verb, string? extra = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{Payloads.Act}{ActName}:{verb}:{key.Rule}:{key.Subject}:{key.DueDate:yyyyMMdd}") + (extra is null ? "" : ":" + extra);

    /// <summary>Reads "verb:rule:kind:id:yyyyMMdd[:extra]" (the part after "act:nudge:"); the recipient is the presser.</summary>
    public static bool TryRead(string action, long repId, out string verb, out NudgeKey key, out string? extra)
    {
        verb = "";
        key = null!;
        extra = null;
        var parts = action.Split(':');
        if (parts.Length is < 5 or > 6 || !NudgeSubject.TryParse(parts[2] + ":" + parts[3], out var subject)
            || !DateOnly.TryParseExact(parts[4], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
            return false;
        verb = parts[0];
        key = new NudgeKey(parts[1], subject.ToString(), due, repId);
        extra = parts.Length == 6 ? parts[5] : null;
        return true;
    }

    /// <summary>The buttons a nudge about this subject carries: Done, Snooze 1 day / 1 week, Log, Push date and Open deal where they apply.</summary>
    public static IReadOnlyList<ReplyAction> Actions(NudgeContent n)
    {
        NudgeSubject.TryParse(n.Key.Subject, out var subject);
        var actions = new List<ReplyAction>
        {
            new("Done", Payload(n.Key, Verbs.Done), ActionStyle.Primary),
            new("Snooze 1 day", Payload(n.Key, Verbs.SnoozeDay)),
            new("Snooze 1 week", Payload(n.Key, Verbs.SnoozeWeek)),
        };
        if (n.AccountId is not null)
            actions.Add(new ReplyAction("Log", Payload(n.Key, Verbs.Log)));
        if (subject.Kind == NudgeSubject.Deal)
            actions.Add(new ReplyAction("Push date", Payload(n.Key, Verbs.Push)));
        if (n.DealId is not null || n.AccountId is not null)
            actions.Add(new ReplyAction(n.DealId is not null ? "Open deal" : "Open account", Payload(n.Key, Verbs.Open)));
        return actions;
    }

    /// <summary>One nudge as a message: the fact, the detail, the buttons, and why it came with how to change that.</summary>
    public static Reply Render(NudgeContent n, string? lead = null)
    {
        var blocks = new List<ReplyBlock>();
        if (lead is not null)
            blocks.Add(new ContextBlock(lead));
        blocks.Add(new TextBlock("**" + n.Title + "**" + (n.Detail is null ? "" : "\n" + n.Detail)));
        blocks.Add(new ActionsBlock(Actions(n)));
        blocks.Add(new ContextBlock("Why you're getting this: " + n.Why + " " + Hint(n.Key.Rule, n.AccountName)));
        return new Reply(blocks) { Summary = n.Title };
    }

    /// <summary>How to turn it down: said in every nudge, so nobody has to look for the setting.</summary>
    public static string Hint(string rule, string? accountName)
    {
        var category = NudgeRules.CategoryOf(rule);
        if (category is null)
            return "Say \"nudge settings\" to change what I send.";
        var mute = accountName is null ? $"mute {category.Name}" : $"mute {category.Name} for {accountName}";
        return $"Say \"{mute}\" or \"nudge settings\" to change this.";
    }
}
