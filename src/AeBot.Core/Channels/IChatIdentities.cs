namespace AeBot.Core.Channels;

/// <summary>Links between chat accounts (a Teams AAD object id or UPN, a Slack user id) and reps.</summary>
public interface IChatIdentities
{
    /// <summary>The rep linked to the first of <paramref name="externalUserIds"/> that has a link; null when none has.</summary>
    Task<long?> FindRepAsync(string channel, string tenantId, IReadOnlyList<string> externalUserIds, CancellationToken cancellationToken);

    /// <summary>Links (or re-links) a chat account to a rep.</summary>
    Task LinkAsync(string channel, string tenantId, string externalUserId, long repId, DateTimeOffset at, CancellationToken cancellationToken);
}
