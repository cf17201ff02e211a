using System.Globalization;

namespace AeBot.Core.Formatting;

/// <summary>Dates for people, relative to their own "today".</summary>
public static class DateFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>"Dec 15" this year, "Jan 31, 2027" otherwise; "—" for none.</summary>
    public static string Short(DateOnly? date, DateOnly today) =>
        date is not { } d ? "—" : d.Year == today.Year ? d.ToString("MMM d", Invariant) : d.ToString("MMM d, yyyy", Invariant);

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
}
