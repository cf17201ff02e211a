using System.Text.RegularExpressions;
using AeBot.Core.Conversation;

namespace AeBot.Core.Tests.Help;

/// <summary>
/// Whether a Thai reply slipped into English: names and values from the data, currency codes, digits and the few
/// tokens Thai sellers write as they are (AeBot, CRM, Q1–Q4…) are removed, and no Latin word of two letters may remain.
/// </summary>
public static partial class ThaiText
{
    private static readonly string[] Allowed = ["AeBot", "HubSpot", "Salesforce", "CRM", "FY", "THB", "USD", "EUR", "GBP"];

    public static IReadOnlyList<string> EnglishWords(string text, params string[] names)
    {
        foreach (var name in names.Concat(Allowed).OrderByDescending(n => n.Length))
            text = text.Replace(name, " ", StringComparison.Ordinal);
        text = Quarter().Replace(text, " ");
        return LatinWord().Matches(text).Select(m => m.Value).ToList();
    }

    /// <summary>Every text a reply shows: blocks, buttons, choices, the summary.</summary>
    public static IEnumerable<string> Texts(Reply reply)
    {
        yield return reply.Summary;
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case TextBlock t: yield return t.Markdown; break;
                case ContextBlock c: yield return c.Text; break;
                case ActionsBlock a: foreach (var x in a.Actions) yield return x.Label; break;
                case ChoiceBlock c: yield return c.Prompt; foreach (var x in c.Options) yield return x.Label; break;
                case FactsBlock f: foreach (var x in f.Facts) { yield return x.Label; yield return x.Value; } break;
            }
        }
    }

    public static void AssertThai(Reply reply, params string[] names)
    {
        var english = Texts(reply).SelectMany(t => EnglishWords(t, names)).Distinct().ToList();
        Assert.True(english.Count == 0, "English in a Thai reply: " + string.Join(", ", english));
    }

    [GeneratedRegex(@"\bQ[1-4]\b")]
    private static partial Regex Quarter();

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex LatinWord();
}
