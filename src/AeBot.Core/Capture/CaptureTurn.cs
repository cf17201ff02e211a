using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Dialogs;
using AeBot.Core.Sales;

namespace AeBot.Core.Capture;

/// <summary>One turn as the capture abilities see it: who, where, their local "now", and the dialog waiting, if any.</summary>
public sealed record TurnContext(
    Viewer Viewer,
    IncomingMessage Message,
    ConversationKey Key,
    DateTimeOffset Now,
    TimeZoneInfo Zone,
    StoredDialog? Dialog,
    bool DialogExpired)
{
    public DateTime LocalNow => TimeZoneInfo.ConvertTime(Now, Zone).DateTime;
    public DateOnly Today => DateOnly.FromDateTime(LocalNow);

    /// <summary>The dialog in progress, unless it expired.</summary>
    public DialogState? Active => DialogExpired ? null : Dialog?.State;

    /// <summary>The version a write must expect: the stored row's, even when it expired (it is overwritten).</summary>
    public long Version => Dialog?.Version ?? 0;
}

/// <summary>A handled turn: the reply, what it was, and how it ended (for the audit log).</summary>
public sealed record CaptureTurn(Reply Reply, string Intent, TurnOutcome Outcome, string Entities = "");
