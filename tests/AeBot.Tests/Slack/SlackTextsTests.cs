namespace AeBot.Tests.Slack;

/// <summary>Every text of AeBot.Slack has a Thai twin with the same slots, read from the built assembly and its Thai satellite.</summary>
public sealed class SlackTextsTests
{
    public static TheoryData<string> Resources() => [.. TextParity.Resources("AeBot.Slack")];

    [Fact]
    public void AeBot_Slack_has_reply_texts() => Assert.Contains("AeBot.Slack.Text.SlackTexts", TextParity.Resources("AeBot.Slack"));

    [Theory]
    [MemberData(nameof(Resources))]
    public void Every_text_has_a_thai_twin_with_the_same_slots(string resource)
    {
        var problems = TextParity.Problems("AeBot.Slack", resource);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
