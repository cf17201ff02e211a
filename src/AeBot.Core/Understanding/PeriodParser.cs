using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.DateTime;

namespace AeBot.Core.Understanding;

/// <summary>Which way an ambiguous date leans: "December" asked about pipeline is the coming one, about results the last.</summary>
public enum TimeLean
{
    Past,
    Future,
}

/// <summary>
/// Finds the period a message is about. Quarters and years follow the fiscal calendar ("this quarter", "Q3",
/// "last year", "YTD"); everything else ("in December", "since August 15", "between April and June", "next 30
/// days") is read by Microsoft.Recognizers.Text, with its exclusive end dates made inclusive.
/// </summary>
public sealed partial class PeriodParser(FiscalCalendar fiscal)
{
    // Building the model compiles hundreds of regular expressions: once per process, shared by every turn and by
    // MomentParser. It holds no per-call state, so sharing it is safe.
    internal static readonly Lazy<DateTimeModel> Model = new(() => new DateTimeRecognizer(Culture.English, DateTimeOptions.None).GetDateTimeModel());

    /// <summary>Warms the recogniser up (a few hundred milliseconds) so the first user does not pay for it.</summary>
    public static void Warm() => Model.Value.Parse("last quarter", DateTime.Today);

    /// <summary>The company's fiscal calendar, which quarters and years follow.</summary>
    public FiscalCalendar Calendar => fiscal;

    public (Period Period, string Matched)? Parse(string text, DateOnly today, TimeLean lean)
    {
        var lower = text.ToLowerInvariant();
        if (Fiscal(lower, today, lean) is { } fiscalMatch)
            return fiscalMatch;
        return Recognize(lower, today, lean);
    }

