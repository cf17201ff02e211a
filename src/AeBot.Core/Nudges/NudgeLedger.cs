using AeBot.Core.Handoff;

namespace AeBot.Core.Nudges;

/// <summary>
/// What makes a nudge the same nudge: the rule, its subject (a deal, an account, a rep's day), the date it is for and
/// who gets it. Recorded once; a second attempt with the same key — a retried job, another instance, the next scan —
/// records nothing.
/// </summary>
public sealed record NudgeKey(string Rule, string Subject, DateOnly DueDate, long RecipientRepId);

/// <summary>A rep a scheduled message can be addressed to: who, the zone their clock runs in, and the language they read.</summary>
/// <param name="Language">Their stored language (chosen in chat, else their client's locale): a scheduled message has
/// no turn to take it from.</param>
public sealed record NudgeRecipient(long RepId, string TimeZoneId, Organization.RepRole Role = Organization.RepRole.Rep, Text.LanguageChoice? Language = null)
{
    public Text.ReplyLanguage Speaks => Text.ReplyLanguage.Of(Language?.Chosen, Language?.Locale, Language?.BuddhistEra);
}

/// <summary>
/// What is kept of a nudge besides its key: the recipient's local date when it was recorded (the daily cap counts
/// by it), its text (a folded nudge is shown in the next digest from it) and whether it was folded.
/// </summary>
public sealed record NudgeNote(DateOnly LocalDate, string Title, string Why, bool Folded);

/// <summary>A nudge to record: its key, its note, and the message when it is sent now (null when folded or skipped).</summary>
public sealed record NudgeRecord(NudgeKey Key, NudgeNote? Note, ProactiveMessage? Message);

/// <summary>A folded nudge waiting for its recipient's next digest.</summary>
public sealed record FoldedNudge(long Id, NudgeKey Key, string Title, string Why);

/// <summary>A nudge the recipient snoozed whose time has come.</summary>
public sealed record SnoozedNudge(long Id, NudgeKey Key, string Title, string Why, DateTimeOffset SnoozedAt, DateTimeOffset Until, string? Reason);

/// <summary>What a person did with a nudge (a button).</summary>
public enum NudgeAction
{
    Done,
    Snoozed,
    Logged,
    PushedDate,
    Opened,
}

/// <summary>Per rule, since a date: how many went out, were folded, acted on, snoozed.</summary>
public sealed record NudgeRuleStats(string Rule, int Sent, int Folded, int ActedOn, int Snoozed, int Skipped);

/// <summary>The ledger of nudges: each key once, written in the same transaction as its message in the outbox.</summary>
public interface INudgeLedger
{
    /// <summary>
    /// Records the key and, when there is one, the message for delivery — both or neither. False when the key was
    /// already recorded (nothing is written then). A key without a message marks a nudge deliberately not sent
    /// (an empty digest), so it is not considered again.
    /// </summary>
    Task<bool> RecordAsync(NudgeKey key, ProactiveMessage? message, CancellationToken cancellationToken) =>
        RecordAsync(new NudgeRecord(key, null, message), [], cancellationToken);

    /// <summary>
    /// As above, and marks <paramref name="foldsIn"/> (folded nudges shown in this message) as delivered with it,
    /// in the same transaction.
    /// </summary>
    Task<bool> RecordAsync(NudgeRecord record, IReadOnlyCollection<long> foldsIn, CancellationToken cancellationToken);

    /// <summary>
    /// Records many in one transaction per batch (the scan's path); returns the records that were new — already
    /// recorded keys are skipped, and their messages not written.
    /// </summary>
    Task<IReadOnlyList<NudgeRecord>> RecordManyAsync(IReadOnlyList<NudgeRecord> records, CancellationToken cancellationToken);

    /// <summary>Active people: who scheduled messages can go to, and their time zone.</summary>
    Task<IReadOnlyList<NudgeRecipient>> RecipientsAsync(CancellationToken cancellationToken);

    /// <summary>The (recipient, date) pairs already recorded for <paramref name="rule"/> on any of <paramref name="dates"/>.</summary>
    Task<IReadOnlySet<(long RepId, DateOnly Date)>> RecordedAsync(string rule, IReadOnlyCollection<DateOnly> dates, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="keys"/> are recorded already.</summary>
    Task<IReadOnlySet<NudgeKey>> ExistingAsync(IReadOnlyCollection<NudgeKey> keys, CancellationToken cancellationToken);

    /// <summary>Unscheduled nudges sent per (person, their local date) on any of <paramref name="localDates"/>: what counts against the daily cap.</summary>
    Task<IReadOnlyDictionary<(long RepId, DateOnly Date), int>> SentOnAsync(IReadOnlyCollection<DateOnly> localDates, CancellationToken cancellationToken);

    /// <summary>A person's folded nudges not yet shown in a digest, oldest first.</summary>
    Task<IReadOnlyList<FoldedNudge>> FoldedAsync(long repId, CancellationToken cancellationToken);

    /// <summary>Snoozed nudges due back at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<SnoozedNudge>> SnoozeEndedAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks a snoozed nudge as back (so it comes back once).</summary>
    Task MarkResurfacedAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// Records what the recipient did with their nudge; a snooze with its end and optional reason. Null when the key
    /// is not a nudge sent to <paramref name="repId"/> (someone else's button, a forged payload).
    /// </summary>
    Task<FoldedNudge?> ActAsync(long repId, NudgeKey key, NudgeAction action, DateTimeOffset? snoozeUntil, CancellationToken cancellationToken);

    /// <summary>Stores the reason given for a snooze; false when there is no such snoozed nudge of <paramref name="repId"/>.</summary>
    Task<bool> SnoozeReasonAsync(long repId, NudgeKey key, string reason, CancellationToken cancellationToken);

    Task<IReadOnlyList<NudgeRuleStats>> StatsAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
