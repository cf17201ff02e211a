using AeBot.Core.Organization;
using AeBot.Core.Conversation;
using AeBot.Core.Text;

namespace AeBot.Core.Help;

/// <summary>What AeBot can do, phrased for the person asking: managers also get the team questions.</summary>
public static class HelpAbility
{
    public static Reply For(RepIdentity who) => For(who, ReplyLanguage.English);

    public static Reply For(RepIdentity who, ReplyLanguage language)
    {
        // Only what AeBot answers today: a help text that promises more than the bot does loses trust fast.
        var manager = who.Role is RepRole.Manager or RepRole.Admin;
        var first = who.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? who.Name;
        var tell = Lines(manager, language);
        return new Reply([
            new TextBlock(T(language, nameof(HelpTexts.Help_Hello), first)),
            new ActionsBlock(Questions(manager, language).Select(q => new ReplyAction(q, Payloads.Ask + q)).ToList()),
            new TextBlock(T(language, nameof(HelpTexts.Help_OrForExample)) + "\n" + string.Join('\n', tell)),
        ]) { Summary = T(language, nameof(HelpTexts.Help_Summary)) };
    }

    /// <summary>
    /// The typed examples under the buttons. A line with no text in a language is not offered in it: the Thai list
    /// leaves out what the Thai reading does not take yet (a what-if on named deals, nudge settings).
    /// </summary>
    internal static IReadOnlyList<string> Lines(bool manager, ReplyLanguage language)
    {
        List<string> keys =
        [
            nameof(HelpTexts.Help_Line_FollowUp), nameof(HelpTexts.Help_Line_WhatIf), nameof(HelpTexts.Help_Line_Log), nameof(HelpTexts.Help_Line_Update),
            nameof(HelpTexts.Help_Line_Brief), nameof(HelpTexts.Help_Line_Remind), nameof(HelpTexts.Help_Line_Earn), nameof(HelpTexts.Help_Line_Nudges),
        ];
        if (manager)
            keys.Add(nameof(HelpTexts.Help_Line_Team));
        return keys.Select(k => T(language, k)).Where(line => line.Length > 0).ToList();
    }

    /// <summary>The clickable examples: questions that only read, so a click can never change anything (a test asks every one).</summary>
    public static IReadOnlyList<string> Questions(bool manager) => Questions(manager, ReplyLanguage.English);

    public static IReadOnlyList<string> Questions(bool manager, ReplyLanguage language)
    {
        List<string> keys =
        [
            nameof(HelpTexts.Q_ClosesThisMonth), nameof(HelpTexts.Q_TrackingVsQuota), nameof(HelpTexts.Q_BiggestOpen), nameof(HelpTexts.Q_ClosedLastQuarter),
            nameof(HelpTexts.Q_ForecastThisQuarter), nameof(HelpTexts.Q_PastCloseDate), nameof(HelpTexts.Q_Stale), nameof(HelpTexts.Q_Slipped),
            nameof(HelpTexts.Q_MyDay), nameof(HelpTexts.Q_TooExpensive), nameof(HelpTexts.Q_Earned), nameof(HelpTexts.Q_NudgeSettings),
        ];
        if (manager)
            keys.AddRange([nameof(HelpTexts.Q_TeamPipelineByRep), nameof(HelpTexts.Q_BehindQuota), nameof(HelpTexts.Q_TeamVsQuota)]);
        return keys.Select(k => T(language, k)).Where(q => q.Length > 0).ToList();
    }

    internal static string T(ReplyLanguage language, string key, params object?[] args) => language.Format(HelpTexts.ResourceManager, key, args);
}
