using System.Globalization;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Sales;
using AeBot.Core.Text;
using AeBot.Core.Understanding;

namespace AeBot.Core.Answers;

/// <summary>
/// Answers a <see cref="Query"/>: one dispatcher over every combination of its slots. Familiar shapes go to the
/// answers that know them best (pipeline, results, quota, forecast, team); compositions — a measure by a group,
/// ranked, compared across periods or people — are computed here from <see cref="Figures"/>.
/// </summary>
public sealed class QueryAnswers(ISalesData data, Figures figures, PipelineAnswers pipeline, ResultsAnswers results, QuotaAnswers quota, TeamAnswers team)
{
    private const int ListSize = MorePages.PageSize;

    /// <summary>Rows per page of a breakdown (by account can run to hundreds).</summary>
    private const int GroupPage = 50;

    public async Task<Reply> AnswerAsync(AnswerContext c, CancellationToken ct)
    {
        var q = c.Query;
        if (q.Subject.Kind is SubjectKind.Team or SubjectKind.TeamOf && !c.Viewer.HasTeam && q.Filters.Teams.Count == 0)
            return TeamAnswers.NoTeam(c);
        c = c with { ResolvedOwners = await OwnersAsync(c, ct) };
        if (c.ResolvedOwners is { Count: 0 })
            return new Reply([new TextBlock(c.T(nameof(AnswerTexts.NoVisibleOwners), c.Who))]) { Summary = c.T(nameof(AnswerTexts.NoVisibleOwnersSummary)) };

        switch (q.Measure)
        {
            case Measure.Attainment when q.Compare?.Kind == CompareKind.People && q.Subject.Kind == SubjectKind.People && c.Viewer.HasTeam:
                return await team.RollupAsync(c, ct);
            case Measure.Attainment when q.Assume.Count > 0:
                return await quota.WhatIfAsync(c, ct);
            case Measure.Attainment when q.BehindPaceOnly && c.Viewer.HasTeam && q.Subject.Kind != SubjectKind.Me:
                return await team.BehindAsync(c, ct);
            case Measure.Attainment when q.GroupBy == GroupBy.Rep && c.Viewer.HasTeam:
                return await team.RollupAsync(c, ct);
            case Measure.Attainment:
                return await quota.QuotaAsync(c, ct);
            case Measure.Forecast:
                return await quota.ForecastAsync(c, ct);
        }
        if (Unsupported(q) is { } cannot)
            return new Reply([new TextBlock(c.T(cannot.Text)),
                new ActionsBlock([new ReplyAction(c.T(nameof(AnswerTexts.Button_Slipped)), Payloads.Ask + "slipped deals"), new ReplyAction(c.T(nameof(AnswerTexts.Button_Renewals90)), Payloads.Ask + "what renews in the next 90 days?")])])
            {
                Summary = c.T(cannot.Summary),
            };
        if (q.Set == DealSet.Renewals)
            return await RenewalsAsync(c, ct);
        if (q.Compare?.Kind == CompareKind.People && (q.Subject.People.Count > 1 || q.Filters.Teams.Count > 1))
            return await PeopleAsync(c, ct);
        if (q.Compare is { Kind: CompareKind.NamedPeriod or CompareKind.LastYear or CompareKind.PreviousPeriod } && q.GroupBy == GroupBy.None)
            return await PeriodsAsync(c, ct);
        if (q.GroupBy != GroupBy.None)
            return await GroupedAsync(c, ct);

        switch (q.Set)
        {
            case DealSet.Slipped:
                return await pipeline.SlippedAsync(c, ct);
            case DealSet.Stale when q.Measure is Measure.List or Measure.Count or Measure.Amount:
                return await pipeline.StaleAsync(c, ct);
            case DealSet.PastClose when q.Measure is Measure.List or Measure.Count or Measure.Amount:
                return await pipeline.PastDueAsync(c, ct);
        }
        if (q.Rank is not null && q.Measure == Measure.List)
            return q.Set == DealSet.Open && q.Rank.Top ? await pipeline.BiggestAsync(c, ct) : await TopDealsAsync(c, ct);
        switch (q.Measure)
        {
            case Measure.WinRate or Measure.WinRateByValue:
                return await results.WinRateAsync(c, ct);
            case Measure.CycleDays:
                return await results.CycleAsync(c, ct);
            case Measure.AverageSize when q.Set == DealSet.Won:
                return await results.AverageDealAsync(c, ct);
        }
        return q.Set switch
        {
            DealSet.Open when q.Measure is not Measure.AverageSize => await pipeline.PipelineAsync(c, ct),
            DealSet.Won when q.Measure is Measure.List or Measure.Amount or Measure.Count => await results.WonAsync(c, ct),
            DealSet.Lost when q.Measure is Measure.List or Measure.Amount or Measure.Count => await results.LostAsync(c, ct),
            _ => await SingleAsync(c, ct),
        };
    }

