using AeBot.Data.Channels;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace AeBot.Scheduling.Delivery;

/// <summary>A channel failed for some of a recipient's messages; Hangfire retries the job with backoff.</summary>
public sealed class ChannelDeliveryException(string message) : Exception(message);

/// <summary>
/// One delivery job per recipient with new messages (enqueued by the scans): sends that person's due outbox rows on
/// their channel, paced by the channel's own limiter. A transient failure throws, so Hangfire retries the job on the
/// same schedule the outbox row records (1, 2, 4 … minutes) — the row is claimed before each send, so the job, its
/// retries, the background outbox pass and other instances never send a row twice. 403/404 from a channel mark
/// the recipient unreachable: reported, not retried.
/// </summary>
public sealed partial class OutboxJobs(OutboxDelivery delivery, ILogger<OutboxJobs> logger)
{
    [AutomaticRetry(Attempts = OutboxDelivery.MaxAttempts - 1, DelaysInSeconds = [60, 120, 240, 480, 960, 1920, 3600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task<int> DeliverToAsync(long repId, CancellationToken cancellationToken)
    {
        var result = await delivery.DeliverDueAsync(100, cancellationToken, repId);
        if (result.Failed > 0)
            LogFailed(logger, result.Failed, repId);
        if (result.Retrying > 0)
            throw new ChannelDeliveryException($"{result.Retrying} message(s) for rep {repId} could not be delivered yet; retrying with backoff");
        return result.Sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failed} message(s) for rep {RepId} stopped for good (recipient unreachable or attempts used up)")]
    private static partial void LogFailed(ILogger logger, int failed, long repId);
}
