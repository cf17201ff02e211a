namespace AeBot.Tests.Rendering;

/// <summary>Every text of AeBot has a Thai twin with the same slots, read from the built assembly and its Thai satellite.</summary>
public sealed class RenderTextsTests
{
    public static TheoryData<string> Resources() => [.. TextParity.Resources("AeBot")];

    [Fact]
    public void AeBot_has_reply_texts() => Assert.Contains("AeBot.Text.RenderTexts", TextParity.Resources("AeBot"));

    [Theory]
    [MemberData(nameof(Resources))]
    public void Every_text_has_a_thai_twin_with_the_same_slots(string resource)
    {
        var problems = TextParity.Problems("AeBot", resource);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
