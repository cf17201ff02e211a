using AeBot.Core.Reminders;
using AeBot.Hosting;

namespace AeBot.Cli;

/// <summary>
/// <c>aebot reminders [--due] [--as &lt;who&gt;] [--limit N]</c>: pending reminders, oldest due first; with --due only
/// those whose time has come (what a scheduler would deliver now).
/// </summary>
public static class RemindersCommand
{
    public static async Task<int> RunAsync(CliContext context)
    {
        var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var limit = context.Invocation.Options.TryGetValue("limit", out var limitText) && int.TryParse(limitText, out var l) && l > 0 ? l : 1_000;
        await context.Services.InitializeDatabaseAsync(seedDemo: false, context.CancellationToken);
        await using var scope = context.Services.CreateAsyncScope();
        var (found, repId) = await context.OptionalRepAsync(scope.ServiceProvider);
        if (!found)
            return ExitCodes.UnknownUser;
        var due = context.Invocation.Options.ContainsKey("due");
        var reminders = await scope.ServiceProvider.GetRequiredService<IReminderQueries>().PendingAsync(repId, due ? now : null, limit, context.CancellationToken);
        foreach (var r in reminders)
            await context.Out.WriteLineAsync($"#{r.Id,-5} {r.DueAt.UtcDateTime:yyyy-MM-dd HH:mm}Z  {(r.DueAt <= now ? "DUE " : "    ")} {r.RepName,-20} {r.Channel,-5} {r.Text}");
        await context.Out.WriteLineAsync($"{reminders.Count} pending reminder(s){(due ? $" due by {now.UtcDateTime:yyyy-MM-dd HH:mm}Z" : "")}.");
        return ExitCodes.Ok;
    }
}
