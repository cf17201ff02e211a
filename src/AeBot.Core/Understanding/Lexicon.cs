using AeBot.Core.Opportunities;
using AeBot.Core.Text;

namespace AeBot.Core.Understanding;

/// <summary>The kinds of meaning a phrase can carry.</summary>
public enum TagKind
{
    Set,
    Measure,
    Group,
    RankTop,
    RankBottom,
    Me,
    Team,
    Compare,
    CompareLastYear,
    ComparePrevious,
    Type,
    Created,
    Question,
    Refine,
    ByValue,
    BehindPace,
    Assume,
    PastTense,
    FutureTense,
    Closing,

    /// <summary>"revenue": won deals unless another set is named ("lost revenue", "open revenue").</summary>
    WeakWon,
}

/// <summary>One meaning of a phrase: a kind and, for sets, measures, groups and types, which one.</summary>
public readonly record struct Tag(TagKind Kind, int Value = 0)
{
    public static Tag Of(DealSet set) => new(TagKind.Set, (int)set);
    public static Tag Of(Measure measure) => new(TagKind.Measure, (int)measure);
    public static Tag Of(GroupBy group) => new(TagKind.Group, (int)group);
    public static Tag Of(OpportunityType type) => new(TagKind.Type, (int)type);
}

/// <summary>A phrase found in a message: where it is (in tokens), the words, and what they mean.</summary>
public sealed record TaggedPhrase(int Start, int Length, string Phrase, IReadOnlyList<Tag> Tags);

