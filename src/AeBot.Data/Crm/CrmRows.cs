namespace AeBot.Data.Crm;

/// <summary>
/// A CRM record AeBot keeps a copy of: which local row it is (<see cref="LocalId"/> in the table its
/// <see cref="ObjectType"/> maps to), the CRM's change stamp last applied, and — for the fields AeBot may write
/// back — the value last synced and when (<see cref="Fields"/>), so a write-back can tell whether the CRM still holds
/// what AeBot last saw.
/// </summary>
public class CrmRecordRow
{
    public long Id { get; set; }
    public required string Provider { get; set; }
    public required string ObjectType { get; set; }
    public required string CrmId { get; set; }
    public long LocalId { get; set; }
    public DateTimeOffset ModifiedAt { get; set; }
    public DateTimeOffset SyncedAt { get; set; }

    /// <summary>Field → [last synced value, synced at (ISO 8601)], as JSON; only for the fields AeBot writes back.</summary>
    public string? Fields { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }
}

/// <summary>Where the next incremental read of one object type starts (the CRM's change stamp), or a position in AeBot's own change log.</summary>
public class CrmCursorRow
{
    public long Id { get; set; }
    public required string Provider { get; set; }
    public required string ObjectType { get; set; }
    public DateTimeOffset? Since { get; set; }
    public long? Position { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One sync run: when, full or incremental, how it ended and what it changed (for <c>crm status</c>).</summary>
public class CrmSyncRunRow
{
    public long Id { get; set; }
    public required string Provider { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public bool Full { get; set; }

    /// <summary>running, ok, partial (some records skipped), failed, auth (the token was refused).</summary>
    public required string Outcome { get; set; }

    /// <summary>Counts by object type and change, as JSON.</summary>
    public string? Counts { get; set; }

    public string? Error { get; set; }
}

/// <summary>
/// A change made in chat on its way to the CRM: one per <see cref="BotChangeId"/>, made in the order of the change
/// log. Sent exactly once: a write whose outcome is unknown (a crash or timeout after sending) is looked for in the
/// CRM before it is sent again.
/// </summary>
public class CrmWriteBackRow
{
    public long Id { get; set; }
    public required string Provider { get; set; }
    public long BotChangeId { get; set; }
    public long RepId { get; set; }

    /// <summary>activity, task or deal.</summary>
    public required string Kind { get; set; }

    /// <summary>What to write, as JSON (worked out when the change was picked up).</summary>
    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>pending, sent, conflict (the rep is asked), dropped (nothing to send, undone, or the rep kept the CRM's value), failed.</summary>
    public required string State { get; set; }

    public string? CrmId { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SettledAt { get; set; }
}
