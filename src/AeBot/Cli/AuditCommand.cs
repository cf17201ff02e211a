using System.Globalization;
using AeBot.Core.Audit;
using AeBot.Hosting;

namespace AeBot.Cli;

/// <summary>
/// <c>aebot audit --since &lt;2026-11-01 | 2026-11-28T09:00Z | 24h | 7d&gt; [--as &lt;who&gt;] [--limit N]</c>: the turns
/// recorded since then, oldest first.
/// </summary>
public static class AuditCommand
{
    public static async Task<int> RunAsync(CliContext context)
    {
        var clock = context.Services.GetRequiredService<TimeProvider>();
        if (!context.Invocation.Options.TryGetValue("since", out var sinceText) || ParseSince(sinceText, clock.GetUtcNow()) is not { } since)
        {
            await context.Error.WriteLineAsync("aebot: audit needs --since <date, date-time, or a duration such as 24h or 7d>.");
            return ExitCodes.Usage;
        }
        var limit = context.Invocation.Options.TryGetValue("limit", out var limitText) && int.TryParse(limitText, out var l) && l > 0 ? l : 1_000;
        await context.Services.InitializeDatabaseAsync(seedDemo: false, context.CancellationToken);
        await using var scope = context.Services.CreateAsyncScope();
        var (found, repId) = await context.OptionalRepAsync(scope.ServiceProvider);
        if (!found)
            return ExitCodes.UnknownUser;
        var records = await scope.ServiceProvider.GetRequiredService<IAuditLog>().SinceAsync(since, repId, limit, context.CancellationToken);
        foreach (var (r, name) in records)
        {
            await context.Out.WriteLineAsync(
                $"{r.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  {r.Channel,-5} {name,-20} {r.Outcome,-13} {r.Intent,-15} {r.LatencyMs,5} ms  \"{OneLine(r.Text, 80)}\" → {OneLine(r.ReplySummary, 80)}"
                + (r.Entities.Length > 0 ? $"  [{r.Entities}]" : ""));
        }
        await context.Out.WriteLineAsync($"{records.Count} turn(s) since {since.UtcDateTime:yyyy-MM-dd HH:mm}Z.");
        return ExitCodes.Ok;
    }

    internal static DateTimeOffset? ParseSince(string? text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var t = text.Trim();
        if (t.Length > 1 && int.TryParse(t[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            switch (char.ToLowerInvariant(t[^1]))
            {
                case 'm': return now.AddMinutes(-n);
                case 'h': return now.AddHours(-n);
                case 'd': return now.AddDays(-n);
            }
        }
        return DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }

    private static string OneLine(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }
}
