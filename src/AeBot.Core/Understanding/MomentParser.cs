using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Recognizers.Text;

namespace AeBot.Core.Understanding;

/// <summary>A point in the rep's future: a day, maybe a time of day, and the words that said it.</summary>
/// <param name="LastDay">For a range ("next month"), its last day: "push to next month" means by its end.</param>
public sealed record Moment(DateOnly Date, TimeOnly? Time, string Matched, DateOnly LastDay);

/// <summary>
/// Finds when something should happen — "by Friday", "tomorrow at 10am", "in 2 hours", "Dec 15", "next month" —
/// in the rep's local calendar, always leaning to the future (a next step is never due last Friday).
/// </summary>
public static partial class MomentParser
{
    public static Moment? Find(string text, DateTime localNow)
    {
        // Thai dates are read by their own rules; the English recogniser then sees only the Latin words ("Dec 15"),
        // each Thai letter a space so what it matched is still found in the text.
        if (Thai.ThaiScript.Contains(text))
        {
            if (Thai.ThaiMoments.Find(text, localNow) is { } thai)
                return thai;
            text = new string(text.Select(ch => Thai.ThaiScript.IsThai(ch) ? ' ' : ch).ToArray());
            if (!text.Any(char.IsLetter))
                return null;
        }
        var today = DateOnly.FromDateTime(localNow);
        if (RelativeDays().Match(text) is { Success: true } relative)
        {
            // "in 3 days", "in two weeks": the recogniser reads these as durations; a day is what people mean.
            var n = ParseCount(relative.Groups["n"].Value);
            if (n is not null)
            {
                var days = relative.Groups["unit"].Value.StartsWith('w') || relative.Groups["unit"].Value.StartsWith('W') ? n.Value * 7 : n.Value;
                var day = today.AddDays(days);
                return new Moment(day, null, relative.Value, day);
            }
        }
        if (Shorthand().Match(text) is { Success: true } shorthand && ShorthandDay(shorthand, today) is { } named)
            return new Moment(named, null, shorthand.Value, named);
        List<ModelResult> results;
        try
        {
            results = PeriodParser.Model.Value.Parse(text, localNow);
        }
        catch (Exception)
        {
            return null; // the recogniser must never turn a message into an error
        }
        foreach (var result in results)
        {
            if (result.Resolution is null || !result.Resolution.TryGetValue("values", out var raw) || raw is not List<Dictionary<string, string>> values || values.Count == 0)
                continue;
            var candidates = values.Select(v => ToMoment(v, localNow, result.Text)).Where(m => m is not null).Select(m => m!).ToList();
            var future = candidates.Where(c => c.Date > today || c.Date == today && (c.Time is null || c.Time > TimeOnly.FromDateTime(localNow))).ToList();
            if (future.Count > 0)
                return future.MinBy(c => (c.Date, c.Time ?? TimeOnly.MinValue));
        }
        return null;
    }

    private static Moment? ToMoment(Dictionary<string, string> value, DateTime localNow, string matched)
    {
        value.TryGetValue("type", out var type);
        static DateTime? Read(Dictionary<string, string> v, string key) =>
            v.TryGetValue(key, out var s) && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        switch (type)
        {
            case "date":
                return Read(value, "value") is { } date ? new Moment(DateOnly.FromDateTime(date), null, matched, DateOnly.FromDateTime(date)) : null;
            case "datetime":
                return Read(value, "value") is { } at ? new Moment(DateOnly.FromDateTime(at), TimeOnly.FromDateTime(at), matched, DateOnly.FromDateTime(at)) : null;
            case "time":
            {
                if (!value.TryGetValue("value", out var s) || !TimeOnly.TryParse(s, CultureInfo.InvariantCulture, out var time))
                    return null;
                var day = DateOnly.FromDateTime(localNow);
                if (time <= TimeOnly.FromDateTime(localNow))
                    day = day.AddDays(1); // "at 10am" said at 11 means tomorrow
                return new Moment(day, time, matched, day);
            }
            case "duration":
            {
                if (!value.TryGetValue("value", out var s) || !double.TryParse(s, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                    return null;
                var later = localNow.AddSeconds(seconds);
                return seconds < 86_400
                    ? new Moment(DateOnly.FromDateTime(later), TimeOnly.FromDateTime(later), matched, DateOnly.FromDateTime(later))
                    : new Moment(DateOnly.FromDateTime(later), null, matched, DateOnly.FromDateTime(later));
            }
            case "daterange":
            {
                var start = Read(value, "start");
                var end = Read(value, "end");
                if (start is null && end is null)
                    return null;
                // "by Friday" comes back as a range ending Friday; "next month" as [1st, 1st of the month after).
                var mod = value.GetValueOrDefault("Mod");
                if (mod == "before" && end is { } before)
                    return new Moment(DateOnly.FromDateTime(before), null, matched, DateOnly.FromDateTime(before));
                var first = DateOnly.FromDateTime(start ?? end!.Value);
                var last = end is { } e ? DateOnly.FromDateTime(e).AddDays(-1) : first;
                return new Moment(first, null, matched, last < first ? first : last);
            }
            default:
                return null;
        }
    }

    /// <summary>
    /// What reps write that the recogniser misreads or misses: "EOW" and "end of (the) week" (the coming Friday;
    /// on a weekend the next one), "end of next week", "EOM"/"end of (the) month" (its last day), "by EOD" (today),
    /// "by the 4th" (the next 4th of a month, this one if it has not passed).
    /// </summary>
    private static DateOnly? ShorthandDay(Match m, DateOnly today)
    {
        var friday = today.AddDays(((int)DayOfWeek.Friday - (int)today.DayOfWeek + 7) % 7);
        if (m.Groups["eow"].Success)
            return friday;
        if (m.Groups["eonw"].Success)
            return today.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? friday : friday.AddDays(7);
        if (m.Groups["eod"].Success)
            return today;
        if (m.Groups["eom"].Success)
            return new DateOnly(today.Year, today.Month, DateTime.DaysInMonth(today.Year, today.Month));
        if (!int.TryParse(m.Groups["dom"].Value, CultureInfo.InvariantCulture, out var day) || day is < 1 or > 31)
            return null;
        for (var month = new DateOnly(today.Year, today.Month, 1); month < today.AddMonths(3); month = month.AddMonths(1))
            if (day <= DateTime.DaysInMonth(month.Year, month.Month) && month.AddDays(day - 1) >= today)
                return month.AddDays(day - 1);
        return null;
    }

    private static int? ParseCount(string text) => text switch
    {
        "a" or "an" or "one" => 1,
        "two" or "a couple of" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "ten" => 10,
        _ => int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 1000 ? n : null,
    };

    [GeneratedRegex(@"\b(?:in|within)\s+(?<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|ten|a couple of)\s+(?<unit>days?|weeks?|wks?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RelativeDays();

    [GeneratedRegex(@"\b(?:(?:by|before|until|on)\s+)?(?:(?<eonw>end of next week)|(?<eow>eow|end of (?:the |this )?week)|(?<eom>eom|end of (?:the |this )?month)|(?<eod>eod|cob|end of (?:the )?day|close of business)(?!\s+(?:tomorrow|tmrw|on\b|\w+day\b|mon|tue|wed|thu|fri))|the\s+(?<dom>\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\b|call|meeting|demo|round|time|version|draft|option|one|quarter|week|month|year)))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Shorthand();
}
