using System.Globalization;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Sales;
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
            return NoTeam();
        c = c with { ResolvedOwners = await OwnersAsync(c, ct) };
        if (c.ResolvedOwners is { Count: 0 })
            return new Reply([new TextBlock($"Nobody in {c.Who} is someone you can see figures for.")]) { Summary = "No visible owners" };

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
            return new Reply([new TextBlock($"I can't {cannot} yet — ask without it, or try one of these."),
                new ActionsBlock([new ReplyAction("Slipped deals", Payloads.Ask + "slipped deals"), new ReplyAction("Renewals next 90 days", Payloads.Ask + "what renews in the next 90 days?")])])
            {
                Summary = "Unsupported combination: " + cannot,
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

    /// <summary>What this query asks that no answer computes yet; null when every slot is answered.</summary>
    private static string? Unsupported(Query q)
    {
        if (q.Set == DealSet.Renewals && (q.GroupBy != GroupBy.None || q.Rank is not null || q.Compare is not null || q.Filters.MinAmount is not null
                || q.Filters.MaxAmount is not null || q.Filters.Stages.Count > 0 || q.Filters.Type is not null || q.Measure is not (Measure.List or Measure.Count or Measure.Amount)))
            return "break renewals down, rank, compare or filter them by amount, stage or type (I list them by end date, account and product)";
        if (q.Set == DealSet.Slipped && (q.GroupBy != GroupBy.None || q.Compare is not null || q.Rank is not null || q.Measure is not (Measure.List or Measure.Count)))
            return "break slipped deals down, rank or compare them (I list them with their close-date history)";
        if (q.Set is DealSet.Stale or DealSet.PastClose && q.Compare is not null)
            return "compare stale or past-due deals across periods or people";
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
        var what = Query.SetWords(q.Set);
        var when = period is null ? "" : " " + period.Label;
        var text = q.Measure switch
        {
            Measure.Count or Measure.List when q.DateField == DateField.Created =>
                $"{AnswerContext.Capitalize(c.Who)} created **{MoneyFormat.Count((int)(figure.Value ?? 0), "deal")}**{when}{(q.Set == DealSet.All ? "" : $" that are now {what}")}.",
            Measure.Count or Measure.List => $"{AnswerContext.Capitalize(c.Whose)} {what}{when}: **{MoneyFormat.Count((int)(figure.Value ?? 0), "deal")}**.",
            _ when figure.Value is null => $"There are no {what}{when} to measure {Query.MeasureWords(q.Measure)} on.",
            _ => $"{AnswerContext.Capitalize(Query.MeasureWords(q.Measure))} of {c.Whose} {what}{when}: **{Format(q.Measure, figure, c.Currency)}**{Basis(q.Measure, figure)}.",
        };
        var blocks = new List<ReplyBlock> { new TextBlock(text) };
        if (q.Measure == Measure.List && figure.Count > 0)
        {
            var deals = await DealsOfAsync(c, q.Set, filter, DealOrder.CloseDateAscending, c.Offset, ListSize, ct);
            var table = DealTables.Of(c.Offset > 0 || figure.Count > deals.Count ? MorePages.Range(c.Offset, deals.Count, figure.Count) : null, deals, c, c.Kind != SubjectKind.Me);
            if (c.Offset > 0)
                return MorePages.Next(c, table, deals.Count, figure.Count, what + when);
            blocks.Add(table);
            if (MorePages.Button(c, deals.Count, figure.Count) is { } more)
                blocks.Add(more);
        }
        blocks.Add(c.Provenance(what, period));
        return new Reply(blocks) { Summary = Plain(text) };
    }

    // ---- the biggest (or smallest) deals of any set ----

    private async Task<Reply> TopDealsAsync(AnswerContext c, CancellationToken ct)
    {
        var q = c.Query;
        var period = DefaultPeriod(c);
        var take = q.Rank?.N ?? 5;
        var deals = await DealsOfAsync(c, q.Set, c.Filter(null, period), q.Rank?.Top == false ? DealOrder.AmountAscending : DealOrder.AmountDescending, 0, take, ct);
        var what = Query.SetWords(q.Set);
        var when = period is null ? "" : " " + period.Label;
        if (deals.Count == 0)
            return new Reply([new TextBlock($"No {what} with an amount{when}."), c.Provenance(what, period)]) { Summary = $"No {what}" };
        var first = deals[0];
        var text = $"{AnswerContext.Capitalize(c.Whose)} {(q.Rank?.Top == false ? "smallest" : "biggest")} of the {what}{when} is **{first.Name}** at **{MoneyFormat.Exact(first.Amount ?? 0, first.Currency)}**.";
        return new Reply([new TextBlock(text), DealTables.Of($"{(q.Rank?.Top == false ? "Bottom" : "Top")} {deals.Count} by amount", deals, c, c.Kind != SubjectKind.Me), c.Provenance(what, period)])
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
            return NoTeam();
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

        var what = Query.SetWords(q.Set);
        var groupWord = GroupWord(q.GroupBy);
        var when = period is null ? "" : " " + period.Label;
        var rated = measure is Measure.WinRate or Measure.WinRateByValue;
        var usable = rows.Where(r => r.Figure.Value is not null && (!rated || q.Rank is null || r.Figure.Basis >= Figures.MinimumDecided)).ToList();
        if (usable.Count == 0)
        {
            var why = rated && rows.Count > 0 ? $" — nobody has {Figures.MinimumDecided} or more won-or-lost deals{when}, too few for a fair win rate" : "";
            return new Reply([new TextBlock($"No {what}{when} to break down by {groupWord}{why}."), c.Provenance(what, period)]) { Summary = $"No {what} by {groupWord}" };
        }

        IEnumerable<(string Name, long? Id, Figure Figure)> ordered = q.GroupBy is GroupBy.Month or GroupBy.Quarter && q.Rank is null
            ? usable.OrderBy(r => r.Id)
            : q.Rank is { Top: false } ? usable.OrderBy(r => r.Figure.Value).ThenBy(r => r.Name) : usable.OrderByDescending(r => r.Figure.Value).ThenBy(r => r.Name);
        // "Who has the best win rate?" names one, and shows where everyone else stands below it.
        var shown = (q.Rank is { N: > 1 } rank ? ordered.Take(rank.N) : q.Rank is null ? ordered.Skip(c.Offset).Take(GroupPage) : ordered.Take(10)).ToList();
        var header = (IReadOnlyList<string>)[AnswerContext.Capitalize(groupWord), AnswerContext.Capitalize(Query.MeasureWords(measure)), measure is Measure.WinRate or Measure.WinRateByValue ? "Won of closed" : "Deals"];
        if (c.Offset > 0 && q.Rank is null)
            return MorePages.Next(c, new TableBlock(MorePages.Range(c.Offset, shown.Count, usable.Count), header,
                shown.Select(r => (IReadOnlyList<string>)[r.Name, Format(measure, r.Figure, c.Currency), BasisCell(measure, r.Figure)]).ToList(), [false, true, true]), shown.Count, usable.Count, $"{groupWord}s");
        var measureName = Query.MeasureWords(measure);
        string text;
        if (q.Rank is { N: 1 } one)
        {
            var best = shown[0];
            var superlative = (one.Top, measure) switch
            {
                (true, Measure.Count) => "the most",
                (false, Measure.Count) => "the fewest",
                (true, Measure.CycleDays) => "the longest",
                (false, Measure.CycleDays) => "the shortest",
                (true, Measure.WinRate or Measure.WinRateByValue) => "the best",
                (false, Measure.WinRate or Measure.WinRateByValue) => "the worst",
                (true, _) => "the highest",
                _ => "the lowest",
            };
            text = $"**{best.Name}** has {superlative} {MeasureNoun(measure, q.Set)}{when}: **{Format(measure, best.Figure, c.Currency)}**{Basis(measure, best.Figure)}.";
            if (ordered.Skip(1).FirstOrDefault() is { Name: not null } runnerUp && runnerUp.Figure.Value == best.Figure.Value)
                text += $" Tied with **{runnerUp.Name}**.";
        }
        else
        {
            text = $"{AnswerContext.Capitalize(MeasureNoun(measure, q.Set))} by {groupWord}{when}" + (q.Rank is { } r ? $" — {(r.Top ? "top" : "bottom")} {shown.Count}" : "")
                + $": **{shown[0].Name}** {(q.Rank is { Top: false } ? "is lowest" : q.GroupBy is GroupBy.Month or GroupBy.Quarter ? "comes first" : "leads")} with **{Format(measure, shown[0].Figure, c.Currency)}**.";
        }
        var rowsText = shown.Select(r => (IReadOnlyList<string>)[r.Name, Format(measure, r.Figure, c.Currency), BasisCell(measure, r.Figure)]).ToList();
        var blocks = new List<ReplyBlock>
        {
            new TextBlock(text),
            new TableBlock(q.Rank is null ? null : q.Rank.Top ? "Highest first" : "Lowest first", header, rowsText, [false, true, true]),
        };
        if (q.Rank is null && MorePages.Button(c, shown.Count, usable.Count) is { } more)
            blocks.Add(more);
        if (!rated && measure != Measure.CycleDays && shown.Count > 1)
            blocks.Add(new ChartBlock($"{AnswerContext.Capitalize(MeasureNoun(measure, q.Set))} by {groupWord}", ChartKind.Bar, shown.Select(s => s.Name).ToList(),
                [new ChartSeries(AnswerContext.Capitalize(measureName), shown.Select(s => s.Figure.Value ?? 0).ToList())], measure is Measure.Count ? "" : c.Currency));
        if (rated && q.Rank is not null)
            blocks.Add(new ContextBlock($"Only {groupWord}s with at least {Figures.MinimumDecided} won-or-lost deals are ranked."));
        if (q.Rank is null && usable.Count > shown.Count)
            blocks.Add(new ContextBlock($"Showing the first {shown.Count} of {usable.Count} {groupWord}s{(q.GroupBy is GroupBy.Month or GroupBy.Quarter ? "" : ", highest first")}; \"More\" shows the next, or ask for one by name."));
        blocks.Add(c.Provenance(what, period));
        return new Reply(blocks) { Summary = Plain(text) };
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
                sides.Add((manager with { Name = manager.Name + "'s team" }, await data.SubtreeAsync(c.Viewer, manager.Id, ct)));
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
                cells.Add(Format(m, f, c.Currency));
            }
            rows.Add(cells);
        }
        var measureName = Query.MeasureWords(measures[0]);
        var noun = MeasureNoun(measures[0], q.Set);
        var when = period is null ? "" : " " + period.Label;
        var ranked = values.Where(v => v.Figure.Value is not null).OrderByDescending(v => v.Figure.Value).ToList();
        var text = ranked.Count == 0 ? $"Neither has any {Query.SetWords(q.Set)}{when}."
            : $"{AnswerContext.Capitalize(noun)}{when}: " + string.Join(", ", values.Select(v => $"**{v.Person.Name}** {Format(measures[0], v.Figure, c.Currency)}"))
              + (ranked.Count > 1 && ranked[0].Figure.Value != ranked[1].Figure.Value ? $" — {ranked[0].Person.Name} is ahead." : ".");
        var headers = new List<string> { q.Filters.Teams.Count > 1 || c.Kind == SubjectKind.TeamOf ? "Team" : "Rep" };
        headers.AddRange(measures.Select(m => m == Measure.WinRate ? "Win rate" : AnswerContext.Capitalize(MeasureNoun(m, q.Set))));
        return new Reply([
            new TextBlock(text),
            new TableBlock("Side by side", headers, rows, [false, .. measures.Select(_ => true)]),
            c.Provenance(Query.SetWords(q.Set), period),
        ]) { Summary = Plain(text) + $" ({measureName})" };
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
        var noun = MeasureNoun(measure, q.Set);
        IReadOnlyList<string> Row(string label, Period p, Figure f) =>
            [label, $"{p.From:MMM d, yyyy} – {p.To:MMM d, yyyy}", Format(measure, f, c.Currency), f.Count.ToString("#,0", CultureInfo.InvariantCulture)];
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
            var whole = $"{AnswerContext.Capitalize(noun)}, {c.Who}: **{Format(measure, now, c.Currency)}** {period.Label} vs **{Format(measure, then, c.Currency)}** {against.Label} — {Change(measure, now, then)}.";
            return new Reply([
                new TextBlock(whole),
                new TableBlock(null, ["Period", "Dates", AnswerContext.Capitalize(Query.MeasureWords(measure)), "Deals"], [Row(period.Label, period, now), Row(against.Label, against, then)], [false, false, true, true]),
                c.Provenance(Query.SetWords(q.Set), period),
            ]) { Summary = Plain(whole) };
        }

        var other = ReferenceEquals(running, period) ? against : period;
        var cut = SamePoint(running.From, c.Today, other);
        Period ToDate(Period p) => ReferenceEquals(p, running) ? p with { To = c.Today } : p with { To = cut };
        var (nowSoFar, thenSoFar, otherWhole) = (await MeasureOver(ToDate(period)), await MeasureOver(ToDate(against)), await MeasureOver(other));
        string Upto(Period p) => $"{p.Label} to {DateFormat.Short(ToDate(p).To, c.Today)}";
        var text = $"{AnswerContext.Capitalize(noun)}, {c.Who}: **{Format(measure, nowSoFar, c.Currency)}** {Upto(period)} vs **{Format(measure, thenSoFar, c.Currency)}** {Upto(against)} "
            + $"— {Change(measure, nowSoFar, thenSoFar)}, the same days of each ({running.Label} is still running). All of {other.Label}: **{Format(measure, otherWhole, c.Currency)}**.";
        return new Reply([
            new TextBlock(text),
            new TableBlock(null, ["Period", "Dates", AnswerContext.Capitalize(Query.MeasureWords(measure)), "Deals"],
                [Row(Upto(period), ToDate(period), nowSoFar), Row(Upto(against), ToDate(against), thenSoFar), Row(other.Label + ", all of it", other, otherWhole)], [false, false, true, true]),
            c.Provenance(Query.SetWords(q.Set), period),
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

    private static string Change(Measure measure, Figure now, Figure then)
    {
        if (now.Value is not { } a || then.Value is not { } b)
            return "not comparable (nothing to measure in one of the periods)";
        var diff = a - b;
        return measure is Measure.WinRate or Measure.WinRateByValue
            ? $"{(diff >= 0 ? "up" : "down")} {Math.Abs(decimal.Round(diff * 100, 1)).ToString("0.0", CultureInfo.InvariantCulture)} points"
            : b != 0 ? $"{(diff >= 0 ? "up" : "down")} {MoneyFormat.Percent(Math.Abs(diff / b))}" : diff == 0 ? "no change" : "up from nothing";
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
        var provenance = new ContextBlock(c.Provenance("contracts by end date", period).Text);
        if (rows.Count == 0)
            return new Reply([new TextBlock($"Nothing of {(c.Kind == SubjectKind.Me && q.Filters.Teams.Count == 0 ? "yours" : c.Who + "'s")} is up for renewal {period.Label} ({DateFormat.Range(period.From, period.To)})."), provenance])
            {
                Summary = "No renewals " + period.Label,
            };
        var value = rows.Where(r => r.Currency == c.Currency).Sum(r => r.AnnualValue);
        var others = rows.Where(r => r.Currency != c.Currency).GroupBy(r => r.Currency).Select(g => MoneyFormat.Exact(g.Sum(r => r.AnnualValue), g.Key)).ToList();
        var whose = c.Kind == SubjectKind.Me && q.Filters.Teams.Count == 0 ? "yours" : c.Whose;
        var text = $"**{MoneyFormat.Count(rows.Count, "contract")}** of {whose} {(rows.Count == 1 ? "is" : "are")} up for renewal {period.Label}, worth **{MoneyFormat.Exact(value, c.Currency)}** a year"
            + (others.Count > 0 ? $" (+ {string.Join(" + ", others)}, not converted)" : "") + $"; the first ends {DateFormat.Short(rows[0].EndDate, c.Today)}.";
        var page = rows.Skip(c.Offset).Take(ListSize).ToList();
        var table = new TableBlock(MorePages.Title("Soonest first", c.Offset, page.Count, rows.Count), ["Account", "Product", "Ends", "Annual value", "Owner", "Auto-renew"],
            page.Select(r => (IReadOnlyList<string>)[r.Account, r.Product ?? "—", DateFormat.Short(r.EndDate, c.Today), MoneyFormat.Exact(r.AnnualValue, r.Currency), r.Owner ?? "—", r.AutoRenew ? "yes" : "no"]).ToList(),
            [false, false, false, true, false, false]);
        if (c.Offset > 0)
            return MorePages.Next(c, table, page.Count, rows.Count, "renewals " + period.Label);
        return new Reply([new TextBlock(text), table, .. PipelineAnswers.Optional(MorePages.Button(c, page.Count, rows.Count)), provenance]) { Summary = $"{MoneyFormat.Count(rows.Count, "renewal")} {period.Label}" };
    }

    // ---- wording ----

    public static string Format(Measure measure, Figure figure, string currency) => figure.Value is not { } v ? "—" : measure switch
    {
        Measure.Count or Measure.List => MoneyFormat.Count((int)v, "deal"),
        Measure.WinRate or Measure.WinRateByValue => MoneyFormat.Percent(v),
        Measure.CycleDays => $"{decimal.Round(v, 0).ToString("#,0", CultureInfo.InvariantCulture)} days",
        _ => MoneyFormat.Exact(decimal.Round(v, 2), currency),
    };

    private static string Basis(Measure measure, Figure figure) => measure switch
    {
        Measure.WinRate or Measure.WinRateByValue => $" ({figure.Count} won of {figure.Basis} closed)",
        Measure.AverageSize or Measure.CycleDays => $" over {MoneyFormat.Count(figure.Basis, "deal")}",
        _ => "",
    };

    private static string BasisCell(Measure measure, Figure figure) => measure is Measure.WinRate or Measure.WinRateByValue
        ? $"{figure.Count} of {figure.Basis}"
        : figure.Basis.ToString("#,0", CultureInfo.InvariantCulture);

    private static string MeasureNoun(Measure measure, DealSet set) => measure switch
    {
        Measure.Count => "number of " + Query.SetWords(set),
        Measure.Amount or Measure.List => set switch { DealSet.Won => "won revenue", DealSet.Lost => "lost value", DealSet.Open => "open pipeline", _ => "value of " + Query.SetWords(set) },
        Measure.WeightedAmount => "weighted " + (set == DealSet.Open ? "pipeline" : Query.SetWords(set)),
        Measure.WinRate => "win rate",
        Measure.WinRateByValue => "win rate by value",
        Measure.AverageSize => "average " + (set == DealSet.Won ? "won deal" : "deal") + " size",
        Measure.CycleDays => "sales cycle",
        _ => Query.MeasureWords(measure),
    };

    private static string GroupWord(GroupBy group) => group switch
    {
        GroupBy.Rep => "rep",
        GroupBy.Product => "product",
        GroupBy.Account => "account",
        GroupBy.Stage => "stage",
        GroupBy.Month => "month",
        _ => "quarter",
    };

    private static string Plain(string markdown) => markdown.Replace("**", "");

    private static Reply NoTeam() =>
        new([new TextBlock("Team figures are for managers. Ask about your own numbers, e.g. \"how am I tracking vs quota?\"")]) { Summary = "Team question from a rep" };
}
