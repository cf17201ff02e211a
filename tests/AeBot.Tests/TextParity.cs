using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;

namespace AeBot.Tests;

/// <summary>
/// The check <c>AeBot.Core.Tests</c>' ReplyTextsTests makes of the core's texts, for another project's: every
/// English text has a Thai twin with the same {0} slots, read from the built assembly and its Thai satellite (what the
/// app really loads), so a text added to one file only fails here, not in front of a Thai-speaking person.
/// </summary>
internal static partial class TextParity
{
    /// <summary>The base names of the *Texts resources built into <paramref name="assemblyName"/>.</summary>
    public static IReadOnlyList<string> Resources(string assemblyName) =>
        Assembly.Load(assemblyName).GetManifestResourceNames()
            .Where(n => n.EndsWith("Texts.resources", StringComparison.Ordinal))
            .Select(n => n[..^".resources".Length]).Order(StringComparer.Ordinal).ToList();

    /// <summary>What is wrong with one resource: a key on one side only, different slots, a Thai text that is not Thai.</summary>
    public static IReadOnlyList<string> Problems(string assemblyName, string baseName)
    {
        var manager = new ResourceManager(baseName, Assembly.Load(assemblyName));
        var english = Read(manager, CultureInfo.InvariantCulture);
        var thai = Read(manager, CultureInfo.GetCultureInfo("th"));
        var problems = new List<string>();
        if (english.Count == 0)
            problems.Add($"{baseName}: no English texts");
        problems.AddRange(english.Keys.Except(thai.Keys).Select(k => $"{baseName}.{k}: no Thai text"));
        problems.AddRange(thai.Keys.Except(english.Keys).Select(k => $"{baseName}.{k}: Thai only"));
        foreach (var (key, text) in english.Where(e => thai.ContainsKey(e.Key)))
        {
            if (!Slots(text).SetEquals(Slots(thai[key])))
                problems.Add($"{baseName}.{key}: slots differ: \"{text}\" / \"{thai[key]}\"");
            if (!ThaiScript().IsMatch(thai[key]) && Words().IsMatch(thai[key]))
                problems.Add($"{baseName}.{key}: the Thai text is not Thai: \"{thai[key]}\"");
        }
        return problems;
    }

    private static Dictionary<string, string> Read(ResourceManager manager, CultureInfo culture)
    {
        // tryParents false: the Thai set alone, never English filled in behind a missing Thai text.
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        return set is null ? [] : set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    private static HashSet<string> Slots(string text) => [.. Slot().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"(?<!\{)\{(\d+)(?:[,:][^}]*)?\}(?!\})")]
    private static partial Regex Slot();

    [GeneratedRegex(@"\p{IsThai}")]
    private static partial Regex ThaiScript();

    [GeneratedRegex(@"[A-Za-z]{3,}")]
    private static partial Regex Words();
}
