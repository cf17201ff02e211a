using AeBot.Core.Reminders;
using AeBot.Data.Storage;
using AeBot.Scheduling.Hosting;
using AeBot.Scheduling.Reminders;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeBot.Scheduling;

public static partial class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire with storage matching the data store (its own SQLite file, or a schema in the shared PostgreSQL
    /// database so several instances share one queue). Every host can schedule (the CLI's reminders too); only the
    /// server, <paramref name="runServer"/>, processes jobs.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration, bool runServer)
    {
        var section = configuration.GetSection(SchedulingOptions.SectionName);
        services.AddOptions<SchedulingOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var options = section.Get<SchedulingOptions>() ?? new SchedulingOptions();
        if (!options.Enabled)
            return services;

        // The storage is this host's own singleton, registered before AddHangfire so Hangfire takes it from DI rather
        // than from its static JobStorage.Current (two hosts in one process — tests, a CLI command beside the server —
        // would otherwise write into each other's storage).
        services.AddSingleton<JobStorage>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var scheduling = sp.GetRequiredService<IOptions<SchedulingOptions>>().Value;
            if (storage.Provider == StorageProvider.Postgres)
            {
                var postgres = new PostgreSqlStorageOptions
                {
                    SchemaName = scheduling.PostgresSchema,
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.FromSeconds(scheduling.PollSeconds),
                };
                return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(storage.ConnectionString, postgres, null), postgres);
            }
            var path = scheduling.JobsSqlitePath(storage.SqlitePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new SQLiteStorage(path, new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(scheduling.PollSeconds), JournalMode = SQLiteStorageOptions.JournalModes.WAL });
        });
        // Likewise the activator: Hangfire's default is the static JobActivator.Current, which the last host to start
        // overwrites, so a job run by one host would resolve its services from another (possibly disposed) one.
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<Hangfire.Logging.ILogProvider>(sp => new HostBoundLogProvider(sp.GetRequiredService<ILoggerFactory>()));
        services.AddHangfire((sp, config) => config
            .UseLogProvider(sp.GetRequiredService<Hangfire.Logging.ILogProvider>())
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.Replace(ServiceDescriptor.Singleton<IReminderScheduler, HangfireReminderScheduler>());
        services.AddScoped<ReminderJobs>();
        services.AddScoped<Nudges.DigestJobs>();
        services.AddScoped<Nudges.NudgeJobs>();
        services.AddScoped<Delivery.OutboxJobs>();
        services.AddScoped<Crm.CrmSyncJobs>();
        if (runServer)
        {
            services.AddHangfireServer((sp, server) =>
            {
                var scheduling = sp.GetRequiredService<IOptions<SchedulingOptions>>().Value;
                server.WorkerCount = scheduling.WorkerCount;
                server.SchedulePollingInterval = TimeSpan.FromSeconds(scheduling.PollSeconds);
                server.ServerName = ServerName;
            });
            services.AddHostedService<RecurringJobsSetup>();
        }
        return services;
    }

    /// <summary>This process's Hangfire server (the readiness check looks for its heartbeat among every instance's).</summary>
    internal static string ServerName { get; } = $"aebot-{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>
    /// The check "scheduler": Hangfire's storage answers and, with scheduling on, this instance's server beats.
    /// </summary>
    public static IHealthChecksBuilder AddSchedulerCheck(this IHealthChecksBuilder checks, params string[] tags) =>
        checks.AddCheck<SchedulerHealthCheck>("scheduler", tags: tags);

    /// <summary>The dashboard at <c>Scheduling:DashboardPath</c>, for this machine only unless an API key is configured.</summary>
    public static IEndpointRouteBuilder MapScheduling(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<SchedulingOptions>>().Value;
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("AeBot.Scheduling");
        if (!options.Enabled)
        {
            LogOff(logger);
            return endpoints;
        }
        endpoints.MapHangfireDashboard(options.DashboardPath, new DashboardOptions
        {
            Authorization = [new DashboardAccess(options.DashboardApiKey)],
            DashboardTitle = "AeBot jobs",
            DisplayStorageConnectionString = false, // it may hold the database password
        });
        LogOn(logger, options.DashboardPath, options.DashboardApiKey is null ? "this machine only" : "this machine, or with the API key");
        return endpoints;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduling is off (Scheduling:Enabled=false): reminders wait in the database")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hangfire dashboard at {Path}, open to {Who}")]
    private static partial void LogOn(ILogger logger, string path, string who);
}

/// <summary>Registers the recurring jobs when the server starts (idempotent: the same ids are updated, not added).</summary>
internal sealed class RecurringJobsSetup(IRecurringJobManager recurring, IOptions<AeBot.Crm.CrmOptions> crm) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (crm.Value.Enabled)
            recurring.AddOrUpdate<Crm.CrmSyncJobs>(Crm.CrmSyncJobs.JobId, j => j.SyncAsync(CancellationToken.None), Every(crm.Value.SyncMinutes));
        else
            recurring.RemoveIfExists(Crm.CrmSyncJobs.JobId);
        recurring.AddOrUpdate<ReminderJobs>(ReminderJobs.SweepJobId, j => j.SweepAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<Delivery.OutboxJobs>(Delivery.OutboxJobs.SweepJobId, j => j.SweepAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<Nudges.DigestJobs>(Nudges.DigestJobs.ScanJobId, j => j.ScanAsync(CancellationToken.None), "*/5 * * * *");
        recurring.AddOrUpdate<Nudges.NudgeJobs>(Nudges.NudgeJobs.ScanJobId, j => j.ScanAsync(CancellationToken.None), "*/5 * * * *");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Every N minutes as cron: minutes up to 59, whole hours above (rounded down).</summary>
    internal static string Every(int minutes) =>
        minutes < 60 ? $"*/{minutes} * * * *" : minutes >= 1440 ? "0 0 * * *" : $"0 */{minutes / 60} * * *";
}
