using AeBot.Core.Conversation;
using AeBot.Core.Organization;
using AeBot.Core.Work;
using AeBot.Core.Turns;
using AeBot.Core.Help;

namespace AeBot.Core.Tests.Conversation;

public class HelpAbilityTests
{
    [Fact]
    public void Help_greets_the_rep_and_gives_examples()
    {
        var reply = HelpAbility.For(new RepIdentity(1, "Dana Reyes", RepRole.Rep, "UTC"));
        var block = Assert.IsType<TextBlock>(Assert.Single(reply.Blocks));
        Assert.StartsWith("Hi Dana!", block.Markdown);
        Assert.Contains("what closes this month?", block.Markdown);
        Assert.DoesNotContain("who is behind quota", block.Markdown);
    }

    [Fact]
    public void Managers_get_team_examples()
    {
        var reply = HelpAbility.For(new RepIdentity(1, "Marcus Johnson", RepRole.Manager, "UTC"));
        Assert.Contains("who is behind quota", ((TextBlock)reply.Blocks[0]).Markdown);
    }
}
