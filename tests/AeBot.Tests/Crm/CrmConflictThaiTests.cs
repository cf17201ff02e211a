using AeBot.Core.Conversation;
using AeBot.Core.Crm;
using AeBot.Core.Text;
using AeBot.Data.Crm;
using AeBot.Data.Storage;
using AeBot.Tests.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AeBot.Tests.Crm;

/// <summary>
/// The question sent when a chat change finds the CRM changed meanwhile, and the answer to its buttons, through the
/// real core with HubSpot configured (the answer only reads and writes AeBot's own write-back row; HubSpot is never
/// called) on the demo company.
/// </summary>
public sealed class CrmConflictThaiTests : IAsyncLifetime
{
    private const string Dana = "dana.reyes@northwind.example";
    private static readonly DateOnly Today = new(2026, 11, 28);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-crm-conflict-");
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHosts.StartAsync(new()
        {
            ["Storage:SqlitePath"] = Path.Combine(_directory.FullName, "aebot.db"),
            ["Clock:Now"] = ConversationFixture.Now.ToString("O"),
            ["Demo:Seed"] = "true",
            ["Crm:Provider"] = "HubSpot",
            ["Crm:HubSpot:AccessToken"] = "pat-never-used",
            ["Crm:HubSpot:BaseUrl"] = "http://127.0.0.1:9",
        }, seedDemo: true);
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestDirectory.Delete(_directory);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_conflict_question_is_whole_thai_for_a_thai_rep_and_reads_as_before_in_english()
    {
        var (_, deal, account) = await DanasDealAsync();
        CrmConflictField[] fields = [new("CloseDate", "2027-01-20", "2027-01-15")];

        var english = CrmConflictQuestion.Reply(ReplyLanguage.English, "HubSpot", account, deal, "USD", Today, fields, 7);
        var thai = CrmConflictQuestion.Reply(ReplyLanguage.Thai, "HubSpot", account, deal, "USD", Today, fields, 7);

        Assert.Equal($"{account}'s close date changed in HubSpot to Jan 20, 2027 since you asked ({deal}); keep Jan 20, 2027 or set Jan 15, 2027?", english.Summary);
        Assert.Equal(["Keep Jan 20, 2027", "Set Jan 15, 2027"], Buttons(english).Select(a => a.Label));
        Assert.Equal(["act:crm.keep:7", "act:crm.set:7"], Buttons(english).Select(a => a.Payload));
        Assert.Equal("th", thai.Language);
        Assert.Contains("20 ม.ค. 2570", thai.Summary);
        Assert.Contains("15 ม.ค. 2570", thai.Summary);
        AssertThai(thai, await NamesAsync());
        Assert.All(Buttons(thai), a => Assert.EndsWith("|lang:th", a.Payload));
    }

    [Fact]
    public async Task The_conflict_question_for_every_field_and_an_emptied_value_has_no_english_in_thai()
    {
        var (_, deal, account) = await DanasDealAsync();
        CrmConflictField[] fields =
        [
            new("Stage", "Negotiation", "Proposal"), new("Amount", "125000", "98000.5"), new("NextStep", null, "Send the quote"),
            new("LossReason", "Budget", null), new("Owner", "Dana Reyes", "Marcus Johnson"),
        ];
        var names = (await NamesAsync()).Concat(["Send the quote", "Budget", "Negotiation", "Proposal"]).OrderByDescending(n => n.Length).ToList();

        foreach (var (a, d) in new[] { (account, deal), (null, deal), ((string?)null, (string?)null) })
            AssertThai(CrmConflictQuestion.Reply(ReplyLanguage.Thai, "HubSpot", a, d, "USD", Today, fields, 9), names);
        Assert.Equal("The deal's stage and amount and next step and loss reason and owner changed in HubSpot to Negotiation and $125,000 and nothing and Budget and Dana Reyes since you asked; "
            + "keep Negotiation, $125,000, nothing, Budget, Dana Reyes or set Proposal, $98,000.50, Send the quote, nothing, Marcus Johnson?",
            CrmConflictQuestion.Reply(ReplyLanguage.English, "HubSpot", null, null, "USD", Today, fields, 9).Summary);
    }

