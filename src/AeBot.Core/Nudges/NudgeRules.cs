namespace AeBot.Core.Nudges;

/// <summary>
/// The nudge rules by name (stored in the ledger, shown in <c>aebot nudges stats</c>), the category a person mutes
/// them by in chat, and the order they win a place under the daily cap.
/// </summary>
public static class NudgeRules
{
    public const string Renewal = "renewal";
    public const string RenewalEscalation = "renewal-escalation";
    public const string FollowUpDue = "follow-up-due";
    public const string FollowUpOverdue = "follow-up-overdue";
    public const string StaleDeal = "stale-deal";
    public const string PastClose = "past-close";
    public const string Slipped = "slipped";

    /// <summary>Rules that fire when something happens (as opposed to the digests, which come on a timetable).</summary>
    public static readonly IReadOnlyList<string> Unscheduled = [RenewalEscalation, PastClose, FollowUpOverdue, Renewal, Slipped, FollowUpDue, StaleDeal];

    /// <summary>Under the cap, the most urgent go first: a renewal with nobody talking to the customer before a stale deal.</summary>
    public static int Priority(string rule) => Unscheduled.IndexOf(rule) is var i and >= 0 ? i : Unscheduled.Count;

    /// <summary>What people call them: "mute renewals", "mute stale deals".</summary>
    public static readonly IReadOnlyList<NudgeCategory> Categories =
    [
        new("renewals", "renewal reminders", [Renewal, RenewalEscalation]),
        new("follow-ups", "follow-up reminders", [FollowUpDue, FollowUpOverdue]),
        new("stale", "stale-deal alerts", [StaleDeal]),
        new("close-dates", "passed close dates", [PastClose]),
        new("slipped", "slipped-deal alerts", [Slipped]),
    ];

    public static NudgeCategory? CategoryOf(string rule) => Categories.FirstOrDefault(c => c.Rules.Contains(rule));

    public static NudgeCategory? FindCategory(string name) => Categories.FirstOrDefault(c => c.Name == name);

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] == value)
                return i;
        return -1;
    }
}

/// <summary>A group of rules muted together.</summary>
public sealed record NudgeCategory(string Name, string Label, IReadOnlyList<string> Rules);

/// <summary>What a nudge is about; stored in the ledger as "opp:42", "contract:7", "task:9", "rep:3".</summary>
public readonly record struct NudgeSubject(string Kind, long Id)
{
    public const string Deal = "opp";
    public const string Contract = "contract";
    public const string Task = "task";
    public const string Rep = "rep";

    public override string ToString() => Kind + ":" + Id;

    public static bool TryParse(string text, out NudgeSubject subject)
    {
        subject = default;
        var colon = text.IndexOf(':');
        if (colon <= 0 || !long.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            return false;
        var kind = text[..colon];
        if (kind is not (Deal or Contract or Task or Rep))
            return false;
        subject = new NudgeSubject(kind, id);
        return true;
    }
}
