namespace AeBot.Core.Conversation;

/// <summary>
/// The prefixes of button payloads, which say who handles a press: "act:" acts at once (done, snooze, undo), "dlg:"
/// answers the dialog that offered it, "ask:" asks a question as if typed, "more:" answers the next page of a list
/// that was cut short. Stored in sent cards: never change them.
/// </summary>
public static class Payloads
{
    public const string Act = "act:";
    public const string Dialog = "dlg:";
    public const string Ask = "ask:";
    public const string More = "more:";

    /// <summary>
    /// A dialog button bound to its dialog: "dlg:@{dialog id}:{choice}". Cards sent before dialogs had ids carry
    /// "dlg:{choice}" and still work, unbound.
    /// </summary>
    public static string BoundToDialog(string payload, string dialogId) =>
        payload.StartsWith(Dialog + "@", StringComparison.Ordinal) || !payload.StartsWith(Dialog, StringComparison.Ordinal) || dialogId.Length == 0
            ? payload
            : $"{Dialog}@{dialogId}:{payload[Dialog.Length..]}";

    /// <summary>The dialog a "dlg:" payload is bound to (null when unbound) and the choice it carries.</summary>
    public static (string? DialogId, string Choice) DialogChoice(string payload)
    {
        var rest = payload[Dialog.Length..];
        if (!rest.StartsWith('@'))
            return (null, rest);
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (rest[1..], "") : (rest[1..colon], rest[(colon + 1)..]);
    }
}
