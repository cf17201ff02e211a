using System.Globalization;
using System.Text.Json.Nodes;
using AeBot.Core.Formatting;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Tests.Conversation;

/// <summary>
/// Figures checked against an independent oracle: each case (Figures/*.jsonl) asks a question through the real core
/// on the demo company and runs plain SQL written for the test over the same database; the figure the SQL computes,
/// formatted as people read it, must appear in the reply. See Figures/README.md.
/// </summary>
public sealed class FigureCorpusTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private sealed record FigureCase(string Id, string As, string Text, IReadOnlyList<string> After, string Sql, string Format);

    private static readonly Lazy<IReadOnlyList<FigureCase>> All = new(() =>
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Conversation", "Figures");
        var cases = new List<FigureCase>();
        foreach (var file in Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
            foreach (var line in File.ReadLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)))
            {
                var n = JsonNode.Parse(line)!.AsObject();
                cases.Add(new FigureCase(n["id"]!.GetValue<string>(), n["as"]!.GetValue<string>(), n["text"]!.GetValue<string>(),
                    n["after"]?.AsArray().Select(a => a!.GetValue<string>()).ToList() ?? [], n["sql"]!.GetValue<string>(), n["format"]!.GetValue<string>()));
            }
        return cases;
    });

    public static TheoryData<string> Ids() => new(All.Value.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task The_figure_in_the_reply_is_the_one_plain_SQL_computes(string id)
    {
        var c = All.Value.Single(x => x.Id == id);
        var email = await app.QueryAsync(db => db.Reps.Where(r => r.Name.StartsWith(c.As + " ") || r.Name.ToLower().StartsWith(c.As + " ")).Select(r => r.Email!).SingleAsync());
        var conversation = Guid.NewGuid().ToString("N");
        foreach (var earlier in c.After)
            await app.AskAsync(email, earlier, conversation);
        var reply = (await app.AskAsync(email, c.Text, conversation)).Read();

        var value = await app.QueryAsync(db => SqlOracle.ScalarAsync(db, c.Sql));
        var expected = SqlOracle.Expected(c.Format, value);
        Assert.True(SqlOracle.Shows(reply, expected), $"{c.Id} \"{c.Text}\": expected {expected} (SQL) in:\n{reply}");
    }
}
