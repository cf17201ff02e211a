using AeBot.Core.Capture;
using AeBot.Core.Interactions;
using AeBot.Core.Playbook;

namespace AeBot.Core.Tests.Capture;

public class InteractionParserTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 9, 0, 0); // Saturday
    private static readonly ObjectionPlaybook Playbook = ObjectionPlaybook.Default();

    [Fact]
    public void Reads_the_issue_example_completely()
    {
        var p = InteractionParser.Parse("Logged a call with Dana and Lee at Acme — pushback on price, next step revised quote by Friday", Now, Playbook, "Acme");
        Assert.Equal(InteractionType.Call, p.Type);
        Assert.Equal(["Dana", "Lee"], p.ContactNames);
        Assert.Equal("Pushback on price", p.Summary);
        var objection = Assert.Single(p.Objections);
        Assert.Equal("Price", objection.Text);
        Assert.Equal("price", objection.Topic);
        Assert.Equal("Revised quote", p.NextStep);
        Assert.Equal(new DateOnly(2026, 12, 4), p.NextStepDue);
    }

    [Theory]
    [InlineData("Met with Sarah Chen at Globex. Demo went well; they are worried about timing. Next steps: send proposal on Monday", InteractionType.Meeting, "Sarah Chen", "timing", "Send proposal", "2026-11-30")]
    [InlineData("emailed Tom at Initech - they said it's too expensive - follow up in 3 days", InteractionType.Email, "Tom", "price", "Follow up", "2026-12-01")]
    [InlineData("had a call with Acme, concerns about the competitor, action item: reference call by Dec 10", InteractionType.Call, null, "competitor", "Reference call", "2026-12-10")]
    public void Reads_varied_phrasing(string text, InteractionType type, string? contact, string topic, string step, string due)
    {
        var p = InteractionParser.Parse(text, Now, Playbook, text.Contains("Acme") ? "Acme" : text.Contains("Globex") ? "Globex" : "Initech");
        Assert.Equal(type, p.Type);
        if (contact is null) Assert.Empty(p.ContactNames); else Assert.Equal([contact], p.ContactNames);
        Assert.Contains(p.Objections, o => o.Topic == topic);
        Assert.StartsWith(step, p.NextStep);
        Assert.Equal(DateOnly.Parse(due), p.NextStepDue);
    }

    [Fact]
    public void A_bare_request_leaves_the_summary_to_ask_for()
    {
        var p = InteractionParser.Parse("log a call with Acme", Now, Playbook, "Acme");
        Assert.Equal(InteractionType.Call, p.Type);
        Assert.Null(p.Summary);
        Assert.Empty(p.ContactNames);
        Assert.Null(p.NextStep);
    }

    [Fact]
    public void The_answer_to_what_happened_is_all_content()
    {
        var p = InteractionParser.ParseDetails("- left a voicemail\n- they’re worried about timing\nf/u Fri", Now, Playbook, "Acme");
        Assert.Null(p.Type);
        Assert.Empty(p.ContactNames);
        Assert.Equal("Left a voicemail; they're worried about timing", p.Summary);
        Assert.Equal("timing", Assert.Single(p.Objections).Topic);
        Assert.Equal(("Follow up", new DateOnly(2026, 12, 4)), (p.NextStep, p.NextStepDue));
    }

    [Theory]
    [InlineData("Met with Sarah at Globex yesterday, went well", "2026-11-27")]
    [InlineData("Call with Acme this morning: all good", "2026-11-28")]
    [InlineData("call with acme - all good, follow up today", null)]
    public void When_it_happened_is_read_from_the_opening_words_only(string text, string? day)
    {
        var p = InteractionParser.Parse(text, Now, Playbook, text.Contains("Globex") ? "Globex" : "Acme");
        Assert.Equal(day is null ? null : DateOnly.Parse(day), p.OccurredOn);
    }

    [Theory]
    [InlineData("Brightpath Labs —")]
    [InlineData("brightpath labs")]
    public void The_account_is_recognised_whatever_punctuation_its_words_came_with(string accountWords)
    {
        var p = InteractionParser.Parse("Logged a call with Dana and Sam Ortega at Brightpath Labs — pushback on price, next step revised quote by Friday", Now, Playbook, accountWords);
        Assert.Equal(["Dana", "Sam Ortega"], p.ContactNames);
        Assert.Equal("Pushback on price", p.Summary);
    }
}
