using AeBot.Core.Channels;
using AeBot.Core.Organization;
using AeBot.Slack.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeBot.Slack.Inbound;

/// <summary>Wakes the worker as soon as a request is stored, instead of at its next poll.</summary>
internal sealed class SlackQueueSignal
{
    private readonly SemaphoreSlim _signal = new(0); // a spare release after a timeout costs one empty pass
    private int _signalled;

    /// <summary>Called for every stored request: after the first, until the worker wakes, it costs one read.</summary>
    public void Notify()
    {
        if (Volatile.Read(ref _signalled) == 0 && Interlocked.Exchange(ref _signalled, 1) == 0)
            _signal.Release();
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _signal.WaitAsync(timeout, cancellationToken);
        Volatile.Write(ref _signalled, 0); // woken (or timed out): the next request signals again
    }
}

/// <summary>
/// Processes stored Slack requests (until the scheduler issue moves this to Hangfire): claims a few at a time —
/// compare-and-swap, so several instances share the work — runs each in its own scope, retries failures with
/// growing delays and gives up after a few attempts (logged; the row keeps the error).
/// </summary>
internal sealed partial class SlackInboundWorker(IServiceScopeFactory scopes, SlackQueueSignal signal, IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackInboundWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    public const int MaxAttempts = 5;
    private const int BatchSize = 50;

    /// <summary>Slack retries within the hour; a week of settled requests is kept for investigation.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromSeconds(options.Value.WorkerPollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = await PassAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, e);
                handled = 0;
            }
            if (handled == 0)
            {
                await PruneIfDueAsync(stoppingToken);
                try
                {
                    await signal.WaitAsync(idle, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One pass: the due items, each processed once. Returns how many were taken.</summary>
    public async Task<int> PassAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<InboundItem> items;
        await using (var scope = scopes.CreateAsyncScope())
            items = await scope.ServiceProvider.GetRequiredService<IInboundQueue>().ClaimAsync(ChatChannels.Slack, BatchSize, clock.GetUtcNow(), Lease, cancellationToken);
        // Each person's requests in the order they came; different people side by side (bounded).
        var people = items.GroupBy(SlackTurnProcessor.PersonOf).Select(g => g.OrderBy(i => i.Id).ToList()).ToList();
        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelPeople, CancellationToken = cancellationToken },
            async (requests, ct) =>
            {
                foreach (var item in requests)
                    await ProcessAsync(item, ct);
            });
        return items.Count;
    }

    private async Task ProcessAsync(InboundItem item, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<IInboundQueue>();
        try
        {
            await scope.ServiceProvider.GetRequiredService<SlackTurnProcessor>().ProcessAsync(item, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var permanent = e is SlackApiException { IsPermanentForRecipient: true } or System.Text.Json.JsonException || item.Attempts >= MaxAttempts;
            LogItemFailed(logger, e, item.Id, item.Kind, item.Attempts, permanent);
            var retryAt = permanent ? (DateTimeOffset?)null : clock.GetUtcNow().AddSeconds(Math.Pow(4, item.Attempts));
            await queue.FailAsync(item.Id, e.Message, retryAt, clock.GetUtcNow(), CancellationToken.None);
            return;
        }
        // Completed as soon as it is answered (outside the try: a failure to record it must not schedule the answer
        // again): a crash later in the pass cannot answer it a second time.
        await queue.CompleteAsync([item.Id], clock.GetUtcNow(), CancellationToken.None);
    }

    /// <summary>Once an hour, when idle: settled requests older than <see cref="Retention"/> go, a thousand at a time.</summary>
    public async Task<int> PruneIfDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now - _prunedAt < TimeSpan.FromHours(1))
            return 0;
        _prunedAt = now;
        var total = 0;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var queue = scope.ServiceProvider.GetRequiredService<IInboundQueue>();
            int pruned;
            do
            {
                pruned = await queue.PruneAsync(now - Retention, 1000, cancellationToken);
                total += pruned;
            }
            while (pruned == 1000 && !cancellationToken.IsCancellationRequested);
            if (total > 0)
                LogPruned(logger, total);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPruneFailed(logger, e); // tried again in an hour
        }
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack queue: {Count} settled request(s) older than the retention deleted")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack queue: pruning failed; tried again in an hour")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack queue pass failed; the next one continues")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Kind} {ItemId} failed (attempt {Attempts}, giving up: {Permanent})")]
    private static partial void LogItemFailed(ILogger logger, Exception exception, long itemId, string kind, int attempts, bool permanent);
}
