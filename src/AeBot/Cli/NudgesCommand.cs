using AeBot.Core.Nudges;
using AeBot.Core.Reminders;
using AeBot.Hosting;

namespace AeBot.Cli;

/// <summary>
/// <c>aebot nudges run [--dry-run]</c>: what is due now (honouring <c>Clock:Now</c>) — daily digests and reminders.
/// With --dry-run it only prints; without, it records them for delivery exactly as the scheduler would (each once:
/// running it again, or beside the server, sends nothing twice). The server's outbox delivery then sends them.
/// </summary>
public static class NudgesCommand
{
    public static async Task<int> RunAsync(CliContext context)
    {
        if (context.Invocation.Arguments is not ["run"])
        {
            await context.Error.WriteLineAsync("aebot: usage: aebot nudges run [--dry-run]");
            return ExitCodes.Usage;
        }
        var dryRun = context.Invocation.Options.ContainsKey("dry-run");
        await context.Services.InitializeDatabaseAsync(seedDemo: false, context.CancellationToken);
        await using var scope = context.Services.CreateAsyncScope();
        var digests = scope.ServiceProvider.GetRequiredService<DailyDigests>();
        var reminders = scope.ServiceProvider.GetRequiredService<IReminderDelivery>();
        var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await context.Out.WriteLineAsync($"{(dryRun ? "Would send" : "Sending")} what is due at {now.UtcDateTime:yyyy-MM-dd HH:mm}Z:");

        int sent = 0, empty = 0;
        foreach (var (repId, date) in await digests.DueAsync(context.CancellationToken))
        {
            DigestOutcome outcome;
            if (dryRun)
            {
                (outcome, var name, var plan) = await digests.PreviewAsync(repId, date, context.CancellationToken);
                var what = outcome == DigestOutcome.Sent && plan is not null
                    ? $"{plan.Overdue.Count} overdue, {plan.DueToday.Count} due today, {plan.Renewals.Count} renewals, {plan.Stale.Count} stale, {plan.PastClose.Count} past close date"
                    : $"skipped ({outcome.ToString().ToLowerInvariant()})";
                await context.Out.WriteLineAsync($"  daily-digest  {name,-22} {date:ddd d MMM}  {what}");
            }
            else
            {
                outcome = await digests.SendAsync(repId, date, context.CancellationToken);
            }
            if (outcome == DigestOutcome.Sent)
                sent++;
            else
                empty++;
        }
        var dueReminders = await reminders.DueAsync(10_000, context.CancellationToken);
        var remindersSent = 0;
        foreach (var id in dueReminders)
        {
            if (dryRun)
                await context.Out.WriteLineAsync($"  reminder      #{id}");
            else if (await reminders.DeliverAsync(id, context.CancellationToken))
                remindersSent++;
        }
        await context.Out.WriteLineAsync(dryRun
            ? $"{sent} digest(s) and {dueReminders.Count} reminder(s) would be sent; {empty} digest(s) skipped. Nothing was recorded (--dry-run)."
            : $"Recorded for delivery: {sent} digest(s) ({empty} skipped as empty or missed) and {remindersSent} reminder(s). The server's outbox delivery sends them.");
        return ExitCodes.Ok;
    }
}
