namespace AeBot.Core.Conversation;

/// <summary>
/// The prefixes of button payloads, which say who handles a press: "act:" acts at once (done, snooze, undo), "dlg:"
/// answers the dialog that offered it, "ask:" asks a question as if typed. Stored in sent cards: never change them.
/// </summary>
public static class Payloads
{
    public const string Act = "act:";
    public const string Dialog = "dlg:";
    public const string Ask = "ask:";
}
