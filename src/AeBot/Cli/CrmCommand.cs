using System.Globalization;
using AeBot.Crm;
using AeBot.Crm.Sync;
using AeBot.Hosting;
using Microsoft.Extensions.Options;

namespace AeBot.Cli;

/// <summary>
/// <c>aebot crm sync [--full]</c>: one sync run — pending write-backs first, then what changed in the CRM — with
/// progress on stderr and what changed on stdout; exit 1 when the run failed (token refused, CRM unreachable).
/// <c>aebot crm status</c>: cursors, the last runs, write-backs still to send or waiting for a rep's answer.
/// </summary>
public static class CrmCommand
{
    public static async Task<int> RunAsync(CliContext context)
    {
        var options = context.Services.GetRequiredService<IOptions<CrmOptions>>().Value;
        if (context.Invocation.Arguments is not (["sync"] or ["status"]))
        {
            await context.Error.WriteLineAsync("aebot: usage: aebot crm sync [--full] | aebot crm status");
            return ExitCodes.Usage;
        }
        if (!options.Enabled)
        {
            await context.Error.WriteLineAsync("aebot: no CRM is connected (set Crm:Provider to HubSpot or Salesforce; see README \"Connect your CRM\").");
            return ExitCodes.Configuration;
        }
        await context.Services.InitializeDatabaseAsync(seedDemo: false, context.CancellationToken);
        return context.Invocation.Arguments[0] == "sync" ? await SyncAsync(context) : await StatusAsync(context, options);
    }

    private static async Task<int> SyncAsync(CliContext context)
    {
        var full = context.Invocation.Options.ContainsKey("full");
        await using var scope = context.Services.CreateAsyncScope();
        var sync = scope.ServiceProvider.GetRequiredService<CrmSync>();
        var report = await sync.RunAsync(full, new SynchronousProgress(context.Error), context.CancellationToken);
        var o = context.Out;
        await o.WriteLineAsync($"{report.Provider} sync ({(report.Full ? "full" : "incremental")}): {report.Outcome}" +
            (report.FinishedAt is { } end ? $" in {(end - report.StartedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s" : "") +
            $", {report.Requests} request(s)");
        await o.WriteLineAsync($"Sent to {report.Provider}: {report.WritesSent} change(s)" +
            (report.WritesConflicted > 0 ? $", {report.WritesConflicted} waiting for the rep's answer (changed in {report.Provider} meanwhile)" : "") +
            (report.WritesWaiting > 0 ? $", {report.WritesWaiting} to retry" : "") +
            (report.WritesFailed > 0 ? $", {report.WritesFailed} failed" : "") +
            (report.WritesDropped > 0 ? $", {report.WritesDropped} with nothing left to send" : ""));
        foreach (var (type, c) in report.Read)
        {
            await o.WriteLineAsync($"  {type,-11} {c.Created,7} new {c.Updated,7} changed {c.Deleted,6} deleted {c.Unchanged,7} unchanged {c.Skipped,5} skipped" +
                (c.Swept > 0 ? $", {c.Swept} no longer in {report.Provider} (removed)" : ""));
        }
        foreach (var skipped in report.Skipped.Take(20))
            await o.WriteLineAsync($"  skipped {skipped.Type.ToString().ToLowerInvariant()} {skipped.Id}: {skipped.Reason}");
        if (report.Skipped.Count > 20)
            await o.WriteLineAsync($"  … and {report.Skipped.Count - 20} more skipped");
        if (report.Error is not null)
            await context.Error.WriteLineAsync($"aebot: {report.Error}");
        return report.Outcome is "ok" or "partial" ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static async Task<int> StatusAsync(CliContext context, CrmOptions options)
    {
        await using var scope = context.Services.CreateAsyncScope();
        var status = await scope.ServiceProvider.GetRequiredService<CrmStatus>().ReadAsync(options.Kind!.Value.ToString(), context.CancellationToken);
        var o = context.Out;
        await o.WriteLineAsync($"CRM: {status.Provider}, synced every {options.SyncMinutes} minute(s) by the server");
        var last = status.Runs.FirstOrDefault();
        if (last is null)
            await o.WriteLineAsync("Last run: never — run 'aebot crm sync' (or start the server)");
        else
        {
            await o.WriteLineAsync($"Last run: {Stamp(last.StartedAt)} {(last.Full ? "full" : "incremental")}, {last.Outcome}{(last.Error is null ? "" : " — " + last.Error)}");
            if (last.Outcome == "auth")
                await o.WriteLineAsync($"  {status.Provider} refused AeBot's credentials: chat answers use the data of the last successful sync" +
                    (status.LastSuccess is { } ok ? $" ({Stamp(ok.FinishedAt ?? ok.StartedAt)})" : "") + " until the token is fixed.");
        }
        if (status.LastSuccess is { } success && !ReferenceEquals(success, last) && success.StartedAt != last?.StartedAt)
            await o.WriteLineAsync($"Last successful run: {Stamp(success.FinishedAt ?? success.StartedAt)}");
        await o.WriteLineAsync("Cursors (read up to):");
        foreach (var cursor in status.Cursors)
            await o.WriteLineAsync($"  {cursor.ObjectType,-13} {(cursor.Position is { } p ? "change #" + p.ToString(CultureInfo.InvariantCulture) : cursor.Since is { } s ? Stamp(s) : "not yet read")}");
        await o.WriteLineAsync($"Write-backs: {status.Sent} sent, {status.Unsettled.Count(w => w.State == "pending")} pending, " +
            $"{status.Unsettled.Count(w => w.State == "conflict")} waiting for a rep's answer, {status.Failed} failed");
        foreach (var w in status.Unsettled)
            await o.WriteLineAsync($"  #{w.Id} ({w.Kind}, chat change {w.BotChangeId}): {w.State}, {w.Attempts} attempt(s)" +
                (w.NextAttemptAt is { } next ? $", next {Stamp(next)}" : "") + (w.LastError is null ? "" : " — " + w.LastError));
        return ExitCodes.Ok;
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z";

    /// <summary>Progress written as it is reported (Progress&lt;T&gt; posts to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }
}
