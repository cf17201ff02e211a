using System.ComponentModel.DataAnnotations;

namespace AeBot.Core.Nudges;

/// <summary>
/// Configuration section "Nudges": the company's defaults. Each person can change their own digest time, daily cap
/// and quiet hours, and mute rules, in chat ("nudge settings").
/// </summary>
public sealed class NudgeOptions : IValidatableObject
{
    public const string SectionName = "Nudges";

    /// <summary>When the daily digest goes out, in each person's own time zone.</summary>
    public TimeOnly DigestTime { get; set; } = new(8, 30);

    /// <summary>Monday to Friday only (in the person's zone).</summary>
    public bool DigestWeekdaysOnly { get; set; } = true;

    [Range(1, 50)]
    public int DigestItemsPerList { get; set; } = 10;

    /// <summary>
    /// When date-based nudges (renewals, follow-ups, stale deals, close dates) go out in the recipient's zone: after
    /// the morning digest, so the same item is not announced twice at breakfast.
    /// </summary>
    public TimeOnly NudgeTime { get; set; } = new(10, 0);

    /// <summary>At most this many unscheduled nudges per person per day; the rest fold into the next digest.</summary>
    [Range(0, 50)]
    public int DailyCap { get; set; } = 3;

    /// <summary>Quiet hours in the recipient's zone (start to end, across midnight): nudges then fold into the next digest.</summary>
    public TimeOnly QuietStart { get; set; } = new(18, 0);

    public TimeOnly QuietEnd { get; set; } = new(8, 0);

    /// <summary>Saturdays and Sundays are quiet all day.</summary>
    public bool QuietWeekends { get; set; } = true;

    /// <summary>
    /// Days before a contract ends at which its renewal is announced to the account owner and account manager;
    /// empty means 120, 90, 60, 30 and 7 (no default in the property: the configuration binder appends to arrays).
    /// </summary>
    public int[] RenewalMilestones { get; set; } = [];

    public IReadOnlyList<int> Milestones => RenewalMilestones.Length > 0 ? RenewalMilestones.OrderDescending().ToArray() : [120, 90, 60, 30, 7];

    /// <summary>A renewal this close with no logged interaction on the account for as long goes to the owner's manager.</summary>
    [Range(1, 365)]
    public int EscalationDays { get; set; } = 30;

    /// <summary>
    /// Days without a logged interaction after which an open deal is stale, per stage name (case-insensitive);
    /// stages not listed use <c>Capture:StaleDays</c> (14).
    /// </summary>
    public Dictionary<string, int> StaleDaysByStage { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A deal whose close date has been pushed out this many times is slipped.</summary>
    [Range(1, 20)]
    public int SlippedAfterPushes { get; set; } = 2;

    /// <summary>
    /// How many days late a date-based nudge may still go (a server that was down over the weekend); older ones are
    /// left to the digest, which lists everything still open anyway.
    /// </summary>
    [Range(0, 14)]
    public int GraceDays { get; set; } = 3;

    /// <summary>The weekly manager digest: day and local time.</summary>
    public DayOfWeek WeeklyDigestDay { get; set; } = DayOfWeek.Monday;

    public TimeOnly WeeklyDigestTime { get; set; } = new(8, 0);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RenewalMilestones.Any(m => m is < 1 or > 730) || RenewalMilestones.Distinct().Count() != RenewalMilestones.Length)
            yield return new ValidationResult("Nudges:RenewalMilestones needs distinct day counts between 1 and 730.", [nameof(RenewalMilestones)]);
        foreach (var (stage, days) in StaleDaysByStage)
            if (days is < 1 or > 365)
                yield return new ValidationResult($"Nudges:StaleDaysByStage:{stage} must be between 1 and 365 days.", [nameof(StaleDaysByStage)]);
    }
}
