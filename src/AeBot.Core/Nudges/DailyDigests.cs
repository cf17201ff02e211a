using AeBot.Core.Handoff;
using AeBot.Core.MyDay;
using AeBot.Core.Organization;
using AeBot.Core.Sales;
using AeBot.Core.Text;
using AeBot.Core.Time;
using Microsoft.Extensions.Options;
using AeBot.Core.Work;
using AeBot.Core.Conversation;

namespace AeBot.Core.Nudges;

public enum DigestOutcome
{
    Sent,
    /// <summary>Nothing needs them: recorded, not sent.</summary>
    Empty,
    /// <summary>Already recorded for that day (a repeat).</summary>
    AlreadyDone,
    /// <summary>The day is over in their zone (the server was down): recorded, not sent — a stale "good morning" helps nobody.</summary>
    Missed,
    UnknownRep,
}

/// <summary>
/// The daily digest: each person's "my day" at <see cref="NudgeOptions.DigestTime"/> in their own zone, on weekdays,
/// skipped when empty, once per person and local date (<see cref="INudgeLedger"/>).
/// </summary>
public sealed class DailyDigests(
    INudgeLedger ledger, IWorkData work, IRepDirectory reps, INudgePreferenceStore preferences, IOptions<NudgeOptions> options, IOptions<CaptureOptions> capture, TimeProvider clock)
{
    public const string Rule = "daily-digest";

    /// <summary>
    /// Who should get today's digest now and has not: past the digest time on a digest day in their zone, and not
    /// pushed into their quiet hours by a late scan — no digest is queued at 11 pm (someone who chose a digest time
    /// inside their quiet hours, 7 am say, still gets it then).
    /// </summary>
    public async Task<IReadOnlyList<(long RepId, DateOnly LocalDate)>> DueAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var chosen = await preferences.AllAsync(cancellationToken);
        return await DigestSchedule.DueAsync(ledger, Rule, clock.GetUtcNow(), await ledger.RecipientsAsync(cancellationToken), (person, local) =>
        {
            var mine = chosen.GetValueOrDefault(person.RepId);
            var time = TimeOnly.FromDateTime(local);
            var digestTime = mine?.DigestTime ?? o.DigestTime;
            return time >= digestTime && IsDigestDay(local.DayOfWeek, o)
                && !QuietHours.LateFor(time, digestTime, mine?.QuietStart ?? o.QuietStart, mine?.QuietEnd ?? o.QuietEnd);
        }, cancellationToken);
    }

    /// <summary>What <see cref="SendAsync"/> would do now, without recording anything (for <c>aebot nudges run --dry-run</c>).</summary>
    public async Task<(DigestOutcome Outcome, string Name, DayPlan? Plan, int Folded)> PreviewAsync(long repId, DateOnly localDate, CancellationToken cancellationToken)
    {
        var built = await BuildAsync(repId, localDate, cancellationToken);
        if (built is null)
            return (DigestOutcome.UnknownRep, "", null, 0);
        var (outcome, viewer, _, plan, folded) = built.Value;
        return (outcome, viewer.Name, plan, folded.Count);
    }

    public async Task<DigestOutcome> SendAsync(long repId, DateOnly localDate, CancellationToken cancellationToken)
    {
        if (await BuildAsync(repId, localDate, cancellationToken) is not var (outcome, viewer, zone, plan, folded))
            return DigestOutcome.UnknownRep;
        var key = new NudgeKey(Rule, "rep:" + repId, localDate, repId);
        if (outcome != DigestOutcome.Sent)
            return await ledger.RecordAsync(key, null, cancellationToken) ? outcome : DigestOutcome.AlreadyDone;
        // No chat turn to take the language from: the person's stored one.
        var l = viewer.Speaks;
        var reply = MyDayAbility.Render(plan!, viewer, localDate, clock.GetUtcNow(), zone, capture.Value, l);
        var blocks = reply.Blocks.ToList();
        if (folded.Count > 0)
        {
            // Nudges held back by quiet hours or the daily cap: here rather than dropped, each with its own buttons.
            // Their title and why are as recorded, in the language they were written in then.
            blocks.Insert(blocks.Count - 1, new Conversation.ItemListBlock(T(l, nameof(NudgeTexts.HeldBack), folded.Count), folded.Select(f =>
                new Conversation.ListItem(f.Title, T(l, nameof(NudgeTexts.HeldBackWhy), f.Why), NudgeCards.Actions(new NudgeContent(f.Key, f.Title, null, f.Why, null, null,
                    NudgeSubject.TryParse(f.Key.Subject, out var s) && s.Kind == NudgeSubject.Deal ? s.Id : null) { Language = l }))).ToList()));
        }
        // Every nudge says why it came.
        var time = (await preferences.GetAsync(repId, cancellationToken)).DigestTime ?? options.Value.DigestTime;
        var at = time.ToString("HH\\:mm", System.Globalization.CultureInfo.InvariantCulture);
        blocks.Add(new Conversation.ContextBlock(T(l, folded.Count > 0 ? nameof(NudgeTexts.DailyFooterHeldBack) : nameof(NudgeTexts.DailyFooter), at)));
        reply = reply with { Blocks = blocks, Summary = folded.Count > 0 ? T(l, nameof(NudgeTexts.DailySummaryHeldBack), reply.Summary, folded.Count) : reply.Summary, Language = l.Code };
        reply = Conversation.Payloads.InLanguage(reply);
        return await ledger.RecordAsync(new NudgeRecord(key, null, new ProactiveMessage(repId, Rule, reply)), folded.Select(f => f.Id).ToList(), cancellationToken)
            ? DigestOutcome.Sent : DigestOutcome.AlreadyDone;
    }

    /// <summary>The person, and what their digest for <paramref name="localDate"/> would be now: sent, empty or missed.</summary>
    private async Task<(DigestOutcome Outcome, Viewer Viewer, TimeZoneInfo Zone, DayPlan? Plan, IReadOnlyList<FoldedNudge> Folded)?> BuildAsync(long repId, DateOnly localDate, CancellationToken cancellationToken)
    {
        if (await reps.FindByIdAsync(repId, cancellationToken) is not { } rep)
            return null;
        var zone = RepTime.ZoneOf(rep);
        var now = clock.GetUtcNow();
        var viewer = new Viewer(rep.Id, rep.Name, rep.Role, rep.TimeZoneId, rep.HierarchyPath, new LanguageChoice(rep.Language, rep.Locale, rep.BuddhistEra));
        if (localDate < DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime))
            return (DigestOutcome.Missed, viewer, zone, null, []);
        var c = capture.Value;
        var plan = await work.MyDayAsync(viewer, localDate, now, new DayPlanSettings(c.StaleDays, c.RenewalDays, options.Value.DigestItemsPerList), cancellationToken);
        var folded = (await ledger.FoldedAsync(repId, cancellationToken)).Take(options.Value.DigestItemsPerList).ToList();
        return (plan.IsEmpty && folded.Count == 0 ? DigestOutcome.Empty : DigestOutcome.Sent, viewer, zone, plan, folded);
    }

    private static string T(ReplyLanguage language, string key, params object?[] args) => language.Format(NudgeTexts.ResourceManager, key, args);

    private static bool IsDigestDay(DayOfWeek day, NudgeOptions o) => !o.DigestWeekdaysOnly || day is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
