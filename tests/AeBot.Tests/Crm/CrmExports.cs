using System.Text;
using System.Text.Json;

namespace AeBot.Tests.Crm;

/// <summary>
/// What the CSV-versus-sync tests share: the CRM export fixtures (AeBot.Data.Tests/Import/Exports), read as rows by
/// column name to seed a fake CRM with the same records, and a chat answer reduced to what a person sees.
/// </summary>
internal static class CrmExports
{
    public static string Folder(string name) => Path.Combine(RepositoryRoot(), "tests", "AeBot.Data.Tests", "Import", "Exports", name);

    /// <summary>An export's CSV (quoted fields, no embedded line breaks in these fixtures; "#" lines are notes) as rows by column name.</summary>
    public static List<Dictionary<string, string>> Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => !l.StartsWith('#')).ToList();
        var header = Split(lines[0]);
        return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var cells = Split(l);
            return header.Select((h, i) => (h, v: i < cells.Count ? cells[i] : "")).ToDictionary(p => p.h, p => p.v);
        }).ToList();
    }

    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted && ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (ch == '"')
                quoted = !quoted;
            else if (ch == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
                cell.Append(ch);
        }
        cells.Add(cell.ToString());
        return cells;
    }

    /// <summary>What a person sees in a reply: its summary and every text, fact and cell — not button payloads, which carry local ids.</summary>
    public static string Visible(string json)
    {
        var parts = new List<string>();
        void Walk(JsonElement e, string? name)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        if (p.Name != "payload")
                            Walk(p.Value, p.Name);
                    }
                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray())
                        Walk(item, name);
                    break;
                default:
                    parts.Add($"{name}={e}");
                    break;
            }
        }
        Walk(JsonDocument.Parse(json).RootElement, null);
        return string.Join("\n", parts);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AeBot.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("AeBot.sln not found above the test folder.");
    }
}
