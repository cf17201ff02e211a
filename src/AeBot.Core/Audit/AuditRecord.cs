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
