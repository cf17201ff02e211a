using AeBot.Core.Understanding;

namespace AeBot.Core.Conversation;

/// <summary>
/// Where a conversation's memory lives between turns: the database, never the process, so follow-ups work across
/// restarts, instances and one-turn-per-process CLI calls.
/// </summary>
public interface IConversationStore
{
    Task<RememberedQuestion?> LoadAsync(string channel, string conversationId, long repId, CancellationToken cancellationToken);

    Task SaveAsync(string channel, string conversationId, long repId, RememberedQuestion question, CancellationToken cancellationToken);
}
