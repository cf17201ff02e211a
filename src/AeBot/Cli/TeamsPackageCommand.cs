using AeBot.Teams.Package;

namespace AeBot.Cli;

/// <summary>
/// <c>aebot teams-package --app-id &lt;id&gt; --host &lt;public host&gt; [--out aebot-teams.zip]</c>: the Teams app
/// package to upload (Teams admin center or "Upload a custom app"). Needs no database.
/// </summary>
public static class TeamsPackageCommand
{
    public static async Task<int> RunAsync(Invocation invocation, TextWriter stdout, TextWriter stderr)
    {
        if (!invocation.Options.TryGetValue("app-id", out var appId) || string.IsNullOrWhiteSpace(appId)
            || !invocation.Options.TryGetValue("host", out var host) || string.IsNullOrWhiteSpace(host))
        {
            await stderr.WriteLineAsync("aebot: teams-package needs --app-id <Microsoft App ID> and --host <public host name>.");
            return ExitCodes.Usage;
        }
        var output = invocation.Options.TryGetValue("out", out var path) && !string.IsNullOrWhiteSpace(path) ? path : "aebot-teams.zip";
        invocation.Options.TryGetValue("privacy-url", out var privacy);
        invocation.Options.TryGetValue("terms-url", out var terms);
        try
        {
            TeamsAppPackage.Manifest(appId, host, privacy, terms); // validate before touching the file system
            var full = Path.GetFullPath(output);
            await using (var file = File.Create(full))
                TeamsAppPackage.Write(file, appId, host, privacy, terms);
            await stdout.WriteLineAsync($"Wrote {full} (app id {Guid.Parse(appId):D}, host {TeamsAppPackage.NormalizeHost(host)}). Upload it in Teams: Apps → Manage your apps → Upload an app.");
            return ExitCodes.Ok;
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync($"aebot: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"aebot: cannot write {output}: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
