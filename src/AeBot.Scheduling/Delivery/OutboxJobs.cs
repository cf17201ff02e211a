using AeBot.Data.Channels;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace AeBot.Scheduling.Delivery;

/// <summary>A channel failed for some of a recipient's messages; Hangfire retries the job with backoff.</summary>
public sealed class ChannelDeliveryException(string message) : Exception(message);

/// <summary>
/// The one sender of the outbox (handoff notices, reminders, nudges, digests): delivery jobs enqueued by the scans
/// for the recipients with new messages, and every minute by <see cref="SweepAsync"/> for anyone else with a message
/// due (one recorded by a chat turn, a retry whose time has come, rows a crash left behind), <see cref="RecipientsPerJob"/> per job
/// (Hangfire's SQLite storage takes ~3 ms to create a job, so one job per person would make a 10,000-person run
/// spend half a minute just enqueueing): each sends its people's due outbox rows one person at a time on their
/// channel, paced by the channel's own limiter. A transient failure throws, so Hangfire retries the job on the
/// same schedule the outbox row records (1, 2, 4 … minutes) — the row is claimed before each send, so the job, its
/// retries, the background outbox pass and other instances never send a row twice. 403/404 from a channel mark
/// the recipient unreachable: reported, not retried.
/// </summary>
public sealed partial class OutboxJobs(OutboxDelivery delivery, IBackgroundJobClient jobs, ILogger<OutboxJobs> logger)
{
    public const int RecipientsPerJob = 25;

    public const string SweepJobId = "outbox-sweep";

    /// <summary>How many people one sweep enqueues for at most (a 10,000-person digest run is enqueued by its scan).</summary>
    public const int MaxRecipientsPerSweep = 5_000;

    /// <summary>Enqueues delivery jobs for everyone with a message due now; returns how many jobs.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var recipients = await delivery.DueRecipientsAsync(MaxRecipientsPerSweep, cancellationToken);
        var enqueued = EnqueueFor(jobs, recipients);
        if (enqueued > 0)
            LogSwept(logger, recipients.Count, enqueued);
        return enqueued;
    }

    /// <summary>Enqueues delivery for these recipients, <see cref="RecipientsPerJob"/> to a job.</summary>
    public static int EnqueueFor(IBackgroundJobClient jobs, IReadOnlyList<long> recipients)
    {
        var count = 0;
        foreach (var chunk in recipients.Chunk(RecipientsPerJob))
        {
            jobs.Enqueue<OutboxJobs>(j => j.DeliverToAsync(chunk, CancellationToken.None));
            count++;
        }
        return count;
    }

    /// <summary>
    /// Sends each recipient's due messages; throws when any could not be sent yet, so Hangfire retries the job — the
    /// retry finds the delivered ones claimed and done, and sends only what is still due.
    /// </summary>
    [AutomaticRetry(Attempts = OutboxDelivery.MaxAttempts - 1, DelaysInSeconds = [60, 120, 240, 480, 960, 1920, 3600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task<int> DeliverToAsync(long[] repIds, CancellationToken cancellationToken)
    {
        int sent = 0, retrying = 0;
        foreach (var repId in repIds)
        {
            var result = await delivery.DeliverDueAsync(100, cancellationToken, repId);
            if (result.Failed > 0)
                LogFailed(logger, result.Failed, repId);
            (sent, retrying) = (sent + result.Sent, retrying + result.Retrying);
        }
        if (retrying > 0)
            throw new ChannelDeliveryException($"{retrying} message(s) for {repIds.Length} recipient(s) could not be delivered yet; retrying with backoff");
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox sweep: {Recipients} people with messages due, {Jobs} delivery job(s) enqueued")]
    private static partial void LogSwept(ILogger logger, int recipients, int jobs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failed} message(s) for rep {RepId} stopped for good (recipient unreachable or attempts used up)")]
    private static partial void LogFailed(ILogger logger, int failed, long repId);
}
