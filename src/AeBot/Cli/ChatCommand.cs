using AeBot.Rendering;

namespace AeBot.Cli;

/// <summary><c>aebot chat --as &lt;who&gt;</c>: a conversation at the terminal until "exit" or end of input.</summary>
public static class ChatCommand
{
    public static async Task<int> RunAsync(CliContext context)
    {
        var (speaker, exitCode) = await Conversation.ResolveSpeakerAsync(context);
        if (speaker is null)
            return exitCode;
        var interactive = ReferenceEquals(context.In, Console.In) && !Console.IsInputRedirected;
        await context.Out.WriteLineAsync($"AeBot — talking as {speaker.Name}. Type \"help\" for examples, \"exit\" to leave.");
        IReadOnlyList<string> numbered = [];
        while (!context.CancellationToken.IsCancellationRequested)
        {
            if (interactive)
                await context.Out.WriteAsync("> ");
            // Console.In reads synchronously even when asked asynchronously, and no read stops for a token once it has
            // begun: read on the thread pool and wait on it with the token, so Ctrl-C at the prompt ends the command
            // (exit 130) instead of being swallowed until the next line.
            var line = await Task.Run(context.In.ReadLine, context.CancellationToken).WaitAsync(context.CancellationToken);
            if (line is null || line.Trim().ToLowerInvariant() is "exit" or "quit" or "bye")
                break;
            if (line.Trim().Length == 0)
                continue;
            // A number picks a button or choice of the last answer, as a click would.
            string? payload = int.TryParse(line.Trim(), out var n) && n >= 1 && n <= numbered.Count ? numbered[n - 1] : null;
            var reply = await Conversation.TurnAsync(context, speaker, $"cli:{speaker.RepId}", payload is null ? line : "", payload);
            await context.Out.WriteLineAsync(PlainTextRenderer.Render(reply, out numbered));
            await context.Out.WriteLineAsync();
        }
        return ExitCodes.Ok;
    }
}
