using Xunit.Abstractions;

namespace AeBot.Core.Tests.Understanding;

/// <summary>
/// The held-out Thai evaluation set (Corpus/th-heldout/*.jsonl, see the README there): phrasings written without
/// seeing the Thai corpus, the Thai lexicon or the parser, to measure how well Thai understanding generalises.
/// Accuracy is reported, not required to be 100 %: the count read right must not fall below <see cref="HeldOutBaseline"/>.
/// Two safety rules must always hold: nothing off-topic (expected unsupported / not-understood) is read as a query,
/// and nothing expected as a query is read as a command (a question never writes).
/// </summary>
public sealed class ThaiHeldOutTests(ITestOutputHelper output)
{
    /// <summary>Cases read right (every slot): 214 of 236 when the set was written, before the reader saw it (2026-12-03);
    /// 218 after four general fixes its failures pointed to (chat month names such as ธันวา; "a month of last year" in
    /// English and Thai; ตั้งแต่ X ถึงวันนี้ is since X; a rep's ของทีม is the team). Raise it as the reader improves; it is
    /// no longer a blind measure for those four causes.</summary>
    public const int HeldOutBaseline = 218;

    public static readonly string Folder = Path.Combine(QueryCorpus.Folder, "th-heldout");

    private static readonly string[] QuerySlots =
        ["kind", "measure", "set", "subject", "people", "accounts", "products", "stages", "teams", "type", "min", "max", "period", "date", "group", "rank", "compare", "behind", "assume"];

    private static string ExpectedKind(CorpusCase c) => c.Expect["kind"]?.GetValue<string>() ?? "query";

    private static bool IsOffTopic(string kind) => kind is "unsupported" or "not-understood";

    [Fact]
    public Task Held_out_Thai_cases_are_measured_and_never_unsafe() => MeasureAsync(Folder, HeldOutBaseline, output);

    /// <summary>
    /// Reads every case of a held-out folder, prints accuracy, per-file and per-slot counts and each misreading, and
    /// asserts the two safety rules and that no fewer than <paramref name="baseline"/> cases are read right.
    /// </summary>
    internal static async Task MeasureAsync(string folder, int baseline, ITestOutputHelper output)
    {
        var cases = QueryCorpus.Load(folder);
        Assert.True(cases.Count >= 150, $"only {cases.Count} held-out cases");
        var names = SnapshotNames.Demo.Value;
        var parser = QueryCorpus.Parser(names);

        var right = 0;
        var failures = new List<string>();
        var offTopicAsQuery = new List<string>();
        var questionAsCommand = new List<string>();
        var otherAsCommand = new List<string>();
        var slotWrong = new Dictionary<string, int>();
        var perFile = new SortedDictionary<string, (int Right, int Total)>(StringComparer.Ordinal);

        foreach (var c in cases)
        {
            var diffs = await QueryCorpus.CheckAsync(c, parser, names);
            var expectedKind = ExpectedKind(c);
            var kindDiff = diffs.Where(d => d.Slot == "kind").ToList();
            var actualKind = kindDiff.Count > 0 ? kindDiff[0].Actual : expectedKind;
            // Off-topic: "unsupported" and "not-understood" both decline without a figure or a write; either is right.
            if (IsOffTopic(expectedKind) && IsOffTopic(actualKind))
                diffs = [];

            perFile.TryGetValue(c.File, out var f);
            perFile[c.File] = (f.Right + (diffs.Count == 0 ? 1 : 0), f.Total + 1);
            if (diffs.Count == 0)
            {
                right++;
                continue;
            }
            foreach (var d in diffs)
                slotWrong[d.Slot] = slotWrong.GetValueOrDefault(d.Slot) + 1;
            var line = $"{c.File} {c.Id} \"{c.Text}\" as {c.As}: " + string.Join("; ", diffs.Select(d => $"{d.Slot} '{d.Expected}' ≠ '{d.Actual}'"));
            failures.Add(line);
            if (IsOffTopic(expectedKind) && actualKind == "query")
                offTopicAsQuery.Add(line);
            if (expectedKind == "query" && actualKind.StartsWith("command:", StringComparison.Ordinal))
                questionAsCommand.Add(line);
            else if (!expectedKind.StartsWith("command:", StringComparison.Ordinal) && actualKind.StartsWith("command:", StringComparison.Ordinal))
                otherAsCommand.Add(line);
        }

        output.WriteLine($"Thai held-out ({Path.GetFileName(folder)}): {right}/{cases.Count} read right ({right * 100.0 / cases.Count:0.0}%), baseline {baseline}.");
        foreach (var (file, (r, t)) in perFile)
            output.WriteLine($"  {file,-28} {r,4}/{t,-4}");
        output.WriteLine("Wrong slots (cases with that slot wrong):");
        foreach (var slot in QuerySlots.Concat(["out_of_scope", "choice"]).Where(slotWrong.ContainsKey))
            output.WriteLine($"  {slot,-12} {slotWrong[slot]}");
        output.WriteLine($"Off-topic read as a query: {offTopicAsQuery.Count}");
        foreach (var l in offTopicAsQuery)
            output.WriteLine("  " + l);
        output.WriteLine($"Question read as a command: {questionAsCommand.Count}");
        foreach (var l in questionAsCommand)
            output.WriteLine("  " + l);
        output.WriteLine($"Other non-command read as a command (reported, not asserted): {otherAsCommand.Count}");
        foreach (var l in otherAsCommand)
            output.WriteLine("  " + l);
        output.WriteLine($"Misread ({failures.Count}):");
        foreach (var l in failures)
            output.WriteLine("  " + l);

        Assert.True(offTopicAsQuery.Count == 0, "off-topic read as a query:\n" + string.Join("\n", offTopicAsQuery));
        Assert.True(questionAsCommand.Count == 0, "question read as a command:\n" + string.Join("\n", questionAsCommand));
        Assert.True(right >= baseline, $"{right} of {cases.Count} read right, below the baseline {baseline}");
    }
}
