using AeBot.Core.Understanding;
using Xunit.Abstractions;

namespace AeBot.Core.Tests.Understanding;

public sealed class ScratchProbe(ITestOutputHelper output)
{
    [Fact]
    public async Task Probe()
    {
        var file = Environment.GetEnvironmentVariable("PROBE");
        if (file is null || !File.Exists(file))
            return;
        var names = SnapshotNames.Demo.Value;
        var parser = QueryCorpus.Parser(names);
        foreach (var line in File.ReadAllLines(file).Where(l => l.Trim().Length > 0))
        {
            var parts = line.Split('|');
            var viewer = names.Viewer(names.Rep(parts[0]));
            Query? previous = null;
            Reading r = null!;
            foreach (var text in parts.Skip(1))
            {
                r = await parser.ReadAsync(text, viewer, QueryCorpus.DefaultToday, previous, default);
                if (r is QueryReading q) previous = q.Query;
            }
            output.WriteLine($"{line} => {QueryCorpus.Kind(r)} {(r is QueryReading qq ? qq.Query.Describe() + (qq.FollowUp ? " [follow-up]" : "") : r is OutOfScopeReading o ? o.Words : r is ChoiceReading c ? c.Ambiguity.Kind + ":" + c.Ambiguity.Words + ":" + string.Join(",", c.Ambiguity.Options.Select(x => x.Name)) : "")} [{string.Join(",", r.Evidence)}]");
        }
    }
}
