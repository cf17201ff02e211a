using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using AeBot.Core.Conversation;
using AeBot.Core.Help;
using AeBot.Core.Organization;
using AeBot.Core.Sales;
using AeBot.Core.Tests.Understanding;
using AeBot.Core.Text;
using AeBot.Core.Understanding;

namespace AeBot.Core.Tests.Help;

/// <summary>
/// Help and the greeting in Thai: Thai words only (names aside), and every example a Thai rep is shown is a Thai
/// question the real parser reads the way it reads the English example it stands for — a button never leads to
/// "I didn't understand".
/// </summary>
public sealed partial class ThaiHelpTests
{
    private static readonly string[] Names = ["Dana", "Marcus", "Acme", "Lee", "Bob", "Negotiation"];

    private static readonly SnapshotNames Demo = SnapshotNames.Demo.Value;

    [Theory]
    [InlineData(RepRole.Rep)]
    [InlineData(RepRole.Manager)]
    public void Help_for_a_thai_rep_is_all_thai(RepRole role)
    {
        var reply = HelpAbility.For(new RepIdentity(1, role == RepRole.Rep ? "Dana Reyes" : "Marcus Johnson", role, "UTC"), ReplyLanguage.Thai);

        ThaiText.AssertThai(reply, Names);
        Assert.StartsWith("สวัสดีคุณ ", ((TextBlock)reply.Blocks[0]).Markdown);
        Assert.All(((ActionsBlock)reply.Blocks[1]).Actions, b => Assert.Equal(Payloads.Ask + b.Label, b.Payload));
    }

    [Fact]
    public void Help_in_english_is_what_it_always_was()
    {
        var reply = HelpAbility.For(new RepIdentity(1, "Marcus Johnson", RepRole.Manager, "UTC"), ReplyLanguage.English);

        Assert.Equal("Hi Marcus! I'm AeBot, your sales assistant. Ask or tell me in plain words — click a question to ask it:", ((TextBlock)reply.Blocks[0]).Markdown);
        Assert.Equal(
            "Or, for example:\n- \"what did I close last quarter?\" — then \"and this quarter?\"\n- \"if Acme and Globex close, where do I land?\"\n" +
            "- \"logged a call with Dana at Acme — pushback on price, next step revised quote by Friday\"\n" +
            "- \"move Acme to negotiation\", \"push Globex to next month\", \"mark Initech won\" — then \"undo\"\n- \"brief me on Acme\"\n" +
            "- \"remind me to call Bob tomorrow at 10am\"\n- \"what would I earn if Acme closes?\"\n" +
            "- \"mute renewals for Acme\", \"digest at 8am\", \"quiet hours 7pm to 7am\"\n- \"Dana's pipeline\", \"compare Dana and Lee this year\"",
            ((TextBlock)reply.Blocks[2]).Markdown);
        Assert.Equal(
            ["what closes this month?", "how am I tracking vs quota?", "biggest open deals", "what did I close last quarter?", "forecast this quarter",
             "deals past their close date", "stale deals", "slipped deals", "my day", "how do I handle 'too expensive'?", "what have I earned this quarter?", "nudge settings",
             "team pipeline by rep this quarter", "who is behind quota?", "how is my team tracking vs quota?"],
            ((ActionsBlock)reply.Blocks[1]).Actions.Select(a => a.Label));
        Assert.Equal("Help: what AeBot can do", reply.Summary);
    }