/// <summary>
/// English keywords and phrasings, each mapped to typed meanings — the way ThoughtSpot keeps one keyword set per
/// locale and Power BI Q&amp;A a linguistic schema. Longest phrase wins at each position, so "closed won" is one
/// phrase and not "closed" then "won". Typos are corrected towards the words these phrases are made of.
/// </summary>
public static class Lexicon
{
    private static readonly (string Phrase, Tag[] Tags)[] Entries =
    [
        // Deal sets, from verbs and nouns.
        ("won", [Tag.Of(DealSet.Won), new(TagKind.PastTense)]), ("win", [Tag.Of(DealSet.Won)]), ("wins", [Tag.Of(DealSet.Won)]),
        ("winning", [Tag.Of(DealSet.Won)]), ("closed won", [Tag.Of(DealSet.Won)]), ("closed-won", [Tag.Of(DealSet.Won)]),
        ("booked", [Tag.Of(DealSet.Won), new(TagKind.PastTense)]), ("bookings", [Tag.Of(DealSet.Won), Tag.Of(Measure.Amount)]), ("book", [Tag.Of(DealSet.Won)]),
        ("sold", [Tag.Of(DealSet.Won), new(TagKind.PastTense)]), ("sell", [Tag.Of(DealSet.Won)]), ("sales", [Tag.Of(DealSet.Won)]),
        ("best selling", [Tag.Of(DealSet.Won), new(TagKind.RankTop)]), ("top selling", [Tag.Of(DealSet.Won), new(TagKind.RankTop)]),
        ("best seller", [Tag.Of(DealSet.Won), new(TagKind.RankTop)]), ("best sellers", [Tag.Of(DealSet.Won), new(TagKind.RankTop)]),
        ("brought in", [Tag.Of(DealSet.Won), new(TagKind.PastTense)]), ("bring in", [Tag.Of(DealSet.Won)]), ("landed", [Tag.Of(DealSet.Won), new(TagKind.PastTense)]), ("land", [new(TagKind.Closing)]), ("landing", [new(TagKind.Closing), new(TagKind.FutureTense)]),
        ("signed", [Tag.Of(DealSet.Won), new(TagKind.PastTense)]), ("revenue", [Tag.Of(Measure.Amount), new(TagKind.WeakWon)]),
        ("results", [Tag.Of(DealSet.Won)]), ("closed", [new(TagKind.Closing), new(TagKind.PastTense)]),
        ("close", [new(TagKind.Closing)]), ("closes", [new(TagKind.Closing), new(TagKind.FutureTense)]), ("closing", [new(TagKind.Closing), new(TagKind.FutureTense)]),
        ("lost", [Tag.Of(DealSet.Lost), new(TagKind.PastTense)]), ("lose", [Tag.Of(DealSet.Lost)]), ("losses", [Tag.Of(DealSet.Lost)]), ("loss", [Tag.Of(DealSet.Lost)]),
        ("losing", [Tag.Of(DealSet.Lost)]), ("closed lost", [Tag.Of(DealSet.Lost)]), ("closed-lost", [Tag.Of(DealSet.Lost)]),
        ("won and lost", [Tag.Of(DealSet.Closed)]), ("won or lost", [Tag.Of(DealSet.Closed)]), ("wins and losses", [Tag.Of(DealSet.Closed)]),
        ("pipeline", [Tag.Of(DealSet.Open)]), ("pipe", [Tag.Of(DealSet.Open)]), ("open", [Tag.Of(DealSet.Open)]), ("in play", [Tag.Of(DealSet.Open)]),
        ("in the funnel", [Tag.Of(DealSet.Open)]), ("working on", [Tag.Of(DealSet.Open)]), ("active deals", [Tag.Of(DealSet.Open)]), ("live deals", [Tag.Of(DealSet.Open)]),
        ("renewal", [Tag.Of(DealSet.Renewals)]), ("renewals", [Tag.Of(DealSet.Renewals)]), ("renew", [Tag.Of(DealSet.Renewals)]), ("renewing", [Tag.Of(DealSet.Renewals)]),
        ("up for renewal", [Tag.Of(DealSet.Renewals)]), ("due for renewal", [Tag.Of(DealSet.Renewals)]), ("expiring", [Tag.Of(DealSet.Renewals)]),
        ("expire", [Tag.Of(DealSet.Renewals)]), ("expires", [Tag.Of(DealSet.Renewals)]), ("contracts ending", [Tag.Of(DealSet.Renewals)]), ("contracts", [Tag.Of(DealSet.Renewals)]),
        ("slipped", [Tag.Of(DealSet.Slipped)]), ("slipping", [Tag.Of(DealSet.Slipped)]), ("slips", [Tag.Of(DealSet.Slipped)]), ("pushed out", [Tag.Of(DealSet.Slipped)]),
        ("pushed", [Tag.Of(DealSet.Slipped)]), ("push out", [Tag.Of(DealSet.Slipped)]), ("pushes", [Tag.Of(DealSet.Slipped)]), ("keeps moving", [Tag.Of(DealSet.Slipped)]), ("moved out", [Tag.Of(DealSet.Slipped)]), ("keep slipping", [Tag.Of(DealSet.Slipped)]),
        ("stale", [Tag.Of(DealSet.Stale)]), ("no activity", [Tag.Of(DealSet.Stale)]), ("untouched", [Tag.Of(DealSet.Stale)]), ("gone quiet", [Tag.Of(DealSet.Stale)]),
        ("gone dark", [Tag.Of(DealSet.Stale)]), ("stuck", [Tag.Of(DealSet.Stale)]), ("not moving", [Tag.Of(DealSet.Stale)]), ("isn't moving", [Tag.Of(DealSet.Stale)]),
        ("haven't moved", [Tag.Of(DealSet.Stale)]), ("hasn't moved", [Tag.Of(DealSet.Stale)]), ("havent moved", [Tag.Of(DealSet.Stale)]), ("haven't been updated", [Tag.Of(DealSet.Stale)]),
        ("hasn't been updated", [Tag.Of(DealSet.Stale)]), ("not been updated", [Tag.Of(DealSet.Stale)]), ("not updated", [Tag.Of(DealSet.Stale)]), ("neglected", [Tag.Of(DealSet.Stale)]), ("not touched", [Tag.Of(DealSet.Stale)]), ("dormant", [Tag.Of(DealSet.Stale)]),
        ("haven't touched", [Tag.Of(DealSet.Stale)]), ("havent touched", [Tag.Of(DealSet.Stale)]), ("no recent activity", [Tag.Of(DealSet.Stale)]),
        ("past due", [Tag.Of(DealSet.PastClose)]), ("overdue", [Tag.Of(DealSet.PastClose)]), ("past their close date", [Tag.Of(DealSet.PastClose)]),
        ("past close date", [Tag.Of(DealSet.PastClose)]), ("past the close date", [Tag.Of(DealSet.PastClose)]), ("past close", [Tag.Of(DealSet.PastClose)]),
        ("close date passed", [Tag.Of(DealSet.PastClose)]), ("late deals", [Tag.Of(DealSet.PastClose)]), ("behind schedule", [Tag.Of(DealSet.PastClose)]),
        ("missed close date", [Tag.Of(DealSet.PastClose)]), ("past there close date", [Tag.Of(DealSet.PastClose)]), ("past there close dates", [Tag.Of(DealSet.PastClose)]), ("close date in the past", [Tag.Of(DealSet.PastClose)]), ("expected close date in the past", [Tag.Of(DealSet.PastClose)]),
        ("past their expected close date", [Tag.Of(DealSet.PastClose)]), ("past their expected close dates", [Tag.Of(DealSet.PastClose)]), ("need pushing", [Tag.Of(DealSet.PastClose)]),
        ("close dates in the past", [Tag.Of(DealSet.PastClose)]), ("missed their close date", [Tag.Of(DealSet.PastClose)]), ("past their close dates", [Tag.Of(DealSet.PastClose)]),
        ("all deals", [Tag.Of(DealSet.All)]), ("open or closed", [Tag.Of(DealSet.All)]), ("open and closed", [Tag.Of(DealSet.All)]), ("in total", [Tag.Of(DealSet.All)]),
        ("ever had", [Tag.Of(DealSet.All)]), ("all my deals", [Tag.Of(DealSet.All), new(TagKind.Me)]), ("every deal", [Tag.Of(DealSet.All)]), ("all opportunities", [Tag.Of(DealSet.All)]),

        // Measures.
        ("how many", [Tag.Of(Measure.Count)]), ("number of", [Tag.Of(Measure.Count)]), ("count", [Tag.Of(Measure.Count)]), ("count of", [Tag.Of(Measure.Count)]),
        ("how much", [Tag.Of(Measure.Amount)]), ("how big", [Tag.Of(Measure.Amount)]), ("#", [Tag.Of(Measure.Count)]), ("# of", [Tag.Of(Measure.Count)]),
        ("in dollars", [Tag.Of(Measure.Amount)]), ("dollar value", [Tag.Of(Measure.Amount)]), ("total", [Tag.Of(Measure.Amount)]), ("value", [Tag.Of(Measure.Amount)]), ("worth", [Tag.Of(Measure.Amount)]),
        ("amount", [Tag.Of(Measure.Amount)]), ("dollars", [Tag.Of(Measure.Amount)]), ("sum", [Tag.Of(Measure.Amount)]), ("most revenue", [Tag.Of(Measure.Amount), new(TagKind.RankTop), new(TagKind.WeakWon)]),
        ("more deals", [Tag.Of(Measure.Count)]), ("fewer deals", [Tag.Of(Measure.Count)]), ("more wins", [Tag.Of(Measure.Count), Tag.Of(DealSet.Won)]), ("fewer wins", [Tag.Of(Measure.Count), Tag.Of(DealSet.Won)]),
        ("share of deals", [Tag.Of(Measure.WinRate)]), ("higher share", [Tag.Of(Measure.WinRate)]), ("lower share", [Tag.Of(Measure.WinRate)]),
        ("weighted", [Tag.Of(Measure.WeightedAmount)]), ("weighted pipeline", [Tag.Of(Measure.WeightedAmount), Tag.Of(DealSet.Open)]),
        ("win rate", [Tag.Of(Measure.WinRate)]), ("winrate", [Tag.Of(Measure.WinRate)]), ("win-rate", [Tag.Of(Measure.WinRate)]), ("close rate", [Tag.Of(Measure.WinRate)]),
        ("hit rate", [Tag.Of(Measure.WinRate)]), ("conversion", [Tag.Of(Measure.WinRate)]), ("conversion rate", [Tag.Of(Measure.WinRate)]), ("win ratio", [Tag.Of(Measure.WinRate)]),
        ("win percentage", [Tag.Of(Measure.WinRate)]), ("win %", [Tag.Of(Measure.WinRate)]), ("win rates", [Tag.Of(Measure.WinRate)]), ("who wins most", [Tag.Of(Measure.WinRate), new(TagKind.RankTop), Tag.Of(GroupBy.Rep)]),
        ("by value", [new(TagKind.ByValue)]), ("by amount", [new(TagKind.ByValue)]), ("by revenue", [new(TagKind.ByValue)]),
        ("what percentage of my deals", [Tag.Of(Measure.WinRate)]), ("percentage of my deals", [Tag.Of(Measure.WinRate)]), ("percent of my deals", [Tag.Of(Measure.WinRate)]),
        ("share of my deals", [Tag.Of(Measure.WinRate)]), ("what share", [Tag.Of(Measure.WinRate)]), ("what percentage", [Tag.Of(Measure.WinRate)]), ("what percent", [Tag.Of(Measure.WinRate)]),
        ("% of my deals", [Tag.Of(Measure.WinRate)]), ("by dollar", [new(TagKind.ByValue)]), ("by dollars", [new(TagKind.ByValue)]), ("dollar win rate", [Tag.Of(Measure.WinRateByValue)]), ("value win rate", [Tag.Of(Measure.WinRateByValue)]),
        ("average deal size", [Tag.Of(Measure.AverageSize)]), ("average deal", [Tag.Of(Measure.AverageSize)]), ("avg deal", [Tag.Of(Measure.AverageSize)]), ("avg deal size", [Tag.Of(Measure.AverageSize)]),
        ("deal size", [Tag.Of(Measure.AverageSize)]), ("typical deal", [Tag.Of(Measure.AverageSize)]), ("average size", [Tag.Of(Measure.AverageSize)]), ("average value", [Tag.Of(Measure.AverageSize)]),
        ("average contract value", [Tag.Of(Measure.AverageSize)]), ("acv", [Tag.Of(Measure.AverageSize)]), ("aov", [Tag.Of(Measure.AverageSize)]), ("average", [Tag.Of(Measure.AverageSize)]), ("avg", [Tag.Of(Measure.AverageSize)]),
        ("sales cycle", [Tag.Of(Measure.CycleDays)]), ("cycle length", [Tag.Of(Measure.CycleDays)]), ("cycle time", [Tag.Of(Measure.CycleDays)]), ("days to close", [Tag.Of(Measure.CycleDays)]),
        ("time to close", [Tag.Of(Measure.CycleDays)]), ("how long", [Tag.Of(Measure.CycleDays)]), ("cycle", [Tag.Of(Measure.CycleDays)]),
        ("time to win", [Tag.Of(Measure.CycleDays)]), ("days to win", [Tag.Of(Measure.CycleDays)]), ("time from created to won", [Tag.Of(Measure.CycleDays)]),
        ("average time", [Tag.Of(Measure.CycleDays)]), ("how many days", [Tag.Of(Measure.CycleDays)]), ("days does it take", [Tag.Of(Measure.CycleDays)]),
        ("time to closed won", [Tag.Of(Measure.CycleDays)]), ("from created to won", [Tag.Of(Measure.CycleDays)]), ("created to won", [Tag.Of(Measure.CycleDays)]),
        ("from created to closed", [Tag.Of(Measure.CycleDays)]), ("moves fastest", [Tag.Of(Measure.CycleDays), new(TagKind.RankBottom)]), ("moves slowest", [Tag.Of(Measure.CycleDays), new(TagKind.RankTop)]), ("velocity", [Tag.Of(Measure.CycleDays)]),
        ("quota", [Tag.Of(Measure.Attainment)]), ("attainment", [Tag.Of(Measure.Attainment)]), ("tracking", [Tag.Of(Measure.Attainment)]), ("on track", [Tag.Of(Measure.Attainment)]),
        ("how am i doing", [Tag.Of(Measure.Attainment), new(TagKind.Me)]), ("where do i stand", [Tag.Of(Measure.Attainment), new(TagKind.Me)]), ("make my number", [Tag.Of(Measure.Attainment), new(TagKind.Me)]),
        ("hit my number", [Tag.Of(Measure.Attainment), new(TagKind.Me)]), ("my number", [Tag.Of(Measure.Attainment), new(TagKind.Me)]), ("gap", [Tag.Of(Measure.Attainment)]), ("target", [Tag.Of(Measure.Attainment)]),
        ("coverage", [Tag.Of(Measure.Attainment)]), ("what percent of quota", [Tag.Of(Measure.Attainment)]), ("what percentage of quota", [Tag.Of(Measure.Attainment)]),
        ("what percent of my quota", [Tag.Of(Measure.Attainment)]), ("percent of quota", [Tag.Of(Measure.Attainment)]), ("percentage of quota", [Tag.Of(Measure.Attainment)]),
        ("% of quota", [Tag.Of(Measure.Attainment)]), ("of quota", [Tag.Of(Measure.Attainment)]), ("of my quota", [Tag.Of(Measure.Attainment)]), ("doing", [Tag.Of(Measure.Attainment)]), ("how are we doing", [Tag.Of(Measure.Attainment), new(TagKind.Team), Tag.Of(GroupBy.Rep)]), ("how is my team doing", [Tag.Of(Measure.Attainment), new(TagKind.Team), Tag.Of(GroupBy.Rep)]),
        ("how is the team doing", [Tag.Of(Measure.Attainment), new(TagKind.Team), Tag.Of(GroupBy.Rep)]), ("how's my team doing", [Tag.Of(Measure.Attainment), new(TagKind.Team), Tag.Of(GroupBy.Rep)]),
        ("behind quota", [Tag.Of(Measure.Attainment), new(TagKind.BehindPace)]), ("below quota", [Tag.Of(Measure.Attainment), new(TagKind.BehindPace)]), ("under quota", [Tag.Of(Measure.Attainment), new(TagKind.BehindPace)]),
        ("missing quota", [Tag.Of(Measure.Attainment), new(TagKind.BehindPace)]), ("behind pace", [Tag.Of(Measure.Attainment), new(TagKind.BehindPace)]), ("behind", [Tag.Of(Measure.Attainment), new(TagKind.BehindPace)]),
        ("not on track", [Tag.Of(Measure.Attainment), new(TagKind.BehindPace)]), ("off track", [Tag.Of(Measure.Attainment), new(TagKind.BehindPace)]), ("struggling", [Tag.Of(Measure.Attainment), new(TagKind.BehindPace)]),
        ("forecast", [Tag.Of(Measure.Forecast)]), ("commit", [Tag.Of(Measure.Forecast)]), ("best case", [Tag.Of(Measure.Forecast)]), ("upside", [Tag.Of(Measure.Forecast)]),
        ("projection", [Tag.Of(Measure.Forecast)]), ("forecasting", [Tag.Of(Measure.Forecast)]), ("committed", [Tag.Of(Measure.Forecast)]), ("projected", [Tag.Of(Measure.Forecast)]), ("forecasted", [Tag.Of(Measure.Forecast)]),
        ("where do i land", [Tag.Of(Measure.Attainment), new(TagKind.Assume)]), ("where would i land", [Tag.Of(Measure.Attainment), new(TagKind.Assume)]), ("what if", [new(TagKind.Assume)]),
        ("where will i land", [Tag.Of(Measure.Attainment), new(TagKind.Assume)]), ("if", [new(TagKind.Assume)]),
        ("which", [Tag.Of(Measure.List), new(TagKind.Question)]), ("list", [Tag.Of(Measure.List), new(TagKind.Question)]), ("show", [Tag.Of(Measure.List), new(TagKind.Question)]),

        // Groupings.
        ("by rep", [Tag.Of(GroupBy.Rep)]), ("per rep", [Tag.Of(GroupBy.Rep)]), ("each rep", [Tag.Of(GroupBy.Rep)]), ("by person", [Tag.Of(GroupBy.Rep)]), ("by owner", [Tag.Of(GroupBy.Rep)]),
        ("by seller", [Tag.Of(GroupBy.Rep)]), ("by ae", [Tag.Of(GroupBy.Rep)]), ("per ae", [Tag.Of(GroupBy.Rep)]), ("by salesperson", [Tag.Of(GroupBy.Rep)]), ("for each rep", [Tag.Of(GroupBy.Rep)]),
        ("which rep", [Tag.Of(GroupBy.Rep), new(TagKind.Question)]), ("which reps", [Tag.Of(GroupBy.Rep), new(TagKind.Question)]), ("which ae", [Tag.Of(GroupBy.Rep), new(TagKind.Question)]),
        ("rep by rep", [Tag.Of(GroupBy.Rep)]), ("reps with", [Tag.Of(GroupBy.Rep), new(TagKind.Team)]), ("rep", [Tag.Of(GroupBy.Rep)]), ("seller", [Tag.Of(GroupBy.Rep)]), ("sellers", [Tag.Of(GroupBy.Rep)]), ("leaderboard", [Tag.Of(GroupBy.Rep), new(TagKind.Team), Tag.Of(Measure.Attainment)]), ("ranking", [Tag.Of(GroupBy.Rep), new(TagKind.Team)]), ("by reps", [Tag.Of(GroupBy.Rep)]),
        ("who", [Tag.Of(GroupBy.Rep), new(TagKind.Question)]), ("which seller", [Tag.Of(GroupBy.Rep), new(TagKind.Question)]), ("which person", [Tag.Of(GroupBy.Rep), new(TagKind.Question)]),
        ("each of my reps", [Tag.Of(GroupBy.Rep), new(TagKind.Team)]), ("rollup", [new(TagKind.Team), Tag.Of(GroupBy.Rep), Tag.Of(Measure.Attainment)]), ("roll up", [new(TagKind.Team), Tag.Of(GroupBy.Rep), Tag.Of(Measure.Attainment)]),
        ("by product", [Tag.Of(GroupBy.Product)]), ("per product", [Tag.Of(GroupBy.Product)]), ("which product", [Tag.Of(GroupBy.Product), new(TagKind.Question)]),
        ("which products", [Tag.Of(GroupBy.Product), new(TagKind.Question)]), ("product mix", [Tag.Of(GroupBy.Product)]), ("products", [Tag.Of(GroupBy.Product)]), ("product", [Tag.Of(GroupBy.Product)]),
        ("by account", [Tag.Of(GroupBy.Account)]), ("per account", [Tag.Of(GroupBy.Account)]), ("which account", [Tag.Of(GroupBy.Account), new(TagKind.Question)]),
        ("which accounts", [Tag.Of(GroupBy.Account), new(TagKind.Question)]), ("by customer", [Tag.Of(GroupBy.Account)]), ("which customer", [Tag.Of(GroupBy.Account), new(TagKind.Question)]),
        ("which customers", [Tag.Of(GroupBy.Account), new(TagKind.Question)]), ("accounts", [Tag.Of(GroupBy.Account)]), ("customers", [Tag.Of(GroupBy.Account)]), ("account", [Tag.Of(GroupBy.Account)]), ("customer", [Tag.Of(GroupBy.Account)]),
        ("by stage", [Tag.Of(GroupBy.Stage)]), ("per stage", [Tag.Of(GroupBy.Stage)]), ("each stage", [Tag.Of(GroupBy.Stage)]), ("stage breakdown", [Tag.Of(GroupBy.Stage)]), ("stage", [Tag.Of(GroupBy.Stage)]), ("which stage", [Tag.Of(GroupBy.Stage), new(TagKind.Question)]),
        ("by month", [Tag.Of(GroupBy.Month)]), ("per month", [Tag.Of(GroupBy.Month)]), ("monthly", [Tag.Of(GroupBy.Month)]), ("each month", [Tag.Of(GroupBy.Month)]), ("month", [Tag.Of(GroupBy.Month)]), ("quarter", [Tag.Of(GroupBy.Quarter)]), ("month by month", [Tag.Of(GroupBy.Month)]),
        ("which month", [Tag.Of(GroupBy.Month), new(TagKind.Question)]),
        ("by quarter", [Tag.Of(GroupBy.Quarter)]), ("per quarter", [Tag.Of(GroupBy.Quarter)]), ("quarterly", [Tag.Of(GroupBy.Quarter)]), ("each quarter", [Tag.Of(GroupBy.Quarter)]),
        ("quarter by quarter", [Tag.Of(GroupBy.Quarter)]), ("which quarter", [Tag.Of(GroupBy.Quarter), new(TagKind.Question)]),

        // Ranking.
        ("top", [new(TagKind.RankTop)]), ("most", [new(TagKind.RankTop)]), ("best", [new(TagKind.RankTop)]), ("highest", [new(TagKind.RankTop)]), ("biggest", [new(TagKind.RankTop)]),
        ("largest", [new(TagKind.RankTop)]), ("greatest", [new(TagKind.RankTop)]), ("leading", [new(TagKind.RankTop)]), ("strongest", [new(TagKind.RankTop)]), ("whales", [new(TagKind.RankTop)]),
        ("bottom", [new(TagKind.RankBottom)]), ("least", [new(TagKind.RankBottom)]), ("worst", [new(TagKind.RankBottom)]), ("lowest", [new(TagKind.RankBottom)]), ("smallest", [new(TagKind.RankBottom)]),
        ("fewest", [new(TagKind.RankBottom)]), ("shortest", [new(TagKind.RankBottom)]), ("fastest", [new(TagKind.RankBottom)]), ("quickest", [new(TagKind.RankBottom)]),
        ("longest", [new(TagKind.RankTop)]), ("slowest", [new(TagKind.RankTop)]), ("better", [new(TagKind.RankTop)]), ("worse", [new(TagKind.RankBottom)]), ("weakest", [new(TagKind.RankBottom)]), ("poorest", [new(TagKind.RankBottom)]),

        // Whose.
        ("my", [new(TagKind.Me)]), ("me", [new(TagKind.Me)]), ("i", [new(TagKind.Me)]), ("mine", [new(TagKind.Me)]), ("myself", [new(TagKind.Me)]), ("i've", [new(TagKind.Me)]), ("i'm", [new(TagKind.Me)]),
        ("team", [new(TagKind.Team)]), ("teams", [new(TagKind.Team)]), ("my reps", [new(TagKind.Team)]), ("our", [new(TagKind.Team)]), ("we", [new(TagKind.Team)]), ("us", [new(TagKind.Team)]),
        ("reps", [new(TagKind.Team), Tag.Of(GroupBy.Rep)]), ("everyone", [new(TagKind.Team)]), ("everybody", [new(TagKind.Team)]), ("the org", [new(TagKind.Team)]), ("my org", [new(TagKind.Team)]), ("org", [new(TagKind.Team)]), ("my organization", [new(TagKind.Team)]), ("organization", [new(TagKind.Team)]), ("company", [new(TagKind.Team)]), ("my people", [new(TagKind.Team)]),
        ("whole team", [new(TagKind.Team)]), ("we've", [new(TagKind.Team)]), ("team's", [new(TagKind.Team)]),

        // Comparisons.
        ("compare", [new(TagKind.Compare)]), ("compared", [new(TagKind.Compare)]), ("comparison", [new(TagKind.Compare)]), ("vs", [new(TagKind.Compare)]), ("versus", [new(TagKind.Compare)]),
        ("compared to", [new(TagKind.Compare)]), ("compared with", [new(TagKind.Compare)]), ("relative to", [new(TagKind.Compare)]), ("against", [new(TagKind.Compare)]), ("than", [new(TagKind.Compare)]),
        ("side by side", [new(TagKind.Compare)]),
        ("vs last year", [new(TagKind.CompareLastYear)]), ("versus last year", [new(TagKind.CompareLastYear)]), ("year over year", [new(TagKind.CompareLastYear)]), ("yoy", [new(TagKind.CompareLastYear)]),
        ("compared to last year", [new(TagKind.CompareLastYear)]), ("same period last year", [new(TagKind.CompareLastYear)]), ("than last year", [new(TagKind.CompareLastYear)]), ("a year ago", [new(TagKind.CompareLastYear)]),
        ("quarter over quarter", [new(TagKind.ComparePrevious)]), ("qoq", [new(TagKind.ComparePrevious)]), ("month over month", [new(TagKind.ComparePrevious)]), ("mom", [new(TagKind.ComparePrevious)]),
        ("previous period", [new(TagKind.ComparePrevious)]), ("period before", [new(TagKind.ComparePrevious)]), ("prior period", [new(TagKind.ComparePrevious)]),

        // Deal types and which date.
        ("upsell", [Tag.Of(OpportunityType.Upsell)]), ("upsells", [Tag.Of(OpportunityType.Upsell)]), ("expansion", [Tag.Of(OpportunityType.Upsell)]), ("expansions", [Tag.Of(OpportunityType.Upsell)]),
        ("cross sell", [Tag.Of(OpportunityType.Upsell)]), ("cross-sell", [Tag.Of(OpportunityType.Upsell)]), ("cross sells", [Tag.Of(OpportunityType.Upsell)]), ("upgrades", [Tag.Of(OpportunityType.Upsell)]),
        ("new business", [Tag.Of(OpportunityType.NewBusiness)]), ("new logo", [Tag.Of(OpportunityType.NewBusiness)]), ("new logos", [Tag.Of(OpportunityType.NewBusiness)]),
        ("new customers", [Tag.Of(OpportunityType.NewBusiness)]), ("net new", [Tag.Of(OpportunityType.NewBusiness)]),
        ("renewal deals", [Tag.Of(OpportunityType.Renewal)]), ("renewal business", [Tag.Of(OpportunityType.Renewal)]), ("expansion business", [Tag.Of(OpportunityType.Upsell)]), ("renewal opportunities", [Tag.Of(OpportunityType.Renewal)]), ("renewal opps", [Tag.Of(OpportunityType.Renewal)]),
        ("created", [new(TagKind.Created)]), ("opened", [new(TagKind.Created)]), ("added", [new(TagKind.Created)]), ("new deals", [new(TagKind.Created)]), ("came in", [new(TagKind.Created)]),
        ("generated", [new(TagKind.Created)]), ("sourced", [new(TagKind.Created)]), ("new opportunities", [new(TagKind.Created)]), ("new opps", [new(TagKind.Created)]), ("pipeline created", [new(TagKind.Created), Tag.Of(DealSet.All)]),

        // Question words and follow-up cues.
        ("what", [new(TagKind.Question)]), ("what's", [new(TagKind.Question)]), ("whats", [new(TagKind.Question)]), ("how", [new(TagKind.Question)]), ("when", [new(TagKind.Question)]),
        ("where", [new(TagKind.Question)]), ("why", [new(TagKind.Question)]), ("whose", [new(TagKind.Question)]), ("did", [new(TagKind.Question), new(TagKind.PastTense)]), ("do", [new(TagKind.Question)]),
        ("does", [new(TagKind.Question)]), ("have", [new(TagKind.Question)]), ("has", [new(TagKind.Question)]), ("is", [new(TagKind.Question)]), ("are", [new(TagKind.Question)]),
        ("was", [new(TagKind.Question), new(TagKind.PastTense)]), ("were", [new(TagKind.Question), new(TagKind.PastTense)]), ("any", [new(TagKind.Question)]), ("anything", [new(TagKind.Question)]),
        ("give me", [new(TagKind.Question)]), ("tell me", [new(TagKind.Question)]), ("show me", [Tag.Of(Measure.List), new(TagKind.Question)]), ("can you show", [new(TagKind.Question)]),
        ("will", [new(TagKind.FutureTense)]), ("going to", [new(TagKind.FutureTense)]), ("expected to", [new(TagKind.FutureTense)]), ("due to", [new(TagKind.FutureTense)]), ("coming up", [new(TagKind.FutureTense)]),
        ("ago", [new(TagKind.PastTense)]), ("so far", [new(TagKind.PastTense)]),
        ("and", [new(TagKind.Refine)]), ("what about", [new(TagKind.Refine)]), ("how about", [new(TagKind.Refine)]), ("just", [new(TagKind.Refine)]), ("only", [new(TagKind.Refine)]),
        ("same for", [new(TagKind.Refine)]), ("same but", [new(TagKind.Refine)]), ("now", [new(TagKind.Refine)]), ("but", [new(TagKind.Refine)]), ("and for", [new(TagKind.Refine)]), ("ok and", [new(TagKind.Refine)]),
        ("instead", [new(TagKind.Refine)]), ("same", [new(TagKind.Refine)]),
    ];

