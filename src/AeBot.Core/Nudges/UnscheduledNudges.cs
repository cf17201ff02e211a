using System.Globalization;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Handoff;
using AeBot.Core.Text;
using AeBot.Core.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using AeBot.Core.Work;

namespace AeBot.Core.Nudges;

/// <summary>A nudge the scan found due now: sent, or folded into the recipient's next digest (and why).</summary>
public sealed record PlannedNudge(NudgeContent Content, DateOnly LocalDate, string? FoldedBecause, long? ResurfacedFrom = null)
{
    public bool Folded => FoldedBecause is not null;
}

/// <summary>What a scan would do: the nudges, how many were recorded already, and snoozes whose nudge is back already (or not needed).</summary>
public sealed record NudgePlan(IReadOnlyList<PlannedNudge> Nudges, int AlreadyRecorded, IReadOnlyList<long> SettledSnoozes);

public sealed record NudgeScanResult(IReadOnlyList<PlannedNudge> Recorded, int AlreadyRecorded)
{
    public int Sent => Recorded.Count(p => !p.Folded);
    public int Folded => Recorded.Count(p => p.Folded);

    /// <summary>Who has new messages waiting in the outbox: one delivery each.</summary>
    public IReadOnlyList<long> Recipients => Recorded.Where(p => !p.Folded).Select(p => p.Content.Key.RecipientRepId).Distinct().ToList();
}

