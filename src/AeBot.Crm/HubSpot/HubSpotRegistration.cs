using System.Net.Http.Headers;
using AeBot.Crm.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace AeBot.Crm.HubSpot;

internal static class HubSpotRegistration
{
    /// <summary>
    /// The HubSpot client as <see cref="ICrmSource"/> and <see cref="ICrmWriter"/>: a typed HttpClient with the standard
    /// resilience handler (retrying reads only) and, inside it, the handler that counts every attempt. Expects
    /// <c>IOptions&lt;CrmOptions&gt;</c> to be configured by the caller.
    /// </summary>
    internal static IServiceCollection AddHubSpotCrm(this IServiceCollection services)
    {
        // Wall clock, not the app's (possibly fixed, demo) business clock: pacing and Retry-After are real seconds.
        services.AddSingleton(sp => new HubSpotPacer(sp.GetRequiredService<IOptions<CrmOptions>>().Value.HubSpot, TimeProvider.System));
        services.AddTransient<HubSpotUsageHandler>();
        var client = services.AddHttpClient(nameof(HubSpotClient), (sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<CrmOptions>>().Value.HubSpot;
                http.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.AccessToken);
            })
            .AddTypedClient((http, sp) => new HubSpotClient(http, TimeProvider.System, sp.GetRequiredService<HubSpotPacer>(),
                sp.GetRequiredService<IOptions<CrmOptions>>().Value.HubSpot, sp.GetRequiredService<ILogger<HubSpotClient>>()));
        client.AddStandardResilienceHandler(o =>
            {
                // Retry reads (GET, and the POSTs that only read: search and association batch reads) on 5xx and
                // transport failures. Never a create or update: its outcome is unknown, the caller looks first.
                // Not 429 either: the client waits that out itself, by HubSpot's Retry-After.
                o.Retry.ShouldHandle = args => ValueTask.FromResult(IsRead(args.Context.GetRequestMessage()) && args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    { Result: { } response } => (int)response.StatusCode >= 500,
                    _ => false,
                });
            });
        client.AddHttpMessageHandler<HubSpotUsageHandler>(); // added last: innermost, below the retries
        // One client per scope — a sync run, which reads and writes through the same instance — so what it learns of
        // the account (time zone, company currency) is read once per run and again by the next.
        services.AddScoped<ICrmSource>(sp => sp.GetRequiredService<HubSpotClient>());
        services.AddScoped<ICrmWriter>(sp => (HubSpotClient)sp.GetRequiredService<ICrmSource>());
        return services;
    }

    private static bool IsRead(HttpRequestMessage? request) =>
        request is not null && (request.Method == HttpMethod.Get
            || request.Method == HttpMethod.Post && request.RequestUri is { } uri
               && (uri.AbsolutePath.EndsWith("/search", StringComparison.Ordinal) || uri.AbsolutePath.EndsWith("/batch/read", StringComparison.Ordinal)));
}