    /// <summary>What this query asks that no answer computes yet (the reply's and the summary's texts); null when every slot is answered.</summary>
    private static (string Text, string Summary)? Unsupported(Query q)
    {
        if (q.Set == DealSet.Renewals && (q.GroupBy != GroupBy.None || q.Rank is not null || q.Compare is not null || q.Filters.MinAmount is not null
                || q.Filters.MaxAmount is not null || q.Filters.Stages.Count > 0 || q.Filters.Type is not null || q.Measure is not (Measure.List or Measure.Count or Measure.Amount)))
            return (nameof(AnswerTexts.Unsupported_Renewals), nameof(AnswerTexts.Unsupported_RenewalsSummary));
        if (q.Set == DealSet.Slipped && (q.GroupBy != GroupBy.None || q.Compare is not null || q.Rank is not null || q.Measure is not (Measure.List or Measure.Count)))
            return (nameof(AnswerTexts.Unsupported_Slipped), nameof(AnswerTexts.Unsupported_SlippedSummary));
        if (q.Set is DealSet.Stale or DealSet.PastClose && q.Compare is not null)
            return (nameof(AnswerTexts.Unsupported_Compare), nameof(AnswerTexts.Unsupported_CompareSummary));
        return null;
    }

    /// <summary>The period a query means when it names none.</summary>
    public static Period? DefaultPeriod(AnswerContext c)
    {
        var q = c.Query;
        if (q.Period is not null)
            return q.Period;
        if (q.DateField == DateField.Created)
            return ResultsAnswers.DefaultPeriod(c);
        // "How many deals have I lost with Acme?": an account's history, not this quarter's.
        if (q.Filters.Accounts.Count > 0 && q.Set is DealSet.Won or DealSet.Lost or DealSet.Closed)
            return null;
        return q.Set switch
        {
            DealSet.Renewals => new Period(c.Today, c.Today.AddDays(89), "in the next 90 days"),
            DealSet.Open or DealSet.All or DealSet.Slipped or DealSet.Stale or DealSet.PastClose => null,
            _ when q.Measure == Measure.CycleDays || q.GroupBy is GroupBy.Product or GroupBy.Account or GroupBy.Month or GroupBy.Quarter => c.Fiscal.Year(c.Fiscal.FiscalYearOf(c.Today)) with { Label = "this year" },
            _ => ResultsAnswers.DefaultPeriod(c),
        };
    }

    // ---- who: a named manager's team, a sales team, or what the subject says ----

    private async Task<IReadOnlyList<long>?> OwnersAsync(AnswerContext c, CancellationToken ct)
    {
        IReadOnlyList<long>? owners = null;
        // "My team" is the deals my people own: named owners let the data layer use its owner index instead of the
        // access predicate over every deal (an admin sees everything, so needs neither).
        if (c.Kind == SubjectKind.Team && !c.Viewer.SeesEverything)
            owners = (await data.VisibleRepsAsync(c.Viewer, ct)).Select(r => r.Id).ToList();
        if (c.Kind == SubjectKind.TeamOf)
        {
            var all = new List<long>();
            foreach (var manager in c.People)
                all.AddRange(await data.SubtreeAsync(c.Viewer, manager.Id, ct));
            owners = all.Distinct().ToList();
        }
        if (c.Query.Filters.Teams.Count > 0)
        {
            var members = new List<long>();
            foreach (var t in c.Query.Filters.Teams)
                members.AddRange(await data.TeamMembersAsync(c.Viewer, t.Id, ct));
            owners = owners is null ? members.Distinct().ToList() : owners.Intersect(members).ToList();
        }
        return owners;
    }

    // ---- one figure ----

    private async Task<Reply> SingleAsync(AnswerContext c, CancellationToken ct)
    {
        var q = c.Query;
        var period = DefaultPeriod(c);
        var filter = c.Filter(null, period);
        var figure = await figures.MeasureAsync(c, q.Measure, q.Set, filter, ct);
        var what = QueryWords.SetWords(q.Set, c.Language);
        var when = When(c, period);
        var deals = c.Deals((int)(figure.Value ?? 0));
        var text = q.Measure switch
        {
            Measure.Count or Measure.List when q.DateField == DateField.Created =>
                c.T(q.Set == DealSet.All ? nameof(AnswerTexts.Single_Created) : nameof(AnswerTexts.Single_CreatedNow), AnswerContext.Capitalize(c.Who), deals, when, what),
            Measure.Count or Measure.List => c.T(nameof(AnswerTexts.Single_Count), AnswerContext.Capitalize(c.Whose), what, when, deals),
            _ when figure.Value is null => c.T(nameof(AnswerTexts.Single_Nothing), what, when, QueryWords.MeasureWords(q.Measure, c.Language)),
            _ => c.T(nameof(AnswerTexts.Single_Measure), AnswerContext.Capitalize(QueryWords.MeasureWords(q.Measure, c.Language)), c.Whose, what, when,
                Format(q.Measure, figure, c.Currency, c.Language), Basis(c, q.Measure, figure)),
        };
        var blocks = new List<ReplyBlock> { new TextBlock(text) };
        if (q.Measure == Measure.List && figure.Count > 0)
        {
            var rows = await DealsOfAsync(c, q.Set, filter, DealOrder.CloseDateAscending, c.Offset, ListSize, ct);
            var table = DealTables.Of(c.Offset > 0 || figure.Count > rows.Count ? MorePages.Range(c.Offset, rows.Count, figure.Count, c.Language) : null, rows, c, c.Kind != SubjectKind.Me);
            if (c.Offset > 0)
                return MorePages.Next(c, table, rows.Count, figure.Count, c.T(nameof(AnswerTexts.SetWhen), what, when));
            blocks.Add(table);
            if (MorePages.Button(c, rows.Count, figure.Count) is { } more)
                blocks.Add(more);
        }
        blocks.Add(c.Provenance(what, period));
        return new Reply(blocks) { Summary = Plain(text) };
    }

