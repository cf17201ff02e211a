namespace AeBot.Core.Understanding;

/// <summary>
/// Quarters and years as the company counts them. A fiscal year that does not start in January is named after the
/// calendar year it ends in (FY2026 with a February start runs 1 Feb 2025 – 31 Jan 2026), as Salesforce does.
/// </summary>
public sealed class FiscalCalendar(int startMonth)
{
    public int StartMonth { get; } = startMonth is >= 1 and <= 12 ? startMonth : throw new ArgumentOutOfRangeException(nameof(startMonth));

    public DateOnly YearStart(int fiscalYear) => StartMonth == 1 ? new DateOnly(fiscalYear, 1, 1) : new DateOnly(fiscalYear - 1, StartMonth, 1);

    public int FiscalYearOf(DateOnly date)
    {
        if (StartMonth == 1)
            return date.Year;
        return date.Month >= StartMonth ? date.Year + 1 : date.Year;
    }

    public Period Year(int fiscalYear)
    {
        var start = YearStart(fiscalYear);
        return new Period(start, start.AddYears(1).AddDays(-1), StartMonth == 1 ? fiscalYear.ToString() : $"FY{fiscalYear}");
    }

    public Period Quarter(int fiscalYear, int quarter)
    {
        var start = YearStart(fiscalYear).AddMonths((quarter - 1) * 3);
        return new Period(start, start.AddMonths(3).AddDays(-1), StartMonth == 1 ? $"Q{quarter} {fiscalYear}" : $"Q{quarter} FY{fiscalYear}");
    }

    public (int Year, int Quarter) QuarterOf(DateOnly date)
    {
        var year = FiscalYearOf(date);
        var months = (date.Year - YearStart(year).Year) * 12 + date.Month - YearStart(year).Month;
        return (year, months / 3 + 1);
    }

    public Period ThisQuarter(DateOnly today)
    {
        var (year, quarter) = QuarterOf(today);
        return Quarter(year, quarter);
    }

    public Period QuarterOffset(DateOnly today, int offset)
    {
        var current = ThisQuarter(today);
        var start = current.From.AddMonths(3 * offset);
        var (year, quarter) = QuarterOf(start);
        return Quarter(year, quarter);
    }
}
