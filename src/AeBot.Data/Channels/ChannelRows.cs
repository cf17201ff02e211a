namespace AeBot.Data.Channels;

/// <summary>A rep's 1:1 conversation on one channel (see <see cref="Core.Channels.ChannelAddress"/>); one row per rep and channel.</summary>
public class ChannelAddressRow
{
    public long Id { get; set; }
    public long RepId { get; set; }
    public required string Channel { get; set; }
    public required string TenantId { get; set; }
    public required string UserId { get; set; }
    public string? ConversationId { get; set; }
    public string? ServiceUrl { get; set; }
    public string? BotId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? UnreachableSince { get; set; }
    public string? UnreachableReason { get; set; }
}

/// <summary>An inbound delivery already taken (Teams conversation + activity id, Slack event id); unique per channel.</summary>
public class InboundDeliveryRow
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string DeliveryKey { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Wall-clock end of the current claim; a claim not completed by then belongs to a turn that died.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Set once the delivery was handled; null while a turn is working on it.</summary>
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>The rest of a long reply, waiting for its "More" button.</summary>
public class ReplyPageRow
{
    public required string Id { get; set; }
    public long RepId { get; set; }
    public required string Reply { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>A chart picture shown by URL in chat cards.</summary>
public class ChartImageRow
{
    public required string Id { get; set; }
    public required byte[] Png { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>A verified inbound request waiting to be processed (see <see cref="Core.Channels.IInboundQueue"/>).</summary>
public class InboundQueueRow
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string Kind { get; set; }
    public required string DeliveryKey { get; set; }
    public required string Body { get; set; }

    /// <summary>What the request stays in order with (one conversation's requests are processed one at a time).</summary>
    public string Conversation { get; set; } = "";

    /// <summary>The reply an attempt worked out, kept so a retry delivers it without running the turn again.</summary>
    public string? Answer { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Wall clock: when it is due again (a retry, a rate limit) or, while claimed, when the claim runs out.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>
    /// The claimer while claimed (an engine instance's id): only it may renew, settle or defer the item, so a turn
    /// whose claim ran out and was taken over cannot complete or extend the new owner's.
    /// </summary>
    public string? ClaimedBy { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    public string? LastError { get; set; }
}