    /// <summary>
    /// A period as the end of a clause: English " this quarter (Q4 2026)" (the asker's words), Thai " ในไตรมาส 4/2569";
    /// nothing when the question has no period.
    /// </summary>
    private static string When(AnswerContext c, Period? period) => period is null ? "" : c.T(nameof(AnswerTexts.When), c.Label(period));

    // ---- the biggest (or smallest) deals of any set ----

    private async Task<Reply> TopDealsAsync(AnswerContext c, CancellationToken ct)
    {
        var q = c.Query;
        var period = DefaultPeriod(c);
        var take = q.Rank?.N ?? 5;
        var deals = await DealsOfAsync(c, q.Set, c.Filter(null, period), q.Rank?.Top == false ? DealOrder.AmountAscending : DealOrder.AmountDescending, 0, take, ct);
        var what = QueryWords.SetWords(q.Set, c.Language);
        var when = When(c, period);
        if (deals.Count == 0)
            return new Reply([new TextBlock(c.T(nameof(AnswerTexts.Top_None), what, when)), c.Provenance(what, period)]) { Summary = c.T(nameof(AnswerTexts.Top_NoneSummary), what) };
        var first = deals[0];
        var text = c.T(q.Rank?.Top == false ? nameof(AnswerTexts.Top_Smallest) : nameof(AnswerTexts.Top_Biggest), AnswerContext.Capitalize(c.Whose), what, when, first.Name,
            MoneyFormat.Exact(first.Amount ?? 0, first.Currency));
        var title = c.T(q.Rank?.Top == false ? nameof(AnswerTexts.Title_BottomByAmount) : nameof(AnswerTexts.Title_TopByAmount), deals.Count);
        return new Reply([new TextBlock(text), DealTables.Of(title, deals, c, c.Kind != SubjectKind.Me), c.Provenance(what, period)])
        {
            Summary = Plain(text),
        };
    }

    /// <summary>The deals of a set, in order; "closed" is won and lost merged, never open ones.</summary>
    private async Task<IReadOnlyList<DealRow>> DealsOfAsync(AnswerContext c, DealSet set, DealFilter filter, DealOrder order, int skip, int take, CancellationToken ct)
    {
        if (set != DealSet.Closed)
            return await data.DealsAsync(c.Viewer, Figures.Narrow(c, set, filter), order, skip, take, ct);
        // The merged page comes from the first skip + take of each side: no row of one page can come from further down either.
        var won = await data.DealsAsync(c.Viewer, filter with { Category = Opportunities.StageCategory.Won }, order, skip + take, ct);
        var lost = await data.DealsAsync(c.Viewer, filter with { Category = Opportunities.StageCategory.Lost }, order, skip + take, ct);
        var both = won.Concat(lost);
        return (order switch
        {
            DealOrder.AmountDescending => both.OrderByDescending(d => d.Amount).ThenBy(d => d.Id),
            DealOrder.AmountAscending => both.OrderBy(d => d.Amount).ThenBy(d => d.Id),
            _ => both.OrderBy(d => d.CloseDate).ThenBy(d => d.Id),
        }).Skip(skip).Take(take).ToList();
    }

    // ---- a measure by rep, product, account, stage, month or quarter; ranked when asked ----