    private static readonly Dictionary<string, List<(string[] Words, Tag[] Tags)>> ByFirstWord = Build();

    /// <summary>Everyday words that are never typos of a keyword ("with" must not become "win").</summary>
    private static readonly HashSet<string> Common =
    [
        "the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "with", "without", "about", "into", "by", "per", "and", "or", "not", "no", "yes", "this", "that", "these", "those",
        "there", "their", "they", "them", "then", "than", "it", "its", "it's", "be", "been", "being", "am", "so", "up", "out", "off", "over", "under", "above", "below", "between", "since", "until",
        "till", "through", "after", "before", "during", "next", "last", "previous", "prior", "past", "coming", "current", "this", "each", "every", "all", "some", "much", "many", "more", "less", "fewer",
        "deal", "deals", "opportunity", "opportunities", "opps", "opp", "rep", "reps", "stage", "stages", "month", "months", "quarter", "quarters", "year", "years", "week", "weeks", "day", "days",
        "today", "tomorrow", "yesterday", "tonight", "morning", "afternoon", "evening", "half", "first", "second", "third", "fourth", "fiscal", "calendar", "date", "dates", "end", "start", "beginning",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "weekend", "ytd", "qtd", "mtd", "can", "could", "would", "should", "shall", "might", "must", "need", "want", "like", "please", "thanks", "thank", "hello", "help", "good", "great",
        "okay", "ok", "sure", "you", "your", "yours", "he", "she", "his", "her", "him", "who", "whom", "make", "made", "get", "got", "give", "gave", "take", "took", "see", "look", "know", "think",
        "going", "go", "went", "come", "came", "still", "yet", "already", "ever", "never", "again", "also", "too", "very", "really", "right", "left", "new", "old", "big", "small", "high", "low",
        "time", "times", "number", "numbers", "figure", "figures", "rate", "rates", "size", "sizes", "total", "totals", "average", "percent", "percentage", "quota", "quotas", "value", "values",
        "contract", "contracts", "account", "accounts", "customer", "customers", "client", "clients", "product", "products", "call", "calls", "meeting", "meetings", "email", "emails", "note", "notes",
        "mark", "move", "push", "update", "set", "change", "log", "logged", "remind", "reminder", "undo", "cancel", "stop", "resume", "edit", "draft", "write", "send", "sent", "news", "weather",
        "between", "within", "across", "among", "around", "near", "nearly", "almost", "about", "approximately", "over", "under", "at", "least", "exactly", "only", "just", "even", "ones", "one",
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "thirty", "sixty", "ninety", "hundred", "thousand", "million", "k", "m", "usd", "eur", "gbp", "dollar",
        "had", "has", "have", "having", "does", "did", "done", "doing", "made", "makes", "going", "were", "was", "is", "are", "will", "shall", "what", "which", "how", "when", "where", "why",
        "pipeline", "forecast", "brief", "prep", "agenda", "tasks", "task", "follow", "followup", "followups", "due", "soon", "later", "early", "late", "term", "long", "short", "fast", "slow",
        "lost", "last", "list", "most", "best", "worst", "least", "team", "mine", "whole", "entire", "overall", "breakdown", "split", "group", "grouped", "sort", "sorted", "order", "ordered",
        "as", "if", "or", "stock", "price", "prices", "pricing", "share", "shares", "market", "anyone", "let", "here", "everyone", "nobody", "somebody", "someone", "anyone", "company", "things", "thing", "stuff", "everything", "something", "nothing", "hmm", "well", "oh",
    ];

