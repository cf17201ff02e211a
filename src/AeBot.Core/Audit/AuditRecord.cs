namespace AeBot.Core.Audit;

/// <summary>How a turn ended.</summary>
public enum TurnOutcome
{
    Answered,
    Clarified,
    Refused,
    NotUnderstood,
    TooLong,
    Failed,

    /// <summary>Data was changed (logged, updated, undone, reminder set).</summary>
    Changed,

    /// <summary>A dialog asked for something it needs.</summary>
    Asked,

    /// <summary>The rep cancelled a dialog.</summary>
    Cancelled,

    /// <summary>Two messages raced; this one was not applied.</summary>
    Conflict,
}

/// <summary>One turn, as the audit log keeps it.</summary>
public sealed record AuditRecord(
    DateTimeOffset At,
    long RepId,
    string Channel,
    string ConversationId,
    string Text,
    string Intent,
    string Entities,
    string ReplySummary,
    int LatencyMs,
    TurnOutcome Outcome);
