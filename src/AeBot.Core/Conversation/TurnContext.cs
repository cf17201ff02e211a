using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Dialogs;
using AeBot.Core.Sales;

namespace AeBot.Core.Conversation;

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
    /// <summary>
    /// The message is a question or a request of its own (a question word, a question mark, a command phrase): never
    /// taken as the answer to what a dialog asked.
    /// </summary>
    public bool OwnMessage { get; init; }

    /// <summary>The parser understood the message as something (a query, a command, an ability).</summary>
    public bool Understood { get; init; }

    /// <summary>This turn carries the pending dialog on (an answer, one of its buttons, "resume"), set aside or not.</summary>
    public bool Continuing { get; init; }

    /// <summary>The language this turn is answered in: the person's choice, else the message's, else their locale.</summary>
    public Text.ReplyLanguage Language { get; init; } = Text.ReplyLanguage.English;

    public DateTime LocalNow => TimeZoneInfo.ConvertTime(Now, Zone).DateTime;
    public DateOnly Today => DateOnly.FromDateTime(LocalNow);

    /// <summary>The dialog waiting for an answer: not expired and not set aside.</summary>
    public DialogState? Active => Pending is { SetAside: false } state ? state : null;

    /// <summary>The dialog in progress, set aside or not, unless it expired.</summary>
    public DialogState? Pending => DialogExpired ? null : Dialog?.State;

    /// <summary>The version a write must expect: the stored row's, even when it expired (it is overwritten).</summary>
    public long Version => Dialog?.Version ?? 0;
}

/// <summary>A handled turn: the reply, what it was, and how it ended (for the audit log).</summary>
public sealed record TurnResult(Reply Reply, string Intent, TurnOutcome Outcome, string Entities = "");
