using AeBot.Core.Nudges;
using AeBot.Scheduling.Delivery;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace AeBot.Scheduling.Nudges;

/// <summary>
/// Every five minutes: the unscheduled rules for the whole company in one set-based pass
/// (<see cref="UnscheduledNudges"/>), each nudge recorded once with its message in the outbox, then one delivery job
/// jobs for the recipients (<see cref="OutboxJobs"/>). A crash between the two leaves rows in the outbox that the next
/// pass's jobs (or the outbox service) send; nothing is recorded twice.
/// </summary>
public sealed partial class NudgeJobs(UnscheduledNudges nudges, IBackgroundJobClient jobs, ILogger<NudgeJobs> logger)
{
    public const string ScanJobId = "nudge-scan";

    [DisableConcurrentExecution(10 * 60)]
    [AutomaticRetry(Attempts = 0)] // the next run, five minutes later, is the retry
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var result = await nudges.RunAsync(cancellationToken);
        if (result.Recipients.Count > 0)
            LogEnqueued(logger, OutboxJobs.EnqueueFor(jobs, result.Recipients), result.Recipients.Count);
        return result.Sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Nudge deliveries: {Jobs} delivery job(s) enqueued for {Recipients} recipient(s)")]
    private static partial void LogEnqueued(ILogger logger, int jobs, int recipients);
}
