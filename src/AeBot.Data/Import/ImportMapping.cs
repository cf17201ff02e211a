using System.Text.Json;
using System.Text.Json.Serialization;

namespace AeBot.Data.Import;

/// <summary>
/// The optional <c>--mapping mapping.json</c>: what to do where the built-in recognition is not enough.
/// <code>
/// { "delimiter": ";", "dateOrder": "DayMonthYear", "defaultCurrency": "EUR",
///   "stages": { "won": ["Signed"], "lost": ["Abandoned"] },
///   "columns": { "Sales Owner": "owner", "Internal Notes": null },
///   "files": [ { "match": "export_*.csv", "kind": "Opportunities", "columns": { "Total": "amount" } } ] }
/// </code>
/// A column mapped to null is ignored on purpose (and not listed as unrecognised).
/// </summary>
public sealed record ImportMapping
{
    public string? Delimiter { get; init; }
    public DateOrder? DateOrder { get; init; }
    public string? DefaultCurrency { get; init; }
    public StageLists? Stages { get; init; }
    public Dictionary<string, string?> Columns { get; init; } = [];
    public List<FileRule> Files { get; init; } = [];

    /// <summary>Kind for a single file; overrides the recognition from its header.</summary>
    public ImportKind? Kind { get; init; }

    public sealed record StageLists
    {
        public List<string> Won { get; init; } = [];
        public List<string> Lost { get; init; } = [];
    }

    public sealed record FileRule
    {
        /// <summary>File name pattern with * and ? ("deals*.csv").</summary>
        public required string Match { get; init; }
        public ImportKind? Kind { get; init; }
        public Dictionary<string, string?> Columns { get; init; } = [];
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads a mapping file; throws <see cref="ImportException"/> with a readable reason.</summary>
    public static ImportMapping Load(string path)
    {
        if (!File.Exists(path))
            throw new ImportException($"Mapping file {path} does not exist.");
        try
        {
            var mapping = JsonSerializer.Deserialize<ImportMapping>(File.ReadAllText(path), Json)
                ?? throw new ImportException($"Mapping file {path} is empty.");
            if (mapping.Delimiter is { Length: not 1 } d && d != "\\t" && d != "tab")
                throw new ImportException($"Mapping file {path}: delimiter must be one character (or \"tab\"), not \"{d}\".");
            return mapping;
        }
        catch (JsonException e)
        {
            throw new ImportException($"Mapping file {path} is not valid JSON: {e.Message}");
        }
    }

    public char? DelimiterChar => Delimiter switch
    {
        null => null,
        "\\t" or "tab" => '\t',
        _ => Delimiter[0],
    };

    public FileRule? RuleFor(string fileName) =>
        Files.FirstOrDefault(r => System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(r.Match, fileName, ignoreCase: true));
}
