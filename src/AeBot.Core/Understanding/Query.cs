using AeBot.Core.Opportunities;
using AeBot.Core.Sales;

namespace AeBot.Core.Understanding;

/// <summary>What a figure measures.</summary>
public enum Measure
{
    /// <summary>The deals themselves.</summary>
    List,
    Count,
    Amount,
    WeightedAmount,

    /// <summary>Won over won + lost, by count (the value rate is shown beside it).</summary>
    WinRate,

    /// <summary>Won value over won + lost value.</summary>
    WinRateByValue,
    AverageSize,

    /// <summary>Days from creation to close.</summary>
    CycleDays,

    /// <summary>Won against quota, with gap, coverage and pace.</summary>
    Attainment,

    /// <summary>Closed won plus open deals by forecast category.</summary>
    Forecast,
}

/// <summary>Which deals a question is about.</summary>
public enum DealSet
{
    Open,
    Won,
    Lost,

    /// <summary>Won or lost.</summary>
    Closed,
    All,

    /// <summary>Contracts coming up for renewal (by contract end date).</summary>
    Renewals,

    /// <summary>Open deals whose close date was pushed out.</summary>
    Slipped,

    /// <summary>Open deals without a logged interaction for a while.</summary>
    Stale,

    /// <summary>Open deals whose expected close date has passed.</summary>
    PastClose,
}

/// <summary>Whose deals.</summary>
public enum SubjectKind
{
    /// <summary>The asker's own ("my", or no one named).</summary>
    Me,

    /// <summary>The asker's reporting subtree ("my team", "the team").</summary>
    Team,

    /// <summary>One or several named people.</summary>
    People,

    /// <summary>The subtree of a named manager ("Marcus's team").</summary>
    TeamOf,
}

/// <summary>Which date a period applies to.</summary>
public enum DateField
{
    /// <summary>Actual close date for won/lost deals, expected close date for open ones.</summary>
    Close,
    Created,
    ContractEnd,
}

/// <summary>What a figure is broken down by.</summary>
public enum GroupBy
{
    None,
    Rep,
    Product,
    Account,
    Stage,
    Month,
    Quarter,
}

/// <summary>How a second figure is set beside the first.</summary>
public enum CompareKind
{
    None,

    /// <summary>The period of the same length just before.</summary>
    PreviousPeriod,

    /// <summary>A period the question names ("Q3 vs Q2").</summary>
    NamedPeriod,

    /// <summary>The same period a year earlier.</summary>
    LastYear,

    /// <summary>The named people side by side.</summary>
    People,
}

/// <summary>Whose deals a query covers.</summary>
public sealed record QuerySubject(SubjectKind Kind, IReadOnlyList<NamedRef> People)
{
    public static readonly QuerySubject Me = new(SubjectKind.Me, []);
    public static readonly QuerySubject Team = new(SubjectKind.Team, []);
}

/// <summary>Narrowing filters; empty lists and nulls mean "any".</summary>
public sealed record QueryFilters
{
    public static readonly QueryFilters None = new();

    public IReadOnlyList<NamedRef> Accounts { get; init; } = [];
    public IReadOnlyList<NamedRef> Products { get; init; } = [];
    public IReadOnlyList<string> Stages { get; init; } = [];
    public OpportunityType? Type { get; init; }
    public decimal? MinAmount { get; init; }
    public decimal? MaxAmount { get; init; }

    /// <summary>Named sales teams ("Enterprise West").</summary>
    public IReadOnlyList<NamedRef> Teams { get; init; } = [];

    public bool IsEmpty => Accounts.Count == 0 && Products.Count == 0 && Stages.Count == 0 && Type is null && MinAmount is null && MaxAmount is null && Teams.Count == 0;
}

/// <summary>A top/bottom N by a measure; N is 1 for "best", "lowest", "most".</summary>
public sealed record Rank(bool Top, int N, Measure By);

/// <summary>The second figure to set beside the first.</summary>
public sealed record Comparison(CompareKind Kind, Period? Against = null);

