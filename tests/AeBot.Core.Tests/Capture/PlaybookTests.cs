using System.Text;
using AeBot.Core.Playbook;

namespace AeBot.Core.Tests.Capture;

public class PlaybookTests
{
    [Theory]
    [InlineData("too expensive", "price")]
    [InlineData("we don't have the budget this year", "no-budget")]
    [InlineData("they're evaluating another vendor", "competitor")]
    [InlineData("need approval from my boss", "approval")]
    [InlineData("call me back next quarter", "timing")]
    [InlineData("we're happy with our current vendor", "current-vendor")]
    [InlineData("too expensve", "price")]
    public void The_default_playbook_covers_the_common_objections(string text, string topic) =>
        Assert.Equal(topic, ObjectionPlaybook.Default().Match(text)?.Topic);

    [Fact]
    public void A_custom_playbook_file_replaces_the_default()
    {
        var json = """{ "objections": [ { "topic": "security", "title": "Security review", "phrases": ["security", "soc 2"], "questions": ["Which standard?"] } ] }""";
        var playbook = ObjectionPlaybook.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        Assert.Equal("security", playbook.Match("they need our SOC 2 report")?.Topic);
        Assert.Null(playbook.Match("too expensive"));
    }

    [Theory]
    [InlineData("""{ "objections": [] }""")]
    [InlineData("""{ "objections": [ { "topic": "x", "title": "X" } ] }""")]
    public void A_playbook_without_usable_entries_is_rejected(string json) =>
        Assert.Throws<InvalidDataException>(() => ObjectionPlaybook.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
}
