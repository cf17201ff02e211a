using System.Globalization;
using AeBot.Crm.Sources;

namespace AeBot.Crm.Salesforce;

/// <summary>
/// The SOQL the client sends ("SOQL and SOSL Reference": date formats and date literals, WHERE, ORDER BY). Datetime
/// literals are UTC and unquoted (2026-12-01T10:00:00Z); a quoted one is refused as INVALID_FIELD.
/// </summary>
internal static class SalesforceSoql
{
    public static string DateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A string literal: backslash and quote escaped ("Quoted String Escape Sequences").</summary>
    public static string String(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    /// <summary>
    /// The window as a WHERE clause on SystemModstamp (the change stamp system processes bump too, so nothing is
    /// missed), plus any further conditions. SOQL datetimes have whole seconds: Since is rounded down and Until up,
    /// widening the window (a record read twice across runs is harmless; one missed is not).
    /// </summary>
    public static string Where(CrmWindow window, params string[] conditions)
    {
        var until = window.Until;
        var truncated = new DateTimeOffset(until.UtcTicks - until.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        if (truncated < until)
            truncated = truncated.AddSeconds(1);
        var parts = new List<string>(conditions);
        if (window.Since is { } since)
            parts.Add($"SystemModstamp >= {DateTime(since)}");
        parts.Add($"SystemModstamp <= {DateTime(truncated)}");
        return " WHERE " + string.Join(" AND ", parts) + " ORDER BY SystemModstamp";
    }
}
