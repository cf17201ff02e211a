using System.Globalization;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Nudges;
using AeBot.Core.Text;
using AeBot.Data.Storage;
using AeBot.Tests.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static AeBot.Tests.Nudges.NudgeWorld;

namespace AeBot.Tests.Nudges;

/// <summary>
/// Nudges and digests for a rep whose stored language is Thai (set in the database, as a scheduled job finds it —
/// there is no chat turn to take it from): every word in Thai but the names and values from the data, the same
/// deals, amounts and dates as plain SQL and an English colleague's, and buttons that still act.
/// </summary>
public sealed class ThaiNudgeTests : IAsyncLifetime
{
    private NudgeWorld _world = null!;

    // A cap above Tess's six so that each rule's nudge is sent, not folded.
    public async Task InitializeAsync() => _world = await CreateAsync(new() { ["Nudges:DailyCap"] = "10" });

    public async Task DisposeAsync() => await _world.DisposeAsync();

    internal static Task SpeakThaiAsync(IHost host, long repId) =>
        WithAsync(host, sp => sp.GetRequiredService<AeBotDbContext>().Database.ExecuteSqlAsync($"UPDATE \"Reps\" SET \"Language\" = 'th' WHERE \"Id\" = {repId}"));

    internal static Task<List<object?[]>> SqlAsync(IHost host, string sql) => WithAsync(host, async sp =>
    {
        var connection = sp.GetRequiredService<AeBotDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add([.. row.Select(v => v is DBNull ? null : v)]);
        }
        return rows;
    });

    /// <summary>Money as SQLite stores it: scaled by 10,000.</summary>
    internal static decimal Money(object? stored) => Convert.ToDecimal(stored, CultureInfo.InvariantCulture) / 10_000m;

    internal static DateOnly Date(object? stored) => DateOnly.Parse((string)stored!, CultureInfo.InvariantCulture);

    internal static Task<List<(string Reason, Reply Reply)>> OutboxAsync(IHost host, long repId) => WithAsync(host, async sp =>
        (await sp.GetRequiredService<AeBotDbContext>().Outbox.Where(o => o.ToRepId == repId).OrderBy(o => o.Id).ToListAsync())
            .Select(o => (o.Reason, ReplySerializer.Deserialize(o.Body)!)).ToList());

    /// <summary>Names and values from the data a Thai reply shows as they are.</summary>
    internal static async Task<List<string>> NamesAsync(IHost host, long ownerId) =>
    [
        .. (await SqlAsync(host, $"SELECT \"Name\", \"Stage\" FROM \"Opportunities\" WHERE \"OwnerId\" = {ownerId}")).SelectMany(r => new[] { (string)r[0]!, (string)r[1]! }),
        .. (await SqlAsync(host, $"SELECT \"Title\" FROM \"FollowUpTasks\" WHERE \"RepId\" = {ownerId}")).Select(r => (string)r[0]!),
        .. (await SqlAsync(host, $"SELECT \"Name\", \"TimeZoneId\" FROM \"Reps\" WHERE \"Id\" = {ownerId}")).SelectMany(r => new[] { (string)r[0]!, ((string)r[0]!).Split(' ')[0], (string)r[1]! }),
        AccountName,
    ];

    [Fact]
    public async Task A_thai_rep_gets_renewal_stale_and_close_date_nudges_in_thai_with_the_figures_of_sql_and_of_her_english_colleague_and_their_buttons_act()
    {
        var host = await _world.HostAtAsync(MondayAt(15, 5)); // 10:05 in New York
        await SpeakThaiAsync(host, _world.Tess);
        await WithAsync(host, sp => sp.GetRequiredService<UnscheduledNudges>().RunAsync(default));
        var sent = await OutboxAsync(host, _world.Tess);
        var names = await NamesAsync(host, _world.Tess);
        Assert.Equal(6, sent.Count); // every rule's nudge, each in Thai
        Assert.All(sent, s => ThaiText.AssertThai(s.Reply, names));
        var th = ReplyLanguage.Thai;

        // The renewal: the contract's value and end date as SQL has them; the English account manager's says the same.
        var contract = (await SqlAsync(host, $"SELECT \"AnnualValue\", \"EndDate\", \"Currency\" FROM \"Contracts\" WHERE \"Id\" = {_world.RenewalIn90}")).Single();
        var (value, end) = (MoneyFormat.Exact(Money(contract[0]), (string)contract[2]!), Date(contract[1]));
        var renewal = ThaiText.All(sent.Single(s => s.Reason == NudgeRules.Renewal).Reply);
        Assert.True(SqlOracle.Shows(renewal, value), renewal);
        Assert.Contains(DateFormat.Day(end, Monday, th), renewal);
        Assert.Contains("อีก 90 วันครบกำหนดต่อสัญญา: " + AccountName, renewal);
        var chicago = await _world.HostAtAsync(MondayAt(16, 5)); // 10:05 in Chicago: Grace, who reads English
        await WithAsync(chicago, sp => sp.GetRequiredService<UnscheduledNudges>().RunAsync(default));
        var grace = Assert.Single(await OutboxAsync(chicago, _world.Grace), s => s.Reason == NudgeRules.Renewal && ThaiText.All(s.Reply).Contains(AccountName, StringComparison.Ordinal)).Reply;
        Assert.Equal("en", grace.Language);
        Assert.Contains("Renewal in 90 days: " + AccountName, ThaiText.All(grace));
        Assert.True(SqlOracle.Shows(ThaiText.All(grace), value));
        Assert.Contains(DateFormat.Day(end, Monday), ThaiText.All(grace));

        // The passed close date and the stale deal: the deal, its stage, amount and dates as SQL has them.
        foreach (var (rule, dealId) in new[] { (NudgeRules.PastClose, _world.PastClose), (NudgeRules.StaleDeal, _world.StaleNegotiation) })
        {
            var deal = (await SqlAsync(host, $"SELECT \"Name\", \"Stage\", \"Amount\", \"Currency\", \"CloseDate\" FROM \"Opportunities\" WHERE \"Id\" = {dealId}")).Single();
            var text = ThaiText.All(sent.Single(s => s.Reason == rule).Reply);
            Assert.Contains((string)deal[0]!, text);
            Assert.Contains(" · " + (string)deal[1]! + " · ", text);
            Assert.True(SqlOracle.Shows(text, MoneyFormat.Exact(Money(deal[2]), (string)deal[3]!)), text);
            Assert.Contains(DateFormat.Short(Date(deal[4]), Monday, th), text);
        }
        Assert.Contains("ไม่มีความเคลื่อนไหวมา 7 วัน", ThaiText.All(sent.Single(s => s.Reason == NudgeRules.StaleDeal).Reply)); // Negotiation's limit
        Assert.Contains("เลยวันปิดดีล (อา. 29 พ.ย.) แล้ว", ThaiText.All(sent.Single(s => s.Reason == NudgeRules.PastClose).Reply));

        // Its buttons act: snooze the stale deal for a week, mark the passed close date done — pressed by their Thai labels.
        string Button(string rule, string label) => sent.Single(s => s.Reason == rule).Reply.Blocks.OfType<ActionsBlock>().SelectMany(a => a.Actions).Single(a => a.Label == label).Payload;
        await Conversation.TestHosts.AskAsync(host.Services, TessEmail, "", "th-nudges", Button(NudgeRules.StaleDeal, "เตือนอีกทีสัปดาห์หน้า"), MondayAt(15, 10));
        await Conversation.TestHosts.AskAsync(host.Services, TessEmail, "", "th-nudges", Button(NudgeRules.PastClose, "เสร็จแล้ว"), MondayAt(15, 11));
        var actions = (await SqlAsync(host, $"SELECT \"Rule\", \"Action\", \"SnoozedUntil\" FROM \"NudgeLedger\" WHERE \"RecipientRepId\" = {_world.Tess} AND \"Action\" IS NOT NULL"))
            .ToDictionary(r => (string)r[0]!, r => ((string)r[1]!, r[2]));
        Assert.Equal(2, actions.Count);
        Assert.Equal("snoozed", actions[NudgeRules.StaleDeal].Item1);
        Assert.NotNull(actions[NudgeRules.StaleDeal].Item2);
        Assert.Equal("done", actions[NudgeRules.PastClose].Item1);
    }

    [Fact]
    public async Task A_thai_rep_reads_her_nudge_settings_my_day_and_an_account_brief_in_thai()
    {
        var host = await _world.HostAtAsync(MondayAt(15, 5));
        await SpeakThaiAsync(host, _world.Tess);
        var names = await NamesAsync(host, _world.Tess);
        Task<Reply> Ask(string text) => TestHosts.AskAsync(host.Services, TessEmail, text, "th-chat", at: MondayAt(15, 6));

        var settings = await Ask("nudge settings");
        ThaiText.AssertThai(settings, [.. names, .. NudgeRules.Categories.Select(c => c.Name)]);
        Assert.Contains(settings.Blocks.OfType<FactsBlock>().Single().Facts, f => f.Label == "แจ้งเตือนต่อวัน" && f.Value == "ไม่เกิน 10 ครั้ง (ค่าเริ่มต้น)");
        var muted = await Ask("mute renewals for " + AccountName);
        ThaiText.AssertThai(muted, names);
        Assert.Contains("การเตือนต่อสัญญาของ " + AccountName, ThaiText.All(muted));
        Assert.Equal(1m, await WithAsync(host, sp => SqlOracle.ScalarAsync(sp.GetRequiredService<AeBotDbContext>(), $"SELECT COUNT(*) FROM \"NudgeMutes\" WHERE \"RepId\" = {_world.Tess}")));
        ThaiText.AssertThai(await Ask("digest at 8am"), names);
        ThaiText.AssertThai(await Ask("quiet hours 7pm to 7am"), names);
        ThaiText.AssertThai(await Ask("at most 2 nudges a day"), names);

        var day = await Ask("my day");
        ThaiText.AssertThai(day, names);
        Assert.Contains("Call back about pricing", ThaiText.All(day));

        var brief = await Ask("brief me on " + AccountName);
        ThaiText.AssertThai(brief, [.. names, "Grace Murphy"]);
        var contracts = (await SqlAsync(host, $"SELECT \"AnnualValue\", \"Currency\" FROM \"Contracts\" WHERE \"AccountId\" = {_world.Account}")).ToList();
        var table = brief.Blocks.OfType<TableBlock>().Single(t => t.Title == "สัญญา");
        Assert.Equal(contracts.Select(c => MoneyFormat.Exact(Money(c[0]), (string)c[1]!)).Order(), table.Rows.Select(r => r[2]).Order());
    }
}
