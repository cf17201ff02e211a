using AeBot.Core.Channels;
using AeBot.Data.Channels;
using Microsoft.Extensions.Options;

namespace AeBot.Delivery;

/// <summary>Section "Delivery": how often recorded proactive messages are sent on (until the scheduler takes this over).</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>Seconds between passes over the outbox; 0 turns delivery off (messages then wait in the outbox).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 3600)]
    public int PollSeconds { get; set; } = 5;

    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;
}

/// <summary>
/// Sends what the outbox holds (handoff notices, and later nudges) on the channel each rep uses. Runs only when a
/// chat channel that can send (Teams, Slack) is configured; each pass is safe to run on several instances at once.
/// </summary>
internal sealed partial class OutboxDeliveryService(IServiceScopeFactory scopes, IOptions<DeliveryOptions> options, ILogger<OutboxDeliveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await using (var probe = scopes.CreateAsyncScope())
        {
            if (settings.PollSeconds == 0 || !probe.ServiceProvider.GetServices<IChannelMessenger>().Any())
            {
                LogOff(logger);
                return;
            }
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.PollSeconds));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().DeliverDueAsync(settings.BatchSize, stoppingToken);
                if (result.Total > 0)
                    LogPass(logger, result.Sent, result.Retrying, result.Failed);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox delivery is off (no chat channel configured, or Delivery:PollSeconds = 0)")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: {Sent} sent, {Retrying} to retry, {Failed} failed")]
    private static partial void LogPass(ILogger logger, int sent, int retrying, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox delivery pass failed; next pass continues")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

public static class DeliveryServiceCollectionExtensions
{
    public static IServiceCollection AddOutboxDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<OutboxDeliveryService>();
        return services;
    }
}
