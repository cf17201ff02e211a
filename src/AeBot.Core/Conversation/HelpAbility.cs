using AeBot.Core.Organization;

namespace AeBot.Core.Conversation;

/// <summary>What AeBot can do, phrased for the person asking: managers also get the team questions.</summary>
public static class HelpAbility
{
    public static Reply For(RepIdentity who)
    {
        var examples = new List<string>
        {
            "- \"what closes this month?\"",
            "- \"how am I tracking vs quota?\"",
            "- \"biggest open deals\"",
            "- \"what did I close last quarter?\"",
            "- \"brief me on Acme\"",
            "- \"log a call with Dana at Acme — pushback on price, next step revised quote by Friday\"",
            "- \"remind me to call Bob tomorrow at 10am\"",
        };
        if (who.Role is RepRole.Manager or RepRole.Admin)
        {
            examples.Add("- \"team pipeline this quarter\"");
            examples.Add("- \"who is behind quota?\"");
            examples.Add("- \"slipped deals\"");
        }
        var first = who.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? who.Name;
        var text = $"Hi {first}! I'm AeBot, your pipeline assistant. Ask me in plain words, for example:\n{string.Join('\n', examples)}";
        return new Reply([new TextBlock(text)]) { Summary = "Help: what AeBot can do" };
    }
}
