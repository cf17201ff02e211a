using System.Text.RegularExpressions;

namespace AeBot.Core.Capture;

/// <summary>Things a rep asks AeBot to do, as opposed to questions about the numbers.</summary>
public enum Command
{
    None,
    Cancel,
    Undo,
    Remind,
    Log,
    MarkWon,
    MarkLost,
    UpdateDeal,
    Playbook,
    Commission,
    MyDay,
    Brief,
    NudgeSettings,
}

/// <summary>
/// Recognises commands by how they are phrased — imperative verbs and set phrases at the start ("log a call…",
/// "move Acme to…", "remind me…") — before the question classifier sees the message: "logged a call about the
/// forecast" is a log entry, not a forecast question. Checked in order; the first that fits wins.
/// </summary>
public static partial class CommandRecognizer
{
    public static Command Recognize(string text)
    {
        var t = text.Trim().ToLowerInvariant().Replace('’', '\'');
        if (CancelPattern().IsMatch(t)) return Command.Cancel;
        if (UndoPattern().IsMatch(t)) return Command.Undo;
        if (Nudges.NudgeSettingsAbility.Matches(t)) return Command.NudgeSettings;
        if (RemindPattern().IsMatch(t)) return Command.Remind;
        if (LogPattern().IsMatch(t)) return Command.Log;
        if (WonPattern().IsMatch(t)) return Command.MarkWon;
        if (LostPattern().IsMatch(t)) return Command.MarkLost;
        if (UpdatePattern().IsMatch(t)) return Command.UpdateDeal;
        if (PlaybookPattern().IsMatch(t)) return Command.Playbook;
        if (CommissionPattern().IsMatch(t)) return Command.Commission;
        if (MyDayPattern().IsMatch(t)) return Command.MyDay;
        if (BriefPattern().IsMatch(t)) return Command.Brief;
        return Command.None;
    }

    /// <summary>Yes to a confirmation.</summary>
    public static bool IsYes(string text) => YesPattern().IsMatch(text.Trim().ToLowerInvariant());

    /// <summary>No to a confirmation.</summary>
    public static bool IsNo(string text) => NoPattern().IsMatch(text.Trim().ToLowerInvariant());

    [GeneratedRegex(@"^(cancel|stop|never\s?mind|forget it|quit|abort|exit|cancel that|cancel it)\W*$")]
    private static partial Regex CancelPattern();

    [GeneratedRegex(@"^(undo|undo that|undo it|undo (the |my )?last( change)?|revert( that| it)?|take that back|roll ?back)\W*$")]
    private static partial Regex UndoPattern();

    [GeneratedRegex(@"^(please\s+|can you\s+|could you\s+)?(remind me|set (a|an|me a) reminder|add a reminder|reminder\b|ping me)")]
    private static partial Regex RemindPattern();

    [GeneratedRegex(@"^(please\s+|pls\s+)?((i|we)\s+)?(just\s+)?(log|logged|logging|record|add a note|note\b|note:|had|met with|met\b|spoke|talked|emailed|e-mailed|called|phoned|rang|left a voicemail|sent)\b|^(call|meeting|email|e-mail|note) (with|at|to)\b")]
    private static partial Regex LogPattern();

    [GeneratedRegex(@"^(please\s+)?(mark|set|move|close|update)\b.*\b(closed[- ]?won|won)\b|^((we|i)\s+)?(just\s+)?(won|signed|closed)\s+(?!what|how|this|last|in\b|more|less|any|anything|deals\b|the most\b)[a-z]")]
    private static partial Regex WonPattern();

    [GeneratedRegex(@"^(please\s+)?(mark|set|move|close|update)\b.*\b(closed[- ]?lost|lost)\b|^((we|i)\s+)?(just\s+)?lost\s+(?!what|how|this|last|in\b|more|less|any|anything|deals\b|the most\b)[a-z]")]
    private static partial Regex LostPattern();

    [GeneratedRegex(@"^(please\s+)?(move|set|change|update|push|pull|bump|advance|put|slip)\b|\bnext steps?\s*(is|are|:|=|-|to)|\b(close date|amount|stage)\s+(of|for|on)\b.*\b(to|is)\b|\b(amount|value|close date|closing date|stage)\s+(is now|should be|is|=|:)\s*\S")]
    private static partial Regex UpdatePattern();

    [GeneratedRegex(@"\b(how (do|should|can|would) (i|we|you) (handle|respond|answer|reply|deal with|overcome|get past|counter|tackle)|handle (the |an |this )?objection|objection handling|playbook|what (do|should) i say (when|if|to)|(they|customer|prospect|client|buyer)s? (say|says|said)\b)")]
    private static partial Regex PlaybookPattern();

    [GeneratedRegex(@"\b(commissions?|earn|earned|earning|earnings|payout|pay out|paycheck|comp plan|bonus|would i make|will i make|do i make|did i make|make on)\b")]
    private static partial Regex CommissionPattern();

    [GeneratedRegex(@"\b(my day|my agenda|agenda|today'?s (list|tasks|plan|priorities)|to-?dos?|todo list|what'?s on (my plate|today|for today)|what should i (do|work on|focus on)|follow[- ]?ups?|my tasks|what'?s due|due today|plan my day|start my day)\b")]
    private static partial Regex MyDayPattern();

    [GeneratedRegex(@"\b(brief|briefing|prep|prepare|background on|tell me about|rundown|run-down|what do (i|we) know about|account (summary|overview|info)|overview of|catch me up on|who('s| is) (at|the contact at))\b")]
    private static partial Regex BriefPattern();

    [GeneratedRegex(@"^(y|yes|yep|yeah|yup|sure|ok|okay|confirm|confirmed|do it|go ahead|correct|that's right|right|please do|yes please|sounds good|👍)\W*$")]
    private static partial Regex YesPattern();

    [GeneratedRegex(@"^(n|no|nope|nah|don't|do not|wrong|not that)\W*$")]
    private static partial Regex NoPattern();
}
