using AeBot.Rendering;

namespace AeBot.Cli;

/// <summary><c>aebot ask --as &lt;who&gt; [--json] "&lt;text&gt;"</c>: one turn, then exit.</summary>
public static class AskCommand
{
    public static async Task<int> RunAsync(CliContext context)
    {
        var text = string.Join(' ', context.Invocation.Arguments).Trim();
        if (text.Length == 0)
        {
            await context.Error.WriteLineAsync("aebot: ask what? e.g. aebot ask --as dana.reyes@northwind.example \"help\"");
            return ExitCodes.Usage;
        }
        var (speaker, exitCode) = await Conversation.ResolveSpeakerAsync(context);
        if (speaker is null)
            return exitCode;

        // One conversation per rep at the command line, so later turns can refer back to earlier ones.
        var reply = await Conversation.TurnAsync(context, speaker, $"cli:{speaker.RepId}", text);
        var json = context.Invocation.Options.ContainsKey("json");
        await context.Out.WriteLineAsync(json ? ReplyJson.Serialize(reply) : PlainTextRenderer.Render(reply));
        context.Trace.Mark("reply written");
        context.Trace.Loaded();
        return ExitCodes.Ok;
    }
}
