using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using AeBot.Core.Channels;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AeBot.Inbound;

/// <summary>Section "Inbound": how the engine works through stored requests from every chat channel.</summary>
public sealed class InboundOptions
{
    public const string SectionName = "Inbound";

    /// <summary>
    /// Conversations answered at the same time (each conversation's requests one after another, in order): one slow
    /// answer — a rate-limited DM, an unreachable response_url — holds up only its own conversation.
    /// </summary>
    [Range(1, 256)]
    public int MaxParallelConversations { get; set; } = 16;

    /// <summary>Seconds between looks at the queue when nothing signalled (another instance's requests, due retries).</summary>
    [Range(1, 60)]
    public int PollSeconds { get; set; } = 1;

    /// <summary>
    /// How long a claim lasts without being renewed. The engine renews its claims every third of it while a turn
    /// runs, so only a dead instance's claims run out — then another instance (or this one, restarted) takes them.
    /// </summary>
    [Range(3, 3600)]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Attempts before a failing request is given up (logged; the row keeps the error).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// A turn still running after this long is stopped and counted as a failed attempt: a hung call cannot hold its
    /// conversation (or one of the engine's places) for ever.
    /// </summary>
    [Range(10, 3600)]
    public int TurnTimeoutSeconds { get; set; } = 300;
}

