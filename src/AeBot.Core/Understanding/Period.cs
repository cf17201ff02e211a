namespace AeBot.Core.Understanding;

/// <summary>A date range a question is about, inclusive at both ends, with the words to show for it.</summary>
public sealed record Period(DateOnly From, DateOnly To, string Label)
{
    /// <summary>The period of the same length just before this one ("last quarter" for "this quarter").</summary>
    public Period Previous(string label)
    {
        var days = To.DayNumber - From.DayNumber + 1;
        // Whole months stay whole months (Q3 before Q4), otherwise the same number of days.
        if (From.Day == 1 && To.AddDays(1).Day == 1)
        {
            var months = (To.Year - From.Year) * 12 + To.Month - From.Month + 1;
            return new Period(From.AddMonths(-months), From.AddDays(-1), label);
        }
        return new Period(From.AddDays(-days), From.AddDays(-1), label);
    }

    /// <summary>The period of the same length just after this one ("next quarter" for "this quarter").</summary>
    public Period Next(string label)
    {
        if (From.Day == 1 && To.AddDays(1).Day == 1)
        {
            var months = (To.Year - From.Year) * 12 + To.Month - From.Month + 1;
            return new Period(To.AddDays(1), To.AddDays(1).AddMonths(months).AddDays(-1), label);
        }
        var days = To.DayNumber - From.DayNumber + 1;
        return new Period(To.AddDays(1), To.AddDays(days), label);
    }
}
