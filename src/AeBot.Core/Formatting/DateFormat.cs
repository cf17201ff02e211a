using System.Globalization;
using AeBot.Core.Text;

namespace AeBot.Core.Formatting;

/// <summary>Dates for people, relative to their own "today".</summary>
public static class DateFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // One style for every reply, card and nudge: month first ("Dec 15"), the weekday where a day is being picked or
    // announced ("Tue, Dec 15"), and the year whenever it isn't the reader's current one ("Jan 31, 2027").

    /// <summary>"Dec 15" this year, "Jan 31, 2027" otherwise; "—" for none.</summary>
    public static string Short(DateOnly? date, DateOnly today) =>
        date is not { } d ? "—" : d.Year == today.Year ? d.ToString("MMM d", Invariant) : Full(d);

    /// <summary>"Dec 15, 2026": always with the year (a period's bounds, a contract that ended).</summary>
    public static string Full(DateOnly date) => date.ToString("MMM d, yyyy", Invariant);

    /// <summary>"Tue, Dec 15" this year, "Sun, Jan 31, 2027" otherwise: a day to pick or be reminded on.</summary>
    public static string Day(DateOnly date, DateOnly today) => date.ToString("ddd, ", Invariant) + Short(date, today);

    /// <summary>"Sun, Nov 29 at 10:00": a local time a reminder or snooze is set for.</summary>
    public static string DayAt(DateTimeOffset local, DateOnly today) =>
        $"{Day(DateOnly.FromDateTime(local.DateTime), today)} at {local.ToString("HH:mm", Invariant)}";

    /// <summary>"Oct 1 – Dec 31, 2026" within a year, "Dec 1, 2025 – Jan 31, 2026" across two.</summary>
    public static string Range(DateOnly from, DateOnly to) =>
        from.Year == to.Year ? $"{from.ToString("MMM d", Invariant)} – {Full(to)}" : $"{Full(from)} – {Full(to)}";

    /// <summary>An instant in the viewer's zone: "Nov 28, 2026 04:00 EST".</summary>
    public static string AsOf(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return $"{local.ToString("MMM d, yyyy HH:mm", Invariant)} {Abbreviation(zone, local)}";
    }

    private static string Abbreviation(TimeZoneInfo zone, DateTimeOffset local)
    {
        if (zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC")
            return "UTC";
        var name = zone.IsDaylightSavingTime(local) ? zone.DaylightName : zone.StandardName;
        // ICU gives "Eastern Standard Time"; initials read better. Zones without a name show their offset.
        var initials = string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.IsLetter(w[0]) ? char.ToUpperInvariant(w[0]).ToString() : ""));
        return name.StartsWith("GMT", StringComparison.Ordinal) || initials.Length is < 2 or > 5
            ? "UTC" + local.ToString("zzz", Invariant)
            : initials;
    }

    // Thai: day first with the short month ("15 ธ.ค."), the year whenever it isn't the reader's current one, shown in
    // the Buddhist era (2569) unless the person asked for ค.ศ.; times with "น." as Thai business writing has them.
    private static readonly string[] ThaiMonths = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];
    private static readonly string[] ThaiWeekdays = ["อา.", "จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส."];

    /// <summary>The year as the reader counts it: 2569 in the Buddhist era, else 2026.</summary>
    public static string Year(int year, ReplyLanguage language) =>
        (language.IsThai && language.BuddhistEra ? year + 543 : year).ToString(Invariant);

    public static string Short(DateOnly? date, DateOnly today, ReplyLanguage language) =>
        !language.IsThai ? Short(date, today)
        : date is not { } d ? "—"
        : d.Year == today.Year ? $"{d.Day} {ThaiMonths[d.Month - 1]}" : Full(d, language);

    public static string Full(DateOnly date, ReplyLanguage language) =>
        language.IsThai ? $"{date.Day} {ThaiMonths[date.Month - 1]} {Year(date.Year, language)}" : Full(date);

    public static string Day(DateOnly date, DateOnly today, ReplyLanguage language) =>
        language.IsThai ? $"{ThaiWeekdays[(int)date.DayOfWeek]} {Short(date, today, language)}" : Day(date, today);

    public static string DayAt(DateTimeOffset local, DateOnly today, ReplyLanguage language) =>
        language.IsThai
            ? $"{Day(DateOnly.FromDateTime(local.DateTime), today, language)} เวลา {local.ToString("HH:mm", Invariant)} น."
            : DayAt(local, today);

    public static string Range(DateOnly from, DateOnly to, ReplyLanguage language) =>
        !language.IsThai ? Range(from, to)
        : from.Year == to.Year && from.Month == to.Month ? $"{from.Day}–{Full(to, language)}"
        : from.Year == to.Year ? $"{from.Day} {ThaiMonths[from.Month - 1]} – {Full(to, language)}"
        : $"{Full(from, language)} – {Full(to, language)}";

    public static string AsOf(DateTimeOffset instant, TimeZoneInfo zone, ReplyLanguage language)
    {
        if (!language.IsThai)
            return AsOf(instant, zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return $"{Full(DateOnly.FromDateTime(local.DateTime), language)} {local.ToString("HH:mm", Invariant)} น. {Abbreviation(zone, local)}";
    }

    /// <summary>"ธันวาคม" / "December": a month named on its own (a month's heading, a digest's title).</summary>
    public static string MonthName(int month, ReplyLanguage language) =>
        language.IsThai ? ThaiMonthNames[month - 1] : new DateOnly(2000, month, 1).ToString("MMMM", Invariant);

    private static readonly string[] ThaiMonthNames =
        ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"];
}
