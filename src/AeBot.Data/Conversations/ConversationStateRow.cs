namespace AeBot.Data.Conversations;

/// <summary>A conversation's memory between turns: one row per channel, conversation and rep.</summary>
public class ConversationStateRow
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string ConversationId { get; set; }
    public long RepId { get; set; }

    /// <summary>The last question, as JSON (see <see cref="Core.Understanding.RememberedQuestion"/>).</summary>
    public required string LastQuestion { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
