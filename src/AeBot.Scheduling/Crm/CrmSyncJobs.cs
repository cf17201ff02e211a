using AeBot.Crm.Sync;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace AeBot.Scheduling.Crm;

/// <summary>
/// The CRM sync every <c>Crm:SyncMinutes</c>: one run at a time across every instance sharing the database (Hangfire's
/// distributed lock, and the sync's own lease for a CLI run beside the server). A failed run is not retried by
/// Hangfire: the next one resumes from the cursors.
/// </summary>
public sealed class CrmSyncJobs(IServiceProvider services)
{
    public const string JobId = "crm-sync";

    [DisableConcurrentExecution(30 * 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<string> SyncAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<CrmSync>().RunAsync(full: false, progress: null, cancellationToken);
        return $"{report.Outcome}: {report.Read.Values.Sum(c => c.Changed)} changed, {report.WritesSent} sent";
    }
}