    [Fact]
    public async Task Keep_pressed_on_a_thai_question_is_answered_in_thai_though_the_rep_never_chose_a_language()
    {
        var (dealId, deal, account) = await DanasDealAsync();
        var rowId = await ConflictAsync(dealId);
        var question = CrmConflictQuestion.Reply(ReplyLanguage.Thai, "HubSpot", account, deal, "USD", Today, [new("CloseDate", "2027-01-20", "2027-01-15")], rowId);

        var answer = await PressAsync(Buttons(question)[0].Payload);

        Assert.Equal("th", answer.Language);
        Assert.Equal("ได้เลย คงค่าตาม HubSpot ไว้ การเปลี่ยนแปลงของคุณไม่ได้ส่งไป", answer.Summary);
        AssertThai(answer, await NamesAsync());
        Assert.Equal("dropped", await TextAsync($"SELECT State FROM CrmWriteBacks WHERE Id = {rowId}"));
        Assert.Null(await TextAsync("SELECT Language FROM Reps WHERE Email = 'dana.reyes@northwind.example'")); // still no choice of her own
    }

    [Fact]
    public async Task Set_pressed_on_an_english_question_is_answered_as_before_in_english()
    {
        var (dealId, deal, account) = await DanasDealAsync();
        var rowId = await ConflictAsync(dealId);
        var question = CrmConflictQuestion.Reply(ReplyLanguage.English, "HubSpot", account, deal, "USD", Today, [new("CloseDate", "2027-01-20", "2027-01-15")], rowId);

        var answer = await PressAsync(Buttons(question)[1].Payload);

        Assert.Equal("en", answer.Language);
        Assert.Equal("OK — I'll set it in HubSpot at the next sync (within 5 minutes).", answer.Summary);
        Assert.Equal("pending", await TextAsync($"SELECT State FROM CrmWriteBacks WHERE Id = {rowId}"));
    }

    private static IReadOnlyList<ReplyAction> Buttons(Reply reply) => reply.Blocks.OfType<ActionsBlock>().Single().Actions;

    private static void AssertThai(Reply reply, IReadOnlyList<string> names)
    {
        var left = ThaiReplies.EnglishWords(reply, names);
        Assert.True(left.Count == 0, $"English in the Thai reply: {string.Join(", ", left)}\n{ThaiReplies.Visible(reply)}");
    }

    private Task<Reply> PressAsync(string payload) => TestHosts.AskAsync(_host.Services, Dana, "", Guid.NewGuid().ToString("N"), payload);

    /// <summary>A close date the rep set in chat to Jan 15 that HubSpot changed to Jan 20 meanwhile, waiting for the answer.</summary>
    private async Task<long> ConflictAsync(long dealId)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AeBotDbContext>();
        var dana = await db.Reps.SingleAsync(r => r.Email == Dana);
        var row = new CrmWriteBackRow
        {
            Provider = "HubSpot", BotChangeId = Random.Shared.NextInt64(1_000_000, long.MaxValue), RepId = dana.Id, Kind = "deal", State = "conflict",
            Payload = "{\"dealId\":" + dealId + ",\"fields\":{\"CloseDate\":\"2027-01-15\"},\"conflicts\":{\"CloseDate\":\"2027-01-20\"}}",
            CreatedAt = ConversationFixture.Now,
        };
        db.CrmWriteBacks.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    private async Task<(long Id, string Deal, string Account)> DanasDealAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<AeBotDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT o.Id, o.Name, a.Name FROM Opportunities o JOIN Accounts a ON a.Id = o.AccountId JOIN Reps r ON r.Id = o.OwnerId "
            + "WHERE r.Email = 'dana.reyes@northwind.example' AND o.StageCategory = 0 ORDER BY o.Id LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
    }

    private async Task<string?> TextAsync(string sql)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<AeBotDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync() as string;
    }

    private Task<IReadOnlyList<string>> NamesAsync() => ThaiReplies.NamesAsync(_host.Services);
}