    private async Task<Reply> GroupedAsync(AnswerContext c, CancellationToken ct)
    {
        var q = c.Query;
        if (q.GroupBy == GroupBy.Rep && q.Subject.Kind == SubjectKind.Me && !c.Viewer.HasTeam)
            return TeamAnswers.NoTeam(c);
        var period = DefaultPeriod(c);
        var measure = q.Rank?.By is { } by && q.Measure is Measure.List ? by : q.Measure == Measure.List ? Measure.Amount : q.Measure;
        var filter = c.Filter(null, period);
        if (q.GroupBy == GroupBy.Rep && q.Subject.Kind == SubjectKind.Me)
            filter = filter with { OwnerIds = null };
        var rows = (await figures.GroupedAsync(c, measure, q.Set, filter, q.GroupBy, ct)).ToList();

        // A team's reps with nothing to show still belong in a count or an amount by rep: as zero, not missing.
        if (q.GroupBy == GroupBy.Rep && measure is Measure.Count or Measure.Amount or Measure.WeightedAmount && q.Subject.Kind is SubjectKind.Team or SubjectKind.TeamOf)
        {
            var people = q.Subject.Kind == SubjectKind.Team && q.Filters.Teams.Count == 0 && !c.Viewer.SeesEverything
                ? await data.TeamAsync(c.Viewer, ct)
                : (await data.VisibleRepsAsync(c.Viewer, ct)).Where(r => c.ResolvedOwners?.Contains(r.Id) == true && !q.Subject.People.Any(p => p.Id == r.Id)).ToList();
            foreach (var rep in people)
                if (rows.All(r => r.Id != rep.Id))
                    rows.Add((rep.Name, rep.Id, new Figure(0, 0, 0)));
        }

        // Months and quarters come named in English ("Nov 2026", "Q4 2026"): a Thai reply names them from their dates.
        if (c.Language.IsThai && q.GroupBy is GroupBy.Month or GroupBy.Quarter)
            rows = rows.Select(r => (GroupName(c, q.GroupBy, r.Id), r.Id, r.Figure)).ToList();

        var what = QueryWords.SetWords(q.Set, c.Language);
        var groupWord = QueryWords.GroupWord(q.GroupBy, c.Language);
        var groupWords = QueryWords.GroupWords(q.GroupBy, c.Language);
        var when = When(c, period);
        var rated = measure is Measure.WinRate or Measure.WinRateByValue;
        var usable = rows.Where(r => r.Figure.Value is not null && (!rated || q.Rank is null || r.Figure.Basis >= Figures.MinimumDecided)).ToList();
        if (usable.Count == 0)
        {
            var none = c.T(rated && rows.Count > 0 ? nameof(AnswerTexts.Group_NoneRated) : nameof(AnswerTexts.Group_None), what, when, groupWord, Figures.MinimumDecided);
            return new Reply([new TextBlock(none), c.Provenance(what, period)]) { Summary = c.T(nameof(AnswerTexts.Group_NoneSummary), what, groupWord) };
        }

        IEnumerable<(string Name, long? Id, Figure Figure)> ordered = q.GroupBy is GroupBy.Month or GroupBy.Quarter && q.Rank is null
            ? usable.OrderBy(r => r.Id)
            : q.Rank is { Top: false } ? usable.OrderBy(r => r.Figure.Value).ThenBy(r => r.Name) : usable.OrderByDescending(r => r.Figure.Value).ThenBy(r => r.Name);
        // "Who has the best win rate?" names one, and shows where everyone else stands below it.
        var shown = (q.Rank is { N: > 1 } rank ? ordered.Take(rank.N) : q.Rank is null ? ordered.Skip(c.Offset).Take(GroupPage) : ordered.Take(10)).ToList();
        var header = (IReadOnlyList<string>)[AnswerContext.Capitalize(groupWord), AnswerContext.Capitalize(QueryWords.MeasureWords(measure, c.Language)),
            c.T(measure is Measure.WinRate or Measure.WinRateByValue ? nameof(AnswerTexts.Col_WonOfClosed) : nameof(AnswerTexts.Fact_Deals))];
        if (c.Offset > 0 && q.Rank is null)
            return MorePages.Next(c, new TableBlock(MorePages.Range(c.Offset, shown.Count, usable.Count, c.Language), header,
                shown.Select(r => (IReadOnlyList<string>)[r.Name, Format(measure, r.Figure, c.Currency, c.Language), BasisCell(c, measure, r.Figure)]).ToList(), [false, true, true]), shown.Count, usable.Count, groupWords);
        var measureName = QueryWords.MeasureWords(measure, c.Language);
        string text;
        if (q.Rank is { N: 1 } one)
        {
            var best = shown[0];
            // One whole sentence per superlative: Thai puts it after the measure ("มีอัตราชนะดีที่สุด").
            var sentence = (one.Top, measure) switch
            {
                (true, Measure.Count) => nameof(AnswerTexts.Rank1_Most),
                (false, Measure.Count) => nameof(AnswerTexts.Rank1_Fewest),
                (true, Measure.CycleDays) => nameof(AnswerTexts.Rank1_Longest),
                (false, Measure.CycleDays) => nameof(AnswerTexts.Rank1_Shortest),
                (true, Measure.WinRate or Measure.WinRateByValue) => nameof(AnswerTexts.Rank1_Best),
                (false, Measure.WinRate or Measure.WinRateByValue) => nameof(AnswerTexts.Rank1_Worst),
                (true, _) => nameof(AnswerTexts.Rank1_Highest),
                _ => nameof(AnswerTexts.Rank1_Lowest),
            };
            text = c.T(sentence, best.Name, MeasureNoun(c, measure, q.Set), when, Format(measure, best.Figure, c.Currency, c.Language), Basis(c, measure, best.Figure));
            if (ordered.Skip(1).FirstOrDefault() is { Name: not null } runnerUp && runnerUp.Figure.Value == best.Figure.Value)
                text += " " + c.T(nameof(AnswerTexts.Rank1_Tied), runnerUp.Name);
        }
        else
        {
            var key = q.Rank switch
            {
                null => q.GroupBy is GroupBy.Month or GroupBy.Quarter ? nameof(AnswerTexts.Group_Text_First) : nameof(AnswerTexts.Group_Text_Leads),
                { Top: false } => nameof(AnswerTexts.Group_TextBottom),
                _ => q.GroupBy is GroupBy.Month or GroupBy.Quarter ? nameof(AnswerTexts.Group_TextTop_First) : nameof(AnswerTexts.Group_TextTop_Leads),
            };
            text = c.T(key, AnswerContext.Capitalize(MeasureNoun(c, measure, q.Set)), groupWord, when, shown[0].Name, Format(measure, shown[0].Figure, c.Currency, c.Language), shown.Count);
        }
        var rowsText = shown.Select(r => (IReadOnlyList<string>)[r.Name, Format(measure, r.Figure, c.Currency, c.Language), BasisCell(c, measure, r.Figure)]).ToList();
        var blocks = new List<ReplyBlock>
        {
            new TextBlock(text),
            new TableBlock(q.Rank is null ? null : c.T(q.Rank.Top ? nameof(AnswerTexts.Title_HighestFirst) : nameof(AnswerTexts.Title_LowestFirst)), header, rowsText, [false, true, true]),
        };
        if (q.Rank is null && MorePages.Button(c, shown.Count, usable.Count) is { } more)
            blocks.Add(more);
        if (!rated && measure != Measure.CycleDays && shown.Count > 1)
            blocks.Add(new ChartBlock(c.T(nameof(AnswerTexts.Chart_By), AnswerContext.Capitalize(MeasureNoun(c, measure, q.Set)), groupWord), ChartKind.Bar, shown.Select(s => s.Name).ToList(),
                [new ChartSeries(AnswerContext.Capitalize(measureName), shown.Select(s => s.Figure.Value ?? 0).ToList())], measure is Measure.Count ? "" : c.Currency));
        if (rated && q.Rank is not null)
            blocks.Add(new ContextBlock(c.T(nameof(AnswerTexts.Group_RankedOnly), groupWords, Figures.MinimumDecided)));
        if (q.Rank is null && usable.Count > shown.Count)
            blocks.Add(new ContextBlock(c.T(q.GroupBy is GroupBy.Month or GroupBy.Quarter ? nameof(AnswerTexts.Group_Showing) : nameof(AnswerTexts.Group_ShowingHighest), shown.Count, usable.Count, groupWords)));
        blocks.Add(c.Provenance(what, period));
        return new Reply(blocks) { Summary = Plain(text) };
    }

