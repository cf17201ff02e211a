namespace AeBot.Core.Nudges;

/// <summary>A span of the day, possibly across midnight, when nothing is sent unasked.</summary>
public static class QuietHours
{
    /// <summary>Whether <paramref name="time"/> falls in quiet hours from <paramref name="start"/> to <paramref name="end"/> (equal: none).</summary>
    public static bool Contains(TimeOnly time, TimeOnly start, TimeOnly end) =>
        start != end && (start < end ? time >= start && time < end : time >= start || time < end);

    /// <summary>
    /// Whether a message meant for <paramref name="scheduled"/> would now land in quiet hours it was not meant for: a
    /// digest due at 08:30 found by a scan at 23:00. One scheduled inside quiet hours on purpose is never late for them.
    /// </summary>
    public static bool LateFor(TimeOnly time, TimeOnly scheduled, TimeOnly start, TimeOnly end) =>
        Contains(time, start, end) && !Contains(scheduled, start, end);
}
