namespace AeBot.Tests.Teams;

/// <summary>Every text of AeBot.Teams has a Thai twin with the same slots, read from the built assembly and its Thai satellite.</summary>
public sealed class TeamsTextsTests
{
    public static TheoryData<string> Resources() => [.. TextParity.Resources("AeBot.Teams")];

    [Fact]
    public void AeBot_Teams_has_reply_texts() => Assert.Contains("AeBot.Teams.Text.TeamsTexts", TextParity.Resources("AeBot.Teams"));

    [Theory]
    [MemberData(nameof(Resources))]
    public void Every_text_has_a_thai_twin_with_the_same_slots(string resource)
    {
        var problems = TextParity.Problems("AeBot.Teams", resource);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
