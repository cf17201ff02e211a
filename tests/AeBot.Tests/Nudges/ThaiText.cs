using System.Text.RegularExpressions;
using AeBot.Core.Conversation;

namespace AeBot.Tests.Nudges;

/// <summary>
/// What a person reads in a reply (text, labels, titles, buttons, summary — never payloads), and the check that a
/// Thai one has no English left in it once the names and values from the data are taken out.
/// </summary>
internal static partial class ThaiText
{
    /// <summary>Words that are the same in a Thai reply: product and system names, currency codes, periods, zone abbreviations.</summary>
    private static readonly string[] Allowed = ["AeBot", "HubSpot", "Salesforce", "CRM", "USD", "THB", "EUR", "GBP", "FY"];

    public static IEnumerable<string> Visible(Reply reply) => reply.Blocks.SelectMany(Visible).Append(reply.Summary);

    public static IEnumerable<string> Visible(ReplyBlock block) => block switch
    {
        TextBlock t => [t.Markdown],
        FactsBlock f => f.Facts.SelectMany(x => new[] { x.Label, x.Value }),
        TableBlock t => [t.Title ?? "", .. t.Columns, .. t.Rows.SelectMany(r => r)],
        ItemListBlock l => [l.Title ?? "", .. l.Items.SelectMany(i => new[] { i.Title, i.Detail ?? "" }.Concat(i.Actions.Select(a => a.Label)))],
        ActionsBlock a => a.Actions.Select(x => x.Label),
        ChoiceBlock c => [c.Prompt, .. c.Options.Select(o => o.Label)],
        ChartBlock c => [c.Title, c.Unit, .. c.Categories, .. c.Series.Select(s => s.Name)],
        ContextBlock c => [c.Text],
        _ => [],
    };

    public static string All(Reply reply) => string.Join("\n", Visible(reply));

    /// <summary>
    /// The English words left in <paramref name="text"/> once <paramref name="names"/> (accounts, deals, people, stages,
    /// zones from the data), the allowed words and the commands quoted for the reader to type ("nudge settings") are
    /// removed: empty for a reply written wholly in Thai.
    /// </summary>
    public static IReadOnlyList<string> EnglishIn(string text, IEnumerable<string> names)
    {
        foreach (var name in names.Where(n => n.Length > 0).OrderByDescending(n => n.Length))
            text = text.Replace(name, " ", StringComparison.Ordinal);
        text = Quoted().Replace(text, " ");
        text = ZoneAbbreviation().Replace(text, " ");
        foreach (var word in Allowed)
            text = Regex.Replace(text, $@"\b{word}\b", " ");
        text = Quarter().Replace(text, " ");
        return [.. Words().Matches(text).Select(m => m.Value)];
    }

    public static void AssertThai(Reply reply, IEnumerable<string> names)
    {
        Assert.Equal("th", reply.Language);
        var english = EnglishIn(All(reply), names);
        Assert.True(english.Count == 0, $"English left in a Thai reply: {string.Join(", ", english.Distinct())}\n---\n{All(reply)}");
    }

    [GeneratedRegex("\"[^\"\n]*\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\b(?:UTC|GMT|[A-Z]{1,3}[SD]?T)\b")]
    private static partial Regex ZoneAbbreviation();

    [GeneratedRegex(@"\bQ[1-4]\b")]
    private static partial Regex Quarter();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex Words();
}
