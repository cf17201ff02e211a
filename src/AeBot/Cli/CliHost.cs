using AeBot.Core.Reminders;
using AeBot.Hosting;

namespace AeBot.Cli;

/// <summary>
/// The host a command runs in: the server's services and configuration, built for a process that lives one command
/// long. What the default builder adds for a long-running process is left out — file watchers on appsettings, the
/// console, debug and EventSource log providers, scope validation — and the reminder scheduler (Hangfire's storage)
/// is only opened when a turn schedules a reminder. docs/performance.md ("CLI start-up") has the measurements.
/// </summary>
internal static class CliHost
{
    /// <param name="read">The command's configuration when it was already read (ask, looking for a server): read once.</param>
    public static HostApplicationBuilder CreateBuilder(Invocation invocation, TextWriter stderr, IConfigurationRoot? read = null)
    {
        var args = invocation.ConfigurationArgs;
        var environment = CliConfiguration.EnvironmentName(args);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = ContentRoot.Locate(),
            EnvironmentName = environment,
            ApplicationName = typeof(CliHost).Assembly.GetName().Name,
        });
        var configuration = builder.Configuration;
        if (read is null)
            CliConfiguration.AddSources(configuration, args, environment);
        else
            configuration.AddConfiguration(read);

        // stdout carries the command's answer (and --json); logs are plain lines on stderr, whatever
        // Logging:Console:FormatterName says for the server. A command prints its own summary; the log only adds
        // warnings and errors unless asked for more (e.g. Logging:Console:LogLevel:AeBot=Information).
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        builder.Logging.AddProvider(new CliLoggerProvider(stderr));
        builder.Logging.AddFilter<CliLoggerProvider>(null, LogLevel.Warning);

        builder.AddAeBotServices();
        DeferReminderScheduler(builder.Services);
        return builder;
    }

    /// <summary>
    /// Most turns never schedule a reminder, but the abilities that can take the scheduler in their constructors:
    /// with scheduling on, that would open Hangfire's storage (its own SQLite file and schema check) on every
    /// <c>aebot ask</c>. The registered scheduler is created on its first use instead.
    /// </summary>
    private static void DeferReminderScheduler(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IReminderScheduler) || descriptor.IsKeyedService || descriptor.Lifetime != ServiceLifetime.Singleton)
                continue;
            Func<IServiceProvider, object> create = descriptor.ImplementationFactory
                ?? (descriptor.ImplementationInstance is { } instance ? _ => instance : sp => ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));
            services[i] = ServiceDescriptor.Singleton<IReminderScheduler>(sp => new DeferredReminderScheduler(() => (IReminderScheduler)create(sp)));
        }
    }
}
