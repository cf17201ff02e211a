using AeBot.Core.Organization;
using AeBot.Core.Conversation;

namespace AeBot.Core.Help;

/// <summary>What AeBot can do, phrased for the person asking: managers also get the team questions.</summary>
public static class HelpAbility
{
    public static Reply For(RepIdentity who)
    {
        // Only what AeBot answers today: a help text that promises more than the bot does loses trust fast.
        var manager = who.Role is RepRole.Manager or RepRole.Admin;
        var first = who.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? who.Name;
        var text = $"Hi {first}! I'm AeBot, your sales assistant. Ask or tell me in plain words — click a question to ask it:";
        var tell = new List<string>
        {
            "- \"what did I close last quarter?\" — then \"and this quarter?\"",
            "- \"if Acme and Globex close, where do I land?\"",
            "- \"logged a call with Dana at Acme — pushback on price, next step revised quote by Friday\"",
            "- \"move Acme to negotiation\", \"push Globex to next month\", \"mark Initech won\" — then \"undo\"",
            "- \"brief me on Acme\"",
            "- \"remind me to call Bob tomorrow at 10am\"",
            "- \"what would I earn if Acme closes?\"",
            "- \"mute renewals for Acme\", \"digest at 8am\", \"quiet hours 7pm to 7am\"",
        };
        if (manager)
            tell.Add("- \"Dana's pipeline\", \"compare Dana and Lee this year\"");
        return new Reply([
            new TextBlock(text),
            new ActionsBlock(Questions(manager).Select(q => new ReplyAction(q, Payloads.Ask + q)).ToList()),
            new TextBlock("Or, for example:\n" + string.Join('\n', tell)),
        ]) { Summary = "Help: what AeBot can do" };
    }

    /// <summary>The clickable examples: questions that only read, so a click can never change anything (a test asks every one).</summary>
    public static IReadOnlyList<string> Questions(bool manager)
    {
        List<string> questions =
        [
            "what closes this month?", "how am I tracking vs quota?", "biggest open deals", "what did I close last quarter?", "forecast this quarter",
            "deals past their close date", "stale deals", "slipped deals", "my day", "how do I handle 'too expensive'?", "what have I earned this quarter?", "nudge settings",
        ];
        if (manager)
            questions.AddRange(["team pipeline by rep this quarter", "who is behind quota?", "how is my team tracking vs quota?"]);
        return questions;
    }
}
