using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Core.Text;
using AeBot.Core.Understanding;

namespace AeBot.Core.Answers;

/// <summary>Managers' questions: the team by rep, who is behind, who wins most.</summary>
public sealed class TeamAnswers(ISalesData data, QuotaAnswers quotas)
{
    private sealed record RepLine(NamedRef Rep, QuotaAnswers.Standing Standing);

    public async Task<Reply> RollupAsync(AnswerContext c, CancellationToken ct)
    {
        if (!c.Viewer.HasTeam)
            return NoTeam(c);
        var period = QueryAnswers.DefaultPeriod(c) ?? QuotaAnswers.DefaultPeriod(c);
        var lines = await LinesAsync(c, period, ct);
        if (lines.Count == 0)
            return new Reply([new TextBlock(c.T(nameof(AnswerTexts.Team_Nobody)))]) { Summary = c.T(nameof(AnswerTexts.Team_NobodySummary)) };
        var won = lines.Sum(l => l.Standing.Won);
        var quota = lines.Sum(l => l.Standing.Quota);
        var open = lines.Sum(l => l.Standing.OpenInPeriod);
        var reps = c.Plural(lines.Count, nameof(AnswerTexts.Count_Rep_One), nameof(AnswerTexts.Count_Rep_Other));
        var text = quota > 0
            ? c.T(nameof(AnswerTexts.Team_TextQuota), AnswerContext.Capitalize(c.Whose), c.Label(period), c.Compact(won, c.Currency), c.Compact(open, c.Currency), reps, c.Compact(quota, c.Currency), MoneyFormat.Percent(won / quota))
            : c.T(nameof(AnswerTexts.Team_Text), AnswerContext.Capitalize(c.Whose), c.Label(period), c.Compact(won, c.Currency), c.Compact(open, c.Currency), reps);
        var rows = lines.Select(l => (IReadOnlyList<string>)[
            l.Rep.Name, MoneyFormat.Exact(l.Standing.Won, c.Currency), l.Standing.HasQuota ? MoneyFormat.Exact(l.Standing.Quota, c.Currency) : "—",
            l.Standing.Attainment is { } a ? MoneyFormat.Percent(a) : "—", MoneyFormat.Exact(l.Standing.OpenInPeriod, c.Currency), l.Standing.Coverage is { } cov ? $"{cov:0.0}×" : "—"]).ToList();
        // The chart shows what was asked: a question about the pipeline ("team pipeline by rep vs quota", "pipeline
        // coverage by rep") charts the open pipeline against the quota still to win; otherwise won against quota.
        var chart = c.Query.Set == DealSet.Open
            ? new ChartBlock(c.T(nameof(AnswerTexts.Chart_OpenVsGap), c.Label(period)), ChartKind.Bar, lines.Select(l => l.Rep.Name).ToList(),
                [new ChartSeries(c.T(nameof(AnswerTexts.Series_OpenInPeriod)), lines.Select(l => l.Standing.OpenInPeriod).ToList()), new ChartSeries(c.T(nameof(AnswerTexts.Series_QuotaToWin)), lines.Select(l => l.Standing.Gap).ToList())], c.Currency)
            : new ChartBlock(c.T(nameof(AnswerTexts.Chart_WonVsQuota), c.Label(period)), ChartKind.Bar, lines.Select(l => l.Rep.Name).ToList(),
                [new ChartSeries(c.T(nameof(AnswerTexts.Fact_Won)), lines.Select(l => l.Standing.Won).ToList()), new ChartSeries(c.T(nameof(AnswerTexts.Fact_Quota)), lines.Select(l => l.Standing.Quota).ToList())], c.Currency);
        return new Reply([
            new TextBlock(text),
            new TableBlock(c.T(nameof(AnswerTexts.Title_ByRep)), [c.T(nameof(AnswerTexts.Col_Rep)), c.T(nameof(AnswerTexts.Fact_Won)), c.T(nameof(AnswerTexts.Fact_Quota)), c.T(nameof(AnswerTexts.Fact_Attainment)),
                c.T(nameof(AnswerTexts.Col_OpenInPeriod)), c.T(nameof(AnswerTexts.Col_Coverage))], rows, [false, true, true, true, true, true]),
            chart,
            c.Provenance(c.T(nameof(AnswerTexts.What_QuotaByRep)), period),
            new ActionsBlock([new ReplyAction(c.T(nameof(AnswerTexts.Button_WhoIsBehind)), "ask:who is behind quota " + period.Label), new ReplyAction(c.T(nameof(AnswerTexts.Button_Slipped)), "ask:slipped deals on my team"),
                new ReplyAction(c.T(nameof(AnswerTexts.Button_TeamForecast)), "ask:team forecast " + period.Label)]),
        ]) { Summary = c.T(nameof(AnswerTexts.Team_Summary), c.Label(period), c.Compact(won, c.Currency)) };
    }