    /// <summary>The words keywords are made of: what typos are corrected towards.</summary>
    public static readonly IReadOnlySet<string> Vocabulary = Entries.SelectMany(e => e.Phrase.Split(' ')).Where(w => w.Length >= 4)
        .Concat(["quarter", "month", "year", "week", "today", "yesterday", "tomorrow", "january", "february", "march", "april", "june", "july", "august", "september",
            "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "previous", "current", "fiscal", "deals", "opportunities",
            "next", "last", "this", "half", "days", "weeks", "months", "quarters", "years", "since", "between", "negotiation", "proposal", "discovery", "qualification", "prospecting"])
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>A keyword or an everyday English word: never a name on its own.</summary>
    public static bool IsKnownWord(string lower) => Vocabulary.Contains(lower) || Common.Contains(lower) || ByFirstWord.ContainsKey(lower);

    private static Dictionary<string, List<(string[] Words, Tag[] Tags)>> Build()
    {
        var map = new Dictionary<string, List<(string[], Tag[])>>(StringComparer.Ordinal);
        foreach (var (phrase, tags) in Entries)
        {
            var words = phrase.Split(' ');
            if (!map.TryGetValue(words[0], out var list))
                map[words[0]] = list = [];
            list.Add((words, tags));
        }
        foreach (var list in map.Values)
            list.Sort((a, b) => b.Item1.Length.CompareTo(a.Item1.Length));
        return map;
    }