    /// <summary>A month (yyyyMM) or a fiscal quarter (year × 10 + quarter) named in the reader's language.</summary>
    private static string GroupName(AnswerContext c, GroupBy group, long? id)
    {
        if (id is not { } key)
            return c.T(nameof(AnswerTexts.NoDate));
        if (group == GroupBy.Quarter)
            return c.Label(c.Fiscal.Quarter((int)(key / 10), (int)(key % 10)));
        var first = new DateOnly((int)(key / 100), (int)(key % 100), 1);
        return c.Label(new Period(first, first.AddMonths(1).AddDays(-1), ""));
    }

    // ---- people side by side ----

    private async Task<Reply> PeopleAsync(AnswerContext c, CancellationToken ct)
    {
        var q = c.Query;
        var period = DefaultPeriod(c);
        var measures = new List<Measure> { q.Measure == Measure.List ? Measure.Amount : q.Measure };
        foreach (var extra in new[] { Measure.Count, Measure.Amount, Measure.WinRate })
            if (!measures.Contains(extra))
                measures.Add(extra);
        var rows = new List<IReadOnlyList<string>>();
        var values = new List<(NamedRef Person, Figure Figure)>();
        // Side by side: named people, named managers' teams, or named sales teams.
        var sides = new List<(NamedRef Name, IReadOnlyList<long> Owners)>();
        if (q.Filters.Teams.Count > 1)
            foreach (var t in q.Filters.Teams)
                sides.Add((t, await data.TeamMembersAsync(c.Viewer, t.Id, ct)));
        else if (c.Kind == SubjectKind.TeamOf)
            foreach (var manager in q.Subject.People)
                sides.Add((manager with { Name = c.T(nameof(AnswerTexts.Who_TeamOf), manager.Name) }, await data.SubtreeAsync(c.Viewer, manager.Id, ct)));
        else
            sides.AddRange(q.Subject.People.Select(p => (p, (IReadOnlyList<long>)[p.Id])));
        foreach (var (person, owners) in sides)
        {
            var filter = c.Filter(null, period) with { OwnerIds = owners };
            var cells = new List<string> { person.Name };
            foreach (var m in measures)
            {
                var set = m is Measure.WinRate ? DealSet.Closed : q.Set;
                var f = await figures.MeasureAsync(c, m, set, filter, ct);
                if (m == measures[0])
                    values.Add((person, f));
                cells.Add(Format(m, f, c.Currency, c.Language));
            }
            rows.Add(cells);
        }
        var measureName = QueryWords.MeasureWords(measures[0], c.Language);
        var noun = MeasureNoun(c, measures[0], q.Set);
        var when = When(c, period);
        var ranked = values.Where(v => v.Figure.Value is not null).OrderByDescending(v => v.Figure.Value).ToList();
        var each = string.Join(", ", values.Select(v => $"**{v.Person.Name}** {Format(measures[0], v.Figure, c.Currency, c.Language)}"));
        var text = ranked.Count == 0 ? c.T(nameof(AnswerTexts.People_None), QueryWords.SetWords(q.Set, c.Language), when)
            : ranked.Count > 1 && ranked[0].Figure.Value != ranked[1].Figure.Value ? c.T(nameof(AnswerTexts.People_TextAhead), AnswerContext.Capitalize(noun), when, each, ranked[0].Person.Name)
            : c.T(nameof(AnswerTexts.People_Text), AnswerContext.Capitalize(noun), when, each);
        var headers = new List<string> { c.T(q.Filters.Teams.Count > 1 || c.Kind == SubjectKind.TeamOf ? nameof(AnswerTexts.Col_Team) : nameof(AnswerTexts.Col_Rep)) };
        headers.AddRange(measures.Select(m => m == Measure.WinRate ? c.T(nameof(AnswerTexts.Col_WinRate)) : AnswerContext.Capitalize(MeasureNoun(c, m, q.Set))));
        return new Reply([
            new TextBlock(text),
            new TableBlock(c.T(nameof(AnswerTexts.Title_SideBySide)), headers, rows, [false, .. measures.Select(_ => true)]),
            c.Provenance(QueryWords.SetWords(q.Set, c.Language), period),
        ]) { Summary = c.T(nameof(AnswerTexts.WithMeasure), Plain(text), measureName) };
    }

