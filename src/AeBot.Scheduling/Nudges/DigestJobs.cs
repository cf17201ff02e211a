using AeBot.Core.Nudges;
using AeBot.Scheduling.Delivery;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace AeBot.Scheduling.Nudges;

/// <summary>
/// Every five minutes: whoever has reached the digest time in their own zone today and has not had today's digest
/// gets it (or has it recorded as empty), and managers their weekly digest on its day. Each digest is its own ledger
/// entry, so an overlap with another instance, a retry or the next run never sends one twice; each one sent gets a
/// delivery job.
/// </summary>
public sealed partial class DigestJobs(DailyDigests digests, WeeklyDigests weekly, IBackgroundJobClient jobs, ILogger<DigestJobs> logger)
{
    public const string ScanJobId = "daily-digest-scan";

    [DisableConcurrentExecution(10 * 60)]
    [AutomaticRetry(Attempts = 0)] // the next run, five minutes later, is the retry
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var due = await digests.DueAsync(cancellationToken);
        var sent = 0;
        var recipients = new List<long>();
        for (var i = 0; i < due.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await digests.SendAsync(due[i].RepId, due[i].LocalDate, cancellationToken) == DigestOutcome.Sent)
            {
                sent++;
                recipients.Add(due[i].RepId);
            }
            if ((i + 1) % 500 == 0)
                LogProgress(logger, i + 1, due.Count);
        }
        if (due.Count > 0)
            LogDone(logger, due.Count, sent);
        foreach (var (repId, date) in await weekly.DueAsync(cancellationToken))
        {
            if (await weekly.SendAsync(repId, date, cancellationToken) == DigestOutcome.Sent)
            {
                sent++;
                recipients.Add(repId);
            }
        }
        OutboxJobs.EnqueueFor(jobs, recipients);
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily digests: {Done} of {Total} people handled")]
    private static partial void LogProgress(ILogger logger, int done, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily digests: {Total} people due, {Sent} digest(s) recorded for delivery (the rest were empty)")]
    private static partial void LogDone(ILogger logger, int total, int sent);
}
