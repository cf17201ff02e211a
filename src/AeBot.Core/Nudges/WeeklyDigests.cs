using System.Globalization;
using AeBot.Core.Answers;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Handoff;
using AeBot.Core.Opportunities;
using AeBot.Core.Organization;
using AeBot.Core.Sales;
using AeBot.Core.Time;
using AeBot.Core.Understanding;
using Microsoft.Extensions.Options;
using AeBot.Core.Work;

namespace AeBot.Core.Nudges;

/// <summary>
/// The weekly manager digest (Monday 08:00 in the manager's zone by default): the team rollup — won, quota,
/// attainment and open pipeline by rep — then a 1:1 pack per direct report (for a manager under this one, their
/// team's deals): slipped deals with their date history, stale deals,
/// deals past their close date and renewals at risk. Once per manager and week (<see cref="INudgeLedger"/>); a digest
/// for a day already over in their zone is recorded as missed, never sent late.
/// </summary>
public sealed class WeeklyDigests(
    INudgeLedger ledger, INudgeSource source, ISalesData data, TeamAnswers team, IOptions<NudgeOptions> options, IOptions<CaptureOptions> capture,
    IOptions<AeBotOptions> company, TimeProvider clock)
{
    public const string Rule = "weekly-digest";
    private const int PerList = 5;

    /// <summary>Managers whose weekly digest is due now and not yet recorded.</summary>
    public async Task<IReadOnlyList<(long RepId, DateOnly LocalDate)>> DueAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var managers = (await ledger.RecipientsAsync(cancellationToken)).Where(p => p.Role == RepRole.Manager);
        return await DigestSchedule.DueAsync(ledger, Rule, clock.GetUtcNow(), managers,
            (_, local) => local.DayOfWeek == o.WeeklyDigestDay && TimeOnly.FromDateTime(local) >= o.WeeklyDigestTime
                && !QuietHours.LateFor(TimeOnly.FromDateTime(local), o.WeeklyDigestTime, o.QuietStart, o.QuietEnd), cancellationToken);
    }

    public async Task<(DigestOutcome Outcome, string Name, Reply? Reply)> PreviewAsync(long repId, DateOnly localDate, CancellationToken cancellationToken)
    {
        var built = await BuildAsync(repId, localDate, cancellationToken);
        return built is null ? (DigestOutcome.UnknownRep, "", null) : (built.Value.Outcome, built.Value.Viewer.Name, built.Value.Reply);
    }

    public async Task<DigestOutcome> SendAsync(long repId, DateOnly localDate, CancellationToken cancellationToken)
    {
        if (await BuildAsync(repId, localDate, cancellationToken) is not var (outcome, _, reply))
            return DigestOutcome.UnknownRep;
        var key = new NudgeKey(Rule, "rep:" + repId, localDate, repId);
        var message = outcome == DigestOutcome.Sent ? new ProactiveMessage(repId, Rule, reply!) : null;
        return await ledger.RecordAsync(key, message, cancellationToken) ? outcome : DigestOutcome.AlreadyDone;
    }

    private async Task<(DigestOutcome Outcome, Viewer Viewer, Reply? Reply)?> BuildAsync(long repId, DateOnly localDate, CancellationToken cancellationToken)
    {
        if (await data.ViewerAsync(repId, cancellationToken) is not { } viewer)
            return null;
        var zone = RepTime.ZoneOf(viewer.TimeZoneId);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        if (localDate < today)
            return (DigestOutcome.Missed, viewer, null);
        var reps = await data.TeamAsync(viewer, cancellationToken);
        if (reps.Count == 0)
            return (DigestOutcome.Empty, viewer, null);

        var c = company.Value;
        var question = new Query { Measure = Measure.Attainment, Set = DealSet.Won, Subject = QuerySubject.Team, GroupBy = GroupBy.Rep };
        var context = new AnswerContext(viewer, question, today, now, zone, new FiscalCalendar(c.FiscalYearStartMonth), c.Currency);
        var rollup = await team.RollupAsync(context, cancellationToken);

        var o = options.Value;
        var staleSince = now.AddDays(-capture.Value.StaleDays);
        var atRisk = await source.RenewalsAtRiskAsync(reps.Select(r => r.Id).ToList(), today, o.EscalationDays, now.AddDays(-o.EscalationDays), cancellationToken);
        // A pack per direct report: a rep's own deals, or for a manager under this one, their whole team's.
        var direct = await source.DirectReportsAsync(viewer.RepId, cancellationToken);
        var blocks = new List<ReplyBlock>
        {
            new TextBlock($"**Your week ahead, {viewer.Name.Split(' ')[0]}** — the team's numbers and a 1:1 pack for each of your {MoneyFormat.Count(direct.Count, "direct report")}."),
        };
        blocks.AddRange(rollup.Blocks.Where(b => b is TextBlock or TableBlock));
        var flagged = 0;
        foreach (var rep in direct)
        {
            var owners = new List<long> { rep.Id };
            if (await data.ViewerAsync(rep.Id, cancellationToken) is { HasTeam: true } lead)
                owners.AddRange((await data.TeamAsync(lead, cancellationToken)).Select(r => r.Id));
            var mine = new DealFilter { OwnerIds = owners, Category = StageCategory.Open };
            // The lists show a few of each; the heading counts them all ("3 of 12 stale"), never a list's length.
            var allSlipped = await data.SlippedAsync(viewer, mine, o.SlippedAfterPushes, int.MaxValue, cancellationToken);
            var slipped = allSlipped.Take(PerList).ToList();
            var staleFilter = mine with { NotEngagedSince = staleSince };
            var stale = await data.DealsAsync(viewer, staleFilter, DealOrder.AmountDescending, PerList, cancellationToken);
            var staleTotal = (await data.TotalsAsync(viewer, staleFilter, cancellationToken)).Count;
            var pastFilter = mine with { CloseTo = today.AddDays(-1) };
            var pastClose = await data.DealsAsync(viewer, pastFilter, DealOrder.CloseDateAscending, PerList, cancellationToken);
            var pastTotal = (await data.TotalsAsync(viewer, pastFilter, cancellationToken)).Count;
            var allRenewals = atRisk.Where(r => (r.OwnerId is { } owner && owners.Contains(owner)) || (r.AccountManagerId is { } am && owners.Contains(am))).ToList();
            var renewals = allRenewals.Take(PerList).ToList();
            var items = new List<ListItem>();
            items.AddRange(slipped.Select(s => new ListItem($"Slipped: {s.Deal.Name}{Amount(s.Deal)}",
                "pushed " + string.Join(" → ", s.CloseDates.Select(d => DateFormat.Short(d, today))), [])));
            items.AddRange(pastClose.Select(d => new ListItem($"Past close date: {d.Name}{Amount(d)}", $"{d.Stage} · was due {DateFormat.Short(d.CloseDate, today)}", [])));
            items.AddRange(stale.Select(d => new ListItem($"Stale: {d.Name}{Amount(d)}",
                $"{d.Stage} · last touched {(d.LastEngagedAt is { } l ? DateFormat.Short(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(l, zone).DateTime), today) : "never")}", [])));
            items.AddRange(renewals.Select(r => new ListItem($"Renewal at risk: {r.AccountName}{(r.Product is null ? "" : " — " + r.Product)}",
                $"ends {DateFormat.Short(r.EndDate, today)} · {MoneyFormat.Exact(r.AnnualValue, r.Currency)} a year · no interaction logged for {o.EscalationDays}+ days",
                [new ReplyAction("Brief", Payloads.Ask + "brief me on " + r.AccountName)])));
            if (items.Count == 0)
            {
                items.Add(new ListItem("Nothing flagged", "no slipped, stale or overdue deals and no renewal at risk", []));
            }
            else
            {
                flagged++;
            }
            var whose = owners.Count > 1 ? $" and their team of {owners.Count - 1}" : "";
            blocks.Add(new ItemListBlock($"{rep.Name}{whose} — 1:1 pack ({MoneyFormat.OfTotal(slipped.Count, allSlipped.Count)} slipped · "
                + $"{MoneyFormat.OfTotal(pastClose.Count, pastTotal)} past close · {MoneyFormat.OfTotal(stale.Count, staleTotal)} stale · "
                + $"{MoneyFormat.OfTotal(renewals.Count, allRenewals.Count)} {(allRenewals.Count == 1 ? "renewal" : "renewals")} at risk)", items));
        }
        blocks.Add(new ActionsBlock([
            new ReplyAction("Team forecast", Payloads.Ask + "team forecast this quarter"),
            new ReplyAction("Who is behind?", Payloads.Ask + "who is behind quota this quarter"),
            new ReplyAction("Slipped deals", Payloads.Ask + "slipped deals on my team"),
        ]));
        blocks.Add(new ContextBlock($"Your weekly team digest — {o.WeeklyDigestDay}s at {o.WeeklyDigestTime:HH\\:mm}, because you manage a team of {reps.Count}. " +
            $"Stale = no logged interaction for {capture.Value.StaleDays} days; slipped = close date pushed {o.SlippedAfterPushes}+ times; at risk = ending within {o.EscalationDays} days with no logged interaction for as long. As of {DateFormat.AsOf(now, zone)}."));
        return (DigestOutcome.Sent, viewer, new Reply(blocks) { Summary = $"Weekly team digest: {direct.Count} direct reports, {flagged} with something to discuss" });

        string Amount(DealRow d) => d.Amount is { } a ? " · " + MoneyFormat.Compact(a, d.Currency) : "";
    }
}
