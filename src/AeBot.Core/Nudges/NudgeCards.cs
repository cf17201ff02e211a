using System.Globalization;
using AeBot.Core.Conversation;
using AeBot.Core.Text;

namespace AeBot.Core.Nudges;

/// <summary>A nudge as the recipient sees it: what, the detail, why it came, and what they can do about it.</summary>
public sealed record NudgeContent(NudgeKey Key, string Title, string? Detail, string Why, long? AccountId, string? AccountName, long? DealId)
{
    /// <summary>The recipient's language, which the texts above are written in and the buttons and hints follow.</summary>
    public ReplyLanguage Language { get; init; } = ReplyLanguage.English;
}

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

    /// <summary>Reasons offered after a snooze (optional; stored with it, in English).</summary>
    public static readonly IReadOnlyDictionary<string, string> SnoozeReasons = new Dictionary<string, string>
    {
        ["waiting"] = "Waiting on the customer",
        ["later"] = "Not a priority right now",
        ["elsewhere"] = "Handled outside the CRM",
        ["wrong"] = "The data is wrong",
    };

    private static readonly IReadOnlyDictionary<string, string> ReasonKeys = new Dictionary<string, string>
    {
        ["waiting"] = nameof(NudgeTexts.ReasonWaiting),
        ["later"] = nameof(NudgeTexts.ReasonLater),
        ["elsewhere"] = nameof(NudgeTexts.ReasonElsewhere),
        ["wrong"] = nameof(NudgeTexts.ReasonWrong),
    };

    /// <summary>The snooze reasons as a button shows them in <paramref name="language"/>, by the key their payload carries.</summary>
    public static IReadOnlyDictionary<string, string> SnoozeReasonsIn(ReplyLanguage language) =>
        SnoozeReasons.ToDictionary(r => r.Key, r => T(language, ReasonKeys[r.Key]));

    /// <summary>A stored reason (the English label) as <paramref name="language"/> says it; anything else as stored.</summary>
    public static string SnoozeReasonIn(string stored, ReplyLanguage language) =>
        SnoozeReasons.FirstOrDefault(r => r.Value == stored) is { Key: { } key } ? T(language, ReasonKeys[key]) : stored;

    private static string T(ReplyLanguage language, string key, params object?[] args) => language.Format(NudgeTexts.ResourceManager, key, args);

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
        var l = n.Language;
        var actions = new List<ReplyAction>
        {
            new(T(l, nameof(NudgeTexts.ButtonDone)), Payload(n.Key, Verbs.Done), ActionStyle.Primary),
            new(T(l, nameof(NudgeTexts.ButtonSnoozeDay)), Payload(n.Key, Verbs.SnoozeDay)),
            new(T(l, nameof(NudgeTexts.ButtonSnoozeWeek)), Payload(n.Key, Verbs.SnoozeWeek)),
        };
        if (n.AccountId is not null)
            actions.Add(new ReplyAction(T(l, nameof(NudgeTexts.ButtonLog)), Payload(n.Key, Verbs.Log)));
        if (subject.Kind == NudgeSubject.Deal)
            actions.Add(new ReplyAction(T(l, nameof(NudgeTexts.ButtonPushDate)), Payload(n.Key, Verbs.Push)));
        if (n.DealId is not null || n.AccountId is not null)
            actions.Add(new ReplyAction(T(l, n.DealId is not null ? nameof(NudgeTexts.ButtonOpenDeal) : nameof(NudgeTexts.ButtonOpenAccount)), Payload(n.Key, Verbs.Open)));
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
        blocks.Add(new ContextBlock(T(n.Language, nameof(NudgeTexts.WhyLine), n.Why, Hint(n.Key.Rule, n.AccountName, n.Language))));
        return Payloads.InLanguage(new Reply(blocks) { Summary = n.Title, Language = n.Language.Code });
    }

    /// <summary>How to turn it down: said in every nudge, so nobody has to look for the setting.</summary>
    public static string Hint(string rule, string? accountName) => Hint(rule, accountName, ReplyLanguage.English);

    /// <summary>
    /// As above in <paramref name="language"/>, quoting the command in that language ("mute renewals for Acme",
    /// "ปิดแจ้งเตือนต่อสัญญาของ Acme"): each is one the settings understand.
    /// </summary>
    public static string Hint(string rule, string? accountName, ReplyLanguage language)
    {
        var category = NudgeRules.CategoryOf(rule);
        if (category is null)
            return T(language, nameof(NudgeTexts.HintSettings));
        return T(language, nameof(NudgeTexts.HintMute), Command(language, unmute: false, category.Name, accountName));
    }

    /// <summary>The command that mutes or unmutes <paramref name="category"/> ("all" for every kind), as a person types it in <paramref name="language"/>.</summary>
    public static string Command(ReplyLanguage language, bool unmute, string category, string? accountName)
    {
        var key = (unmute ? "Unmute_" : "Mute_") + category.Replace('-', '_');
        var command = T(language, key);
        return accountName is null ? command : T(language, nameof(NudgeTexts.CommandForAccount), command, accountName);
    }
}
