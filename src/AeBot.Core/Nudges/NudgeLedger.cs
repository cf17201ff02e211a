using AeBot.Core.Handoff;

namespace AeBot.Core.Nudges;

/// <summary>
/// What makes a nudge the same nudge: the rule, its subject (a deal, an account, a rep's day), the date it is for and
/// who gets it. Recorded once; a second attempt with the same key — a retried job, another instance, the next scan —
/// records nothing.
/// </summary>
public sealed record NudgeKey(string Rule, string Subject, DateOnly DueDate, long RecipientRepId);

/// <summary>A rep a scheduled message can be addressed to: who, and the zone their clock runs in.</summary>
public sealed record NudgeRecipient(long RepId, string TimeZoneId);

/// <summary>The ledger of nudges: each key once, written in the same transaction as its message in the outbox.</summary>
public interface INudgeLedger
{
    /// <summary>
    /// Records the key and, when there is one, the message for delivery — both or neither. False when the key was
    /// already recorded (nothing is written then). A key without a message marks a nudge deliberately not sent
    /// (an empty digest), so it is not considered again.
    /// </summary>
    Task<bool> RecordAsync(NudgeKey key, ProactiveMessage? message, CancellationToken cancellationToken);

    /// <summary>Active people: who scheduled messages can go to, and their time zone.</summary>
    Task<IReadOnlyList<NudgeRecipient>> RecipientsAsync(CancellationToken cancellationToken);

    /// <summary>The (recipient, date) pairs already recorded for <paramref name="rule"/> on any of <paramref name="dates"/>.</summary>
    Task<IReadOnlySet<(long RepId, DateOnly Date)>> RecordedAsync(string rule, IReadOnlyCollection<DateOnly> dates, CancellationToken cancellationToken);
}