/// <summary>
/// The one engine for stored inbound requests, whatever channel they came from. It keeps up to
/// <see cref="InboundOptions.MaxParallelConversations"/> items running and claims more as soon as one finishes or a
/// new request is signalled — no pass waits for its slowest item. A conversation's next item is claimable only once
/// its earlier one is settled (the queue's rule), so order holds per conversation, across instances too. A failure
/// goes back to the queue with its due time (<see cref="RetryDelay"/>), a platform's rate limit with the wait it asked for
/// (not counted as an attempt) — never a wait on a worker. Completion is recorded per item, as soon as it is done.
/// </summary>
internal sealed partial class InboundEngine(
    IServiceScopeFactory scopes, InboundSignal signal, IOptions<InboundOptions> options, TimeProvider clock, ILogger<InboundEngine> logger) : BackgroundService
{
    /// <summary>Platforms retry within the hour; a week of settled requests is kept for investigation.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    // Leases and due times measure real waiting (a platform's Retry-After, a dead worker), not business time.
    private static TimeProvider Wall => TimeProvider.System;

    private readonly ConcurrentDictionary<long, Running> _running = new(); // the renewal loop reads it too

    /// <summary>This instance, as the claimer of its items: only it may renew or settle them.</summary>
    private readonly string _claimer = Guid.NewGuid().ToString("N");

    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _exhaustedCheckedAt = DateTimeOffset.MinValue;
    private long _claimRounds;

    /// <summary>A turn in progress, and how to stop it (the engine stops, the turn times out, its claim was lost).</summary>
    private sealed record Running(Task Task, CancellationTokenSource Stop);

    /// <summary>How many times the engine has looked at the queue (for tests that wait a few looks).</summary>
    internal long ClaimRounds => Interlocked.Read(ref _claimRounds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IReadOnlyCollection<string> channels;
        await using (var probe = scopes.CreateAsyncScope())
            channels = probe.ServiceProvider.GetServices<IInboundHandler>().Select(h => h.Channel).Distinct().ToList();
        if (channels.Count == 0)
        {
            LogOff(logger);
            return;
        }
        var settings = options.Value;
        var lease = TimeSpan.FromSeconds(settings.LeaseSeconds);
        using var renewing = new CancellationTokenSource();
        var renewal = RenewLoopAsync(lease, renewing.Token);
        Task? woken = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Reap();
                await HousekeepAsync(settings, stoppingToken);
                var free = settings.MaxParallelConversations - _running.Count;
                var claimed = free > 0 ? await ClaimAsync(channels, free, lease, stoppingToken) : [];
                foreach (var item in claimed)
                {
                    var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    stop.CancelAfter(TimeSpan.FromSeconds(settings.TurnTimeoutSeconds));
                    _running[item.Id] = new Running(RunAsync(item, stop.Token, stoppingToken), stop);
                }
                if (claimed.Count > 0 && claimed.Count == free)
                    continue; // full: the wait below is for the first to finish
                // One outstanding wait on the signal, kept across rounds (a new one each round would leave waiters
                // behind that swallow later signals).
                woken ??= signal.WaitAsync(TimeSpan.FromSeconds(settings.PollSeconds), stoppingToken);
                if (await Task.WhenAny(_running.Values.Select(r => r.Task).Append(woken)) == woken)
                {
                    if (woken.IsCanceled)
                        break;
                    woken = null;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            try
            {
                // Turns that were running see the stop and put their items back (see RunAsync). RunAsync settles
                // every outcome itself, so this only waits.
                await Task.WhenAll(_running.Values.Select(r => r.Task)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            finally
            {
                await renewing.CancelAsync();
                await renewal;
                Reap();
            }
        }
    }

    private void Reap()
    {
        foreach (var done in _running.Where(r => r.Value.Task.IsCompleted).ToList())
        {
            _running.TryRemove(done.Key, out _);
            done.Value.Stop.Dispose();
        }
    }

    /// <summary>
    /// Every half minute, items whose every attempt died with its process are given up (so they cannot block their
    /// conversation, or take instance after instance down, for ever); once an hour, old settled items are pruned.
    /// </summary>
    private async Task HousekeepAsync(InboundOptions settings, CancellationToken cancellationToken)
    {
        var now = Wall.GetUtcNow();
        if (now - _exhaustedCheckedAt >= TimeSpan.FromSeconds(30))
        {
            _exhaustedCheckedAt = now;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var given = await scope.ServiceProvider.GetRequiredService<IInboundQueue>().GiveUpExhaustedAsync(settings.MaxAttempts, now, clock.GetUtcNow(), cancellationToken);
                if (given > 0)
                    LogExhausted(logger, given, settings.MaxAttempts);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogClaimFailed(logger, e);
            }
        }
        await PruneIfDueAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<InboundItem>> ClaimAsync(IReadOnlyCollection<string> channels, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IInboundQueue>().ClaimAsync(channels, max, Wall.GetUtcNow(), lease, _claimer, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogClaimFailed(logger, e); // the next round tries again
            return [];
        }
        finally
        {
            Interlocked.Increment(ref _claimRounds);
        }
    }

    /// <summary>
    /// One item, in its own scope: completed, failed (due again later, or given up), deferred (a rate limit, the
    /// engine stopping) — whatever happens, it is settled here, and nothing escapes (the engine's loop only waits).
    /// </summary>
    private async Task RunAsync(InboundItem item, CancellationToken turnToken, CancellationToken stoppingToken)
    {
        await Task.Yield(); // the engine's loop goes on claiming while this runs
        IInboundQueue? queue = null;
        IInboundHandler? handler = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            queue = scope.ServiceProvider.GetRequiredService<IInboundQueue>();
            handler = scope.ServiceProvider.GetServices<IInboundHandler>().First(h => h.Channel == item.Channel);
            try
            {
                await handler.HandleAsync(new InboundTurn(item, queue) { IsLastAttempt = item.Attempts >= options.Value.MaxAttempts }, turnToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: back in the queue at once for the next instance (or this one, restarted); not an attempt.
                await SettleAsync(() => queue.DeferAsync(item, "stopped while processing", Wall.GetUtcNow(), CancellationToken.None), item);
                return;
            }
            catch (ChannelThrottledException e)
            {
                LogThrottled(logger, item.Channel, item.Id, e.Method, e.RetryAfter.TotalSeconds);
                await SettleAsync(() => queue.DeferAsync(item, e.Message, Wall.GetUtcNow() + e.RetryAfter, CancellationToken.None), item);
                return;
            }
            catch (Exception e)
            {
                // A timed-out turn (or one whose claim was taken over) lands here too: counted as a failed attempt.
                var permanent = handler.IsPermanent(e) || item.Attempts >= options.Value.MaxAttempts;
                LogItemFailed(logger, e, item.Channel, item.Kind, item.Id, item.Attempts, permanent);
                DateTimeOffset? retryAt = permanent ? null : Wall.GetUtcNow() + RetryDelay(item.Attempts);
                await SettleAsync(() => queue.FailAsync(item, e.Message, retryAt, clock.GetUtcNow(), CancellationToken.None), item);
                return;
            }
            // Completed as soon as it is answered (outside the try: a failure to record it must not schedule the
            // answer again): a crash later cannot answer it a second time.
            await SettleAsync(() => queue.CompleteAsync(item, clock.GetUtcNow(), CancellationToken.None), item);
        }
        catch (Exception e)
        {
            // Not even started (no scope, no handler): its claim runs out and it is tried again, counted, until the
            // engine gives it up (GiveUpExhaustedAsync).
            LogSettleFailed(logger, e, item.Channel, item.Id);
        }
    }

    /// <summary>
    /// 2, 6, 18, 54 s, then a minute: someone is waiting for the answer, so the first retry comes quickly (a lost
    /// connection, a deadlock) and the whole run of attempts stays within a couple of minutes.
    /// </summary>
    public static TimeSpan RetryDelay(int attempts) => TimeSpan.FromSeconds(Math.Min(60, 2 * Math.Pow(3, Math.Max(0, attempts - 1))));

    private async Task SettleAsync(Func<Task> settle, InboundItem item)
    {
        try
        {
            await settle();
        }
        catch (Exception e)
        {
            // The claim runs out and the item is taken again: at least once, with the stored answer if there is one.
            LogSettleFailed(logger, e, item.Channel, item.Id);
        }
    }

    /// <summary>
    /// Every third of the lease, the claims of the items still running are extended. A turn whose claim was not
    /// extended — taken over after renewals failed for a whole lease — is stopped: the other owner answers it.
    /// </summary>
    private async Task RenewLoopAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(lease / 3, Wall);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var running = _running.Where(r => !r.Value.Task.IsCompleted).ToList();
                if (running.Count == 0)
                    continue;
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var renewed = (await scope.ServiceProvider.GetRequiredService<IInboundQueue>()
                        .RenewAsync([.. running.Select(r => r.Key)], _claimer, Wall.GetUtcNow() + lease, cancellationToken)).ToHashSet();
                    foreach (var lost in running.Where(r => !renewed.Contains(r.Key) && !r.Value.Task.IsCompleted))
                    {
                        LogClaimLost(logger, lost.Key);
                        await lost.Value.Stop.CancelAsync();
                    }
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    LogRenewFailed(logger, e, running.Count);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Once an hour: settled requests older than <see cref="Retention"/> go, a thousand at a time.</summary>
    private async Task<int> PruneIfDueAsync(CancellationToken cancellationToken)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound engine is off: no chat channel that stores requests is configured")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound queue: {Count} settled request(s) older than the retention deleted")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound queue: pruning failed; tried again in an hour")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbound queue: claiming failed; the next round tries again")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound item {ItemId}: its claim was taken over (renewals failed for a whole lease); this turn stops")]
    private static partial void LogClaimLost(ILogger logger, long itemId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbound queue: {Count} item(s) given up after {Attempts} attempts that each ended with their process")]
    private static partial void LogExhausted(ILogger logger, int count, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound queue: renewing {Count} claim(s) failed; tried again shortly")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbound {Channel} item {ItemId} could not be settled; its claim runs out and it is taken again")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string channel, long itemId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel} item {ItemId}: {Method} rate-limited; due again in {Seconds} s")]
    private static partial void LogThrottled(ILogger logger, string channel, long itemId, string method, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} {Kind} {ItemId} failed (attempt {Attempts}, giving up: {Permanent})")]
    private static partial void LogItemFailed(ILogger logger, Exception exception, string channel, string kind, long itemId, int attempts, bool permanent);
}

public static class InboundServiceCollectionExtensions
{
    /// <summary>The inbound engine; it runs in the server only (<paramref name="run"/>), for the channels that registered a handler.</summary>
    public static IServiceCollection AddInboundEngine(this IServiceCollection services, IConfiguration configuration, bool run)
    {
        services.AddOptions<InboundOptions>().Bind(configuration.GetSection(InboundOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<InboundSignal>();
        if (run)
            services.AddHostedService<InboundEngine>();
        return services;
    }
}
