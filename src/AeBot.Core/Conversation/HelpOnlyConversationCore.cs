namespace AeBot.Core.Conversation;

/// <summary>
/// The conversation core until understanding lands (issue #3): it answers "help" and says plainly that it
/// cannot answer anything else yet, offering the help text — never a made-up figure.
/// </summary>
public sealed class HelpOnlyConversationCore : IConversationCore
{
    public Task<Reply> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var help = HelpAbility.For(message.From);
        var asked = message.Text.Trim().Trim('?', '!', '.').ToLowerInvariant();
        if (asked is "help" or "" or "hi" or "hello" or "what can you do" or "examples")
            return Task.FromResult(help);
        var notYet = new TextBlock("I can't answer that yet — pipeline questions arrive in the next release.");
        return Task.FromResult(new Reply([notYet, .. help.Blocks]) { Summary = "Not understood yet; showed help" });
    }
}
