using AeBot.Hosting;

namespace AeBot.Cli;

/// <summary>
/// A command's configuration: the sources and order of <c>Host.CreateApplicationBuilder</c> (later ones win),
/// without reload-on-change. Shared by the command host and by <c>aebot ask</c>'s check for a running server,
/// which must see exactly what the command itself would.
/// </summary>
internal static class CliConfiguration
{
    /// <summary>The environment where the default builder takes it from: DOTNET_ENVIRONMENT, or --environment.</summary>
    public static string EnvironmentName(string[] args)
    {
        var hostSettings = new ConfigurationBuilder().AddEnvironmentVariables("DOTNET_").AddCommandLine(args).Build();
        return hostSettings[HostDefaults.EnvironmentKey] is { Length: > 0 } named ? named : Environments.Production;
    }

    public static IConfigurationRoot Build(string[] args)
    {
        var builder = new ConfigurationBuilder().SetBasePath(ContentRoot.Locate());
        AddSources(builder, args, EnvironmentName(args));
        return builder.Build();
    }

    public static void AddSources(IConfigurationBuilder configuration, string[] args, string environment)
    {
        configuration.AddEnvironmentVariables("DOTNET_").AddCommandLine(args);
        configuration.AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{environment}.json", optional: true, reloadOnChange: false);
        if (string.Equals(environment, Environments.Development, StringComparison.OrdinalIgnoreCase))
            configuration.AddUserSecrets(typeof(CliConfiguration).Assembly, optional: true, reloadOnChange: false);
        configuration.AddEnvironmentVariables().AddCommandLine(args);
    }
}