    /// <summary>Every keyword phrase in the tokens, longest first at each position, never overlapping.</summary>
    public static IReadOnlyList<TaggedPhrase> Find(IReadOnlyList<string> tokens, ISet<int>? skip = null)
    {
        var found = new List<TaggedPhrase>();
        for (var i = 0; i < tokens.Count;)
        {
            if (skip?.Contains(i) == true || !ByFirstWord.TryGetValue(tokens[i], out var candidates))
            {
                i++;
                continue;
            }
            var matched = false;
            foreach (var (words, tags) in candidates)
            {
                if (i + words.Length > tokens.Count)
                    continue;
                var ok = true;
                for (var k = 0; k < words.Length && ok; k++)
                    ok = tokens[i + k] == words[k] && skip?.Contains(i + k) != true;
                if (!ok)
                    continue;
                found.Add(new TaggedPhrase(i, words.Length, string.Join(' ', words), tags));
                i += words.Length;
                matched = true;
                break;
            }
            if (!matched)
                i++;
        }
        return found;
    }

    /// <summary>Chat shorthand for keywords: "yr", "qtr", "nxt", "rev".</summary>
    private static readonly Dictionary<string, string> Shorthand = new(StringComparer.Ordinal)
    {
        ["yr"] = "year", ["yrs"] = "years", ["qtr"] = "quarter", ["qtrs"] = "quarters", ["ths"] = "this", ["nxt"] = "next", ["lst"] = "last",
        ["mth"] = "month", ["mo"] = "month", ["wk"] = "week", ["wks"] = "weeks", ["rev"] = "revenue", ["prod"] = "product", ["prods"] = "products", ["hw"] = "how",
        ["loose"] = "lose", ["wat"] = "what", ["wht"] = "what", ["pls"] = "please", ["avg"] = "average", ["amt"] = "amount", ["num"] = "number",
        ["opp"] = "deal", ["opps"] = "deals",
    };

