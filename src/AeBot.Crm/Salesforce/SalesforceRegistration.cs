using AeBot.Crm.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace AeBot.Crm.Salesforce;

internal static class SalesforceRegistration
{
    /// <summary>
    /// The Salesforce client as the CRM source and writer. One client for the process (it holds the session and the
    /// usage counts) over a named HttpClient whose connections are recycled every few minutes (DNS changes are seen
    /// without recreating handlers). The standard resilience handler retries reads on 5xx and transport errors; a
    /// write is never repeated in place (its outcome is unknown: the writer's key and FindActivityAsync decide).
    /// </summary>
    internal static IServiceCollection AddSalesforceCrm(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(SalesforceClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler(o =>
            {
                o.Retry.DisableForUnsafeHttpMethods();
                // A queryMore page of 2,000 records with subqueries can take a while on a busy org.
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(60);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(120);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(4);
            });
        services.AddSingleton(sp => new SalesforceClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(SalesforceClient.HttpClientName),
            sp.GetRequiredService<IOptions<CrmOptions>>().Value.Salesforce,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICrmSource>(sp => sp.GetRequiredService<SalesforceClient>());
        services.AddSingleton<ICrmWriter>(sp => sp.GetRequiredService<SalesforceClient>());
        return services;
    }
}
