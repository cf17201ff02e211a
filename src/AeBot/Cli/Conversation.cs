using AeBot.Core.Conversation;
using AeBot.Core.Organization;
using AeBot.Hosting;

namespace AeBot.Cli;

/// <summary>Shared by ask and chat: who is speaking, and one turn through the core.</summary>
internal static class Conversation
{
    /// <summary>The person named by <c>--as</c>, or the exit code: usage when <c>--as</c> is missing, unknown user when nobody fits.</summary>
    public static async Task<(RepIdentity? Speaker, int ExitCode)> ResolveSpeakerAsync(CliContext context)
    {
        if (!context.Invocation.Options.TryGetValue("as", out var who) || string.IsNullOrWhiteSpace(who))
        {
            await context.Error.WriteLineAsync("aebot: say who is asking with --as <email or full name>.");
            return (null, ExitCodes.Usage);
        }
        await context.Services.InitializeDatabaseAsync(seedDemo: true, context.CancellationToken);
        context.Trace.Mark("database checked (EF services, compiled model, migrations)");
        await using var scope = context.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IRepDirectory>();
        var rep = await directory.FindAsync(who, context.CancellationToken);
        if (rep is null)
        {
            var sample = await directory.SampleAsync(3, context.CancellationToken);
            var hint = sample.Count == 0
                ? "The database has no reps yet: run 'aebot seed-demo' or 'aebot import <exports>'."
                : $"Try one of: {string.Join(", ", sample.Select(r => r.Email))}.";
            await context.Error.WriteLineAsync($"aebot: nobody with the e-mail or full name '{who}' (or more than one person has that name). {hint}");
            return (null, ExitCodes.UnknownUser);
        }
        context.Trace.Mark("speaker found (first query)");
        return (new RepIdentity(rep.Id, rep.Name, rep.Role, rep.TimeZoneId), ExitCodes.Ok);
    }

    public static async Task<Reply> TurnAsync(CliContext context, RepIdentity speaker, string conversationId, string text, string? payload = null)
    {
        await using var scope = context.Services.CreateAsyncScope();
        var core = scope.ServiceProvider.GetRequiredService<IConversationCore>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var message = new IncomingMessage(ChatChannels.Cli, speaker, conversationId, text, payload, null, clock.GetUtcNow());
        var reply = await core.HandleAsync(message, context.CancellationToken);
        context.Trace.Mark("turn answered");
        return reply;
    }
}