/// <summary>
/// A question, slot by slot. Every slot is parsed on its own and all combine: "how many GTX Pro deals did my team
/// win last quarter, by rep" is Count × Won × Team × product GTX Pro × last quarter (close date) × by rep.
/// </summary>
public sealed record Query
{
    public Measure Measure { get; init; } = Measure.List;
    public DealSet Set { get; init; } = DealSet.Open;
    public QuerySubject Subject { get; init; } = QuerySubject.Me;
    public QueryFilters Filters { get; init; } = QueryFilters.None;

    /// <summary>Null: the ability's default (results: this quarter; open: any close date).</summary>
    public Period? Period { get; init; }
    public DateField DateField { get; init; } = DateField.Close;
    public GroupBy GroupBy { get; init; } = GroupBy.None;
    public Rank? Rank { get; init; }
    public Comparison? Compare { get; init; }

    /// <summary>"which reps are behind": only those below the share of quota the calendar says should be done.</summary>
    public bool BehindPaceOnly { get; init; }

    /// <summary>"if Acme and Globex close": these accounts' open deals counted as won.</summary>
    public IReadOnlyList<NamedRef> Assume { get; init; } = [];

    /// <summary>The query as one line of tokens, as its reply's provenance shows it: "won deals · you · Q3 2026 · count".</summary>
    public string Describe(string? viewerName = null)
    {
        var parts = new List<string> { SetWords(Set) };
        parts.Add(Subject.Kind switch
        {
            SubjectKind.Team => "your team",
            SubjectKind.People => string.Join(" vs ", Subject.People.Select(p => p.Name)) is var n && Compare?.Kind == CompareKind.People ? n : string.Join(", ", Subject.People.Select(p => p.Name)),
            SubjectKind.TeamOf => string.Join(", ", Subject.People.Select(p => p.Name + "'s team")),
            _ => viewerName ?? "you",
        });
        if (Filters.Accounts.Count > 0) parts.Add(string.Join(", ", Filters.Accounts.Select(a => a.Name)));
        if (Filters.Products.Count > 0) parts.Add(string.Join(", ", Filters.Products.Select(p => p.Name)));
        if (Filters.Teams.Count > 0) parts.Add(string.Join(", ", Filters.Teams.Select(p => p.Name)));
        if (Filters.Stages.Count > 0) parts.Add("stage " + string.Join(", ", Filters.Stages));
        if (Filters.Type is { } type) parts.Add(type switch { OpportunityType.Renewal => "renewal deals", OpportunityType.Upsell => "upsell", _ => "new business" });
        if (Filters.MinAmount is { } min) parts.Add($"≥ {min:0.##}");
        if (Filters.MaxAmount is { } max) parts.Add($"≤ {max:0.##}");
        if (Period is { } p) parts.Add(DateField == DateField.Created ? $"created {p.Label}" : p.Label);
        parts.Add(MeasureWords(Measure));
        if (GroupBy != GroupBy.None) parts.Add("by " + GroupBy.ToString().ToLowerInvariant());
        if (Rank is { } r) parts.Add((r.Top ? "top " : "bottom ") + r.N.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Compare is { Kind: not CompareKind.None } c)
            parts.Add(c.Kind switch
            {
                CompareKind.PreviousPeriod => "vs the period before",
                CompareKind.LastYear => "vs a year earlier",
                CompareKind.NamedPeriod => "vs " + c.Against?.Label,
                _ => "side by side",
            });
        if (BehindPaceOnly) parts.Add("behind pace");
        return string.Join(" · ", parts);
    }

    public static string SetWords(DealSet set) => set switch
    {
        DealSet.Open => "open deals",
        DealSet.Won => "won deals",
        DealSet.Lost => "lost deals",
        DealSet.Closed => "closed deals",
        DealSet.All => "all deals",
        DealSet.Renewals => "renewals",
        DealSet.Slipped => "slipped deals",
        DealSet.Stale => "stale deals",
        _ => "deals past their close date",
    };

    public static string MeasureWords(Measure measure) => measure switch
    {
        Measure.List => "list",
        Measure.Count => "count",
        Measure.Amount => "amount",
        Measure.WeightedAmount => "weighted amount",
        Measure.WinRate => "win rate",
        Measure.WinRateByValue => "win rate by value",
        Measure.AverageSize => "average size",
        Measure.CycleDays => "cycle length",
        Measure.Attainment => "attainment",
        _ => "forecast",
    };
}
