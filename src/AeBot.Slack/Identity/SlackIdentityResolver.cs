using AeBot.Core.Channels;
using AeBot.Core.Conversation;
using AeBot.Core.Organization;
using AeBot.Slack.Api;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;

namespace AeBot.Slack.Identity;

/// <summary>
/// Finds the rep behind a Slack user: a stored link, else the profile e-mail (<c>users.info</c>) against the reps'
/// e-mails — then linked, so the next message is one indexed read. Cached ten minutes per workspace and user.
/// </summary>
internal sealed partial class SlackIdentityResolver(
    IChatIdentities identities, IRepDirectory directory, SlackApiClient slack, IMemoryCache cache, TimeProvider clock, ILogger<SlackIdentityResolver> logger)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    public async Task<RepIdentity?> ResolveAsync(string team, string user, CancellationToken cancellationToken)
    {
        var key = $"slack-rep:{team}:{user}";
        if (cache.TryGetValue(key, out RepIdentity? known) && known is not null)
            return known;
        Rep? rep = null;
        if (await identities.FindRepAsync(ChatChannels.Slack, team, [user], cancellationToken) is { } linked)
            rep = await directory.FindByIdAsync(linked, cancellationToken);
        if (rep is null)
        {
            SlackUser? profile = null;
            try
            {
                profile = await slack.UserInfoAsync(user, cancellationToken);
            }
            catch (SlackApiException e)
            {
                LogLookupFailed(logger, user, e.Error);
            }
            if (profile is { IsBotOrDeleted: false, Email: { Length: > 0 } email })
            {
                rep = await directory.FindAsync(email, cancellationToken);
                if (rep is { IsActive: true })
                    await identities.LinkAsync(ChatChannels.Slack, team, user, rep.Id, clock.GetUtcNow(), cancellationToken);
            }
        }
        if (rep is not { IsActive: true })
        {
            LogUnknown(logger, team, user);
            return null;
        }
        var identity = new RepIdentity(rep.Id, rep.Name, rep.Role, rep.TimeZoneId);
        cache.Set(key, identity, CacheFor);
        return identity;
    }

    public async Task LinkAsync(string team, string user, Rep rep, CancellationToken cancellationToken)
    {
        await identities.LinkAsync(ChatChannels.Slack, team, user, rep.Id, clock.GetUtcNow(), cancellationToken);
        cache.Remove($"slack-rep:{team}:{user}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack user {User} in workspace {Team} is not linked to a rep")]
    private static partial void LogUnknown(ILogger logger, string team, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read Slack user {User}: {Error}")]
    private static partial void LogLookupFailed(ILogger logger, string user, string error);
}
