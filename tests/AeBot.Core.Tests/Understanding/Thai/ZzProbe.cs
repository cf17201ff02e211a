using AeBot.Core.Understanding;
using Xunit.Abstractions;

namespace AeBot.Core.Tests.Understanding.Thai;

// SCRATCH — not to be committed.
public sealed class ZzProbe(ITestOutputHelper output)
{
    [Fact]
    public async Task Probe()
    {
        var names = SnapshotNames.Demo.Value;
        var parser = QueryCorpus.Parser(names);
        foreach (var line in File.ReadAllLines("/tmp/probe/in.txt"))
        {
            if (line.Trim().Length == 0) continue;
            var parts = line.Split('|');
            var viewer = names.Viewer(names.Rep(parts[0]));
            Query? previous = null;
            foreach (var earlier in parts[1].Split(";;", StringSplitOptions.RemoveEmptyEntries))
                if (await parser.ReadAsync(earlier, viewer, QueryCorpus.DefaultToday, previous, default) is QueryReading q)
                    previous = q.Query;
            var r = await parser.ReadAsync(parts[2], viewer, QueryCorpus.DefaultToday, previous, default);
            var desc = r switch
            {
                QueryReading qr => qr.Query.Describe() + $" set={qr.Query.Set} m={qr.Query.Measure} g={qr.Query.GroupBy} min={qr.Query.Filters.MinAmount} max={qr.Query.Filters.MaxAmount} p={qr.Query.Period?.From}..{qr.Query.Period?.To}",
                UnsupportedReading u => "unsupported " + u,
                ChoiceReading c => "choice " + c.Ambiguity.Kind + " " + c.Ambiguity.Words,
                OutOfScopeReading o => "oos " + o.Words,
                _ => r.ToString(),
            };
            output.WriteLine($"{parts[2]} => {QueryCorpus.Kind(r)} :: {desc} :: [{string.Join(" | ", r.Evidence)}]");
        }
    }
}
