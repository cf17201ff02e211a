using AeBot.Core.Channels;
using AeBot.Core.Conversation;
using AeBot.Core.Organization;
using AeBot.Slack.Api;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;

namespace AeBot.Slack.Identity;

/// <summary>
/// Finds the rep behind a Slack user: a stored link, else the profile e-mail (<c>users.info</c>) against the reps'
/// e-mails — then linked, so the next message is one indexed read. The same <c>users.info</c> call brings the
/// person's Slack language (<c>include_locale</c>), which decides the reply language until they choose in chat.
/// Cached ten minutes per workspace and user: one <c>users.info</c> per person per ten minutes, never per message.
/// </summary>
internal sealed partial class SlackIdentityResolver(
    IChatIdentities identities, IRepDirectory directory, SlackApiClient slack, IMemoryCache cache, TimeProvider clock, ILogger<SlackIdentityResolver> logger)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    public async Task<RepIdentity?> ResolveAsync(string team, string user, CancellationToken cancellationToken) =>
        (await PersonAsync(team, user, cancellationToken))?.Rep;

    /// <summary>The rep and the Slack locale they use (null when Slack couldn't say).</summary>
    public async Task<SlackPerson?> PersonAsync(string team, string user, CancellationToken cancellationToken)
    {
        var key = Key(team, user);
        if (cache.TryGetValue(key, out SlackPerson? known) && known is not null)
            return known;
        Rep? rep = null;
        if (await identities.FindRepAsync(ChatChannels.Slack, team, [user], cancellationToken) is { } linked)
            rep = await directory.FindByIdAsync(linked, cancellationToken);
        SlackUser? profile = null;
        try
        {
            profile = await slack.UserInfoAsync(user, cancellationToken);
        }
        catch (SlackApiException e)
        {
            // A linked rep is still answered, in the language they chose or English; only the locale is missing.
            LogLookupFailed(logger, user, e.Error);
        }
        if (rep is null && profile is { IsBotOrDeleted: false, Email: { Length: > 0 } email })
        {
            rep = await directory.FindAsync(email, cancellationToken);
            if (rep is { IsActive: true })
                await identities.LinkAsync(ChatChannels.Slack, team, user, rep.Id, clock.GetUtcNow(), cancellationToken);
        }
        if (rep is not { IsActive: true })
        {
            LogUnknown(logger, team, user);
            // Kept a short while so "not set up" (said right after this) is in their Slack's language without a
            // second users.info; a person not yet linked is not cached, so a link made meanwhile counts at once.
            if (profile?.Locale is { } strangerLocale)
                cache.Set(StrangerKey(team, user), strangerLocale, TimeSpan.FromMinutes(1));
            return null;
        }
        var person = new SlackPerson(new RepIdentity(rep.Id, rep.Name, rep.Role, rep.TimeZoneId), profile?.Locale);
        cache.Set(key, person, CacheFor);
        return person;
    }

    public async Task LinkAsync(string team, string user, Rep rep, CancellationToken cancellationToken)
    {
        await identities.LinkAsync(ChatChannels.Slack, team, user, rep.Id, clock.GetUtcNow(), cancellationToken);
        cache.Remove(Key(team, user));
    }

    /// <summary>
    /// The Slack locale last read for this person — a rep's, or one <see cref="PersonAsync"/> just found to be no
    /// rep — without asking Slack; null when none is at hand.
    /// </summary>
    public string? KnownLocale(string team, string user) =>
        cache.TryGetValue(Key(team, user), out SlackPerson? known) && known is not null ? known.Locale
        : cache.TryGetValue(StrangerKey(team, user), out string? locale) ? locale : null;

    private static string Key(string team, string user) => $"slack-rep:{team}:{user}";

    private static string StrangerKey(string team, string user) => $"slack-stranger-locale:{team}:{user}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack user {User} in workspace {Team} is not linked to a rep")]
    private static partial void LogUnknown(ILogger logger, string team, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read Slack user {User}: {Error}")]
    private static partial void LogLookupFailed(ILogger logger, string user, string error);
}

/// <summary>A Slack user known as a rep, with the locale their Slack is set to ("th-TH").</summary>
internal sealed record SlackPerson(RepIdentity Rep, string? Locale);