    // ---- a period against another ----

    private async Task<Reply> PeriodsAsync(AnswerContext c, CancellationToken ct)
    {
        var q = c.Query;
        var period = DefaultPeriod(c) ?? ResultsAnswers.DefaultPeriod(c);
        var against = q.Compare!.Kind switch
        {
            CompareKind.NamedPeriod => q.Compare.Against!,
            CompareKind.LastYear => new Period(period.From.AddYears(-1), period.To.AddYears(-1), "a year earlier"),
            _ => period.Previous("the period before"),
        };
        var measure = q.Measure == Measure.List ? Measure.Amount : q.Measure;
        var noun = MeasureNoun(c, measure, q.Set);
        IReadOnlyList<string> Row(string label, Period p, Figure f) =>
            [label, $"{DateFormat.Full(p.From, c.Language)} – {DateFormat.Full(p.To, c.Language)}", Format(measure, f, c.Currency, c.Language), f.Count.ToString("#,0", CultureInfo.InvariantCulture)];
        var header = (IReadOnlyList<string>)[c.T(nameof(AnswerTexts.Col_Period)), c.T(nameof(AnswerTexts.Col_Dates)), AnswerContext.Capitalize(QueryWords.MeasureWords(measure, c.Language)), c.T(nameof(AnswerTexts.Fact_Deals))];
        Task<Figure> MeasureOver(Period p) => figures.MeasureAsync(c, measure, q.Set, c.Filter(null, p), ct);

        // A period still running holds only the days so far: won, lost and created deals accrue, so either side still
        // running is compared like for like — both sides to the same point of the calendar (Q4 to Nov 28 against Q3
        // to Aug 28) — with the finished side in full beside it.
        var accrues = q.Set is DealSet.Won or DealSet.Lost or DealSet.Closed || q.DateField == DateField.Created;
        bool Running(Period p) => p.From <= c.Today && c.Today < p.To;
        var running = !accrues ? null : Running(period) ? period : Running(against) ? against : null;
        if (running is null)
        {
            var now = await MeasureOver(period);
            var then = await MeasureOver(against);
            var whole = c.T(nameof(AnswerTexts.Periods_Whole), AnswerContext.Capitalize(noun), c.Who, Format(measure, now, c.Currency, c.Language), c.Label(period),
                Format(measure, then, c.Currency, c.Language), c.Label(against), Change(c, measure, now, then));
            return new Reply([
                new TextBlock(whole),
                new TableBlock(null, header, [Row(c.Label(period), period, now), Row(c.Label(against), against, then)], [false, false, true, true]),
                c.Provenance(QueryWords.SetWords(q.Set, c.Language), period),
            ]) { Summary = Plain(whole) };
        }

        var other = ReferenceEquals(running, period) ? against : period;
        var cut = SamePoint(running.From, c.Today, other);
        Period ToDate(Period p) => ReferenceEquals(p, running) ? p with { To = c.Today } : p with { To = cut };
        var (nowSoFar, thenSoFar, otherWhole) = (await MeasureOver(ToDate(period)), await MeasureOver(ToDate(against)), await MeasureOver(other));
        string Upto(Period p) => c.T(nameof(AnswerTexts.Periods_Upto), c.Label(p), c.Date(ToDate(p).To));
        var text = c.T(nameof(AnswerTexts.Periods_Running), AnswerContext.Capitalize(noun), c.Who, Format(measure, nowSoFar, c.Currency, c.Language), Upto(period),
            Format(measure, thenSoFar, c.Currency, c.Language), Upto(against), Change(c, measure, nowSoFar, thenSoFar), c.Label(running), c.Label(other), Format(measure, otherWhole, c.Currency, c.Language));
        return new Reply([
            new TextBlock(text),
            new TableBlock(null, header,
                [Row(Upto(period), ToDate(period), nowSoFar), Row(Upto(against), ToDate(against), thenSoFar), Row(c.T(nameof(AnswerTexts.Periods_AllOfIt), c.Label(other)), other, otherWhole)], [false, false, true, true]),
            c.Provenance(QueryWords.SetWords(q.Set, c.Language), period),
        ]) { Summary = Plain(text) };
    }

