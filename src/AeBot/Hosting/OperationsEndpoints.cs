using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace AeBot.Hosting;

public static class OperationsEndpoints
{
    /// <summary>
    /// <c>/health</c>: 200 "Healthy" when the database answers, 503 otherwise — for load balancers and uptime checks.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsJsonAsync(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), durationMs = e.Value.Duration.TotalMilliseconds }),
                });
            },
        });
        return endpoints;
    }
}
