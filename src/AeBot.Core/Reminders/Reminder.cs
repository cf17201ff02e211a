using AeBot.Core.Organization;

namespace AeBot.Core.Reminders;

/// <summary>"Remind me to call Bob tomorrow at 10am": stored, then delivered on the channel it was asked on.</summary>
public class Reminder
{
    public long Id { get; set; }
    public long RepId { get; set; }
    public Rep? Rep { get; set; }
    public required string Text { get; set; }

    /// <summary>When to remind, as an instant (the rep's local time converted when it was set).</summary>
    public DateTimeOffset DueAt { get; set; }

    public required string Channel { get; set; }
    public required string ConversationId { get; set; }
    public ReminderStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

public enum ReminderStatus
{
    Pending = 0,
    Sent = 1,
    Cancelled = 2,
}
