using AeBot.Data.Import;
using AeBot.Hosting;

namespace AeBot.Cli;

/// <summary><c>aebot import &lt;file-or-folder&gt; [--mapping mapping.json] [--dry-run]</c>.</summary>
public static class ImportCommand
{
    public static async Task<int> RunAsync(CliContext context)
    {
        if (context.Invocation.Arguments is not [var path])
        {
            await context.Error.WriteLineAsync("aebot: import takes one file or folder, e.g. aebot import exports/");
            return ExitCodes.Usage;
        }
        ImportMapping? mapping = null;
        if (context.Invocation.Options.TryGetValue("mapping", out var mappingPath) && mappingPath is not null)
        {
            try
            {
                mapping = ImportMapping.Load(mappingPath);
            }
            catch (ImportException e)
            {
                await context.Error.WriteLineAsync($"aebot: {e.Message}");
                return ExitCodes.Usage;
            }
        }
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            await context.Error.WriteLineAsync($"aebot: {path} does not exist.");
            return ExitCodes.Failed;
        }

        await context.Services.InitializeDatabaseAsync(seedDemo: false, context.CancellationToken);
        await using var scope = context.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<CrmImporter>();
        var progress = new ProgressBar(context.Error, isTerminal: ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected);
        var dryRun = context.Invocation.Options.ContainsKey("dry-run");
        var report = await importer.ImportAsync(path, mapping, progress, dryRun, context.CancellationToken);
        progress.Finish();
        await context.Out.WriteAsync(ImportSummary.Format(report));
        return report.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
