using System.Globalization;
using AeBot.Core.Formatting;
using AeBot.Core.Nudges;
using AeBot.Core.Reminders;
using AeBot.Core.Time;
using AeBot.Hosting;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Cli;

/// <summary>
/// <c>aebot nudges run [--dry-run]</c>: what is due now (honouring <c>Clock:Now</c>) — daily and weekly digests, the
/// unscheduled rules (renewals, follow-ups, stale deals, passed close dates, slipped deals) and reminders. With
/// --dry-run it only prints; without, it records them for delivery exactly as the scheduler would (each once:
/// running it again, or beside the server, sends nothing twice). The server's outbox delivery then sends them.
/// <c>aebot nudges stats [--days N]</c>: per rule, what was sent and what people did with it.
/// </summary>
public static class NudgesCommand
{
    public static async Task<int> RunAsync(CliContext context)
    {
        switch (context.Invocation.Arguments)
        {
            case ["run"]:
                return await RunDueAsync(context);
            case ["stats"]:
                return await StatsAsync(context);
            default:
                await context.Error.WriteLineAsync("aebot: usage: aebot nudges run [--dry-run] | aebot nudges stats [--days N]");
                return ExitCodes.Usage;
        }
    }

    private static async Task<int> RunDueAsync(CliContext context)
    {
        var dryRun = context.Invocation.Options.ContainsKey("dry-run");
        var ct = context.CancellationToken;
        await context.Services.InitializeDatabaseAsync(seedDemo: false, ct);
        await using var scope = context.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var digests = services.GetRequiredService<DailyDigests>();
        var weekly = services.GetRequiredService<WeeklyDigests>();
        var rules = services.GetRequiredService<UnscheduledNudges>();
        var reminders = services.GetRequiredService<IReminderDelivery>();
        var db = services.GetRequiredService<AeBot.Data.Storage.AeBotDbContext>();
        var people = await db.Reps.AsNoTracking().Where(r => r.IsActive).Select(r => new { r.Id, r.Name, r.TimeZoneId }).ToListAsync(ct);
        var names = people.ToDictionary(r => r.Id, r => r.Name);
        var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var o = context.Out;
        await o.WriteLineAsync($"{(dryRun ? "Would send" : "Sending")} what is due at {now.UtcDateTime:yyyy-MM-dd HH:mm}Z:");

        int sent = 0, empty = 0;
        foreach (var (repId, date) in await digests.DueAsync(ct))
        {
            DigestOutcome outcome;
            if (dryRun)
            {
                (outcome, var name, var plan, var folded) = await digests.PreviewAsync(repId, date, ct);
                var what = outcome == DigestOutcome.Sent && plan is not null
                    ? $"{plan.OverdueTotal} overdue, {plan.DueTodayTotal} due today, {MoneyFormat.Count(plan.RenewalsTotal, "renewal")}, {plan.StaleTotal} stale, {plan.PastCloseTotal} past close date"
                        + (folded > 0 ? $", {folded} held-back nudges" : "")
                    : $"skipped ({outcome.ToString().ToLowerInvariant()})";
                await o.WriteLineAsync($"  daily-digest        {name,-22} {DateFormat.Day(date, date)}  {what}");
            }
            else
            {
                outcome = await digests.SendAsync(repId, date, ct);
            }
            (sent, empty) = outcome == DigestOutcome.Sent ? (sent + 1, empty) : (sent, empty + 1);
        }

        var weeklySent = 0;
        foreach (var (repId, date) in await weekly.DueAsync(ct))
        {
            DigestOutcome outcome;
            if (dryRun)
            {
                (outcome, var name, var reply) = await weekly.PreviewAsync(repId, date, ct);
                await o.WriteLineAsync($"  weekly-digest       {name,-22} {DateFormat.Day(date, date)}  {(outcome == DigestOutcome.Sent ? reply!.Summary : $"skipped ({outcome.ToString().ToLowerInvariant()})")}");
            }
            else
            {
                outcome = await weekly.SendAsync(repId, date, ct);
            }
            if (outcome == DigestOutcome.Sent)
                weeklySent++;
        }

        IReadOnlyList<PlannedNudge> nudges;
        if (dryRun)
        {
            nudges = (await rules.PlanAsync(ct)).Nudges;
            foreach (var n in nudges.OrderBy(n => n.Content.Key.Rule, StringComparer.Ordinal).ThenBy(n => names.GetValueOrDefault(n.Content.Key.RecipientRepId), StringComparer.Ordinal))
            {
                var who = names.GetValueOrDefault(n.Content.Key.RecipientRepId, "#" + n.Content.Key.RecipientRepId);
                await o.WriteLineAsync($"  {n.Content.Key.Rule,-19} {who,-22} {n.Content.Title}");
                if (n.Content.Detail is { } detail)
                    await o.WriteLineAsync($"  {"",-19} {"",-22} {detail}");
                await o.WriteLineAsync($"  {"",-19} {"",-22} why: {n.Content.Why}{(n.Folded ? $" — held for the next digest: {n.FoldedBecause}" : "")}");
            }
        }
        else
        {
            nudges = (await rules.RunAsync(ct)).Recorded;
        }

        var dueReminders = await reminders.DueAsync(10_000, ct);
        var remindersSent = 0;
        if (dryRun)
        {
            // Who, when (in their own zone) and what: "#12" alone tells the operator nothing.
            var due = await db.Reminders.AsNoTracking().Where(r => dueReminders.Contains(r.Id))
                .Select(r => new { r.Id, r.RepId, r.Text, r.DueAt, Zone = r.Rep!.TimeZoneId }).ToListAsync(ct);
            foreach (var r in due.OrderBy(r => r.DueAt).ThenBy(r => r.Id))
            {
                var zone = RepTime.ZoneOf(r.Zone);
                var local = TimeZoneInfo.ConvertTime(r.DueAt, zone);
                await o.WriteLineAsync($"  reminder            {names.GetValueOrDefault(r.RepId, "#" + r.RepId),-22} {DateFormat.DayAt(local, LocalToday(now, zone))} ({zone.Id}): {r.Text}");
            }
        }
        else
        {
            foreach (var id in dueReminders)
            {
                if (await reminders.DeliverAsync(id, ct))
                    remindersSent++;
            }
        }

        var byRule = string.Join(", ", nudges.GroupBy(n => n.Content.Key.Rule).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
        var (toSend, folds) = (nudges.Count(n => !n.Folded), nudges.Count(n => n.Folded));
        var nudgeLine = $"{toSend} nudge(s) to send now and {folds} held for digests (by rule: {(byRule.Length == 0 ? "none" : byRule)})";
        await o.WriteLineAsync(dryRun
            ? $"Would record {sent} daily digest(s), {weeklySent} weekly digest(s), {nudgeLine}, and {dueReminders.Count} reminder(s); {empty} digest(s) skipped. Nothing was recorded (--dry-run)."
            : $"Recorded for delivery: {sent} daily digest(s) ({empty} skipped as empty or missed), {weeklySent} weekly digest(s), {nudgeLine}, and {remindersSent} reminder(s). The server's outbox delivery sends them.");
        if (sent + weeklySent + toSend + dueReminders.Count == 0)
        {
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NudgeOptions>>().Value;
            var quiet = people.Count(p => InQuietHours(now, RepTime.ZoneOf(p.TimeZoneId), options));
            await o.WriteLineAsync(WhyNothing(now, quiet, people.Count, options));
        }
        return ExitCodes.Ok;
    }

    private static DateOnly LocalToday(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    private static bool InQuietHours(DateTimeOffset now, TimeZoneInfo zone, NudgeOptions options)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        return options.QuietWeekends && local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
            || QuietHours.Contains(TimeOnly.FromDateTime(local.DateTime), options.QuietStart, options.QuietEnd);
    }

    /// <summary>
    /// A run that finds nothing says why, so a zero at night is not taken for a fault: when things go out, in whose
    /// time, and how many people are in their quiet hours right now.
    /// </summary>
    private static string WhyNothing(DateTimeOffset now, int quiet, int people, NudgeOptions o) =>
        $"Nothing goes out at {now.UtcDateTime:HH:mm}Z. Everything goes by each person's own time zone: daily digests at {o.DigestTime:HH:mm}"
        + (o.DigestWeekdaysOnly ? " on weekdays" : "") + $", weekly digests on {o.WeeklyDigestDay}s at {o.WeeklyDigestTime:HH:mm}, nudges from {o.NudgeTime:HH:mm}, "
        + $"and nothing in quiet hours ({o.QuietStart:HH:mm}–{o.QuietEnd:HH:mm}{(o.QuietWeekends ? " and weekends" : "")})"
        + (quiet > 0 ? $" — {quiet} of {people} people are in theirs now." : ".")
        + $" Digests and nudges already recorded are not recorded again. To preview another moment, add --Clock:Now=<time>, e.g. --Clock:Now={NextWeekday(now):yyyy-MM-dd}T15:00:00Z.";

    private static DateOnly NextWeekday(DateTimeOffset now)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            day = day.AddDays(1);
        return day;
    }

    private static async Task<int> StatsAsync(CliContext context)
    {
        var days = 30;
        if (context.Invocation.Options.TryGetValue("days", out var text) && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days is < 1 or > 3650))
        {
            await context.Error.WriteLineAsync("aebot: --days must be a whole number of days between 1 and 3650.");
            return ExitCodes.Usage;
        }
        await context.Services.InitializeDatabaseAsync(seedDemo: false, context.CancellationToken);
        await using var scope = context.Services.CreateAsyncScope();
        var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var stats = await scope.ServiceProvider.GetRequiredService<INudgeLedger>().StatsAsync(now.AddDays(-days), context.CancellationToken);
        var o = context.Out;
        await o.WriteLineAsync($"Nudges recorded in the last {days} days (to {now.UtcDateTime:yyyy-MM-dd HH:mm}Z):");
        await o.WriteLineAsync($"  {"rule",-20} {"sent",7} {"folded",7} {"acted on",9} {"snoozed",8} {"skipped",8} {"ignored",8}");
        foreach (var s in stats)
        {
            // Ignored: delivered (sent or shown in a digest) and nothing pressed. The rules people ignore are the ones to retune.
            var delivered = s.Sent + s.Folded;
            var ignored = delivered == 0 ? "—" : ((delivered - s.ActedOn - s.Snoozed) * 100.0 / delivered).ToString("0", CultureInfo.InvariantCulture) + "%";
            await o.WriteLineAsync($"  {s.Rule,-20} {s.Sent,7} {s.Folded,7} {s.ActedOn,9} {s.Snoozed,8} {s.Skipped,8} {ignored,8}");
        }
        if (stats.Count == 0)
            await o.WriteLineAsync("  (none)");
        await o.WriteLineAsync("acted on = Done, Log, Push date or Open pressed; skipped = digests with nothing in them (recorded, not sent).");

        // Undelivered messages by reason (the five most common), as an operator reads them.
        var outbox = scope.ServiceProvider.GetRequiredService<AeBot.Data.Storage.AeBotDbContext>().Outbox;
        async Task<List<(string Error, int Count, int People)>> ByReasonAsync(IQueryable<AeBot.Data.Capture.OutboxMessageRow> rows) =>
            (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(rows
                .GroupBy(m => m.LastError ?? "unknown")
                .Select(g => new { Error = g.Key, Count = g.Count(), People = g.Select(m => m.ToRepId).Distinct().Count() })
                .OrderByDescending(g => g.Count).Take(5), context.CancellationToken))
            .Select(g => (g.Error, g.Count, g.People)).ToList();

        // Messages that stopped for good: the app removed from a workspace, a user gone, attempts used up.
        var since = now.AddDays(-days);
        var failed = await ByReasonAsync(outbox.Where(m => m.FailedAt != null && m.CreatedAt >= since));
        // Messages still on their way: waiting for a channel (they go out when the person first talks to AeBot) or
        // retrying after a channel error. Undelivered is undelivered, whatever the ledger says was "sent".
        var pending = await ByReasonAsync(outbox.Where(m => m.DeliveredAt == null && m.FailedAt == null && m.LastError != null));
        if (failed.Count == 0 && pending.Count == 0)
            await o.WriteLineAsync("Undelivered: none.");
        if (pending.Count > 0)
        {
            await o.WriteLineAsync($"Undelivered, still pending: {pending.Sum(f => f.Count)} message(s):");
            foreach (var p in pending)
                await o.WriteLineAsync($"  {p.Count,5} to {p.People} person(s): {p.Error}"
                    + (p.Error.StartsWith(AeBot.Data.Channels.OutboxDelivery.WaitingForChannel, StringComparison.Ordinal) ? " (sent when they first talk to AeBot)" : " (retrying)"));
        }
        if (failed.Count > 0)
            await o.WriteLineAsync($"Undelivered (stopped, not retried): {failed.Sum(f => f.Count)} message(s):");
        foreach (var f in failed)
            await o.WriteLineAsync($"  {f.Count,5} to {f.People} person(s): {f.Error}");
        return ExitCodes.Ok;
    }
}
