using System.Globalization;
using AeBot.Core.Answers;
using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Handoff;
using AeBot.Core.Opportunities;
using AeBot.Core.Organization;
using AeBot.Core.Sales;
using AeBot.Core.Text;
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

        // No chat turn to take the language from: the manager's stored one.
        var l = viewer.Speaks;
        var c = company.Value;
        var question = new Query { Measure = Measure.Attainment, Set = DealSet.Won, Subject = QuerySubject.Team, GroupBy = GroupBy.Rep };
        var context = new AnswerContext(viewer, question, today, now, zone, new FiscalCalendar(c.FiscalYearStartMonth), c.Currency) { Language = l };
        var rollup = await team.RollupAsync(context, cancellationToken);

        var o = options.Value;
        // A pack per direct report: a rep's own deals, or for a manager under this one, their whole team's.
        var direct = await source.DirectReportsAsync(viewer.RepId, cancellationToken);
        var blocks = new List<ReplyBlock>
        {
            new TextBlock(T(l, direct.Count == 1 ? nameof(NudgeTexts.WeekAhead_One) : nameof(NudgeTexts.WeekAhead_Other), viewer.Name.Split(' ')[0], MoneyFormat.Number(direct.Count))),
        };
        blocks.AddRange(rollup.Blocks.Where(b => b is TextBlock or TableBlock));
        var flagged = 0;
        foreach (var rep in direct)
        {
            var pack = await PackAsync(viewer, rep, today, now, zone, l, cancellationToken);
            var lists = new List<(PackList List, IReadOnlyList<ListItem> Items, int Total)>();
            foreach (var list in Enum.GetValues<PackList>())
            {
                var (items, total) = await pack.ListAsync(list, 0, PerList, cancellationToken);
                lists.Add((list, items, total));
            }
            var shown = lists.SelectMany(l => l.Items).ToList();
            if (shown.Count == 0)
                shown.Add(new ListItem(T(l, nameof(NudgeTexts.NothingFlagged)), T(l, nameof(NudgeTexts.NothingFlaggedDetail)), []));
            else
                flagged++;
            var counts = lists.Select(x => Count(x.List, x.Items.Count, x.Total, l));
            blocks.Add(new ItemListBlock(T(l, nameof(NudgeTexts.PackHeading), pack.Title, string.Join(" · ", counts)), shown));
            // The lists show a few of each; the heading counts them all ("5 of 12 stale") and "More" pages on.
            var more = lists.Where(x => x.Items.Count < x.Total)
                .Select(x => new ReplyAction(T(l, MoreKey(x.List)), MorePages.Payload(new MorePage(null, Section(rep.Id, x.List), x.Items.Count))))
                .ToList();
            if (more.Count > 0)
                blocks.Add(new ActionsBlock(more));
        }
        blocks.Add(new ActionsBlock([
            new ReplyAction(T(l, nameof(NudgeTexts.ButtonTeamForecast)), Payloads.Ask + "team forecast this quarter"),
            new ReplyAction(T(l, nameof(NudgeTexts.ButtonWhoIsBehind)), Payloads.Ask + "who is behind quota this quarter"),
            new ReplyAction(T(l, nameof(NudgeTexts.ButtonSlippedDeals)), Payloads.Ask + "slipped deals on my team"),
        ]));
        blocks.Add(new ContextBlock(T(l, nameof(NudgeTexts.WeeklyFooter), DayName(o.WeeklyDigestDay, l), o.WeeklyDigestTime.ToString("HH\\:mm", CultureInfo.InvariantCulture),
            reps.Count, capture.Value.StaleDays, o.SlippedAfterPushes, o.EscalationDays, DateFormat.AsOf(now, zone, l))));
        return (DigestOutcome.Sent, viewer, Payloads.InLanguage(new Reply(blocks) { Summary = T(l, nameof(NudgeTexts.WeeklySummary), direct.Count, flagged), Language = l.Code }));
    }

    /// <summary>
    /// "More" under a 1:1 pack: the next rows of one of its lists, built exactly as the digest built them (same
    /// filters, order and settings), for the manager who pressed it — and only for one of their direct reports.
    /// </summary>
    public async Task<TurnResult> PageAsync(TurnContext c, string section, int offset, CancellationToken cancellationToken)
    {
        var l = c.Language;
        var direct = await source.DirectReportsAsync(c.Viewer.RepId, cancellationToken);
        if (ReadSection(section) is not var (repId, list) || direct.FirstOrDefault(r => r.Id == repId) is not { } rep)
            return new TurnResult(new Reply([new TextBlock(T(l, nameof(NudgeTexts.NotYourPack)))]) { Summary = T(l, nameof(NudgeTexts.NotYourPackSummary)) },
                "digest-more", TurnOutcome.Refused, section);
        var pack = await PackAsync(c.Viewer, rep, c.Today, c.Now, c.Zone, l, cancellationToken);
        var (items, total) = await pack.ListAsync(list, offset, MorePages.PageSize, cancellationToken);
        var range = MorePages.Range(offset, items.Count, total, l);
        var blocks = new List<ReplyBlock> { new ItemListBlock($"{pack.Title} — {Noun(list, total, l)} ({range})", items) };
        if (items.Count > 0 && MorePages.Button(new MorePage(null, section, offset + items.Count), total, l) is { } more)
            blocks.Add(more);
        return new TurnResult(new Reply(blocks) { Summary = T(l, nameof(NudgeTexts.PageSummary), rep.Name, Noun(list, total, l), range) },
            "digest-more", TurnOutcome.Answered, section);
    }

    /// <summary>The section of a "More" payload that pages a 1:1 pack's list: "1:1:{rep id}:{list}".</summary>
    public const string SectionPrefix = "1:1:";

    private static string Section(long repId, PackList list) => $"{SectionPrefix}{repId.ToString(CultureInfo.InvariantCulture)}:{list}";

    private static (long RepId, PackList List)? ReadSection(string section)
    {
        var parts = section.Split(':');
        return parts.Length == 4 && section.StartsWith(SectionPrefix, StringComparison.Ordinal)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var repId)
            && Enum.TryParse<PackList>(parts[3], ignoreCase: false, out var list) && Enum.IsDefined(list)
                ? (repId, list)
                : null;
    }

    private static string Noun(PackList list, int count, ReplyLanguage l) => T(l, list switch
    {
        PackList.Slipped => nameof(NudgeTexts.NounSlipped),
        PackList.PastClose => nameof(NudgeTexts.NounPastClose),
        PackList.Stale => nameof(NudgeTexts.NounStale),
        _ => count == 1 ? nameof(NudgeTexts.NounRenewals_One) : nameof(NudgeTexts.NounRenewals_Other),
    });

    /// <summary>"5 of 12 stale": a list's count in a pack's heading.</summary>
    private static string Count(PackList list, int shown, int total, ReplyLanguage l) => T(l, list switch
    {
        PackList.Slipped => nameof(NudgeTexts.CountSlipped),
        PackList.PastClose => nameof(NudgeTexts.CountPastClose),
        PackList.Stale => nameof(NudgeTexts.CountStale),
        _ => total == 1 ? nameof(NudgeTexts.CountRenewals_One) : nameof(NudgeTexts.CountRenewals_Other),
    }, MoneyFormat.OfTotal(shown, total, l));

    private static string MoreKey(PackList list) => list switch
    {
        PackList.Slipped => nameof(NudgeTexts.MoreSlipped),
        PackList.PastClose => nameof(NudgeTexts.MorePastClose),
        PackList.Stale => nameof(NudgeTexts.MoreStale),
        _ => nameof(NudgeTexts.MoreRenewals),
    };

    private static readonly string[] ThaiDays = ["อาทิตย์", "จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์"];

    private static string DayName(DayOfWeek day, ReplyLanguage l) => l.IsThai ? ThaiDays[(int)day] : day.ToString();

    private static string T(ReplyLanguage language, string key, params object?[] args) => language.Format(NudgeTexts.ResourceManager, key, args);

    private async Task<Pack> PackAsync(Viewer viewer, NamedRef rep, DateOnly today, DateTimeOffset now, TimeZoneInfo zone, ReplyLanguage l, CancellationToken cancellationToken)
    {
        // A rep's own deals, or for a manager under this one, their whole team's.
        var owners = new List<long> { rep.Id };
        if (await data.ViewerAsync(rep.Id, cancellationToken) is { HasTeam: true } lead)
            owners.AddRange((await data.TeamAsync(lead, cancellationToken)).Select(r => r.Id).Where(id => id != rep.Id));
        var title = owners.Count > 1 ? T(l, nameof(NudgeTexts.PackWithTeam), rep.Name, owners.Count - 1) : rep.Name;
        return new Pack(data, source, options.Value, capture.Value.StaleDays, viewer, owners, title, today, now, zone, l);
    }

    private enum PackList
    {
        Slipped,
        PastClose,
        Stale,
        Renewals,
    }

    /// <summary>One direct report's pack: each list counted in full and read a page at a time, in the digest's order.</summary>
    private sealed record Pack(ISalesData Data, INudgeSource Source, NudgeOptions Options, int StaleDays, Viewer Viewer, IReadOnlyList<long> Owners, string Title, DateOnly Today, DateTimeOffset Now, TimeZoneInfo Zone, ReplyLanguage L)
    {
        public async Task<(IReadOnlyList<ListItem> Items, int Total)> ListAsync(PackList list, int offset, int take, CancellationToken ct)
        {
            var (o, data) = (Options, Data);
            var mine = new DealFilter { OwnerIds = Owners, Category = StageCategory.Open };
            switch (list)
            {
                case PackList.Slipped:
                {
                    var all = await data.SlippedAsync(Viewer, mine, o.SlippedAfterPushes, int.MaxValue, ct);
                    return ([.. all.Skip(offset).Take(take).Select(s => new ListItem(T(L, nameof(NudgeTexts.SlippedItem), s.Deal.Name + Amount(s.Deal)),
                        T(L, nameof(NudgeTexts.PushedPath), string.Join(" → ", s.CloseDates.Select(d => DateFormat.Short(d, Today, L)))), []))], all.Count);
                }
                case PackList.PastClose:
                {
                    var filter = mine with { CloseTo = Today.AddDays(-1) };
                    var deals = await data.DealsAsync(Viewer, filter, DealOrder.CloseDateAscending, offset, take, ct);
                    return ([.. deals.Select(d => new ListItem(T(L, nameof(NudgeTexts.PastCloseItem), d.Name + Amount(d)), T(L, nameof(NudgeTexts.WasDue), d.Stage, DateFormat.Short(d.CloseDate, Today, L)), []))],
                        (await data.TotalsAsync(Viewer, filter, ct)).Count);
                }
                case PackList.Stale:
                {
                    var filter = mine with { NotEngagedSince = Now.AddDays(-StaleDays) };
                    // Quiet longest first, as "stale deals" answers — and an order that keeps deals without an amount.
                    var deals = await data.DealsAsync(Viewer, filter, DealOrder.LastEngagedAscending, offset, take, ct);
                    return ([.. deals.Select(d => new ListItem(T(L, nameof(NudgeTexts.StaleItem), d.Name + Amount(d)), d.LastEngagedAt is { } at
                        ? T(L, nameof(NudgeTexts.StageLastTouched), d.Stage, DateFormat.Short(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime), Today, L))
                        : T(L, nameof(NudgeTexts.StageNeverTouched), d.Stage), []))],
                        (await data.TotalsAsync(Viewer, filter, ct)).Count);
                }
                default:
                {
                    var atRisk = await Source.RenewalsAtRiskAsync(Owners.ToList(), Today, o.EscalationDays, Now.AddDays(-o.EscalationDays), ct);
                    var mineAtRisk = atRisk.Where(r => (r.OwnerId is { } owner && Owners.Contains(owner)) || (r.AccountManagerId is { } am && Owners.Contains(am))).ToList();
                    return ([.. mineAtRisk.Skip(offset).Take(take).Select(r => new ListItem(T(L, nameof(NudgeTexts.RenewalAtRiskItem), r.AccountName + (r.Product is null ? "" : " — " + r.Product)),
                        T(L, nameof(NudgeTexts.RenewalAtRiskDetail), DateFormat.Short(r.EndDate, Today, L), MoneyFormat.Exact(r.AnnualValue, r.Currency), o.EscalationDays),
                        [new ReplyAction(T(L, nameof(NudgeTexts.ButtonBrief)), Payloads.Ask + "brief me on " + r.AccountName)]))], mineAtRisk.Count);
                }
            }
        }

        private string Amount(DealRow d) => d.Amount is { } a ? " · " + MoneyFormat.Compact(a, d.Currency, L) : "";
    }
}
