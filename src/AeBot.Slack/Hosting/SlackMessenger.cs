using System.Threading.RateLimiting;
using AeBot.Core.Channels;
using AeBot.Core.Handoff;
using AeBot.Core.Organization;
using AeBot.Slack.Api;
using AeBot.Slack.Blocks;
using Microsoft.Extensions.Logging;

namespace AeBot.Slack.Hosting;

/// <summary>
/// Keeps proactive posts under Slack's limits: about one message a second per channel (chat.postMessage), a
/// workspace-wide budget for chat.postMessage (Slack allows "several hundred a minute" per workspace; we stay at 300
/// with bursts of 50, so a 10,000-person digest run drains steadily instead of meeting a wall of 429s), and the
/// method tier's per-workspace rate (~50 a minute for conversations.open, Tier 3). Sends wait their turn.
/// </summary>
internal sealed class SlackPacer : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perChannel = PartitionedRateLimiter.Create<string, string>(channel =>
        RateLimitPartition.GetTokenBucketLimiter(channel, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 1, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst, AutoReplenishment = true,
        }));

    private readonly PartitionedRateLimiter<string> _opens = PartitionedRateLimiter.Create<string, string>(team =>
        RateLimitPartition.GetTokenBucketLimiter(team, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 20, TokensPerPeriod = 50, ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = int.MaxValue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst, AutoReplenishment = true,
        }));

    private readonly PartitionedRateLimiter<string> _perWorkspace = PartitionedRateLimiter.Create<string, string>(team =>
        RateLimitPartition.GetTokenBucketLimiter(team, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 50, TokensPerPeriod = 5, ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst, AutoReplenishment = true,
        }));

    public async ValueTask PostAsync(string team, string channel, CancellationToken cancellationToken)
    {
        using var workspace = await _perWorkspace.AcquireAsync(team, 1, cancellationToken);
        using var lease = await _perChannel.AcquireAsync(channel, 1, cancellationToken);
    }

    public async ValueTask OpenAsync(string team, CancellationToken cancellationToken)
    {
        using var lease = await _opens.AcquireAsync(team, 1, cancellationToken);
    }

    /// <summary>Whether a post to some channel of <paramref name="team"/> fits the workspace's budget now (takes the token).</summary>
    public bool TryWorkspaceNow(string team)
    {
        using var lease = _perWorkspace.AttemptAcquire(team, 1);
        return lease.IsAcquired;
    }

    public bool TryPostNow(string channel)
    {
        using var lease = _perChannel.AttemptAcquire(channel, 1);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        _perChannel.Dispose();
        _perWorkspace.Dispose();
        _opens.Dispose();
    }
}

/// <summary>
/// The Slack side of the proactive-messaging port: a DM to the rep (<c>conversations.open</c> when the DM is not
/// known yet, then <c>chat.postMessage</c>), paced by <see cref="SlackPacer"/>. A user who is gone or an app that
/// was removed marks the rep unreachable on Slack instead of being retried.
/// </summary>
internal sealed partial class SlackMessenger(
    SlackApiClient slack, SlackReplies replies, SlackPacer pacer, IChannelAddressBook addresses, TimeProvider clock, ILogger<SlackMessenger> logger) : IChannelMessenger
{
    public string Channel => ChatChannels.Slack;

    public async Task SendAsync(ProactiveMessage message, CancellationToken cancellationToken)
    {
        var address = await addresses.ReachableAsync(message.ToRepId, ChatChannels.Slack, cancellationToken);
        try
        {
            var channel = address.ConversationId;
            if (channel is null)
            {
                await pacer.OpenAsync(address.TenantId, cancellationToken);
                channel = await slack.OpenDirectMessageAsync(address.UserId, cancellationToken);
                await addresses.SaveAsync(address with { ConversationId = channel, UpdatedAt = clock.GetUtcNow() }, CancellationToken.None);
            }
            await pacer.PostAsync(address.TenantId, channel, cancellationToken);
            await replies.PostAsync(channel, message.Reply, message.ToRepId, cancellationToken);
            LogSent(logger, message.Reason, message.ToRepId);
        }
        catch (SlackApiException e) when (e.IsPermanentForRecipient)
        {
            var reason = $"Slack refused ({e.Error})";
            await addresses.MarkUnreachableAsync(message.ToRepId, ChatChannels.Slack, reason, clock.GetUtcNow(), CancellationToken.None);
            throw new RecipientUnreachableException(message.ToRepId, ChatChannels.Slack, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack message ({Reason}) sent to rep {RepId}")]
    private static partial void LogSent(ILogger logger, string reason, long repId);
}
