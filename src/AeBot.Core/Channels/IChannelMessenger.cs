using AeBot.Core.Handoff;

namespace AeBot.Core.Channels;

/// <summary>
/// One channel's implementation of the proactive-messaging port: delivers a message to a rep on that channel now.
/// Messages are first recorded durably (<see cref="IProactiveMessenger"/> writes the outbox inside the caller's
/// transaction); delivery picks the rep's channel and calls this.
/// </summary>
public interface IChannelMessenger : IProactiveMessenger
{
    /// <summary>One of <see cref="Organization.ChatChannels"/>.</summary>
    string Channel { get; }
}

/// <summary>The channel refused delivery for good (403/404: app uninstalled, user removed); do not retry.</summary>
public sealed class RecipientUnreachableException(long repId, string channel, string reason)
    : Exception($"Rep {repId} cannot be reached on {channel}: {reason}")
{
    public long RepId { get; } = repId;
    public string Channel { get; } = channel;
    public string Reason { get; } = reason;
}

/// <summary>The rep has no address on this channel yet (never wrote to the bot there, nothing installed).</summary>
public sealed class NoChannelAddressException(long repId, string channel)
    : Exception($"Rep {repId} has no {channel} conversation with AeBot yet")
{
    public long RepId { get; } = repId;
    public string Channel { get; } = channel;
}
