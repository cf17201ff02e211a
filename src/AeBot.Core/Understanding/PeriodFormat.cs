using AeBot.Core.Formatting;
using AeBot.Core.Text;

namespace AeBot.Core.Understanding;

/// <summary>
/// A period named for the reader. English keeps the words the asker used ("this quarter (Q4 2026)"); Thai names the
/// period from its dates — a quarter, month, year, "to date" or a range — because the English label may hold the
/// asker's own phrase, and a half-English heading in a Thai reply reads as broken.
/// </summary>
public static class PeriodFormat
{
    public static string Label(Period period, FiscalCalendar fiscal, DateOnly today, ReplyLanguage language)
    {
        if (!language.IsThai)
            return period.Label;
        var (from, to) = (period.From, period.To);
        var (year, quarter) = fiscal.QuarterOf(from);
        var q = fiscal.Quarter(year, quarter);
        var fiscalYear = fiscal.StartMonth == 1 ? DateFormat.Year(year, language) : "ปีงบ " + DateFormat.Year(year, language);
        var fy = fiscal.Year(year);
        if (from == q.From && to == q.To)
            return $"ไตรมาส {quarter}/{fiscalYear}";
        if (from == q.From && to == today && to < q.To)
            return $"ไตรมาส {quarter}/{fiscalYear} ถึงวันนี้";
        if (from == fy.From && to == fy.To)
            return fiscal.StartMonth == 1 ? $"ปี {fiscalYear}" : fiscalYear;
        if (from == fy.From && to == today && to < fy.To)
            return (fiscal.StartMonth == 1 ? $"ปี {fiscalYear}" : fiscalYear) + " ถึงวันนี้";
        if (from.Day == 1 && to == from.AddMonths(1).AddDays(-1))
            return $"{DateFormat.MonthName(from.Month, language)} {DateFormat.Year(from.Year, language)}";
        if (from == to)
            return DateFormat.Day(from, today, language);
        return DateFormat.Range(from, to, language);
    }
}
