using AeBot.Core.Conversation;
using AeBot.Core.Organization;
using AeBot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AeBot.Tests.Conversation;

/// <summary>AeBot's real services without the web server, and one conversation turn through them.</summary>
internal static class TestHosts
{
    /// <summary>A host with the production composition root over the given settings, database migrated.</summary>
    public static async Task<IHost> StartAsync(Dictionary<string, string?> settings, bool seedDemo)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddAeBotServices();
        var host = builder.Build();
        await host.Services.InitializeDatabaseAsync(seedDemo);
        return host;
    }

    /// <summary>One turn as a channel would send it, from the rep with that e-mail.</summary>
    public static async Task<Reply> AskAsync(IServiceProvider services, string email, string text, string conversation, string? payload = null, DateTimeOffset? at = null)
    {
        await using var scope = services.CreateAsyncScope();
        var rep = await scope.ServiceProvider.GetRequiredService<IRepDirectory>().FindAsync(email, default)
            ?? throw new InvalidOperationException($"No rep {email}");
        return await scope.ServiceProvider.GetRequiredService<IConversationCore>().HandleAsync(
            new IncomingMessage(ChatChannels.WebChat, new RepIdentity(rep.Id, rep.Name, rep.Role, rep.TimeZoneId), conversation, text, payload, null, at ?? ConversationFixture.Now), default);
    }
}
