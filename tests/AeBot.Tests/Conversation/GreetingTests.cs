using AeBot.Core.Conversation;
using AeBot.Core.Help;
using AeBot.Core.Organization;
using Microsoft.Extensions.DependencyInjection;

namespace AeBot.Tests.Conversation;

/// <summary>
/// The landing greeting and help: the example questions fit the person's role and day (in their own time zone), and
/// each one, clicked, gets a real answer from the demo company — never "I didn't understand", an error or a refusal.
/// </summary>
public sealed class GreetingTests
{
    private const string Dana = "dana.reyes@northwind.example";
    private const string Marcus = "marcus.johnson@northwind.example";

    [Theory]
    // Monday 22:00 in New York, already Tuesday in UTC: the week-ahead questions follow Dana's and Marcus's zone.
    [InlineData("2026-11-24T03:00:00Z", "A new week", "what closes this week?", "what does my team close this week?")]
    // Saturday 28 November: the month ends on Monday.
    [InlineData("2026-11-28T14:00:00Z", "The month ends Nov 30", "what closes this month?", "what does my team close this month?")]
    // Tuesday 22 December: the quarter ends in nine days.
    [InlineData("2026-12-22T15:00:00Z", "The quarter ends Dec 31", "forecast this quarter", "team forecast this quarter")]
    // Wednesday 11 November: an ordinary day.
    [InlineData("2026-11-11T15:00:00Z", "what reps ask me most", "my day", "team pipeline by rep this quarter")]
    public async Task The_days_example_questions_fit_the_role_and_each_gets_an_answer(string now, string why, string repQuestion, string managerQuestion)
    {
        var directory = Directory.CreateTempSubdirectory("aebot-greeting-");
        try
        {
            using var host = await TestHosts.StartAsync(new()
            {
                ["Storage:SqlitePath"] = Path.Combine(directory.FullName, "aebot.db"),
                ["Clock:Now"] = now,
                ["Demo:Seed"] = "true",
            }, seedDemo: true);

            var dana = await GreetingAsync(host.Services, Dana);
            var marcus = await GreetingAsync(host.Services, Marcus);

            Assert.Contains(why, ((TextBlock)dana.Blocks[0]).Markdown);
            Assert.Contains(repQuestion, Questions(dana));
            Assert.Contains(managerQuestion, Questions(marcus));
            Assert.DoesNotContain(Questions(dana), q => q.Contains("team", StringComparison.Ordinal) || q.Contains("behind", StringComparison.Ordinal));
            foreach (var (email, greeting) in new[] { (Dana, dana), (Marcus, marcus) })
            {
                Assert.InRange(Questions(greeting).Count, 4, Greetings.MaxExamples);
                foreach (var action in ((ActionsBlock)greeting.Blocks[1]).Actions)
                    AssertAnswered(action.Label, await TestHosts.AskAsync(host.Services, email, "", Guid.NewGuid().ToString("N"), action.Payload, DateTimeOffset.Parse(now)));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TestDirectory.Delete(directory);
        }
    }

    [Theory]
    [InlineData(Dana, false)]
    [InlineData(Marcus, true)]
    public async Task Every_clickable_help_example_gets_an_answer(string email, bool manager)
    {
        var directory = Directory.CreateTempSubdirectory("aebot-help-");
        try
        {
            using var host = await TestHosts.StartAsync(new()
            {
                ["Storage:SqlitePath"] = Path.Combine(directory.FullName, "aebot.db"),
                ["Clock:Now"] = ConversationFixture.Now.ToString("O"),
                ["Demo:Seed"] = "true",
            }, seedDemo: true);

            var help = await TestHosts.AskAsync(host.Services, email, "help", Guid.NewGuid().ToString("N"));
            var buttons = Assert.Single(help.Blocks.OfType<ActionsBlock>()).Actions;

            Assert.Equal(HelpAbility.Questions(manager), buttons.Select(b => b.Label).ToList());
            foreach (var button in buttons)
                AssertAnswered(button.Label, await TestHosts.AskAsync(host.Services, email, "", Guid.NewGuid().ToString("N"), button.Payload));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TestDirectory.Delete(directory);
        }
    }

    private static async Task<Reply> GreetingAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        var rep = await scope.ServiceProvider.GetRequiredService<IRepDirectory>().FindAsync(email, default);
        return (await scope.ServiceProvider.GetRequiredService<Greetings>().ForAsync(rep!.Id, default))!;
    }

    private static List<string> Questions(Reply greeting) => ((ActionsBlock)greeting.Blocks[1]).Actions.Select(a => a.Label).ToList();

    private static void AssertAnswered(string question, Reply reply)
    {
        var text = reply.Read();
        Assert.False(reply.Summary is "Error" or "Not understood; suggested questions" or "Unknown or inactive user" || reply.Summary.StartsWith("Unsupported", StringComparison.Ordinal)
            || reply.Summary.StartsWith("Refused", StringComparison.Ordinal) || reply.Summary == "Team question from a rep",
            $"\"{question}\" was not answered: {reply.Summary}");
        Assert.DoesNotContain("didn't understand", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("went wrong", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("I can't", text, StringComparison.Ordinal);
    }
}
