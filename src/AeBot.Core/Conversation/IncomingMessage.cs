namespace AeBot.Core.Conversation;

/// <summary>A message from any channel, already authenticated and resolved to a rep by its adapter.</summary>
/// <param name="Channel">One of <see cref="Organization.ChatChannels"/>.</param>
/// <param name="ConversationId">The channel's conversation id (DM, thread, CLI session).</param>
/// <param name="Text">What the user typed; empty when the message is a button press.</param>
/// <param name="ActionPayload">The payload of the button or card action that sent this message, if any.</param>
/// <param name="Locale">BCP 47 locale reported by the channel, if any.</param>
/// <param name="ReceivedAt">When the channel received the message.</param>
public sealed record IncomingMessage(
    string Channel,
    RepIdentity From,
    string ConversationId,
    string Text,
    string? ActionPayload,
    string? Locale,
    DateTimeOffset ReceivedAt);
