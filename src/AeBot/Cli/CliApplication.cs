using AeBot.Core.Understanding;
using AeBot.Hosting;
using Microsoft.Extensions.Options;

namespace AeBot.Cli;

/// <summary>Runs an operator command with the server's services and configuration, without starting the server.</summary>
public static class CliApplication
{
    public static async Task<int> RunAsync(Invocation invocation, TextWriter? stdout = null, TextWriter? stderr = null, TextReader? stdin = null, StartupTrace? trace = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        stdin ??= Console.In;
        trace ??= StartupTrace.Off;
        if (invocation.Error is not null)
        {
            await stderr.WriteLineAsync($"aebot: {invocation.Error}\n\n{CommandLine.Usage}");
            return ExitCodes.Usage;
        }
        if (invocation.Command == "help")
        {
            await stdout.WriteLineAsync(CommandLine.Usage);
            return ExitCodes.Ok;
        }
        if (invocation.Command == "teams-package")
            return await TeamsPackageCommand.RunAsync(invocation, stdout, stderr);
        if (invocation.Command == "health")
            return await HealthCommand.RunAsync(invocation, stdout, stderr);

        trace.Mark("parsed");
        IConfigurationRoot? configuration = null;
        if (invocation.Command == "ask")
        {
            configuration = CliConfiguration.Build(invocation.ConfigurationArgs);
            if (await CommandSocketClient.TryRunAsync(invocation, configuration, stdout, stderr, trace) is { } answered)
                return answered;
        }
        if (invocation.Command is "ask" or "chat")
        {
            // Reading dates builds the recogniser's several hundred regular expressions, half a second of a cold `ask`
            // (docs/performance.md). Nearly every question reads dates, so the second core builds it while this one
            // sets up the services and checks the database.
            _ = Task.Run(PeriodParser.Warm);
        }
        var builder = CliHost.CreateBuilder(invocation, stderr, configuration);
        trace.Mark("configuration read, services registered");
        using var host = builder.Build();
        trace.Mark("host built");
        if (ConfigurationCheck.Problems(host.Services) is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
                await stderr.WriteLineAsync($"aebot: {problem}");
            return ExitCodes.Configuration;
        }
        trace.Mark("options validated");

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        var context = new CliContext(host.Services, invocation, stdout, stderr, stdin, cancellation.Token) { Trace = trace };
        try
        {
            return invocation.Command switch
            {
                "import" => await ImportCommand.RunAsync(context),
                "seed-demo" => await SeedDemoCommand.RunAsync(context),
                "ask" => await AskCommand.RunAsync(context),
                "chat" => await ChatCommand.RunAsync(context),
                "audit" => await AuditCommand.RunAsync(context),
                "reminders" => await RemindersCommand.RunAsync(context),
                "nudges" => await NudgesCommand.RunAsync(context),
                "crm" => await CrmCommand.RunAsync(context),
                _ => ExitCodes.Usage,
            };
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("aebot: cancelled");
            return ExitCodes.Cancelled;
        }
    }
}

public sealed record CliContext(IServiceProvider Services, Invocation Invocation, TextWriter Out, TextWriter Error, TextReader In, CancellationToken CancellationToken)
{
    public StartupTrace Trace { get; init; } = StartupTrace.Off;

    /// <summary>
    /// The rep named by <c>--as</c>, if the option was given. <c>Found</c> is false (and the error written) when it
    /// names nobody; the command then exits with <see cref="ExitCodes.UnknownUser"/>.
    /// </summary>
    public async Task<(bool Found, long? RepId)> OptionalRepAsync(IServiceProvider scoped)
    {
        if (!Invocation.Options.TryGetValue("as", out var who) || who is null)
            return (true, null);
        var rep = await scoped.GetRequiredService<AeBot.Core.Organization.IRepDirectory>().FindAsync(who, CancellationToken);
        if (rep is null)
            await Error.WriteLineAsync($"aebot: nobody with the e-mail or full name '{who}'.");
        return (rep is not null, rep?.Id);
    }
}

public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int UnknownUser = 3;
    public const int Configuration = 4;
    public const int Cancelled = 130;
}
