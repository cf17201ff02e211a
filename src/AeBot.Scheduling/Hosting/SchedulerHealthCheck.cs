using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AeBot.Scheduling.Hosting;

/// <summary>
/// Ready when Hangfire's storage answers and — with scheduling on — this instance's Hangfire server has sent a heartbeat
/// recently (it beats every 30 s). Off (<c>Scheduling:Enabled=false</c>), there is nothing to wait for.
/// </summary>
internal sealed class SchedulerHealthCheck(IServiceProvider services, IOptions<SchedulingOptions> options) : IHealthCheck
{
    /// <summary>Four missed heartbeats: longer than a busy database's hiccup, shorter than Hangfire's own 5-minute timeout.</summary>
    public static readonly TimeSpan HeartbeatWindow = TimeSpan.FromMinutes(2);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || services.GetService<JobStorage>() is not { } storage)
            return Task.FromResult(HealthCheckResult.Healthy("Scheduling is off (Scheduling:Enabled=false)"));
        IList<Hangfire.Storage.Monitoring.ServerDto> servers;
        try
        {
            servers = storage.GetMonitoringApi().Servers();
        }
        catch (Exception e)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, "Hangfire's job storage does not answer", e));
        }
        // Hangfire names a server "{ServerName}:{process id}:{guid}"; several instances share the storage.
        var own = servers.Where(s => s.Name.StartsWith(SchedulingServiceCollectionExtensions.ServerName + ":", StringComparison.OrdinalIgnoreCase))
            .MaxBy(s => s.Heartbeat ?? DateTime.MinValue);
        if (own is null)
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, "This instance's Hangfire server has not started"));
        // Heartbeats are wall-clock UTC, whatever Clock:Now says AeBot's "now" is.
        var age = TimeProvider.System.GetUtcNow().UtcDateTime - (own.Heartbeat ?? DateTime.MinValue);
        return Task.FromResult(age <= HeartbeatWindow
            ? HealthCheckResult.Healthy($"Hangfire server heartbeat {Math.Max(0, age.TotalSeconds):0} s ago; {servers.Count} server(s) share the job storage")
            : new HealthCheckResult(context.Registration.FailureStatus, $"No heartbeat from this instance's Hangfire server for {age.TotalSeconds:0} s"));
    }
}
