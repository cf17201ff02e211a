using AeBot.Core.Conversation;

namespace AeBot.Core.Handoff;

/// <summary>
/// Sends a message a person did not ask for (handoff notices, nudges) to a rep on the channel they use. Teams and
/// Slack implement it with their channels; until then the recording implementation keeps the message in the
/// database's outbox.
/// </summary>
public interface IProactiveMessenger
{
    Task SendAsync(ProactiveMessage message, CancellationToken cancellationToken);
}

/// <param name="Reason">Why it was sent ("handoff", "reminder"): for the outbox and logs.</param>
public sealed record ProactiveMessage(long ToRepId, string Reason, Reply Reply);
