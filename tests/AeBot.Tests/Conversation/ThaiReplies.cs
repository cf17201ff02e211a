using System.Text.RegularExpressions;
using AeBot.Core.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AeBot.Tests.Conversation;

/// <summary>
/// What a Thai reply may hold in Latin letters: the names in the data (people, accounts, deals, products, stages,
/// teams), currency codes, time-zone abbreviations and a few product words (AeBot, CRM, Q1–Q4). Anything else of two
/// or more Latin letters is English left in a Thai reply.
/// </summary>
internal static partial class ThaiReplies
{
    private static readonly string[] Allowed =
    [
        "AeBot", "HubSpot", "Salesforce", "CRM", "FY", "Q1", "Q2", "Q3", "Q4",
        "USD", "EUR", "GBP", "JPY", "INR", "AUD", "CAD", "THB", "CHF", "SGD",
        "UTC", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "BST", "CET", "CEST", "ICT",
    ];

    /// <summary>Every name in the data, by plain SQL.</summary>
    public static Task<IReadOnlyList<string>> NamesAsync(ConversationFixture app) => NamesAsync(app.Services);

    /// <summary>Every name in the data of the host with <paramref name="services"/>, by plain SQL.</summary>
    public static async Task<IReadOnlyList<string>> NamesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AeBot.Data.Storage.AeBotDbContext>();
        var names = new List<string>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            "SELECT Name FROM Reps", "SELECT Name FROM Accounts", "SELECT Name FROM Products", "SELECT Name FROM Opportunities",
            "SELECT Name FROM Teams", "SELECT DISTINCT Stage FROM Opportunities",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                if (!reader.IsDBNull(0))
                    names.Add(reader.GetString(0));
        }
        return names.Where(n => n.Length > 0).Distinct().OrderByDescending(n => n.Length).ToList();
    }

    /// <summary>Every word a person sees (not the buttons' payloads, which the core reads back), and the summary.</summary>
    public static string Visible(Reply reply)
    {
        var parts = new List<string> { reply.Summary };
        foreach (var block in reply.Blocks)
            switch (block)
            {
                case TextBlock t: parts.Add(t.Markdown); break;
                case ContextBlock c: parts.Add(c.Text); break;
                case FactsBlock f: parts.AddRange(f.Facts.SelectMany(x => new[] { x.Label, x.Value })); break;
                case TableBlock t:
                    parts.Add(t.Title ?? "");
                    parts.AddRange(t.Columns);
                    parts.AddRange(t.Rows.SelectMany(r => r));
                    break;
                case ChartBlock c:
                    parts.Add(c.Title);
                    parts.AddRange(c.Categories);
                    parts.AddRange(c.Series.Select(s => s.Name));
                    parts.Add(c.Unit);
                    break;
                case ActionsBlock a: parts.AddRange(a.Actions.Select(x => x.Label)); break;
                case ChoiceBlock c:
                    parts.Add(c.Prompt);
                    parts.AddRange(c.Options.Select(x => x.Label));
                    break;
                case ItemListBlock l:
                    parts.Add(l.Title ?? "");
                    parts.AddRange(l.Items.SelectMany(i => new[] { i.Title, i.Detail ?? "" }.Concat(i.Actions.Select(x => x.Label))));
                    break;
            }
        return string.Join("\n", parts);
    }

    /// <summary>The English words left in a Thai reply once the data's names and the allowed tokens are taken out.</summary>
    public static IReadOnlyList<string> EnglishWords(Reply reply, IReadOnlyList<string> names)
    {
        var text = Visible(reply);
        foreach (var name in names)
            text = text.Replace(name, " ", StringComparison.Ordinal);
        foreach (var token in Allowed)
            text = Regex.Replace(text, $"(?<![A-Za-z]){Regex.Escape(token)}(?![A-Za-z])", " ");
        return Latin().Matches(text).Select(m => m.Value).Distinct().ToList();
    }

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex Latin();
}
