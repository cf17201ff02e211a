using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using AeBot.Core.Text;

namespace AeBot.Core.Tests.Text;

/// <summary>
/// Every reply text exists in English and in Thai with the same slots, read from the built assembly and its Thai
/// satellite (what the app really loads), so a text added to one file only fails here, not in front of a Thai rep.
/// </summary>
public partial class ReplyTextsTests
{
    public static TheoryData<string> Resources()
    {
        var data = new TheoryData<string>();
        foreach (var name in ResourceClasses().Select(t => t.Name))
            data.Add(name);
        return data;
    }

    private static IEnumerable<Type> ResourceClasses() =>
        typeof(ReplyLanguage).Assembly.GetTypes()
            .Where(t => t.Namespace == "AeBot.Core.Text" && t.Name.EndsWith("Texts", StringComparison.Ordinal)
                && t.GetProperty("ResourceManager", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic) is not null);

    [Fact]
    public void The_core_has_reply_texts() => Assert.Contains(ResourceClasses(), t => t.Name == "TurnTexts");

    [Theory]
    [MemberData(nameof(Resources))]
    public void Every_text_has_a_thai_twin_with_the_same_slots(string name)
    {
        var type = ResourceClasses().Single(t => t.Name == name);
        var manager = (ResourceManager)type.GetProperty("ResourceManager", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(null)!;
        var english = Read(manager, CultureInfo.InvariantCulture);
        var thai = Read(manager, CultureInfo.GetCultureInfo("th"));

        Assert.NotEmpty(english);
        Assert.Empty(english.Keys.Except(thai.Keys));
        Assert.Empty(thai.Keys.Except(english.Keys));
        foreach (var (key, text) in english)
        {
            Assert.True(Slots(text).SetEquals(Slots(thai[key])), $"{name}.{key}: slots differ: \"{text}\" / \"{thai[key]}\"");
            Assert.True(key.EndsWith("Ask", StringComparison.Ordinal) || key.StartsWith("Kind_", StringComparison.Ordinal) || ThaiScript().IsMatch(thai[key]) || !Words().IsMatch(thai[key]),
                $"{name}.{key}: the Thai text is not Thai: \"{thai[key]}\"");
        }
    }

    private static Dictionary<string, string> Read(ResourceManager manager, CultureInfo culture)
    {
        // tryParents false: the Thai set alone, never English filled in behind a missing Thai text. Not disposed: it is
        // the manager's own cached set, and closing it breaks every later lookup in the process.
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    private static HashSet<string> Slots(string text) => [.. Slot().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"(?<!\{)\{(\d+)(?:[,:][^}]*)?\}(?!\})")]
    private static partial Regex Slot();

    [GeneratedRegex(@"\p{IsThai}")]
    private static partial Regex ThaiScript();

    [GeneratedRegex(@"[A-Za-z]{3,}")]
    private static partial Regex Words();
}