/// <summary>
/// The unscheduled rules — renewals (and their escalation), follow-ups due and overdue, deals gone stale, close dates
/// passed, deals slipped — evaluated for the whole company at once: the data returns a UTC envelope with a few range
/// queries, and each candidate is then judged in its recipient's own zone and settings. Each person gets at most
/// their daily cap, nothing in quiet hours (those fold into the next digest rather than being dropped), nothing
/// muted, and each nudge once (<see cref="INudgeLedger"/>).
/// </summary>
public sealed partial class UnscheduledNudges(
    INudgeSource source, INudgeLedger ledger, INudgePreferenceStore preferences, IOptions<NudgeOptions> options, IOptions<CaptureOptions> capture,
    TimeProvider clock, ILogger<UnscheduledNudges> logger)
{
    private const int BatchSize = 500;

    /// <summary>What is due now and not yet recorded, with the send/fold decision — records nothing (the dry run).</summary>
    public async Task<NudgePlan> PlanAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        var people = (await ledger.RecipientsAsync(cancellationToken)).ToDictionary(r => r.RepId);
        var settings = await preferences.AllAsync(cancellationToken);
        var zones = new Dictionary<string, TimeZoneInfo>(StringComparer.Ordinal);
        TimeZoneInfo Zone(string id) => zones.TryGetValue(id, out var zone) ? zone : zones[id] = RepTime.ZoneOf(id);
        var locals = new Dictionary<long, DateTime>();
        DateTime? LocalNow(long repId)
        {
            if (locals.TryGetValue(repId, out var known))
                return known;
            if (!people.TryGetValue(repId, out var person))
                return null; // inactive or unknown: nobody to nudge
            return locals[repId] = TimeZoneInfo.ConvertTime(now, Zone(person.TimeZoneId)).DateTime;
        }
        NudgePreferences Settings(long repId) => settings.TryGetValue(repId, out var p) ? p : NudgePreferences.Default;

        var stale = StaleThresholds();
        var facts = await source.FactsAsync(new NudgeWindow(now, o.Milestones, o.GraceDays, o.EscalationDays, stale.Min, stale.Max), cancellationToken);
        var candidates = new List<NudgeContent>();
        // Written in the recipient's own language, once they are known to be due it.
        void Add(long? repId, Func<ReplyLanguage, NudgeContent> write, long? accountId, Func<DateTime, bool> due)
        {
            if (repId is not { } id || LocalNow(id) is not { } local || !due(local))
                return;
            var language = people[id].Speaks;
            var content = write(language);
            if (Settings(id).IsMuted(content.Key.Rule, accountId))
                return;
            candidates.Add(content with { Key = content.Key with { RecipientRepId = id }, Language = language });
        }
        foreach (var r in facts.Renewals)
            AddRenewal(r, Add, o);
        foreach (var f in facts.FollowUps)
            AddFollowUp(f, Add);
        foreach (var d in facts.PastClose)
            AddPastClose(d, Add);
        foreach (var d in facts.Stale)
            AddStale(d, Add, Zone, people, stale.ByStage);
        foreach (var s in facts.Slipped)
            AddSlipped(s, Add, o);

        var (resurfacing, settled) = await ResurfacingAsync(now, LocalNow, id => people[id].Speaks, cancellationToken);
        var fresh = candidates.DistinctBy(c => c.Key).ToList();
        var existing = await ledger.ExistingAsync([.. fresh.Select(c => c.Key), .. resurfacing.Select(r => r.Content.Key)], cancellationToken);
        var planned = fresh.Where(c => !existing.Contains(c.Key)).Select(c => (c, (long?)null))
            .Concat(resurfacing.Where(r => !existing.Contains(r.Content.Key)).Select(r => (r.Content, (long?)r.Id))).ToList();
        settled.AddRange(resurfacing.Where(r => existing.Contains(r.Content.Key)).Select(r => r.Id)); // already back today

        // The attention budget: per person, most urgent first, until their cap for the day; quiet hours fold everything.
        var dates = planned.Select(p => DateOnly.FromDateTime(LocalNow(p.Item1.Key.RecipientRepId)!.Value)).Distinct().ToList();
        var sentToday = dates.Count == 0 ? new Dictionary<(long, DateOnly), int>() : await ledger.SentOnAsync(dates, cancellationToken);
        var result = new List<PlannedNudge>(planned.Count);
        foreach (var group in planned.GroupBy(p => p.Item1.Key.RecipientRepId))
        {
            var local = LocalNow(group.Key)!.Value;
            var today = DateOnly.FromDateTime(local);
            var mine = Settings(group.Key);
            var cap = mine.DailyCap ?? o.DailyCap;
            var quiet = QuietReason(local, mine, o);
            var count = sentToday.TryGetValue((group.Key, today), out var n) ? n : 0;
            foreach (var (content, from) in group.OrderBy(p => NudgeRules.Priority(p.Item1.Key.Rule)).ThenBy(p => p.Item1.Key.DueDate).ThenBy(p => p.Item1.Key.Subject, StringComparer.Ordinal))
            {
                string? folded = quiet;
                if (folded is null && count >= cap)
                    folded = $"your daily limit of {cap} nudges was reached";
                if (folded is null)
                    count++;
                result.Add(new PlannedNudge(content, today, folded, from));
            }
        }
        return new NudgePlan(result, existing.Count, settled);
    }

    /// <summary>Records what <see cref="PlanAsync"/> finds: sent ones with their message in the outbox, folded ones for the next digest.</summary>
    public async Task<NudgeScanResult> RunAsync(CancellationToken cancellationToken)
    {
        var (plan, already, settled) = await PlanAsync(cancellationToken);
        foreach (var id in settled)
            await ledger.MarkResurfacedAsync(id, cancellationToken);
        var recorded = new List<PlannedNudge>(plan.Count);
        for (var i = 0; i < plan.Count; i += BatchSize)
        {
            var batch = plan.Skip(i).Take(BatchSize).ToList();
            var records = batch.Select(p => new NudgeRecord(p.Content.Key, new NudgeNote(p.LocalDate, p.Content.Title, p.Content.Why, p.Folded),
                p.Folded ? null : new ProactiveMessage(p.Content.Key.RecipientRepId, p.Content.Key.Rule, Render(p)))).ToList();
            var fresh = (await ledger.RecordManyAsync(records, cancellationToken)).Select(r => r.Key).ToHashSet();
            foreach (var p in batch)
            {
                if (p.ResurfacedFrom is { } id)
                    await ledger.MarkResurfacedAsync(id, cancellationToken);
                if (fresh.Contains(p.Content.Key))
                    recorded.Add(p);
            }
            if (plan.Count > BatchSize)
                LogProgress(logger, Math.Min(i + BatchSize, plan.Count), plan.Count);
        }
        var result = new NudgeScanResult(recorded, already + plan.Count - recorded.Count);
        if (plan.Count > 0)
            LogScan(logger, result.Sent, result.Folded, result.AlreadyRecorded);
        return result;
    }

    public static Reply Render(PlannedNudge p) =>
        NudgeCards.Render(p.Content, p.ResurfacedFrom is null ? null : T(p.Content.Language, nameof(NudgeTexts.BackAsYouAsked)));

    private static string T(ReplyLanguage language, string key, params object?[] args) => language.Format(NudgeTexts.ResourceManager, key, args);

    /// <summary>Snoozed nudges whose time has come and are still needed, and those that are not (done with, nobody to tell).</summary>
    private async Task<(List<(long Id, NudgeContent Content)> Back, List<long> Settled)> ResurfacingAsync(
        DateTimeOffset now, Func<long, DateTime?> localNow, Func<long, ReplyLanguage> speaks, CancellationToken cancellationToken)
    {
        var ended = await ledger.SnoozeEndedAsync(now, cancellationToken);
        var settled = new List<long>();
        if (ended.Count == 0)
            return ([], settled);
        var subjects = ended.Select(e => NudgeSubject.TryParse(e.Key.Subject, out var s) ? s : default).Where(s => s.Kind is not null).ToHashSet();
        var open = await source.StillOpenAsync(subjects, DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
        var back = new List<(long, NudgeContent)>();
        foreach (var e in ended)
        {
            if (!NudgeSubject.TryParse(e.Key.Subject, out var subject) || !open.Contains(subject) || localNow(e.Key.RecipientRepId) is not { } local)
            {
                settled.Add(e.Id); // done with, or nobody to tell: nothing comes back (marked by the run, not the dry run)
                continue;
            }
            var language = speaks(e.Key.RecipientRepId);
            var on = DateFormat.Day(DateOnly.FromDateTime(e.SnoozedAt.UtcDateTime), DateOnly.FromDateTime(local), language);
            var snoozed = e.Reason is null ? T(language, nameof(NudgeTexts.SnoozedOn), on)
                : T(language, nameof(NudgeTexts.SnoozedOnBecause), on, NudgeCards.SnoozeReasonIn(e.Reason, language));
            // The title and why are the ones recorded with the nudge, in the language it was first sent in.
            back.Add((e.Id, new NudgeContent(e.Key with { DueDate = DateOnly.FromDateTime(local) }, e.Title, snoozed, e.Why,
                null, null, subject.Kind == NudgeSubject.Deal ? subject.Id : null) { Language = language }));
        }
        return (back, settled);
    }

    private (int Min, int Max, IReadOnlyDictionary<string, int> ByStage) StaleThresholds()
    {
        // A copy with a case-insensitive comparer whatever the configuration binder built: "negotiation" is "Negotiation".
        var byStage = new Dictionary<string, int>(options.Value.StaleDaysByStage, StringComparer.OrdinalIgnoreCase);
        var all = byStage.Values.Append(capture.Value.StaleDays).ToList();
        return (all.Min(), all.Max(), byStage);
    }

    /// <summary>A date-based nudge is due from <see cref="NudgeOptions.NudgeTime"/> on its day, and for <see cref="NudgeOptions.GraceDays"/> after.</summary>
    private bool DueOn(DateOnly day, DateTime local)
    {
        var today = DateOnly.FromDateTime(local);
        var late = today.DayNumber - day.DayNumber;
        return late >= 0 && late <= options.Value.GraceDays && (late > 0 || TimeOnly.FromDateTime(local) >= options.Value.NudgeTime);
    }

    private delegate void Adder(long? repId, Func<ReplyLanguage, NudgeContent> write, long? accountId, Func<DateTime, bool> due);

    private void AddRenewal(RenewalFact r, Adder add, NudgeOptions o)
    {
        var money = MoneyFormat.Exact(r.AnnualValue, r.Currency);
        var name = r.AccountName + (r.Product is null ? "" : " — " + r.Product);
        var milestones = string.Join(", ", o.Milestones);
        foreach (var (repId, role) in new[] { (r.OwnerId, nameof(NudgeTexts.RenewalWhyOwner)), (r.AccountManagerId, nameof(NudgeTexts.RenewalWhyManager)) }.DistinctBy(x => x.Item1))
        {
            add(repId, language => Renewal(repId ?? 0, role, language), r.AccountId, local =>
            {
                var today = DateOnly.FromDateTime(local);
                var left = r.EndDate.DayNumber - today.DayNumber;
                var milestone = o.Milestones.Where(m => m >= left).DefaultIfEmpty(-1).Min();
                return left >= 0 && milestone > 0 && DueOn(r.EndDate.AddDays(-milestone), local);
            });
        }

        // The key's date is the milestone the recipient is in; computed once here for both, with the UTC date (the
        // recipient's own day decides whether it is due; two zones cannot straddle a milestone by more than a day).
        NudgeContent Renewal(long repId, string why, ReplyLanguage l)
        {
            var left = r.EndDate.DayNumber - DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).DayNumber;
            var milestone = o.Milestones.Where(m => m >= left - 1).DefaultIfEmpty(o.Milestones[^1]).Min();
            var key = new NudgeKey(NudgeRules.Renewal, new NudgeSubject(NudgeSubject.Contract, r.ContractId).ToString(), r.EndDate.AddDays(-milestone), repId);
            return new NudgeContent(key, T(l, nameof(NudgeTexts.RenewalTitle), milestone, name),
                T(l, nameof(NudgeTexts.RenewalDetail), DateFormat.Day(r.EndDate, Today, l), money,
                    T(l, r.AutoRenew ? nameof(NudgeTexts.AutoRenews) : nameof(NudgeTexts.NeedsARenewal)), LastTouch(r.LastInteractionAt, l)),
                T(l, why, r.AccountName, milestones), r.AccountId, r.AccountName, null);
        }

        // Escalation: close to the end and nobody has logged talking to the customer.
        var quietSince = clock.GetUtcNow().AddDays(-o.EscalationDays);
        if (r.LastInteractionAt is null || r.LastInteractionAt < quietSince)
        {
            var dueDay = r.EndDate.AddDays(-o.EscalationDays);
            var key = new NudgeKey(NudgeRules.RenewalEscalation, new NudgeSubject(NudgeSubject.Contract, r.ContractId).ToString(), dueDay, 0);
            NudgeContent Escalation(ReplyLanguage l) => new(key,
                T(l, nameof(NudgeTexts.EscalationTitle), name, DateFormat.Short(r.EndDate, Today, l), o.EscalationDays),
                T(l, nameof(NudgeTexts.EscalationDetail), money, r.OwnerName is null ? T(l, nameof(NudgeTexts.NoOwner)) : T(l, nameof(NudgeTexts.OwnerIs), r.OwnerName),
                    LastTouch(r.LastInteractionAt, l)),
                T(l, nameof(NudgeTexts.EscalationWhy), o.EscalationDays), r.AccountId, r.AccountName, null);
            add(r.EscalateToId, Escalation, r.AccountId, local =>
            {
                var left = r.EndDate.DayNumber - DateOnly.FromDateTime(local).DayNumber;
                return left >= 0 && left <= o.EscalationDays && (left < o.EscalationDays || TimeOnly.FromDateTime(local) >= o.NudgeTime);
            });
        }
    }

    private string LastTouch(DateTimeOffset? at, ReplyLanguage l) =>
        at is { } a ? T(l, nameof(NudgeTexts.LastInteraction), DateFormat.Short(DateOnly.FromDateTime(a.UtcDateTime), Today, l)) : T(l, nameof(NudgeTexts.NoInteractionLogged));

    /// <summary>Today by the UTC clock: which dates need their year (a nudge's text is the same for every recipient).</summary>
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private void AddFollowUp(FollowUpFact f, Adder add)
    {
        var subject = new NudgeSubject(NudgeSubject.Task, f.Id).ToString();
        var where = string.Join(" · ", new[] { f.AccountName, f.DealName }.Where(x => x is not null));
        var detail = where.Length == 0 ? null : where;
        add(f.RepId, l => new NudgeContent(new NudgeKey(NudgeRules.FollowUpDue, subject, f.DueDate, 0), T(l, nameof(NudgeTexts.FollowUpDueTitle), f.Title), detail,
            T(l, nameof(NudgeTexts.FollowUpDueWhy)), f.AccountId, f.AccountName, f.DealId),
            f.AccountId, local => DateOnly.FromDateTime(local) == f.DueDate && TimeOnly.FromDateTime(local) >= options.Value.NudgeTime);
        add(f.RepId, l => new NudgeContent(new NudgeKey(NudgeRules.FollowUpOverdue, subject, f.DueDate.AddDays(1), 0),
            T(l, nameof(NudgeTexts.FollowUpOverdueTitle), DateFormat.Day(f.DueDate, Today, l), f.Title), detail,
            T(l, nameof(NudgeTexts.FollowUpOverdueWhy), DateFormat.Day(f.DueDate, Today, l)), f.AccountId, f.AccountName, f.DealId),
            f.AccountId, local => DueOn(f.DueDate.AddDays(1), local));
    }

    private void AddPastClose(DealFact d, Adder add)
    {
        if (d.CloseDate is not { } close)
            return;
        add(d.OwnerId, l => new NudgeContent(new NudgeKey(NudgeRules.PastClose, new NudgeSubject(NudgeSubject.Deal, d.Id).ToString(), close.AddDays(1), 0),
            T(l, nameof(NudgeTexts.PastCloseTitle), d.Name, DateFormat.Day(close, Today, l)), DealDetail(d, l), T(l, nameof(NudgeTexts.PastCloseWhy)),
            d.AccountId, d.AccountName, d.Id), d.AccountId, local => DueOn(close.AddDays(1), local));
    }

    private void AddStale(DealFact d, Adder add, Func<string, TimeZoneInfo> zoneOf, Dictionary<long, NudgeRecipient> people, IReadOnlyDictionary<string, int> byStage)
    {
        if (!people.TryGetValue(d.OwnerId, out var owner))
            return;
        var days = byStage.TryGetValue(d.Stage, out var t) ? t : capture.Value.StaleDays;
        var since = d.LastEngagedAt ?? d.CreatedAt;
        var staleFrom = since.AddDays(days);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(staleFrom, zoneOf(owner.TimeZoneId)).DateTime);
        add(d.OwnerId, l => new NudgeContent(new NudgeKey(NudgeRules.StaleDeal, new NudgeSubject(NudgeSubject.Deal, d.Id).ToString(), day, 0),
            T(l, nameof(NudgeTexts.StaleTitle), d.Name, days),
            DealDetail(d, l) + " · " + (d.LastEngagedAt is { } at ? T(l, nameof(NudgeTexts.LastTouched), DateFormat.Short(DateOnly.FromDateTime(at.UtcDateTime), Today, l)) : T(l, nameof(NudgeTexts.NeverTouched))),
            byStage.ContainsKey(d.Stage) ? T(l, nameof(NudgeTexts.StaleWhyStage), days, d.Stage) : T(l, nameof(NudgeTexts.StaleWhyDefault), days), d.AccountId, d.AccountName, d.Id),
            d.AccountId, local => clock.GetUtcNow() >= staleFrom && DueOn(day, local) && (d.CloseDate is not { } c || c >= DateOnly.FromDateTime(local)));
    }

    private void AddSlipped(SlippedFact s, Adder add, NudgeOptions o)
    {
        if (s.Pushes < o.SlippedAfterPushes || s.Deal.CloseDate is not { } close)
            return;
        string Path(ReplyLanguage l) => string.Join(" → ", s.CloseDates.Select(d => DateFormat.Short(d, Today, l)));
        add(s.Deal.OwnerId, l => new NudgeContent(new NudgeKey(NudgeRules.Slipped, new NudgeSubject(NudgeSubject.Deal, s.Deal.Id).ToString(), close, 0),
            T(l, nameof(NudgeTexts.SlippedTitle), s.Deal.Name, s.Pushes), T(l, nameof(NudgeTexts.SlippedDetail), Path(l), DealDetail(s.Deal, l)),
            T(l, nameof(NudgeTexts.SlippedWhy), s.Pushes), s.Deal.AccountId, s.Deal.AccountName, s.Deal.Id),
            s.Deal.AccountId, local => DateOnly.FromDateTime(local).DayNumber - DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s.LastPushAt, TimeZoneInfo.Utc).DateTime).DayNumber <= o.GraceDays + 1);
    }

    private string DealDetail(DealFact d, ReplyLanguage l) =>
        string.Join(" · ", new[] { d.AccountName, d.Stage, d.Amount is { } a ? MoneyFormat.Exact(a, d.Currency) : null,
            d.CloseDate is { } c ? T(l, nameof(NudgeTexts.CloseOn), DateFormat.Short(c, Today, l)) : null }.Where(x => x is not null));

    /// <summary>Quiet hours (or a weekend) in the recipient's zone: why a nudge waits for the digest, or null.</summary>
    private static string? QuietReason(DateTime local, NudgePreferences mine, NudgeOptions o)
    {
        if (o.QuietWeekends && local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            return "it's the weekend";
        var (start, end) = (mine.QuietStart ?? o.QuietStart, mine.QuietEnd ?? o.QuietEnd);
        return QuietHours.Contains(TimeOnly.FromDateTime(local), start, end) ? string.Create(CultureInfo.InvariantCulture, $"it's your quiet hours ({start:HH\\:mm}–{end:HH\\:mm})") : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Nudge scan: {Done} of {Total} recorded")]
    private static partial void LogProgress(ILogger logger, int done, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nudge scan: {Sent} sent, {Folded} folded into digests, {Already} already recorded")]
    private static partial void LogScan(ILogger logger, int sent, int folded, int already);
}
