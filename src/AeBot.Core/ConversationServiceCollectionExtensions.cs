using AeBot.Core.Conversation;
using Microsoft.Extensions.DependencyInjection;

namespace AeBot.Core;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>Registers the conversation core every channel talks to.</summary>
    public static IServiceCollection AddConversationCore(this IServiceCollection services)
    {
        services.AddScoped<IConversationCore, HelpOnlyConversationCore>();
        return services;
    }
}