    /// <summary>
    /// Where <paramref name="today"/>'s place in a period that began on <paramref name="from"/> falls in
    /// <paramref name="other"/>: by the calendar when both start on the 1st (Nov 28 in Q4 is Aug 28 in Q3, Mar 28 in
    /// Q1 is Dec 28 in Q4, Feb 29 becomes Feb 28), else the same number of days in; never past its end.
    /// </summary>
    internal static DateOnly SamePoint(DateOnly from, DateOnly today, Period other)
    {
        DateOnly point;
        if (from.Day == 1 && other.From.Day == 1)
        {
            var month = other.From.AddMonths((today.Year - from.Year) * 12 + today.Month - from.Month);
            point = new DateOnly(month.Year, month.Month, Math.Min(today.Day, DateTime.DaysInMonth(month.Year, month.Month)));
        }
        else
        {
            point = other.From.AddDays(today.DayNumber - from.DayNumber);
        }
        return point > other.To ? other.To : point;
    }

    private static string Change(AnswerContext c, Measure measure, Figure now, Figure then)
    {
        if (now.Value is not { } a || then.Value is not { } b)
            return c.T(nameof(AnswerTexts.Change_NotComparable));
        var diff = a - b;
        return measure is Measure.WinRate or Measure.WinRateByValue
            ? c.T(diff >= 0 ? nameof(AnswerTexts.Change_UpPoints) : nameof(AnswerTexts.Change_DownPoints), Math.Abs(decimal.Round(diff * 100, 1)).ToString("0.0", CultureInfo.InvariantCulture))
            : b != 0 ? c.T(diff >= 0 ? nameof(AnswerTexts.Change_Up) : nameof(AnswerTexts.Change_Down), MoneyFormat.Percent(Math.Abs(diff / b)))
            : c.T(diff == 0 ? nameof(AnswerTexts.Change_None) : nameof(AnswerTexts.Change_FromNothing));
    }

    // ---- renewals: contracts by end date ----

    private async Task<Reply> RenewalsAsync(AnswerContext c, CancellationToken ct)
    {
        var q = c.Query;
        var period = DefaultPeriod(c)!;
        var owners = c.Kind == SubjectKind.Team && c.ResolvedOwners is null ? null : c.ResolvedOwners ?? (c.Kind == SubjectKind.People ? c.People.Select(p => p.Id).ToList() : [c.Viewer.RepId]);
        if (c.Kind == SubjectKind.Me && q.Filters.Accounts.Count > 0)
            owners = null;
        var rows = await data.RenewalsAsync(c.Viewer, owners, q.Filters.Accounts.Count > 0 ? q.Filters.Accounts.Select(a => a.Id).ToList() : null,
            q.Filters.Products.Count > 0 ? q.Filters.Products.Select(p => p.Id).ToList() : null, period.From, period.To, ct);
        var provenance = new ContextBlock(c.Provenance(c.T(nameof(AnswerTexts.What_Contracts)), period).Text);
        var label = c.Label(period);
        var mine = c.Kind == SubjectKind.Me && q.Filters.Teams.Count == 0;
        if (rows.Count == 0)
            return new Reply([new TextBlock(c.T(mine ? nameof(AnswerTexts.Ren_None_Yours) : nameof(AnswerTexts.Ren_None_Who), label, c.Range(period.From, period.To), c.Who)), provenance])
            {
                Summary = c.T(nameof(AnswerTexts.Ren_NoneSummary), label),
            };
        var value = rows.Where(r => r.Currency == c.Currency).Sum(r => r.AnnualValue);
        var others = rows.Where(r => r.Currency != c.Currency).GroupBy(r => r.Currency).Select(g => MoneyFormat.Exact(g.Sum(r => r.AnnualValue), g.Key)).ToList();
        var whose = mine ? c.T(nameof(AnswerTexts.Who_Yours)) : c.Whose;
        var text = others.Count > 0
            ? c.Plural(rows.Count, nameof(AnswerTexts.Ren_TextOthers_One), nameof(AnswerTexts.Ren_TextOthers_Other), whose, label, MoneyFormat.Exact(value, c.Currency), c.Date(rows[0].EndDate), string.Join(" + ", others))
            : c.Plural(rows.Count, nameof(AnswerTexts.Ren_Text_One), nameof(AnswerTexts.Ren_Text_Other), whose, label, MoneyFormat.Exact(value, c.Currency), c.Date(rows[0].EndDate));
        var page = rows.Skip(c.Offset).Take(ListSize).ToList();
        var table = new TableBlock(MorePages.Title(c.T(nameof(AnswerTexts.Title_SoonestFirst)), c.Offset, page.Count, rows.Count, c.Language),
            [c.T(nameof(AnswerTexts.Col_Account)), c.T(nameof(AnswerTexts.Col_Product)), c.T(nameof(AnswerTexts.Col_Ends)), c.T(nameof(AnswerTexts.Col_AnnualValue)), c.T(nameof(AnswerTexts.Col_Owner)), c.T(nameof(AnswerTexts.Col_AutoRenew))],
            page.Select(r => (IReadOnlyList<string>)[r.Account, r.Product ?? "—", c.Date(r.EndDate), MoneyFormat.Exact(r.AnnualValue, r.Currency), r.Owner ?? "—", c.T(r.AutoRenew ? nameof(AnswerTexts.Yes) : nameof(AnswerTexts.No))]).ToList(),
            [false, false, false, true, false, false]);
        if (c.Offset > 0)
            return MorePages.Next(c, table, page.Count, rows.Count, c.T(nameof(AnswerTexts.Ren_What), label));
        return new Reply([new TextBlock(text), table, .. PipelineAnswers.Optional(MorePages.Button(c, page.Count, rows.Count)), provenance])
        {
            Summary = c.Plural(rows.Count, nameof(AnswerTexts.Ren_Summary_One), nameof(AnswerTexts.Ren_Summary_Other), label),
        };
    }

