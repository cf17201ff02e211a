using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AeBot.Core.Understanding;
using Microsoft.Extensions.Caching.Memory;

namespace AeBot.Core.Tests.Understanding;

/// <summary>One case of the question corpus (see Corpus/README.md).</summary>
public sealed record CorpusCase(string File, string Id, string As, string Text, DateOnly Today, IReadOnlyList<string> After, JsonObject Expect)
{
    public override string ToString() => $"{Id}: {Text}";
}

/// <summary>Loads the corpus, reads each case with the real parser over the demo names, and compares slot by slot.</summary>
public static class QueryCorpus
{
    public static readonly DateOnly DefaultToday = new(2026, 11, 28);

    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Understanding", "Corpus");

    private static readonly Lazy<IReadOnlyList<CorpusCase>> All = new(Load);

    public static IReadOnlyList<CorpusCase> Cases => All.Value;

    public static IReadOnlyList<CorpusCase> Load() => Load(Folder);

    /// <summary>The cases of one folder (the English corpus, or a language's subfolder such as th/).</summary>
    public static IReadOnlyList<CorpusCase> Load(string folder)
    {
        var cases = new List<CorpusCase>();
        foreach (var file in Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                var trimmed = line.Trim();
                if (trimmed.Length == 0 || trimmed.StartsWith("//", StringComparison.Ordinal))
                    continue;
                JsonObject node;
                try
                {
                    node = JsonNode.Parse(trimmed)!.AsObject();
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"{Path.GetFileName(file)}:{lineNumber}: {e.Message}");
                }
                var today = node["today"]?.GetValue<string>() is { } t ? DateOnly.ParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture) : DefaultToday;
                var after = node["after"]?.AsArray().Select(a => a!.GetValue<string>()).ToList() ?? [];
                cases.Add(new CorpusCase(Path.GetFileName(file), node["id"]!.GetValue<string>(), node["as"]!.GetValue<string>(), node["text"]!.GetValue<string>(),
                    today, after, node["expect"]!.AsObject()));
            }
        }
        var duplicate = cases.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidDataException($"Corpus id {duplicate.Key} is used {duplicate.Count()} times.");
        return cases;
    }

    public static MessageParser Parser(SnapshotNames names) =>
        new(new PeriodParser(new FiscalCalendar(1)), new NameCatalog(names, new MemoryCache(new MemoryCacheOptions())), names);

    /// <summary>Reads the case (its earlier messages first) and returns every slot that differs: (slot, expected, actual).</summary>
    public static async Task<IReadOnlyList<(string Slot, string Expected, string Actual)>> CheckAsync(CorpusCase c, MessageParser parser, SnapshotNames names)
    {
        var viewer = names.Viewer(names.Rep(c.As));
        Query? previous = null;
        foreach (var earlier in c.After)
            if (await parser.ReadAsync(earlier, viewer, c.Today, previous, default) is QueryReading q)
                previous = q.Query;
        var reading = await parser.ReadAsync(c.Text, viewer, c.Today, previous, default);
        return Compare(c.Expect, reading);
    }

    public static IReadOnlyList<(string Slot, string Expected, string Actual)> Compare(JsonObject expect, Reading reading)
    {
        var diffs = new List<(string, string, string)>();
        void Check(string slot, string expected, string actual)
        {
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
                diffs.Add((slot, expected, actual));
        }
        string Get(string key, string fallback) => expect[key] is { } n ? n.ToJsonString().Trim('"') : fallback;
        string List(string key) => expect[key] is JsonArray a ? string.Join("|", a.Select(x => x!.GetValue<string>()).Order(StringComparer.Ordinal)) : "";

        Check("kind", Get("kind", "query"), Kind(reading));
        switch (reading)
        {
            case OutOfScopeReading outside when expect["out_of_scope"] is not null:
                Check("out_of_scope", Get("out_of_scope", ""), outside.Words);
                break;
            case ChoiceReading choice when expect["choice"] is not null:
                Check("choice", Get("choice", ""), choice.Ambiguity.Kind);
                break;
            case QueryReading { Query: var q }:
            {
                var set = Get("set", "open");
                Check("measure", Get("measure", "list"), Word(q.Measure));
                Check("set", set, Word(q.Set));
                Check("subject", Get("subject", "me"), Word(q.Subject.Kind));
                Check("people", List("people"), string.Join("|", q.Subject.People.Select(p => p.Name).Order(StringComparer.Ordinal)));
                Check("accounts", List("accounts"), string.Join("|", q.Filters.Accounts.Select(p => p.Name).Order(StringComparer.Ordinal)));
                Check("products", List("products"), string.Join("|", q.Filters.Products.Select(p => p.Name).Order(StringComparer.Ordinal)));
                Check("stages", List("stages"), string.Join("|", q.Filters.Stages.Order(StringComparer.Ordinal)));
                Check("teams", List("teams"), string.Join("|", q.Filters.Teams.Select(p => p.Name).Order(StringComparer.Ordinal)));
                Check("type", Get("type", ""), q.Filters.Type is { } type ? Word(type) : "");
                Check("min", Get("min", ""), q.Filters.MinAmount?.ToString("0.##", CultureInfo.InvariantCulture) ?? "");
                Check("max", Get("max", ""), q.Filters.MaxAmount?.ToString("0.##", CultureInfo.InvariantCulture) ?? "");
                Check("period", Get("period", ""), Range(q.Period));
                Check("date", Get("date", set == "renewals" ? "contract-end" : "close"), Word(q.DateField));
                Check("group", Get("group", "none"), Word(q.GroupBy));
                Check("rank", Get("rank", ""), q.Rank is { } r ? $"{(r.Top ? "top" : "bottom")} {r.N} by {Word(r.By)}" : "");
                Check("compare", Get("compare", ""), q.Compare switch
                {
                    null or { Kind: CompareKind.None } => "",
                    { Kind: CompareKind.NamedPeriod } c => "period:" + Range(c.Against),
                    { Kind: CompareKind.PreviousPeriod } => "previous",
                    { Kind: CompareKind.LastYear } => "last-year",
                    _ => "people",
                });
                Check("behind", Get("behind", "false"), q.BehindPaceOnly ? "true" : "false");
                Check("assume", List("assume"), string.Join("|", q.Assume.Select(p => p.Name).Order(StringComparer.Ordinal)));
                break;
            }
        }
        return diffs;
    }

    public static string Kind(Reading reading) => reading switch
    {
        QueryReading => "query",
        CommandReading c => "command:" + c.Kind,
        AbilityReading a => "ability:" + a.Kind,
        ChoiceReading => "choice",
        OutOfScopeReading => "out-of-scope",
        UnsupportedReading => "unsupported",
        _ => "not-understood",
    };

    private static string Range(Period? p) => p is null ? "" : $"{p.From:yyyy-MM-dd}..{p.To:yyyy-MM-dd}";

    /// <summary>"WinRateByValue" → "win-rate-by-value", "PastClose" → "past-close", "WeightedAmount" → "weighted".</summary>
    public static string Word<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        if (name == "WeightedAmount")
            return "weighted";
        var sb = new System.Text.StringBuilder();
        foreach (var ch in name)
        {
            if (char.IsUpper(ch) && sb.Length > 0)
                sb.Append('-');
            sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString() switch { "team-of" => "team-of", "contract-end" => "contract-end", var w => w };
    }
}
