using AeBot.Core.Crm;
using AeBot.Crm.HubSpot;
using AeBot.Crm.Salesforce;
using AeBot.Crm.Sync;
using AeBot.Data.Crm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AeBot.Crm;

public static class CrmServiceCollectionExtensions
{
    /// <summary>
    /// Live CRM sync, on when <c>Crm:Provider</c> is set (options validated at start either way): the provider's
    /// client, the sync run, its status and the answers to write-back questions.
    /// </summary>
    public static IServiceCollection AddCrmSync(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(CrmOptions.SectionName);
        services.AddOptions<CrmOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var options = section.Get<CrmOptions>() ?? new CrmOptions();
        if (!options.Enabled)
            return services;

        if (options.Kind == CrmProvider.HubSpot)
            services.AddHubSpotCrm();
        else
            services.AddSalesforceCrm();
        services.AddScoped<ChatChangeFeed>();
        services.AddScoped<CrmSync>();
        services.AddScoped<CrmStatus>();
        services.Replace(ServiceDescriptor.Scoped<ICrmConflicts, CrmConflicts>());
        services.AddMemoryCache();
        services.Replace(ServiceDescriptor.Scoped<IDataFreshness, CrmFreshness>());
        return services;
    }
}
