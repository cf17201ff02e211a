using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Data.Import;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AeBot.Tests.Conversation;

/// <summary>
/// A company the product was never tuned on: Fjord Robotics' Salesforce export (UnseenExport/*.csv, made by
/// UnseenExport/generate.py), imported into an empty database with the clock at 28 Nov 2026 14:00 UTC.
/// </summary>
public sealed class UnseenExportFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 14, 0, 0, TimeSpan.Zero);
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Conversation", "UnseenExport");

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-unseen-");
    private IHost? _host;

    public async Task InitializeAsync()
    {
        _host = await TestHosts.StartAsync(new()
        {
            ["Storage:SqlitePath"] = Path.Combine(_directory.FullName, "aebot.db"),
            ["Clock:Now"] = Now.ToString("O"),
        }, seedDemo: false);
        await using var scope = _host.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<CrmImporter>().ImportAsync(Folder);
        Assert.True(report.Succeeded);
        Assert.Equal(7, report.Files.Count);
    }

    public Task<Reply> AskAsync(string email, string text, string conversation) => TestHosts.AskAsync(_host!.Services, email, text, conversation);

    public async Task<T> QueryAsync<T>(Func<AeBotDbContext, Task<T>> query)
    {
        await using var scope = _host!.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AeBotDbContext>());
    }

    public Task DisposeAsync()
    {
        _host?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// Every case of UnseenExport/questions.jsonl, written by someone who had not seen how questions are read: the asker
/// (an e-mail from the export), the text and any earlier messages of the conversation, then either plain SQL over
/// the imported tables whose figure, formatted as in Figures/README.md, must appear in the reply, or a phrase the
/// reply must contain. A figure counts only whole ("2 deals" is not found in "12 deals", "4" not in "Q4"). A refusal ("I can't show") must carry no figures: no money, no percentage, no deal count —
/// or, when part of the question is in scope (<c>forbid</c>), none of the listed figures of the part outside it.
/// </summary>
public sealed partial class UnseenExportTests(UnseenExportFixture app) : IClassFixture<UnseenExportFixture>
{
    private sealed record QuestionCase(string Id, string As, string Text, IReadOnlyList<string> After, string? Sql, string? Format,
        string? ExpectText, IReadOnlyList<string> Forbid);

    private static readonly Lazy<IReadOnlyList<QuestionCase>> All = new(() =>
    {
        var cases = new List<QuestionCase>();
        foreach (var line in File.ReadLines(Path.Combine(UnseenExportFixture.Folder, "questions.jsonl"))
                     .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)))
        {
            var n = JsonNode.Parse(line)!.AsObject();
            cases.Add(new QuestionCase(
                n["id"]!.GetValue<string>(), n["as"]!.GetValue<string>(), n["text"]!.GetValue<string>(),
                n["after"]?.AsArray().Select(a => a!.GetValue<string>()).ToList() ?? [],
                n["sql"]?.GetValue<string>(), n["format"]?.GetValue<string>(), n["expect_text"]?.GetValue<string>(),
                n["forbid"]?.AsArray().Select(a => a!.GetValue<string>()).ToList() ?? []));
        }
        return cases;
    });

    public static TheoryData<string> Ids() => new(All.Value.Select(c => c.Id));

    [Fact]
    public void The_question_set_is_well_formed()
    {
        var cases = All.Value;
        Assert.True(cases.Select(c => (c.Text, string.Join("|", c.After))).Distinct().Count() >= 120, "at least 120 questions");
        Assert.Equal(cases.Count, cases.Select(c => c.Id).Distinct().Count());
        Assert.True(cases.Count(c => c.ExpectText == "I can't show") >= 15, "at least 15 questions outside the asker's scope");
        Assert.All(cases, c => Assert.True((c.Sql is not null && c.Format is not null) ^ (c.ExpectText is not null), c.Id));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task The_question_is_answered_right(string id)
    {
        var c = All.Value.Single(x => x.Id == id);
        var conversation = Guid.NewGuid().ToString("N");
        foreach (var earlier in c.After)
            await app.AskAsync(c.As, earlier, conversation);
        var reply = (await app.AskAsync(c.As, c.Text, conversation)).Read();

        if (c.ExpectText is { } phrase)
        {
            Assert.True(reply.Contains(phrase, StringComparison.Ordinal), $"{c.Id} \"{c.Text}\": expected \"{phrase}\" in:\n{reply}");
            if (c.Forbid.Count > 0)
            {
                foreach (var figure in c.Forbid)
                    Assert.False(reply.Contains(figure, StringComparison.Ordinal), $"{c.Id} \"{c.Text}\": refused figure {figure} shown in:\n{reply}");
            }
            else if (phrase == "I can't show")
            {
                Assert.False(reply.Contains('$') || reply.Contains('%') || DealCount().IsMatch(reply),
                    $"{c.Id} \"{c.Text}\": a refusal must show no figures, but:\n{reply}");
            }
            return;
        }

        var value = await app.QueryAsync(db => SqlOracle.ScalarAsync(db, c.Sql!));
        var expected = SqlOracle.Expected(c.Format!, value);
        Assert.True(SqlOracle.Shows(reply, expected), $"{c.Id} \"{c.Text}\": expected {expected} (SQL) in:\n{reply}");
    }

    [GeneratedRegex(@"\b\d[\d,]* (open )?deals?\b")]
    private static partial Regex DealCount();
}
