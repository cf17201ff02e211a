using AeBot.Core.Conversation;
using AeBot.Core.Dialogs;
using AeBot.Core.Understanding;
using AeBot.Core.Understanding.Thai;

namespace AeBot.Core.Capture;

/// <summary>
/// Thai writes go through the same dialogs as English ones: what a Thai request changes (a field, an amount in ล้าน,
/// a stage, a loss reason, when to remind) is handed over in the words the dialogs read, while names, dates and the
/// rep's own words stay as written. A log is read in Thai by <see cref="InteractionParser"/> itself.
/// </summary>
public sealed partial class CaptureAbilities
{
    private static string ThaiCommandWords(TurnContext c, CommandKind kind, string text) =>
        !ThaiScript.Contains(text) ? text
        : kind switch
        {
            CommandKind.MarkWon or CommandKind.MarkLost or CommandKind.UpdateDeal => ThaiCommands.DealWords(kind, text),
            CommandKind.Remind => ThaiCommands.ReminderWords(text, c.LocalNow),
            _ => text,
        };

    private static string ThaiAnswerWords(DialogState state, string text) =>
        !ThaiScript.Contains(text) ? text
        : state.Awaiting switch
        {
            DialogSlot.Amount => ThaiCommands.Amounts(text),
            DialogSlot.Stage => ThaiCommands.Stage(text),
            DialogSlot.LossReason => ThaiCommands.Reason(text) ?? text,
            DialogSlot.EditField => ThaiCommands.DealWords(CommandKind.UpdateDeal, text),
            _ => text,
        };
}
