using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using AeBot.Core.Text;
using AeBot.Core.Understanding;

namespace AeBot.Core.Answers;

/// <summary>
/// A query's slots in the reader's language: the deal set, the measure, the grouping, and the one-line reading shown
/// under a figure ("read as: …"). English keeps <see cref="Query.Describe(string?)"/>'s words.
/// </summary>
public static class QueryWords
{
    private static string T(ReplyLanguage language, string key, params object?[] args) => language.Format(AnswerTexts.ResourceManager, key, args);

    public static string SetWords(DealSet set, ReplyLanguage language) => !language.IsThai ? Query.SetWords(set) : T(language, set switch
    {
        DealSet.Open => nameof(AnswerTexts.Set_Open),
        DealSet.Won => nameof(AnswerTexts.Set_Won),
        DealSet.Lost => nameof(AnswerTexts.Set_Lost),
        DealSet.Closed => nameof(AnswerTexts.Set_Closed),
        DealSet.All => nameof(AnswerTexts.Set_All),
        DealSet.Renewals => nameof(AnswerTexts.Set_Renewals),
        DealSet.Slipped => nameof(AnswerTexts.Set_Slipped),
        DealSet.Stale => nameof(AnswerTexts.Set_Stale),
        _ => nameof(AnswerTexts.Set_PastClose),
    });

    public static string MeasureWords(Measure measure, ReplyLanguage language) => !language.IsThai ? Query.MeasureWords(measure) : T(language, measure switch
    {
        Measure.List => nameof(AnswerTexts.Measure_List),
        Measure.Count => nameof(AnswerTexts.Measure_Count),
        Measure.Amount => nameof(AnswerTexts.Measure_Amount),
        Measure.WeightedAmount => nameof(AnswerTexts.Measure_Weighted),
        Measure.WinRate => nameof(AnswerTexts.Measure_WinRate),
        Measure.WinRateByValue => nameof(AnswerTexts.Measure_WinRateByValue),
        Measure.AverageSize => nameof(AnswerTexts.Measure_AverageSize),
        Measure.CycleDays => nameof(AnswerTexts.Measure_Cycle),
        Measure.Attainment => nameof(AnswerTexts.Measure_Attainment),
        _ => nameof(AnswerTexts.Measure_Forecast),
    });

    /// <summary>"rep", "product", … — the word for one group of a breakdown.</summary>
    public static string GroupWord(GroupBy group, ReplyLanguage language) => T(language, group switch
    {
        GroupBy.Rep => nameof(AnswerTexts.Group_Rep),
        GroupBy.Product => nameof(AnswerTexts.Group_Product),
        GroupBy.Account => nameof(AnswerTexts.Group_Account),
        GroupBy.Stage => nameof(AnswerTexts.Group_Stage),
        GroupBy.Month => nameof(AnswerTexts.Group_Month),
        _ => nameof(AnswerTexts.Group_Quarter),
    });

    /// <summary>"reps", "products", … — the groups of a breakdown.</summary>
    public static string GroupWords(GroupBy group, ReplyLanguage language) => T(language, group switch
    {
        GroupBy.Rep => nameof(AnswerTexts.Groups_Rep),
        GroupBy.Product => nameof(AnswerTexts.Groups_Product),
        GroupBy.Account => nameof(AnswerTexts.Groups_Account),
        GroupBy.Stage => nameof(AnswerTexts.Groups_Stage),
        GroupBy.Month => nameof(AnswerTexts.Groups_Month),
        _ => nameof(AnswerTexts.Groups_Quarter),
    });

    /// <summary>The query as one line of tokens in the reader's language: "ดีลที่ปิดได้ · คุณ · ไตรมาส 3/2569 · จำนวน".</summary>
    public static string Describe(Query q, ReplyLanguage language, FiscalCalendar fiscal, DateOnly today, string? viewerName = null)
    {
        if (!language.IsThai)
            return q.Describe(viewerName);
        var parts = new List<string> { SetWords(q.Set, language) };
        parts.Add(q.Subject.Kind switch
        {
            SubjectKind.Team => T(language, nameof(AnswerTexts.Who_YourTeam)),
            SubjectKind.People => string.Join(q.Compare?.Kind == CompareKind.People ? T(language, nameof(AnswerTexts.Versus)) : ", ", q.Subject.People.Select(p => p.Name)),
            SubjectKind.TeamOf => string.Join(", ", q.Subject.People.Select(p => T(language, nameof(AnswerTexts.Who_TeamOf), p.Name))),
            _ => viewerName ?? T(language, nameof(AnswerTexts.Who_You)),
        });
        if (q.Filters.Accounts.Count > 0) parts.Add(string.Join(", ", q.Filters.Accounts.Select(a => a.Name)));
        if (q.Filters.Products.Count > 0) parts.Add(string.Join(", ", q.Filters.Products.Select(p => p.Name)));
        if (q.Filters.Teams.Count > 0) parts.Add(string.Join(", ", q.Filters.Teams.Select(p => p.Name)));
        if (q.Filters.Stages.Count > 0) parts.Add(T(language, nameof(AnswerTexts.Q_Stage), string.Join(", ", q.Filters.Stages)));
        if (q.Filters.Type is { } type) parts.Add(AnswerContext.TypeName(type, language));
        if (q.Filters.MinAmount is { } min) parts.Add($"≥ {min:0.##}");
        if (q.Filters.MaxAmount is { } max) parts.Add($"≤ {max:0.##}");
        if (q.Period is { } p)
            parts.Add(q.DateField == DateField.Created ? T(language, nameof(AnswerTexts.Q_Created), PeriodFormat.Label(p, fiscal, today, language)) : PeriodFormat.Label(p, fiscal, today, language));
        parts.Add(MeasureWords(q.Measure, language));
        if (q.GroupBy != GroupBy.None) parts.Add(T(language, nameof(AnswerTexts.Q_By), GroupWord(q.GroupBy, language)));
        if (q.Rank is { } r) parts.Add(T(language, r.Top ? nameof(AnswerTexts.Q_Top) : nameof(AnswerTexts.Q_Bottom), MoneyFormat.Number(r.N)));
        if (q.Compare is { Kind: not CompareKind.None } c)
            parts.Add(c.Kind switch
            {
                CompareKind.PreviousPeriod => T(language, nameof(AnswerTexts.Q_VsBefore)),
                CompareKind.LastYear => T(language, nameof(AnswerTexts.Q_VsYearEarlier)),
                CompareKind.NamedPeriod => T(language, nameof(AnswerTexts.Q_VsPeriod), c.Against is null ? "" : PeriodFormat.Label(c.Against, fiscal, today, language)),
                _ => T(language, nameof(AnswerTexts.Q_SideBySide)),
            });
        if (q.BehindPaceOnly) parts.Add(T(language, nameof(AnswerTexts.Q_Behind)));
        return string.Join(" · ", parts);
    }
}
