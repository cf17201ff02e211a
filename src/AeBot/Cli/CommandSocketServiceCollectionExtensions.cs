namespace AeBot.Cli;

public static class CommandSocketServiceCollectionExtensions
{
    /// <summary>The server side: answer commands run beside this server (only <c>aebot serve</c> calls this).</summary>
    public static IServiceCollection AddCommandSocket(this IServiceCollection services)
    {
        services.AddOptions<CommandSocketOptions>().BindConfiguration(CommandSocketAddress.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<CommandSocketServer>();
        return services;
    }
}
