using Xunit.Abstractions;

namespace AeBot.Core.Tests.Understanding;

/// <summary>
/// The question corpus (Corpus/*.jsonl): every case read by the real parser over the demo company's names, every slot
/// checked. One theory case per utterance, so a misreading names itself; one summary with accuracy per slot.
/// </summary>
public sealed class QueryCorpusTests(ITestOutputHelper output)
{
    public static TheoryData<string> Ids() => new(QueryCorpus.Cases.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Each_utterance_is_read_slot_by_slot_as_expected(string id)
    {
        var c = QueryCorpus.Cases.Single(x => x.Id == id);
        var names = SnapshotNames.Demo.Value;
        var diffs = await QueryCorpus.CheckAsync(c, QueryCorpus.Parser(names), names);
        Assert.True(diffs.Count == 0, $"{c.File} {c.Id} \"{c.Text}\" as {c.As}: " + string.Join("; ", diffs.Select(d => $"{d.Slot} expected '{d.Expected}' got '{d.Actual}'")));
    }

    [Fact]
    public async Task The_corpus_is_read_with_full_accuracy_in_every_slot()
    {
        var names = SnapshotNames.Demo.Value;
        var parser = QueryCorpus.Parser(names);
        var slots = new Dictionary<string, (int Wrong, int Total)>();
        var failures = new List<string>();
        string[] checkedSlots = ["kind", "measure", "set", "subject", "people", "accounts", "products", "stages", "teams", "type", "min", "max", "period", "date", "group", "rank", "compare", "behind", "assume"];
        foreach (var c in QueryCorpus.Cases)
        {
            var diffs = await QueryCorpus.CheckAsync(c, parser, names);
            var isQuery = !c.Expect.ContainsKey("kind") || c.Expect["kind"]!.GetValue<string>() == "query";
            foreach (var slot in isQuery ? checkedSlots : ["kind"])
            {
                slots.TryGetValue(slot, out var s);
                slots[slot] = (s.Wrong + (diffs.Any(d => d.Slot == slot) ? 1 : 0), s.Total + 1);
            }
            if (diffs.Count > 0)
                failures.Add($"{c.Id} \"{c.Text}\": " + string.Join("; ", diffs.Select(d => $"{d.Slot} '{d.Expected}' ≠ '{d.Actual}'")));
        }
        output.WriteLine($"{QueryCorpus.Cases.Count} utterances in {QueryCorpus.Cases.Select(c => c.File).Distinct().Count()} files.");
        foreach (var (slot, (wrong, total)) in slots)
            output.WriteLine($"{slot,-10} {(total - wrong) * 100.0 / total,6:0.0}%  ({total - wrong}/{total})");
        Assert.True(failures.Count == 0, $"{failures.Count} of {QueryCorpus.Cases.Count} misread:\n" + string.Join("\n", failures));
    }
}
