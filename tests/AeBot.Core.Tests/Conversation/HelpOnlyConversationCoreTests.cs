using AeBot.Core.Conversation;
using AeBot.Core.Organization;

namespace AeBot.Core.Tests.Conversation;

public class HelpOnlyConversationCoreTests
{
    private static IncomingMessage Say(string text, RepRole role = RepRole.Rep) =>
        new(ChatChannels.Cli, new RepIdentity(1, "Dana Reyes", role, "UTC"), "c1", text, null, null, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("help")]
    [InlineData("Help!")]
    [InlineData("what can you do?")]
    public async Task Help_greets_the_rep_and_gives_examples(string text)
    {
        var reply = await new HelpOnlyConversationCore().HandleAsync(Say(text), CancellationToken.None);
        var block = Assert.IsType<TextBlock>(Assert.Single(reply.Blocks));
        Assert.StartsWith("Hi Dana!", block.Markdown);
        Assert.Contains("what closes this month?", block.Markdown);
        Assert.DoesNotContain("who is behind quota", block.Markdown);
    }

    [Fact]
    public async Task Managers_get_team_examples()
    {
        var reply = await new HelpOnlyConversationCore().HandleAsync(Say("help", RepRole.Manager), CancellationToken.None);
        Assert.Contains("who is behind quota", ((TextBlock)reply.Blocks[0]).Markdown);
    }

    [Fact]
    public async Task Anything_else_is_answered_honestly_with_help_never_a_figure()
    {
        var reply = await new HelpOnlyConversationCore().HandleAsync(Say("what closes this month?"), CancellationToken.None);
        Assert.Contains("can't answer that yet", ((TextBlock)reply.Blocks[0]).Markdown);
        Assert.Equal(2, reply.Blocks.Count);
    }
}
