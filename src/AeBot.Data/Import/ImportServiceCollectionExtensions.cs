using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AeBot.Data.Import;

public static class ImportServiceCollectionExtensions
{
    public static IServiceCollection AddCrmImport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImportOptions>()
            .Bind(configuration.GetSection(ImportOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<CrmImporter>();
        return services;
    }
}
