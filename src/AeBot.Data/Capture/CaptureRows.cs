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
}
