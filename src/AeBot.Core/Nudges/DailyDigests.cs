using System.ComponentModel.DataAnnotations;
using AeBot.Core.Capture;
using AeBot.Core.Handoff;
using AeBot.Core.MyDay;
using AeBot.Core.Organization;
using AeBot.Core.Sales;
using AeBot.Core.Time;
using Microsoft.Extensions.Options;

namespace AeBot.Core.Nudges;

/// <summary>Configuration section "Nudges".</summary>
public sealed class NudgeOptions
{
    public const string SectionName = "Nudges";

    /// <summary>When the daily digest goes out, in each person's own time zone.</summary>
    public TimeOnly DigestTime { get; set; } = new(8, 30);

    /// <summary>Monday to Friday only (in the person's zone).</summary>
    public bool DigestWeekdaysOnly { get; set; } = true;

    [Range(1, 50)]
    public int DigestItemsPerList { get; set; } = 10;
}

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
public sealed class DailyDigests(INudgeLedger ledger, IWorkData work, IRepDirectory reps, IOptions<NudgeOptions> options, IOptions<CaptureOptions> capture, TimeProvider clock)
{
    public const string Rule = "daily-digest";

    /// <summary>Who should get today's digest now and has not: past the digest time on a digest day in their zone.</summary>
    public async Task<IReadOnlyList<(long RepId, DateOnly LocalDate)>> DueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        var due = new List<(long, DateOnly)>();
        foreach (var person in await ledger.RecipientsAsync(cancellationToken))
        {
            var local = TimeZoneInfo.ConvertTime(now, RepTime.FindZone(person.TimeZoneId) ?? TimeZoneInfo.Utc).DateTime;
            if (TimeOnly.FromDateTime(local) >= o.DigestTime && IsDigestDay(local.DayOfWeek, o))
                due.Add((person.RepId, DateOnly.FromDateTime(local)));
        }
        if (due.Count == 0)
            return due;
        var recorded = await ledger.RecordedAsync(Rule, due.Select(d => d.Item2).Distinct().ToList(), cancellationToken);
        return due.Where(d => !recorded.Contains(d)).ToList();
    }

    /// <summary>What <see cref="SendAsync"/> would do now, without recording anything (for <c>aebot nudges run --dry-run</c>).</summary>
    public async Task<(DigestOutcome Outcome, string Name, DayPlan? Plan)> PreviewAsync(long repId, DateOnly localDate, CancellationToken cancellationToken)
    {
        var built = await BuildAsync(repId, localDate, cancellationToken);
        if (built is null)
            return (DigestOutcome.UnknownRep, "", null);
        var (outcome, viewer, _, plan) = built.Value;
        return (outcome, viewer.Name, plan);
    }

    public async Task<DigestOutcome> SendAsync(long repId, DateOnly localDate, CancellationToken cancellationToken)
    {
        if (await BuildAsync(repId, localDate, cancellationToken) is not var (outcome, viewer, zone, plan))
            return DigestOutcome.UnknownRep;
        var key = new NudgeKey(Rule, "rep:" + repId, localDate, repId);
        if (outcome != DigestOutcome.Sent)
            return await ledger.RecordAsync(key, null, cancellationToken) ? outcome : DigestOutcome.AlreadyDone;
        var reply = MyDayAbility.Render(plan!, viewer, localDate, clock.GetUtcNow(), zone, capture.Value);
        // Every nudge says why it came.
        reply = reply with { Blocks = [.. reply.Blocks, new Conversation.ContextBlock($"Your daily digest — sent at {options.Value.DigestTime:HH\\:mm} on weekdays. Say \"my day\" any time for the latest.")] };
        return await ledger.RecordAsync(key, new ProactiveMessage(repId, Rule, reply), cancellationToken) ? DigestOutcome.Sent : DigestOutcome.AlreadyDone;
    }

    /// <summary>The person, and what their digest for <paramref name="localDate"/> would be now: sent, empty or missed.</summary>
    private async Task<(DigestOutcome Outcome, Viewer Viewer, TimeZoneInfo Zone, DayPlan? Plan)?> BuildAsync(long repId, DateOnly localDate, CancellationToken cancellationToken)
    {
        if (await reps.FindByIdAsync(repId, cancellationToken) is not { } rep)
            return null;
        var zone = RepTime.ZoneOf(rep);
        var now = clock.GetUtcNow();
        var viewer = new Viewer(rep.Id, rep.Name, rep.Role, rep.TimeZoneId, rep.HierarchyPath);
        if (localDate < DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime))
            return (DigestOutcome.Missed, viewer, zone, null);
        var c = capture.Value;
        var plan = await work.MyDayAsync(viewer, localDate, now, new DayPlanSettings(c.StaleDays, c.RenewalDays, options.Value.DigestItemsPerList), cancellationToken);
        return (plan.IsEmpty ? DigestOutcome.Empty : DigestOutcome.Sent, viewer, zone, plan);
    }

    private static bool IsDigestDay(DayOfWeek day, NudgeOptions o) => !o.DigestWeekdaysOnly || day is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
