namespace AeBot.Data.Import;

/// <summary>How to read an ambiguous date such as 03/04/2026: US exports are month first, European day first.</summary>
public enum DateOrder
{
    MonthDayYear,
    DayMonthYear,
}