    public async Task<Reply> BehindAsync(AnswerContext c, CancellationToken ct)
    {
        if (!c.Viewer.HasTeam)
            return NoTeam(c);
        var period = QueryAnswers.DefaultPeriod(c) ?? QuotaAnswers.DefaultPeriod(c);
        var elapsed = QuotaAnswers.Elapsed(period, c.Today);
        var lines = (await LinesAsync(c, period, ct)).Where(l => l.Standing.HasQuota && l.Standing.Quota > 0).ToList();
        // Behind means below the share of quota the calendar says should be done by now.
        var behind = lines.Where(l => l.Standing.Attainment < elapsed).OrderBy(l => l.Standing.Attainment).ToList();
        if (behind.Count == 0)
            return new Reply([new TextBlock(c.T(nameof(AnswerTexts.Behind_None), c.Label(period), MoneyFormat.Percent(elapsed))), c.Provenance(c.T(nameof(AnswerTexts.What_QuotaWonByRep)), period)])
            {
                Summary = c.T(nameof(AnswerTexts.Behind_NoneSummary)),
            };
        var rows = behind.Select(l => (IReadOnlyList<string>)[
            l.Rep.Name, MoneyFormat.Percent(l.Standing.Attainment ?? 0), MoneyFormat.Exact(l.Standing.Gap, c.Currency),
            MoneyFormat.Exact(l.Standing.OpenInPeriod, c.Currency), l.Standing.Coverage is { } cov ? $"{cov:0.0}×" : "—"]).ToList();
        var names = string.Join(", ", behind.Select(l => c.T(nameof(AnswerTexts.Behind_RepAt), l.Rep.Name, MoneyFormat.Percent(l.Standing.Attainment ?? 0))));
        var text = c.Plural(behind.Count, nameof(AnswerTexts.Behind_Text_One), nameof(AnswerTexts.Behind_Text_Other), c.Label(period), MoneyFormat.Percent(elapsed), names);
        return new Reply([
            new TextBlock(text),
            new TableBlock(c.T(nameof(AnswerTexts.Title_FurthestBehind)), [c.T(nameof(AnswerTexts.Col_Rep)), c.T(nameof(AnswerTexts.Fact_Attainment)), c.T(nameof(AnswerTexts.Col_Gap)),
                c.T(nameof(AnswerTexts.Col_OpenInPeriod)), c.T(nameof(AnswerTexts.Col_Coverage))], rows, [false, true, true, true, true]),
            c.Provenance(c.T(nameof(AnswerTexts.What_QuotaWonByRep)), period),
        ]) { Summary = c.Plural(behind.Count, nameof(AnswerTexts.Behind_Summary_One), nameof(AnswerTexts.Behind_Summary_Other)) };
    }

    private async Task<List<RepLine>> LinesAsync(AnswerContext c, Period period, CancellationToken ct)
    {
        var reps = c.Kind == SubjectKind.People ? c.People : await data.TeamAsync(c.Viewer, ct);
        // A named manager's team or a named sales team: their people (the manager of a named team shows as a row).
        if (c.ResolvedOwners is { } owners && (c.Kind == SubjectKind.TeamOf || c.Query.Filters.Teams.Count > 0))
        {
            var wanted = owners.ToHashSet();
            var managers = c.People.Select(p => p.Id).ToHashSet();
            reps = (await data.VisibleRepsAsync(c.Viewer, ct)).Where(r => wanted.Contains(r.Id) && !managers.Contains(r.Id)).ToList();
        }
        if (reps.Count == 0)
            return [];
        var standings = await quotas.StandingsAsync(c, reps.Select(r => r.Id).ToList(), period, ct);
        return reps.Select(rep => new RepLine(rep, standings[rep.Id]))
            .OrderByDescending(l => l.Standing.Attainment ?? -1).ThenByDescending(l => l.Standing.Won).ToList();
    }

    internal static Reply NoTeam(AnswerContext c) =>
        new([new TextBlock(c.T(nameof(AnswerTexts.NoTeam)))]) { Summary = c.T(nameof(AnswerTexts.NoTeamSummary)) };
}
