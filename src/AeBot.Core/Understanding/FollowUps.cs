namespace AeBot.Core.Understanding;

/// <summary>
/// A fragment ("and Q2?", "just GTX Pro", "what about Lee?", "by product") refines the previous query: the slots it
/// names replace the previous ones, everything else is kept.
/// </summary>
public static class FollowUps
{
    /// <summary>Which slots a fragment named (a slot it did not name keeps the previous value).</summary>
    public sealed record Named(
        bool Period,
        Period? Against,
        bool Subject,
        bool Accounts,
        bool Products,
        bool Stages,
        bool Type,
        bool Amounts,
        bool Group,
        bool Rank,
        bool Compare,
        Measure? Measure,
        DealSet? Set,
        bool Teams);

    public static Query Refine(Query previous, Query fragment, Named named, DateOnly today)
    {
        var set = named.Set ?? previous.Set;
        // "and last quarter?" after "what closes this month?": what closed then, not what is still open with a
        // close date in the past.
        if (named.Set is null && named.Period && fragment.Period is { } p && p.To < today && previous.Set == DealSet.Open && previous.Measure != Measure.Forecast)
            set = DealSet.Won;
        var measure = named.Measure ?? previous.Measure;
        // A new measure brings the deals it is measured on: a win rate over closed deals, a cycle over won ones.
        if (named.Measure is { } m && named.Set is null)
            set = m switch
            {
                Measure.WinRate or Measure.WinRateByValue => DealSet.Closed,
                Measure.CycleDays or Measure.Attainment => DealSet.Won,
                Measure.Forecast => DealSet.Open,
                _ => set == DealSet.Closed && previous.Measure is Measure.WinRate or Measure.WinRateByValue ? DealSet.Won : set,
            };
        // "by rep" after "team pipeline": a list becomes an amount per group.
        if (named.Group && fragment.GroupBy != GroupBy.None && named.Measure is null && measure == Measure.List)
            measure = Measure.Amount;
        if (named.Set is not null && named.Measure is null && previous.Measure is Measure.WinRate or Measure.WinRateByValue or Measure.Attainment or Measure.Forecast)
            measure = Measure.Amount;
        var filters = previous.Filters with
        {
            Accounts = named.Accounts ? fragment.Filters.Accounts : previous.Filters.Accounts,
            Products = named.Products ? fragment.Filters.Products : previous.Filters.Products,
            Stages = named.Stages ? fragment.Filters.Stages : previous.Filters.Stages,
            Teams = named.Teams ? fragment.Filters.Teams : previous.Filters.Teams,
            Type = named.Type ? fragment.Filters.Type : previous.Filters.Type,
            MinAmount = named.Amounts ? fragment.Filters.MinAmount : previous.Filters.MinAmount,
            MaxAmount = named.Amounts ? fragment.Filters.MaxAmount : previous.Filters.MaxAmount,
        };
        var compare = named.Compare ? fragment.Compare : previous.Compare;
        var subject = named.Subject ? fragment.Subject : previous.Subject;
        // "and Elena's?" after "Marcus's team…": Elena's team.
        if (named.Subject && previous.Subject.Kind == SubjectKind.TeamOf && fragment.Subject.Kind == SubjectKind.People)
            subject = fragment.Subject with { Kind = SubjectKind.TeamOf };
        if (compare?.Kind == CompareKind.People && subject.People.Count < 2)
            compare = null;
        return previous with
        {
            Measure = measure,
            Set = set,
            Subject = subject,
            Filters = filters,
            Period = named.Period ? fragment.Period : previous.Period,
            DateField = set == DealSet.Renewals ? DateField.ContractEnd : named.Period && fragment.DateField == DateField.Created ? DateField.Created : previous.DateField == DateField.ContractEnd ? DateField.Close : previous.DateField,
            GroupBy = named.Group ? fragment.GroupBy : previous.GroupBy,
            Rank = named.Rank ? fragment.Rank : named.Group ? null : previous.Rank,
            Compare = compare,
            BehindPaceOnly = previous.BehindPaceOnly && named.Set is null,
        };
    }
}
