namespace AeBot.Data.Capture;

/// <summary>A dialog waiting for its next answer: one row per channel, conversation and rep, versioned for compare-and-swap.</summary>
public class DialogStateRow
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string ConversationId { get; set; }
    public long RepId { get; set; }

    /// <summary>The <see cref="Core.Dialogs.DialogState"/> as JSON.</summary>
    public required string State { get; set; }

    public long Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A change made through the bot, with what is needed to revert it ("undo").</summary>
public class BotChangeRow
{
    public long Id { get; set; }
    public long RepId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Kind { get; set; }
    public required string Description { get; set; }

    /// <summary>The before-image and created ids, as JSON (see <see cref="UndoRecord"/>).</summary>
    public required string Undo { get; set; }

    public DateTimeOffset? UndoneAt { get; set; }
}

/// <summary>A proactive message recorded for delivery; the outbox delivery sends it on the rep's channel.</summary>
public class OutboxMessageRow
{
    public long Id { get; set; }
    public long ToRepId { get; set; }
    public required string Reason { get; set; }
    public required string Summary { get; set; }

    /// <summary>The reply, as JSON.</summary>
    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>The channel it was delivered on.</summary>
    public string? Channel { get; set; }

    public int Attempts { get; set; }

    /// <summary>When delivery is tried next (after a failure); null means as soon as possible.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>Set when delivery stopped for good (recipient unreachable, attempts used up); reported, not retried.</summary>
    public DateTimeOffset? FailedAt { get; set; }
}

/// <summary>One nudge, once (see <see cref="Core.Nudges.INudgeLedger"/>); <see cref="Sent"/> is false when it was deliberately not sent.</summary>
public class NudgeLedgerRow
{
    public long Id { get; set; }
    public required string Rule { get; set; }
    public required string Subject { get; set; }
    public DateOnly DueDate { get; set; }
    public long RecipientRepId { get; set; }
    public bool Sent { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The recipient's local date when it was recorded: the daily cap counts sent nudges by it.</summary>
    public DateOnly? LocalDate { get; set; }

    /// <summary>What it said (kept for a folded nudge's place in the digest, a snoozed one's return, and stats).</summary>
    public string? Title { get; set; }
    public string? Why { get; set; }

    /// <summary>Held back (quiet hours, daily cap) for the next digest; <see cref="FoldedInto"/> is that digest's date once shown.</summary>
    public bool Folded { get; set; }
    public DateOnly? FoldedInto { get; set; }

    /// <summary>The first thing the recipient did with it (a button), and when.</summary>
    public string? Action { get; set; }
    public DateTimeOffset? ActedAt { get; set; }

    public DateTimeOffset? SnoozedAt { get; set; }
    public DateTimeOffset? SnoozedUntil { get; set; }
    public string? SnoozeReason { get; set; }

    /// <summary>Set when a snoozed nudge has come back (or was found no longer needed), so it comes back once.</summary>
    public DateTimeOffset? ResurfacedAt { get; set; }
}

/// <summary>A person's own nudge settings; null columns mean the company default.</summary>
public class NudgePreferenceRow
{
    public long RepId { get; set; }
    public TimeOnly? DigestTime { get; set; }
    public int? DailyCap { get; set; }
    public TimeOnly? QuietStart { get; set; }
    public TimeOnly? QuietEnd { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A muted category of nudges for one person: for one account, or (<see cref="AccountId"/> 0) all of them.</summary>
public class NudgeMuteRow
{
    public long Id { get; set; }
    public long RepId { get; set; }
    public required string Category { get; set; }

    /// <summary>0 for every account: a real value (not null) so the unique index treats "all accounts" as one row on both providers.</summary>
    public long AccountId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
