using AeBot.Core.Answers;
using AeBot.Core.Conversation;
using AeBot.Core.Understanding;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;

namespace AeBot.Core;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>Registers the conversation core every channel talks to.</summary>
    public static IServiceCollection AddConversationCore(this IServiceCollection services)
    {
        services.AddSingleton(sp => new PeriodParser(new FiscalCalendar(sp.GetRequiredService<IOptions<AeBotOptions>>().Value.FiscalYearStartMonth)));
        services.AddMemoryCache();
        services.AddScoped<NameCatalog>();
        services.AddScoped<Understander>();
        services.AddScoped<PipelineAnswers>();
        services.AddScoped<ResultsAnswers>();
        services.AddScoped<QuotaAnswers>();
        services.AddScoped<TeamAnswers>();
        services.AddScoped<IConversationCore, ConversationCore>();
        return services;
    }
}