    /// <summary>Every question a button or greeting offers, Thai beside its English twin (the same resource key).</summary>
    public static TheoryData<string, string, string> Questions()
    {
        var data = new TheoryData<string, string, string>();
        var english = HelpTexts.ResourceManager.GetResourceSet(CultureInfo.InvariantCulture, true, true)!;
        foreach (DictionaryEntry entry in english)
        {
            var key = (string)entry.Key;
            var thai = ReplyLanguage.Thai.Text(HelpTexts.ResourceManager, key);
            if (key.StartsWith("Q_", StringComparison.Ordinal) && thai.Length > 0)
                data.Add(key, thai, (string)entry.Value!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public async Task Each_thai_example_question_is_read_as_its_english_twin(string key, string thai, string english)
    {
        var who = key.Contains("Team", StringComparison.Ordinal) || key is "Q_BehindQuota" or "Q_BestWinRate" ? "marcus" : "dana";
        var viewer = Demo.Viewer(Demo.Rep(who));
        var parser = QueryCorpus.Parser(Demo);

        var expected = await parser.ReadAsync(english, viewer, QueryCorpus.DefaultToday, null, default);
        var actual = await parser.ReadAsync(thai, viewer, QueryCorpus.DefaultToday, null, default);

        Assert.True(actual is QueryReading or AbilityReading, $"{key}: \"{thai}\" is read as {actual}");
        Assert.Equal(Describe(expected), Describe(actual));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Each_typed_example_in_thai_help_is_read(bool manager)
    {
        var viewer = Demo.Viewer(Demo.Rep(manager ? "marcus" : "dana"));
        var parser = QueryCorpus.Parser(Demo);
        var examples = HelpAbility.Lines(manager, ReplyLanguage.Thai).SelectMany(l => Quoted().Matches(l).Select(m => m.Groups[1].Value)).ToList();
        Assert.True(examples.Count >= 8);

        Query? previous = null;
        foreach (var example in examples)
        {
            var reading = await parser.ReadAsync(example, viewer, QueryCorpus.DefaultToday, previous, default);
            Assert.False(reading is NotUnderstoodReading or ChoiceReading or OutOfScopeReading, $"\"{example}\" is read as {reading}");
            // A write written in Thai is taken as a write, never declined as something AeBot does not do.
            Assert.False(reading is UnsupportedReading, $"\"{example}\" is declined as {reading}");
            previous = (reading as QueryReading)?.Query ?? previous;
        }
    }

    [Theory]
    // Quarter end, month end, a Monday, an ordinary day (2026 calendar quarters).
    [InlineData("2026-12-22")]
    [InlineData("2026-11-26")]
    [InlineData("2026-11-23")]
    [InlineData("2026-11-11")]
    public async Task The_thai_greeting_offers_questions_the_parser_reads(string day)
    {
        var today = DateOnly.Parse(day, CultureInfo.InvariantCulture);
        var parser = QueryCorpus.Parser(Demo);
        foreach (var who in new[] { "dana", "marcus" })
        {
            var viewer = Demo.Viewer(Demo.Rep(who)) with { Language = new LanguageChoice("th", null, null) };
            var greeting = Greetings.For(viewer, new DateTimeOffset(today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero), new FiscalCalendar(1));

            Assert.Equal("th", greeting.Language);
            ThaiText.AssertThai(greeting, viewer.Name.Split(' '));
            Assert.StartsWith("สวัสดีตอนเช้าคุณ ", ((TextBlock)greeting.Blocks[0]).Markdown);
            foreach (var action in ((ActionsBlock)greeting.Blocks[1]).Actions)
            {
                var reading = await parser.ReadAsync(action.Label, viewer, today, null, default);
                Assert.True(reading is QueryReading or AbilityReading, $"\"{action.Label}\" is read as {reading}");
            }
        }
    }

    [Fact]
    public void The_thai_greeting_names_the_quarter_end_in_thai()
    {
        var viewer = Demo.Viewer(Demo.Rep("dana")) with { Language = new LanguageChoice("th", null, null) };
        var greeting = Greetings.For(viewer, new DateTimeOffset(2026, 12, 22, 20, 0, 0, TimeSpan.Zero), new FiscalCalendar(1));

        Assert.Contains("31 ธ.ค.", ((TextBlock)greeting.Blocks[0]).Markdown);
        Assert.StartsWith("สวัสดีตอนเย็นคุณ Dana", ((TextBlock)greeting.Blocks[0]).Markdown);
    }

    private static string Describe(Reading reading) => reading switch
    {
        QueryReading q => q.Query.Describe(),
        AbilityReading a => "ability:" + a.Kind,
        CommandReading c => "command:" + c.Kind,
        _ => reading.GetType().Name,
    };

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Quoted();
}