    /// <summary>
    /// The keyword a misspelt word stands for ("quater" → "quarter", "pipline" → "pipeline", "yesturday" →
    /// "yesterday"), or the word itself. Known everyday words, numbers and <paramref name="protectedWords"/> (the
    /// words of names in the data) are never changed.
    /// </summary>
    public static string Correct(string word, IReadOnlySet<string>? protectedWords = null)
    {
        if (Shorthand.TryGetValue(word, out var full) && protectedWords?.Contains(word) != true)
            return full;
        // Contractions and possessives ("that's", "month's") are words of their own, never typos of a keyword.
        if (word.Contains('\''))
            return word;
        if (word.Length == 3 && !IsKnownWord(word) && protectedWords?.Contains(word) != true && word.All(char.IsLetter))
        {
            var longer = Vocabulary.Where(k => k.Length == 4 && EditDistance.Capped(word, k, 1) <= 1).ToList();
            return longer.Count == 1 ? longer[0] : word;
        }
        if (word.Length < 4 || Vocabulary.Contains(word) || Common.Contains(word) || word.Any(c => !char.IsLetter(c) && c != '\'')
            || protectedWords?.Contains(word) == true)
            return word;
        var allowed = word.Length >= 8 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        var tie = false;
        foreach (var known in Vocabulary)
        {
            if (Math.Abs(known.Length - word.Length) > allowed || known[0] != word[0] && allowed == 1 && known.Length < 6)
                continue;
            var d = EditDistance.Capped(word, known, allowed);
            if (d < bestDistance)
            {
                (bestDistance, best, tie) = (d, known, false);
            }
            else if (d == bestDistance && known != best)
            {
                // A letter left out is the commonest slip ("pushd"): between equals, the longer word wins.
                if (known.Length > word.Length && best!.Length <= word.Length)
                    (best, tie) = (known, false);
                else if (!(best!.Length > word.Length && known.Length <= word.Length))
                    tie = true;
            }
        }
        return best is not null && bestDistance <= allowed && !tie ? best : word;
    }
}