    private (Period, string)? Fiscal(string text, DateOnly today, TimeLean lean)
    {
        var (currentYear, _) = fiscal.QuarterOf(today);
        Match m;
        if ((m = QuarterToDate().Match(text)).Success)
        {
            var quarter = fiscal.ThisQuarter(today);
            return (new Period(quarter.From, today, $"{quarter.Label} to date"), m.Value);
        }
        if ((m = YearToDate().Match(text)).Success)
        {
            var year = fiscal.Year(currentYear);
            return (new Period(year.From, today, $"{year.Label} to date"), m.Value);
        }
        if ((m = QuarterBeforeLast().Match(text)).Success)
        {
            var quarter = fiscal.QuarterOffset(today, -2);
            return (quarter with { Label = $"the quarter before last ({quarter.Label})" }, m.Value);
        }
        if ((m = SameLastYear().Match(text)).Success)
        {
            // "this month last year", "Q3 last year", "this quarter last year".
            Period current = m.Groups["unit"].Value == "month"
                ? new Period(new DateOnly(today.Year, today.Month, 1), new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1), "")
                : m.Groups["q"].Success ? fiscal.Quarter(currentYear, int.Parse(m.Groups["q"].Value, CultureInfo.InvariantCulture)) : fiscal.ThisQuarter(today);
            var back = new Period(current.From.AddYears(-1), current.From.AddYears(-1).AddMonths((current.To.Month - current.From.Month + 12) % 12 + 1).AddDays(-1), "");
            return (back with { Label = m.Value }, m.Value);
        }
        if ((m = TheQuarter().Match(text)).Success)
        {
            var quarter = fiscal.ThisQuarter(today);
            return (quarter with { Label = $"this quarter ({quarter.Label})" }, m.Value);
        }
        if ((m = LastDays().Match(text)).Success)
        {
            // "last 30 days": today and the 29 before it.
            var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            var days = m.Groups["unit"].Value.StartsWith("week", StringComparison.Ordinal) ? n * 7 : n;
            return (new Period(today.AddDays(-(days - 1)), today, $"the last {n} {m.Groups["unit"].Value}"), m.Value);
        }
        if ((m = RelativeQuarter().Match(text)).Success)
        {
            var offset = m.Groups["which"].Value switch { "last" or "previous" or "prior" => -1, "next" or "coming" => 1, _ => 0 };
            var quarter = fiscal.QuarterOffset(today, offset);
            var word = offset switch { -1 => "last quarter", 1 => "next quarter", _ => "this quarter" };
            return (quarter with { Label = $"{word} ({quarter.Label})" }, m.Value);
        }
        if ((m = NamedQuarter().Match(text)).Success)
        {
            var quarter = int.Parse(m.Groups["q"].Success ? m.Groups["q"].Value : m.Groups["q2"].Value, CultureInfo.InvariantCulture);
            var yearText = m.Groups["y"].Success ? m.Groups["y"].Value : m.Groups["y2"].Success ? m.Groups["y2"].Value : null;
            var year = yearText is null ? currentYear : ExpandYear(yearText);
            var named = fiscal.Quarter(year, quarter);
            // "Q1" with no year: the coming one for pipeline once this year's is over, the last one for results
            // before this year's has begun.
            if (yearText is null && lean == TimeLean.Future && named.To < today)
                named = fiscal.Quarter(year + 1, quarter);
            else if (yearText is null && lean == TimeLean.Past && named.From > today)
                named = fiscal.Quarter(year - 1, quarter);
            return (named, m.Value);
        }
        if ((m = MonthOfRelativeYear().Match(text)).Success)
        {
            // "February last year", "last year in November": that month of the calendar year named, not the whole year.
            var offset = m.Groups["which"].Value switch { "last" or "previous" or "prior" => -1, "next" or "coming" => 1, _ => 0 };
            var month = MonthNumber(m.Groups["month"].Value);
            var first = new DateOnly(today.Year + offset, month, 1);
            return (new Period(first, first.AddMonths(1).AddDays(-1), first.ToString("MMMM yyyy", CultureInfo.InvariantCulture)), m.Value);
        }
        if ((m = RelativeYear().Match(text)).Success)
        {
            var offset = m.Groups["which"].Value switch { "last" or "previous" or "prior" => -1, "next" or "coming" => 1, _ => 0 };
            var year = fiscal.Year(currentYear + offset);
            var word = offset switch { -1 => "last year", 1 => "next year", _ => "this year" };
            return (year with { Label = $"{word} ({year.Label})" }, m.Value);
        }
        if ((m = FiscalYear().Match(text)).Success)
            return (fiscal.Year(ExpandYear(m.Groups["y"].Value)), m.Value);
        return null;
    }

    private static int ExpandYear(string digits) =>
        digits.Length == 2 ? 2000 + int.Parse(digits, CultureInfo.InvariantCulture) : int.Parse(digits, CultureInfo.InvariantCulture);

    private static (Period, string)? Recognize(string text, DateOnly today, TimeLean lean)
    {
        List<ModelResult> results;
        try
        {
            results = Model.Value.Parse(text, today.ToDateTime(TimeOnly.MinValue));
        }
        catch (Exception)
        {
            return null; // the recogniser must never turn a question into an error
        }
        foreach (var result in results)
        {
            // "is now 45k", "right now": the present moment, not a period to filter by.
            if (result.Text.Trim() is "now" or "right now" or "currently" or "at the moment" or "at present")
                continue;
            if (result.Resolution is null || !result.Resolution.TryGetValue("values", out var raw) || raw is not List<Dictionary<string, string>> values || values.Count == 0)
                continue;
            var candidates = values.Select(v => ToPeriod(v, today, result.Text)).Where(p => p is not null).Select(p => p!).ToList();
            if (candidates.Count == 0)
                continue;
            var chosen = candidates.Count == 1 ? candidates[0]
                : lean == TimeLean.Past ? candidates.Where(c => c.From <= today).DefaultIfEmpty(candidates[0]).Last()
                : candidates.Where(c => c.To >= today).DefaultIfEmpty(candidates[^1]).First();
            return (chosen, result.Text);
        }
        return null;
    }

    private static Period? ToPeriod(Dictionary<string, string> value, DateOnly today, string matched)
    {
        value.TryGetValue("type", out var type);
        DateOnly? Read(string key) => value.TryGetValue(key, out var s) && DateOnly.TryParseExact(s[..Math.Min(10, s.Length)], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        switch (type)
        {
            case "daterange" or "datetimerange":
            {
                var start = Read("start");
                var endExclusive = Read("end");
                var from = start ?? today;
                var to = endExclusive?.AddDays(-1) ?? today;
                var lastDay = LastDayNamed(matched);
                // "between April and June" is resolved to [Apr 1, Jun 1): people mean up to the end of June.
                if (endExclusive is { Day: 1 } end && start is not null && NamesMonth(matched, end.Month) && EndsRange(matched) && lastDay is null)
                    to = end.AddMonths(1).AddDays(-1);
                // "between 2024 and 2025": the whole of the last year named.
                else if (endExclusive is { Month: 1, Day: 1 } yearEnd && EndsRange(matched) && EndsWithYear().Match(matched) is { Success: true } y
                    && int.Parse(y.Groups[1].Value, CultureInfo.InvariantCulture) == yearEnd.Year)
                    to = new DateOnly(yearEnd.Year, 12, 31);
                // "between Oct 1 and Nov 15" (or "1 October and 15 November", "Nov 15, 2026"): the recogniser returns
                // the named last day itself as the end, and people mean that day included.
                else if (endExclusive is { } named && EndsRange(matched) && lastDay == named.Day)
                    to = named;
                if (value.TryGetValue("Mod", out var mod) && mod == "since")
                    to = today;
                if (to < from)
                    return null;
                return new Period(from, to, Describe(from, to, matched));
            }
            case "date" or "datetime":
            {
                var day = Read("value");
                return day is null ? null : new Period(day.Value, day.Value, Describe(day.Value, day.Value, matched));
            }
            default:
                return null;
        }
    }

    private static bool NamesMonth(string text, int month) =>
        text.Contains(CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month), StringComparison.OrdinalIgnoreCase)
        || text.Contains(CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(month), StringComparison.OrdinalIgnoreCase);

    private static bool EndsRange(string text) => RangeWord().IsMatch(text);

    private static string Describe(DateOnly from, DateOnly to, string matched)
    {
        if (from == to)
            return Formatting.DateFormat.Full(from);
        if (from.Day == 1 && to == from.AddMonths(1).AddDays(-1))
            return from.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        return Formatting.DateFormat.Range(from, to);
    }

    [GeneratedRegex(@"\b(qtd|quarter[ -]to[ -]date)\b")]
    private static partial Regex QuarterToDate();

    [GeneratedRegex(@"\b(ytd|year[ -]to[ -]date)\b")]
    private static partial Regex YearToDate();

    [GeneratedRegex(@"\b(?<which>this|current|last|previous|prior|next|coming)\s+(fiscal\s+)?quarter\b")]
    private static partial Regex RelativeQuarter();

    [GeneratedRegex(@"\b(?:the\s+)?quarter\s+before\s+(?:last|the\s+last(?:\s+one)?)\b")]
    private static partial Regex QuarterBeforeLast();

    [GeneratedRegex(@"\b(?:(?:this|that|the same)\s+(?<unit>month|quarter)|q(?<q>[1-4]))\s+(?:of\s+)?last\s+year\b")]
    private static partial Regex SameLastYear();

    [GeneratedRegex(@"\b(?:for|in|during|over)\s+the\s+quarter\b")]
    private static partial Regex TheQuarter();

    [GeneratedRegex(@"\b(?:last|past|previous|trailing)\s+(?<n>\d{1,3})\s+(?<unit>days|weeks)\b")]
    private static partial Regex LastDays();

    [GeneratedRegex(@"\b(?:q(?<q>[1-4])(?:\s*(?:of\s+)?(?:fy\s*)?'?(?<y>\d{4}|\d{2})\b)?|(?:fy\s*)?(?<y2>\d{4})\s*[- ]?\s*q(?<q2>[1-4]))\b")]
    private static partial Regex NamedQuarter();

    [GeneratedRegex(@"\b(?<which>this|current|last|previous|prior|next|coming)\s+(fiscal\s+)?year\b")]
    private static partial Regex RelativeYear();

    private const string MonthName = "(?<month>january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";

    [GeneratedRegex(@"\b" + MonthName + @"\.?\s+(of\s+)?(?<which>this|current|last|previous|prior|next|coming)\s+year\b|\b(?<which>this|current|last|previous|prior|next|coming)\s+year'?s?\s+(in\s+)?" + MonthName + @"\b")]
    private static partial Regex MonthOfRelativeYear();

    private static int MonthNumber(string name) =>
        Array.FindIndex(CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames, a => a.Length > 0 && name.StartsWith(a, StringComparison.OrdinalIgnoreCase)) + 1;

    [GeneratedRegex(@"\bfy\s*'?(?<y>\d{4}|\d{2})\b")]
    private static partial Regex FiscalYear();

    [GeneratedRegex(@"\b((?:19|20)\d{2})\s*$")]
    private static partial Regex EndsWithYear();

    /// <summary>The day of month of the date that ends the text, written month first ("Nov 15", "November 15th,
    /// 2026") or day first ("15 November", "the 15th of Nov 2026"); null when it ends with no day ("June", "2025").</summary>
    private static int? LastDayNamed(string matched) =>
        (MonthThenDay().Match(matched) is { Success: true } m ? m : DayThenMonth().Match(matched)) is { Success: true } found
            ? int.Parse(found.Groups["day"].Value, CultureInfo.InvariantCulture)
            : null;

    [GeneratedRegex(@"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(the\s+)?(?<day>\d{1,2})(st|nd|rd|th)?(,?\s*(19|20)\d{2})?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex MonthThenDay();

    [GeneratedRegex(@"(?<!\d)(?<day>\d{1,2})(st|nd|rd|th)?\s+(of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(,?\s*(19|20)\d{2})?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DayThenMonth();

    [GeneratedRegex(@"\b(and|to|through|thru|until|till)\b|-|–")]
    private static partial Regex RangeWord();
}
