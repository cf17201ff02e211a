using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Core.Understanding;

namespace AeBot.Core.Answers;

/// <summary>Managers' questions: the team by rep, who is behind, who wins most.</summary>
public sealed class TeamAnswers(ISalesData data, QuotaAnswers quotas)
{
    private sealed record RepLine(NamedRef Rep, QuotaAnswers.Standing Standing);

    public async Task<Reply> RollupAsync(AnswerContext c, CancellationToken ct)
    {
        if (!c.Viewer.HasTeam)
            return NoTeam();
        var period = QueryAnswers.DefaultPeriod(c) ?? QuotaAnswers.DefaultPeriod(c);
        var lines = await LinesAsync(c, period, ct);
        if (lines.Count == 0)
            return new Reply([new TextBlock("Nobody reports to you yet.")]) { Summary = "No team" };
        var won = lines.Sum(l => l.Standing.Won);
        var quota = lines.Sum(l => l.Standing.Quota);
        var open = lines.Sum(l => l.Standing.OpenInPeriod);
        var text = $"{AnswerContext.Capitalize(c.Whose)} numbers {period.Label}: **{MoneyFormat.Compact(won, c.Currency)}** won"
            + (quota > 0 ? $" of **{MoneyFormat.Compact(quota, c.Currency)}** quota (**{MoneyFormat.Percent(won / quota)}**)" : "")
            + $", **{MoneyFormat.Compact(open, c.Currency)}** open pipeline still closing in the period, across {MoneyFormat.Count(lines.Count, "rep")}.";
        var rows = lines.Select(l => (IReadOnlyList<string>)[
            l.Rep.Name, MoneyFormat.Exact(l.Standing.Won, c.Currency), l.Standing.HasQuota ? MoneyFormat.Exact(l.Standing.Quota, c.Currency) : "—",
            l.Standing.Attainment is { } a ? MoneyFormat.Percent(a) : "—", MoneyFormat.Exact(l.Standing.OpenInPeriod, c.Currency), l.Standing.Coverage is { } cov ? $"{cov:0.0}×" : "—"]).ToList();
        // The chart shows what was asked: a question about the pipeline ("team pipeline by rep vs quota", "pipeline
        // coverage by rep") charts the open pipeline against the quota still to win; otherwise won against quota.
        var chart = c.Query.Set == DealSet.Open
            ? new ChartBlock($"Open pipeline vs quota still to win, {period.Label}", ChartKind.Bar, lines.Select(l => l.Rep.Name).ToList(),
                [new ChartSeries("Open pipeline in period", lines.Select(l => l.Standing.OpenInPeriod).ToList()), new ChartSeries("Quota still to win", lines.Select(l => l.Standing.Gap).ToList())], c.Currency)
            : new ChartBlock($"Won vs quota, {period.Label}", ChartKind.Bar, lines.Select(l => l.Rep.Name).ToList(),
                [new ChartSeries("Won", lines.Select(l => l.Standing.Won).ToList()), new ChartSeries("Quota", lines.Select(l => l.Standing.Quota).ToList())], c.Currency);
        return new Reply([
            new TextBlock(text),
            new TableBlock("By rep", ["Rep", "Won", "Quota", "Attainment", "Open in period", "Coverage"], rows, [false, true, true, true, true, true]),
            chart,
            c.Provenance("quota, won deals and open pipeline by rep", period),
            new ActionsBlock([new ReplyAction("Who is behind?", "ask:who is behind quota " + period.Label), new ReplyAction("Slipped deals", "ask:slipped deals on my team"), new ReplyAction("Team forecast", "ask:team forecast " + period.Label)]),
        ]) { Summary = $"Team {period.Label}: {MoneyFormat.Compact(won, c.Currency)} won" };
    }

    public async Task<Reply> BehindAsync(AnswerContext c, CancellationToken ct)
    {
        if (!c.Viewer.HasTeam)
            return NoTeam();
        var period = QueryAnswers.DefaultPeriod(c) ?? QuotaAnswers.DefaultPeriod(c);
        var elapsed = QuotaAnswers.Elapsed(period, c.Today);
        var lines = (await LinesAsync(c, period, ct)).Where(l => l.Standing.HasQuota && l.Standing.Quota > 0).ToList();
        // Behind means below the share of quota the calendar says should be done by now.
        var behind = lines.Where(l => l.Standing.Attainment < elapsed).OrderBy(l => l.Standing.Attainment).ToList();
        if (behind.Count == 0)
            return new Reply([new TextBlock($"Everyone with a quota is on pace {period.Label} ({MoneyFormat.Percent(elapsed)} of the period gone)."), c.Provenance("quota and won deals by rep", period)])
            {
                Summary = "Nobody behind quota",
            };
        var rows = behind.Select(l => (IReadOnlyList<string>)[
            l.Rep.Name, MoneyFormat.Percent(l.Standing.Attainment ?? 0), MoneyFormat.Exact(l.Standing.Gap, c.Currency),
            MoneyFormat.Exact(l.Standing.OpenInPeriod, c.Currency), l.Standing.Coverage is { } cov ? $"{cov:0.0}×" : "—"]).ToList();
        var text = $"**{MoneyFormat.Count(behind.Count, "rep")}** {(behind.Count == 1 ? "is" : "are")} behind pace {period.Label} ({MoneyFormat.Percent(elapsed)} of the period gone): "
            + string.Join(", ", behind.Select(l => $"{l.Rep.Name} at {MoneyFormat.Percent(l.Standing.Attainment ?? 0)}")) + ".";
        return new Reply([
            new TextBlock(text),
            new TableBlock("Furthest behind first", ["Rep", "Attainment", "Gap", "Open in period", "Coverage"], rows, [false, true, true, true, true]),
            c.Provenance("quota and won deals by rep", period),
        ]) { Summary = $"{MoneyFormat.Count(behind.Count, "rep")} behind quota" };
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

    private static Reply NoTeam() =>
        new([new TextBlock("Team figures are for managers. Ask about your own numbers, e.g. \"how am I tracking vs quota?\"")]) { Summary = "Team question from a rep" };
}
