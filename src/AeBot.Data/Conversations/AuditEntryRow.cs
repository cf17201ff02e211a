using AeBot.Core.Audit;

namespace AeBot.Data.Conversations;

/// <summary>One turn in the audit log.</summary>
public class AuditEntryRow
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public long RepId { get; set; }
    public required string Channel { get; set; }
    public required string ConversationId { get; set; }
    public required string Text { get; set; }
    public required string Intent { get; set; }
    public required string Entities { get; set; }
    public required string ReplySummary { get; set; }
    public int LatencyMs { get; set; }
    public TurnOutcome Outcome { get; set; }
}
