using System.Text.RegularExpressions;

namespace AeBot.Core.Tests.Layout;

/// <summary>
/// The core's folders are features; a folder may use another only one way. A cycle (Capture → Briefs → Capture) is
/// how a folder becomes a hub that everything has to change with, so the build fails on one.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static string CoreFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AeBot.sln")))
            directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("AeBot.sln not found above the test output."), "src", "AeBot.Core");
    }

    /// <summary>Folder → the folders its files use (by using directive or a qualified name such as "Nudges.NudgeCards").</summary>
    private static Dictionary<string, HashSet<string>> Graph()
    {
        var root = CoreFolder();
        var folders = Directory.GetDirectories(root).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).Select(f => f!).ToList();
        var graph = folders.ToDictionary(f => f, _ => new HashSet<string>());
        foreach (var folder in folders)
            foreach (var file in Directory.GetFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(file);
                foreach (Match m in UsingCore().Matches(text))
                    if (m.Groups[1].Value != folder && graph.ContainsKey(m.Groups[1].Value))
                        graph[folder].Add(m.Groups[1].Value);
                foreach (var other in folders.Where(o => o != folder))
                    if (Regex.IsMatch(text, @"(?<![\w.])" + other + @"\.[A-Z]\w"))
                        graph[folder].Add(other);
            }
        return graph;
    }

    [Fact]
    public void The_core_folders_depend_on_each_other_without_cycles()
    {
        var graph = Graph();
        var state = new Dictionary<string, int>();
        var path = new List<string>();
        List<string>? cycle = null;

        bool Visit(string folder)
        {
            state[folder] = 1;
            path.Add(folder);
            foreach (var next in graph[folder].Order(StringComparer.Ordinal))
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    cycle = [.. path.SkipWhile(p => p != next), next];
                    return true;
                }
                if (state.GetValueOrDefault(next) == 0 && Visit(next))
                    return true;
            }
            path.RemoveAt(path.Count - 1);
            state[folder] = 2;
            return false;
        }

        foreach (var folder in graph.Keys.Order(StringComparer.Ordinal))
            if (state.GetValueOrDefault(folder) == 0 && Visit(folder))
                break;
        Assert.True(cycle is null, "Folder cycle: " + string.Join(" → ", cycle ?? []));
    }

    [Fact]
    public void Understanding_depends_on_no_ability()
    {
        var graph = Graph();
        string[] abilities = ["Answers", "Capture", "Briefs", "MyDay", "Nudges", "Playbook", "Commission", "Turns", "Dialogs"];
        Assert.Empty(graph["Understanding"].Intersect(abilities));
    }

    [Fact]
    public void The_parser_and_its_typed_query_live_in_Understanding()
    {
        var understanding = Path.Combine(CoreFolder(), "Understanding");
        foreach (var file in new[] { "MessageParser.cs", "Query.cs", "Reading.cs", "Lexicon.cs", "TextNormalizer.cs", "FollowUps.cs" })
            Assert.True(File.Exists(Path.Combine(understanding, file)), file);
    }

    [GeneratedRegex(@"using AeBot\.Core\.(\w+);")]
    private static partial Regex UsingCore();
}
