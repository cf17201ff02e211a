using AeBot.Core.Conversation;
using AeBot.Core.Text;

namespace AeBot.Core.Channels;

/// <summary>
/// Keeps the rest of a reply too long for one chat message (a card has a size limit, Slack 50 blocks) so a "More"
/// button can fetch it. Stored in the database so the click may land on any server instance.
/// </summary>
public interface IReplyPages
{
    /// <summary>Stores <paramref name="rest"/> for <paramref name="repId"/>; returns the id the "More" button carries.</summary>
    Task<string> SaveAsync(long repId, Reply rest, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>The stored page if it belongs to <paramref name="repId"/> and has not expired; null otherwise.</summary>
    Task<Reply?> FindAsync(string id, long repId, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>The payload of a "More" button: <c>page:&lt;id&gt;</c>.</summary>
public static class ReplyPaging
{
    public const string Prefix = "page:";

    /// <summary>What "More" answers when its page is gone (expired, or not the presser's).</summary>
    public static readonly Reply Expired = Make(ReplyLanguage.English);

    /// <summary><see cref="Expired"/> in the presser's language.</summary>
    public static Reply ExpiredIn(ReplyLanguage language) => language.IsThai ? Make(language) : Expired;

    private static Reply Make(ReplyLanguage language) =>
        new([new TextBlock(language.Text(ChannelTexts.ResourceManager, nameof(ChannelTexts.PageExpired)))])
        {
            Summary = language.Text(ChannelTexts.ResourceManager, nameof(ChannelTexts.PageExpiredSummary)),
            Language = language.Code,
        };

    public static string Payload(string id) => Prefix + id;

    public static bool TryParse(string? payload, out string id)
    {
        id = payload is not null && payload.StartsWith(Prefix, StringComparison.Ordinal) ? payload[Prefix.Length..] : "";
        return id.Length is > 0 and <= 64;
    }
}
