using AeBot.Charts;
using AeBot.Core.Channels;
using AeBot.Teams.Bot;
using AeBot.Teams.Cards;
using AeBot.Teams.Hosting;
using AeBot.Teams.Identity;
using AeBot.Teams.Proactive;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeBot.Teams;

public static partial class TeamsServiceCollectionExtensions
{
    public const string MessagesPath = "/api/messages";
    public const string ChartsPath = "/api/charts";

    /// <summary>
    /// The Teams channel. On when <c>Teams:MicrosoftAppId</c> is set (every request then needs a valid Bot Framework
    /// token) or, without one, in Development only (anonymous, for local testing with a Bot Framework client).
    /// </summary>
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = TeamsOptions.Effective(configuration);
        services.AddOptions<TeamsOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        if (!IsServed(section.Get<TeamsOptions>() ?? new TeamsOptions(), environment))
            return services;

        services.AddHttpClient();
        services.AddMemoryCache();
        // The SDK reads its own keys (MicrosoftAppType/Id/Password/TenantId, metadata URLs) from the same section.
        services.TryAddSingleton<ServiceClientCredentialsFactory>(sp => new ConfigurationServiceClientCredentialFactory(
            section, sp.GetRequiredService<IHttpClientFactory>().CreateClient("BotFrameworkLogin"), sp.GetRequiredService<ILoggerFactory>().CreateLogger("AeBot.Teams.Credentials")));
        services.TryAddSingleton<BotFrameworkAuthentication>(sp => new ReusingBotFrameworkAuthentication(
            new ConfigurationBotFrameworkAuthentication(
                section, sp.GetRequiredService<ServiceClientCredentialsFactory>(), null, sp.GetRequiredService<IHttpClientFactory>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("AeBot.Teams.Authentication")),
            TimeProvider.System)); // wall-clock: a cache lifetime, not business time
        services.AddSingleton<TeamsAdapter>();
        services.AddSingleton<TeamsPacer>();
        services.AddSingleton<TeamsTurnRunner>();
        services.TryAddSingleton<ChartRenderer>();
        services.AddSingleton(sp => new AdaptiveCardRenderer(sp.GetRequiredService<ChartRenderer>(), sp.GetRequiredService<IOptions<TeamsOptions>>().Value.MaxCardBytes));
        services.AddScoped<TeamsReplies>();
        services.AddScoped<TeamsIdentityResolver>();
        services.AddScoped<TeamsBot>();
        services.TryAddSingleton<InboundSignal>();
        services.AddScoped<IInboundHandler, TeamsInboundHandler>(); // stored messages, answered by the server's inbound engine
        services.AddScoped<TeamsMessenger>();
        services.AddScoped<IChannelMessenger>(sp => sp.GetRequiredService<TeamsMessenger>());
        return services;
    }

    /// <summary><c>POST /api/messages</c>, when the channel is on (see <see cref="AddTeams"/>); otherwise logs why not.</summary>
    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder endpoints, IHostEnvironment environment)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value;
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("AeBot.Teams");
        if (!IsServed(options, environment))
        {
            LogNotServed(logger, MessagesPath);
            return endpoints;
        }
        if (options.AuthenticationEnabled)
        {
            if (options.EffectiveAllowedTenants() is null)
                LogAnyTenant(logger);
            LogServed(logger, MessagesPath, options.MicrosoftAppType);
        }
        else
            LogAnonymous(logger, MessagesPath);

        endpoints.MapPost(MessagesPath, (RequestDelegate)(http => http.RequestServices.GetRequiredService<TeamsAdapter>()
            .HandleAsync(http, http.RequestServices.GetRequiredService<TeamsBot>(), http.RequestServices.GetRequiredService<IInboundLedger>())))
            .ExcludeFromDescription();
        // Chart pictures for cards: public by design (Teams clients fetch them without our token); the 128-bit
        // random id is the only key, and pictures expire.
        endpoints.MapGet(ChartsPath + "/{id:regex(^[0-9a-f]{{32}}\\.png$)}", async (string id, IChartImages images, TimeProvider clock, CancellationToken cancellationToken) =>
            await images.FindAsync(id[..^4], clock.GetUtcNow(), cancellationToken) is { } png
                ? Results.File(png, "image/png")
                : Results.NotFound()).ExcludeFromDescription();
        return endpoints;
    }

    private static bool IsServed(TeamsOptions options, IHostEnvironment environment) => options.AuthenticationEnabled || environment.IsDevelopment();

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams: {Path} is not served — Teams:MicrosoftAppId is not set and this is not Development (anonymous Bot Framework requests are only accepted there)")]
    private static partial void LogNotServed(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: {Path} accepts ANONYMOUS requests (Development, no Teams:MicrosoftAppId). Never expose this server publicly like this.")]
    private static partial void LogAnonymous(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams: {Path} served for a {AppType} bot; every request needs a valid Bot Framework token")]
    private static partial void LogServed(ILogger logger, string path, string appType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams: a MultiTenant bot with no Teams:AllowedTenants accepts users of any tenant")]
    private static partial void LogAnyTenant(ILogger logger);
}