    // ---- wording ----

    public static string Format(Measure measure, Figure figure, string currency) => Format(measure, figure, currency, ReplyLanguage.English);

    public static string Format(Measure measure, Figure figure, string currency, ReplyLanguage language) => figure.Value is not { } v ? "—" : measure switch
    {
        Measure.Count or Measure.List => language.Format(AnswerTexts.ResourceManager, (int)v == 1 ? nameof(AnswerTexts.Count_Deal_One) : nameof(AnswerTexts.Count_Deal_Other), MoneyFormat.Number((int)v)),
        Measure.WinRate or Measure.WinRateByValue => MoneyFormat.Percent(v),
        Measure.CycleDays => language.Format(AnswerTexts.ResourceManager, nameof(AnswerTexts.Days), decimal.Round(v, 0).ToString("#,0", CultureInfo.InvariantCulture)),
        _ => MoneyFormat.Exact(decimal.Round(v, 2), currency),
    };

    /// <summary>What a rate or an average is over, as the end of its sentence: " (4 won of 10 closed)", " over 12 deals".</summary>
    private static string Basis(AnswerContext c, Measure measure, Figure figure) => measure switch
    {
        Measure.WinRate or Measure.WinRateByValue => c.T(nameof(AnswerTexts.Basis_Rate), figure.Count, figure.Basis),
        Measure.AverageSize or Measure.CycleDays => c.T(nameof(AnswerTexts.Basis_Over), c.Deals(figure.Basis)),
        _ => "",
    };

    private static string BasisCell(AnswerContext c, Measure measure, Figure figure) => measure is Measure.WinRate or Measure.WinRateByValue
        ? c.T(nameof(AnswerTexts.Cell_OfTotal), figure.Count, figure.Basis)
        : figure.Basis.ToString("#,0", CultureInfo.InvariantCulture);

    private static string MeasureNoun(AnswerContext c, Measure measure, DealSet set) => measure switch
    {
        Measure.Count => c.T(nameof(AnswerTexts.Noun_Number), QueryWords.SetWords(set, c.Language)),
        Measure.Amount or Measure.List => set switch
        {
            DealSet.Won => c.T(nameof(AnswerTexts.Noun_WonRevenue)),
            DealSet.Lost => c.T(nameof(AnswerTexts.Noun_LostValue)),
            DealSet.Open => c.T(nameof(AnswerTexts.Noun_OpenPipeline)),
            _ => c.T(nameof(AnswerTexts.Noun_ValueOf), QueryWords.SetWords(set, c.Language)),
        },
        Measure.WeightedAmount => set == DealSet.Open ? c.T(nameof(AnswerTexts.Noun_WeightedPipeline)) : c.T(nameof(AnswerTexts.Noun_Weighted), QueryWords.SetWords(set, c.Language)),
        Measure.WinRate => c.T(nameof(AnswerTexts.Measure_WinRate)),
        Measure.WinRateByValue => c.T(nameof(AnswerTexts.Measure_WinRateByValue)),
        Measure.AverageSize => c.T(set == DealSet.Won ? nameof(AnswerTexts.Noun_AverageWon) : nameof(AnswerTexts.Noun_Average)),
        Measure.CycleDays => c.T(nameof(AnswerTexts.Noun_Cycle)),
        _ => QueryWords.MeasureWords(measure, c.Language),
    };

    private static string Plain(string markdown) => markdown.Replace("**", "");
}
