namespace AeBot.Core.Channels;

/// <summary>
/// Where a rep can be reached on one channel without having written first: the channel's 1:1 conversation with
/// the rep and what the channel needs to post into it. Stored on every message so nudges and notices can follow.
/// </summary>
/// <param name="Channel">One of <see cref="Organization.ChatChannels"/>.</param>
/// <param name="TenantId">Teams tenant id or Slack workspace (team) id.</param>
/// <param name="UserId">The channel's id for the user (Teams "29:…", Slack "U…").</param>
/// <param name="ConversationId">The 1:1 conversation, when one is known; null means the channel must create it first.</param>
/// <param name="ServiceUrl">Teams: the regional Bot Connector URL for this tenant. Slack: unused.</param>
/// <param name="BotId">The bot's own id in that conversation (Teams "28:…").</param>
/// <param name="UnreachableSince">Set when the channel said the user is gone or the app was removed (403/404).</param>
public sealed record ChannelAddress(
    long RepId,
    string Channel,
    string TenantId,
    string UserId,
    string? ConversationId,
    string? ServiceUrl,
    string? BotId,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? UnreachableSince = null,
    string? UnreachableReason = null)
{
    public bool IsReachable => UnreachableSince is null;
}

public static class ChannelAddressBookExtensions
{
    /// <summary>The rep's address on <paramref name="channel"/> for a proactive send, or the reason there is none to use.</summary>
    /// <exception cref="NoChannelAddressException">Never seen on that channel.</exception>
    /// <exception cref="RecipientUnreachableException">Marked unreachable there.</exception>
    public static async Task<ChannelAddress> ReachableAsync(this IChannelAddressBook book, long repId, string channel, CancellationToken cancellationToken)
    {
        var address = await book.FindAsync(repId, channel, cancellationToken) ?? throw new NoChannelAddressException(repId, channel);
        return address.IsReachable ? address : throw new RecipientUnreachableException(repId, channel, address.UnreachableReason ?? "marked unreachable");
    }
}

/// <summary>The stored addresses of reps on every channel.</summary>
public interface IChannelAddressBook
{
    /// <summary>The rep's address on <paramref name="channel"/>, reachable or not; null when never seen there.</summary>
    Task<ChannelAddress?> FindAsync(long repId, string channel, CancellationToken cancellationToken);

    /// <summary>Every address of the rep, most recently used first.</summary>
    Task<IReadOnlyList<ChannelAddress>> ForRepAsync(long repId, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or replaces the rep's address on its channel; a fresh address is reachable again. An address without a
    /// 1:1 conversation (the rep was seen in a channel) is stored only while none is known: it never replaces one.
    /// </summary>
    Task SaveAsync(ChannelAddress address, CancellationToken cancellationToken);

    /// <summary>Records that the channel refused delivery for good (app uninstalled, user removed).</summary>
    Task MarkUnreachableAsync(long repId, string channel, string reason, DateTimeOffset at, CancellationToken cancellationToken);
}
