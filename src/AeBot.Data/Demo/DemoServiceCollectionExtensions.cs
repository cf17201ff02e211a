using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AeBot.Data.Demo;

public static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddDemoCompany(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName));
        services.AddScoped<DemoCompany>();
        return services;
    }
}
