namespace AeBot.Core.Conversation;

/// <summary>The one entry point every channel (Teams, Slack, web chat, CLI) talks to.</summary>
public interface IConversationCore
{
    Task<Reply> HandleAsync(IncomingMessage message, CancellationToken cancellationToken);
}
