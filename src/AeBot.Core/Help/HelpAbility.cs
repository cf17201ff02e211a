using AeBot.Core.Organization;
using AeBot.Core.Conversation;

namespace AeBot.Core.Help;

/// <summary>What AeBot can do, phrased for the person asking: managers also get the team questions.</summary>
public static class HelpAbility
{
    public static Reply For(RepIdentity who)
    {
        // Only what AeBot answers today: a help text that promises more than the bot does loses trust fast.
        var examples = new List<string>
        {
            "- \"what closes this month?\"",
            "- \"how am I tracking vs quota?\"",
            "- \"biggest open deals\"",
            "- \"what did I close last quarter?\" — then \"and this quarter?\"",
            "- \"forecast this quarter\"",
            "- \"if Acme and Globex close, where do I land?\"",
            "- \"deals past their close date\", \"stale deals\", \"slipped deals\"",
            "- \"logged a call with Dana at Acme — pushback on price, next step revised quote by Friday\"",
            "- \"move Acme to negotiation\", \"push Globex to next month\", \"mark Initech won\" — then \"undo\"",
            "- \"brief me on Acme\", \"my day\"",
            "- \"remind me to call Bob tomorrow at 10am\"",
            "- \"how do I handle 'too expensive'?\"",
            "- \"what have I earned this quarter?\", \"what would I earn if Acme closes?\"",
            "- \"nudge settings\", \"mute renewals for Acme\", \"digest at 8am\", \"quiet hours 7pm to 7am\"",
        };
        if (who.Role is RepRole.Manager or RepRole.Admin)
        {
            examples.Add("- \"team pipeline by rep this quarter\"");
            examples.Add("- \"who is behind quota?\"");
            examples.Add("- \"Dana's pipeline\"");
        }
        var first = who.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? who.Name;
        var text = $"Hi {first}! I'm AeBot, your sales assistant. Ask or tell me in plain words, for example:\n{string.Join('\n', examples)}";
        return new Reply([new TextBlock(text)]) { Summary = "Help: what AeBot can do" };
    }
}
