using System.Text.RegularExpressions;
using AeBot.Core.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AeBot.Tests.Conversation;

/// <summary>
/// One voice for text (#17, item 5): every reply the demo gives to the README's read-only examples is linted for
/// the slips people noticed — "1 reps", "(e.g. )", "$285K November 2026" — so a new answer cannot bring them back.
/// The examples are read from README.md itself, so the README and the test cannot drift apart.
/// </summary>
public sealed partial class TextLintTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private const string Dana = "dana.reyes@northwind.example";
    private const string Marcus = "marcus.johnson@northwind.example";

    /// <summary>The README's read-only abilities, and who asks their examples.</summary>
    private static readonly Dictionary<string, string> AskedBy = new(StringComparer.Ordinal)
    {
        ["help"] = Dana, ["pipeline"] = Dana, ["results"] = Dana, ["quota"] = Dana, ["forecast"] = Dana, ["managers"] = Marcus,
        ["account brief"] = Dana, ["my day"] = Dana, ["objection playbook"] = Dana, ["commission"] = Dana,
    };

    public static IEnumerable<object[]> Examples()
    {
        var readme = FindReadme();
        var section = readme[readme.IndexOf("## What you can ask", StringComparison.Ordinal)..readme.IndexOf("## Test it", StringComparison.Ordinal)];
        foreach (var line in section.Split('\n'))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 3 || !AskedBy.TryGetValue(cells[1], out var who))
                continue;
            foreach (Match m in Quoted().Matches(cells[2]))
                if (!m.Groups[1].Value.Contains('…'))
                    yield return [cells[1], m.Groups[1].Value, who];
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Replies_to_the_readmes_examples_read_right(string ability, string question, string who)
    {
        var reply = await app.AskAsync(who, question);
        var problems = Lint(Texts(reply)).ToList();
        Assert.True(problems.Count == 0, $"{ability}: \"{question}\" → {string.Join("; ", problems)}");
    }

    [Fact]
    public void The_readme_gives_examples_for_every_read_only_ability() =>
        Assert.Equal(AskedBy.Keys.Order(), Examples().Select(e => (string)e[0]).Distinct().Order());

    [Fact]
    public async Task A_contract_that_has_ended_says_so_with_its_year()
    {
        // An account of Dana's with a contract that ended before today (Nov 28, 2026), found with plain SQL.
        string account;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AeBot.Data.Storage.AeBotDbContext>();
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT a.Name FROM Contracts c JOIN Accounts a ON a.Id = c.AccountId JOIN Reps r ON r.Id = a.OwnerId
                WHERE r.Email = 'dana.reyes@northwind.example' AND c.EndDate < '2026-11-28' ORDER BY a.Name LIMIT 1
                """;
            account = (string)(await command.ExecuteScalarAsync())!;
        }
        var brief = await app.AskAsync(Dana, $"brief me on {account}");
        var rows = brief.Blocks.OfType<TableBlock>().Single(t => t.Title == "Contracts").Rows;
        Assert.Contains(rows, r => Regex.IsMatch(r[1], @"^[A-Z][a-z]{2} \d{1,2}, \d{4} \(ended\)$") && r[3] == "ended, not renewed");
        Assert.DoesNotContain(rows, r => r[1].EndsWith("(ended)", StringComparison.Ordinal) && r[3] == "needs renewal");
    }

    /// <summary>What a person reads in a reply: text, facts, table cells, list items, context lines.</summary>
    private static IEnumerable<string> Texts(Reply reply)
    {
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case TextBlock t:
                    yield return t.Markdown;
                    break;
                case FactsBlock f:
                    foreach (var fact in f.Facts)
                        yield return $"{fact.Label}: {fact.Value}";
                    break;
                case TableBlock table:
                    if (table.Title is { } title)
                        yield return title;
                    foreach (var row in table.Rows)
                        yield return string.Join(" | ", row);
                    break;
                case ItemListBlock list:
                    if (list.Title is { } heading)
                        yield return heading;
                    foreach (var item in list.Items)
                        yield return $"{item.Title} — {item.Detail}";
                    break;
                case ContextBlock c:
                    yield return c.Text;
                    break;
                case ActionsBlock a:
                    foreach (var action in a.Actions)
                        yield return action.Label;
                    break;
                case ChoiceBlock choice:
                    yield return choice.Prompt;
                    foreach (var option in choice.Options)
                        yield return option.Label;
                    break;
            }
        }
        if (reply.Summary is { } summary)
            yield return summary;
    }

    private static IEnumerable<string> Lint(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            var plain = text.Replace("**", "", StringComparison.Ordinal);
            if (OnePlural().Match(plain) is { Success: true } plural)
                yield return $"plural after one: '{plural.Value}' in \"{text}\"";
            if (EmptyParentheses().IsMatch(plain))
                yield return $"empty parentheses in \"{text}\"";
            if (MoneyThenMonth().Match(plain) is { Success: true } month)
                yield return $"a period without 'in': '{month.Value}' in \"{text}\"";
            if (DayFirstDate().Match(plain) is { Success: true } date)
                yield return $"a date not in the house style (month first: \"Dec 2\", \"Wed, Dec 2\", \"Dec 2, 2027\"): '{date.Value}' in \"{text}\"";
        }
    }

    private static string FindReadme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "README.md")) && Directory.Exists(Path.Combine(dir.FullName, "src")))
                return File.ReadAllText(Path.Combine(dir.FullName, "README.md"));
        throw new InvalidOperationException("README.md not found above the test's folder");
    }

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"(?<![\d.,$€£])\b1 (reps|deals|renewals|accounts|days|contacts|follow-ups|interactions|people|products|wins|losses|quarters|months|weeks|tasks|reminders|nudges|direct reports|opportunities)\b")]
    private static partial Regex OnePlural();

    [GeneratedRegex(@"\(\s*(e\.g\.)?\s*\)")]
    private static partial Regex EmptyParentheses();

    // "2 Dec 2026", "Wed 2 Dec": the day-first styles that once sat beside "Dec 2, 2026" on one screen.
    [GeneratedRegex(@"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(uary|ruary|ch|il|e|y|ust|tember|ober|ember)?\b")]
    private static partial Regex DayFirstDate();

    [GeneratedRegex(@"[$€£][\d.,]+[KMB]? (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}")]
    private static partial Regex MoneyThenMonth();
}
