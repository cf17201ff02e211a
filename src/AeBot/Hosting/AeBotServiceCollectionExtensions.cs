using AeBot.Core;
using AeBot.Crm;
using AeBot.Core.Time;
using AeBot.Data.Demo;
using AeBot.Data.Import;
using AeBot.Data.Storage;
using AeBot.Inbound;
using AeBot.Scheduling;
using AeBot.Slack;
using AeBot.Teams;
using AeBot.Telemetry;
using Microsoft.Extensions.Options;

namespace AeBot.Hosting;

/// <summary>The composition root shared by the server and every command.</summary>
public static class AeBotServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddAeBotServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<AeBotOptions>()
            .Bind(configuration.GetSection(AeBotOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => RepTime.FindZone(o.DefaultTimeZone) is not null, "AeBot:DefaultTimeZone is not a time zone id known to this machine (e.g. America/New_York).")
            .ValidateOnStart();
        services.AddOptions<AeBot.Core.Nudges.NudgeOptions>()
            .Bind(configuration.GetSection(AeBot.Core.Nudges.NudgeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddClock(configuration);
        services.AddConversationCore();
        services.AddAeBotStorage(configuration);
        services.AddCrmImport(configuration);
        services.AddCrmSync(configuration);
        services.AddDemoCompany(configuration);
        // Channels that can send on their own (proactive messages) are part of every host, the CLI's too.
        services.AddTeams(configuration, builder.Environment);
        // Socket Mode connects from the server only; commands can still send through Slack.
        services.AddSlack(configuration, runSocketMode: builder is Microsoft.AspNetCore.Builder.WebApplicationBuilder);
        // Stored Slack and Teams requests are answered by the server's inbound engine.
        services.AddInboundEngine(configuration, run: builder is Microsoft.AspNetCore.Builder.WebApplicationBuilder);
        // Every host can schedule (a reminder set from the CLI); the server runs the jobs.
        services.AddScheduling(configuration, runServer: builder is Microsoft.AspNetCore.Builder.WebApplicationBuilder);
        services.AddHealthChecks()
            .AddDbContextCheck<AeBotDbContext>("database", tags: [OperationsEndpoints.Ready])
            .AddSchedulerCheck(OperationsEndpoints.Ready);
        // Last: it decorates the core, the audit log and the nudge ledger. Only the server exports (when configured).
        services.AddTelemetry(configuration, export: builder is Microsoft.AspNetCore.Builder.WebApplicationBuilder);
        return builder;
    }

    /// <summary>"Now" is the system clock unless <c>Clock:Now</c> fixes it.</summary>
    private static IServiceCollection AddClock(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClockOptions>().Bind(configuration.GetSection(ClockOptions.SectionName));
        services.AddSingleton<TimeProvider>(sp =>
            sp.GetRequiredService<IOptions<ClockOptions>>().Value.Now is { } fixedNow ? new FixedTimeProvider(fixedNow) : TimeProvider.System);
        return services;
    }

    /// <summary>Applies migrations and, when configured and the database is empty, creates the demo company.</summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, bool seedDemo, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        await initializer.MigrateAsync(cancellationToken);
        if (seedDemo && scope.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value.Seed && await initializer.IsEmptyAsync(cancellationToken))
            await scope.ServiceProvider.GetRequiredService<DemoCompany>().SeedAsync(cancellationToken);
    }
}
