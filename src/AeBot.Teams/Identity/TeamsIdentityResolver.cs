using AeBot.Core.Channels;
using AeBot.Core.Conversation;
using AeBot.Core.Organization;
using AeBot.Teams.Bot;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;

namespace AeBot.Teams.Identity;

/// <summary>
/// Finds the rep behind a Teams user: a stored link on the Entra object id (or an admin's link on the UPN), else the
/// member's UPN or e-mail (<see cref="TeamsInfo.GetMemberAsync"/>, since activities do not carry them) against the
/// reps' e-mails — and then remembers the object id so the lookup is one indexed read next time. Cached for ten
/// minutes per tenant and user.
/// </summary>
internal sealed partial class TeamsIdentityResolver(
    IChatIdentities identities, IRepDirectory directory, IMemoryCache cache, TimeProvider clock, ILogger<TeamsIdentityResolver> logger)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    /// <summary>Prefix of a link keyed by UPN/e-mail, made by an admin for someone whose Teams login differs from their CRM e-mail.</summary>
    public const string UpnPrefix = "upn:";

    public async Task<RepIdentity?> ResolveAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var tenant = TeamsActivities.TenantId(turn.Activity);
        var from = turn.Activity.From;
        if (from?.Id is not { Length: > 0 })
            return null;
        var cacheKey = CacheKey(tenant, from.Id);
        if (cache.TryGetValue(cacheKey, out RepIdentity? known) && known is not null)
            return known;

        var aad = from.AadObjectId;
        var rep = await LinkedRepAsync(tenant, [aad ?? ""], cancellationToken);
        if (rep is null)
        {
            var member = await MemberAsync(turn, from.Id, cancellationToken);
            aad ??= member?.AadObjectId;
            var upn = member?.UserPrincipalName?.Trim().ToLowerInvariant();
            var email = member?.Email?.Trim().ToLowerInvariant();
            rep = await LinkedRepAsync(tenant, [aad ?? "", upn is null ? "" : UpnPrefix + upn, email is null ? "" : UpnPrefix + email], cancellationToken);
            if (rep is null && email is not null)
                rep = await directory.FindAsync(email, cancellationToken);
            if (rep is null && upn is not null && upn.Contains('@'))
                rep = await directory.FindAsync(upn, cancellationToken);
            if (rep is { IsActive: true } && aad is not null)
                await identities.LinkAsync(Core.Organization.ChatChannels.Teams, tenant, aad, rep.Id, clock.GetUtcNow(), cancellationToken);
        }
        if (rep is not { IsActive: true })
        {
            LogUnknown(logger, tenant, aad ?? from.Id);
            return null;
        }
        var identity = new RepIdentity(rep.Id, rep.Name, rep.Role, rep.TimeZoneId);
        cache.Set(cacheKey, identity, CacheFor);
        return identity;
    }

    /// <summary>
    /// Links the Teams user behind <paramref name="who"/> (a mention, or a UPN/e-mail) to <paramref name="rep"/>.
    /// Returns what was linked, for the reply; null when Teams would not say who the mentioned user is (nothing is linked).
    /// </summary>
    public async Task<string?> LinkAsync(ITurnContext turn, string tenant, string? mentionedUserId, string? upn, Rep rep, CancellationToken cancellationToken)
    {
        string key;
        string shown;
        if (mentionedUserId is not null)
        {
            var member = await MemberAsync(turn, mentionedUserId, cancellationToken);
            if (member?.AadObjectId is not { Length: > 0 } aad)
                return null;
            key = aad;
            shown = member.Name ?? member.UserPrincipalName ?? aad;
            cache.Remove(CacheKey(tenant, mentionedUserId));
        }
        else
        {
            key = UpnPrefix + upn!.Trim().ToLowerInvariant();
            shown = upn.Trim();
        }
        await identities.LinkAsync(Core.Organization.ChatChannels.Teams, tenant, key, rep.Id, clock.GetUtcNow(), cancellationToken);
        return shown;
    }

    private async Task<Rep?> LinkedRepAsync(string tenant, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var repId = await identities.FindRepAsync(Core.Organization.ChatChannels.Teams, tenant, keys, cancellationToken);
        return repId is { } id ? await directory.FindByIdAsync(id, cancellationToken) : null;
    }

    private async Task<TeamsChannelAccount?> MemberAsync(ITurnContext turn, string userId, CancellationToken cancellationToken)
    {
        try
        {
            return await TeamsInfo.GetMemberAsync(turn, userId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogMemberLookupFailed(logger, e, userId);
            return null;
        }
    }

    private static string CacheKey(string tenant, string userId) => $"teams-rep:{tenant}:{userId}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams user {User} in tenant {Tenant} is not linked to a rep")]
    private static partial void LogUnknown(ILogger logger, string tenant, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read Teams member {User}")]
    private static partial void LogMemberLookupFailed(ILogger logger, Exception exception, string user);
}
