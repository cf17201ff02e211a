using AeBot.Core.Conversation;
using AeBot.Core.Organization;
using AeBot.Core.Help;

namespace AeBot.Core.Tests.Conversation;

public class HelpAbilityTests
{
    [Fact]
    public void Help_greets_the_rep_and_gives_clickable_examples()
    {
        var reply = HelpAbility.For(new RepIdentity(1, "Dana Reyes", RepRole.Rep, "UTC"));
        Assert.StartsWith("Hi Dana!", Assert.IsType<TextBlock>(reply.Blocks[0]).Markdown);
        var buttons = Assert.IsType<ActionsBlock>(reply.Blocks[1]).Actions;
        Assert.Contains(buttons, b => b.Label == "what closes this month?" && b.Payload == "ask:what closes this month?");
        Assert.All(buttons, b => Assert.Equal(Payloads.Ask + b.Label, b.Payload));
        Assert.DoesNotContain(buttons, b => b.Label.Contains("behind quota", StringComparison.Ordinal));
    }

    [Fact]
    public void Managers_get_team_examples()
    {
        var reply = HelpAbility.For(new RepIdentity(1, "Marcus Johnson", RepRole.Manager, "UTC"));
        Assert.Contains(((ActionsBlock)reply.Blocks[1]).Actions, b => b.Label == "who is behind quota?");
    }
}
