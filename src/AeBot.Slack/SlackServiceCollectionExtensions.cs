using System.Text;
using AeBot.Charts;
using AeBot.Core.Channels;
using AeBot.Slack.Api;
using AeBot.Slack.Blocks;
using AeBot.Slack.Hosting;
using AeBot.Slack.Identity;
using AeBot.Slack.Inbound;
using Microsoft.AspNetCore.Routing;
using Polly;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeBot.Slack;

public static partial class SlackServiceCollectionExtensions
{
    /// <summary>The Slack channel; on when <c>Slack:BotToken</c> is set (and then a signing secret is required at start-up).</summary>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration, bool runSocketMode)
    {
        var section = configuration.GetSection(SlackOptions.SectionName);
        services.AddOptions<SlackOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var options = section.Get<SlackOptions>() ?? new SlackOptions();
        if (!options.Enabled)
            return services;

        services.AddMemoryCache();
        services.AddHttpClient<SlackApiClient>((sp, http) =>
        {
            http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl);
            http.Timeout = TimeSpan.FromSeconds(90); // the resilience handler's timeouts (below) come first
        }).AddStandardResilienceHandler(o =>
        {
            // 429 is Slack telling us how long to wait: SlackApiClient turns it into ChannelThrottledException, and the
            // work goes back to its queue for that long.
            // Only reads are retried in place: a write (chat.postMessage…) that failed with a 5xx or a dropped
            // connection may still have been carried out, so it goes back to its queue, whose retry looks for the
            // answer before posting it again.
            o.Retry.ShouldHandle = args => ValueTask.FromResult(args.Context.GetRequestMessage()?.Method == HttpMethod.Get
                && (args.Outcome.Exception is HttpRequestException || args.Outcome.Result is { } r && (int)r.StatusCode >= 500));
            o.Retry.MaxRetryAttempts = 3;
            o.Retry.UseJitter = true;
            // A slow answer from Slack is waited for rather than cut off and posted again: a post timed out on our
            // side may still have gone through. (The circuit breaker samples at least twice the attempt timeout.)
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(20);
            o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(40);
            o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(75);
        });
        services.AddHttpClient("SlackResponseUrl").AddStandardResilienceHandler();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<SlackOptions>>().Value;
            return new SlackRequestVerifier(Encoding.UTF8.GetBytes(o.SigningSecret ?? ""), TimeSpan.FromMinutes(o.MaxClockSkewMinutes), TimeProvider.System);
        });
        services.TryAddSingleton<InboundSignal>();
        services.AddSingleton<SlackPacer>();
        services.TryAddSingleton<ChartRenderer>();
        services.AddScoped<SlackIdentityResolver>();
        services.AddScoped<SlackReplies>();
        services.AddScoped<SlackTurnProcessor>();
        services.AddSingleton<SlackInboundRouter>();
        services.AddScoped<SlackHome>();
        services.AddScoped<SlackAssistant>();
        services.AddScoped<SlackMessenger>();
        services.AddScoped<IChannelMessenger>(sp => sp.GetRequiredService<SlackMessenger>());
        services.AddScoped<IInboundHandler, SlackInboundHandler>(); // the inbound engine (the server's) processes stored requests
        if (runSocketMode && !string.IsNullOrWhiteSpace(options.AppToken))
        {
            services.AddHttpClient(SlackSocketMode.HttpClientName).AddStandardResilienceHandler();
            services.AddSingleton<SlackSocketMode>();
            services.AddHostedService(sp => sp.GetRequiredService<SlackSocketMode>());
        }
        return services;
    }

    /// <summary>The Slack endpoints, when Slack is on; otherwise they are absent and the log says so.</summary>
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("AeBot.Slack");
        if (!options.Enabled)
        {
            LogOff(logger);
            return endpoints;
        }
        SlackEndpoints.Map(endpoints, options);
        LogOn(logger, options.PathPrefix);
        return endpoints;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack is off (no Slack:BotToken); its endpoints are not served")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack: {Prefix}/events, /commands and /interactivity served; every request is verified with the signing secret")]
    private static partial void LogOn(ILogger logger, string prefix);
}
