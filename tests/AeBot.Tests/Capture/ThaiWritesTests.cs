using System.Globalization;
using AeBot.Core.Capture;
using AeBot.Core.Conversation;
using AeBot.Core.Interactions;
using AeBot.Core.Opportunities;
using AeBot.Core.Playbook;
using AeBot.Tests.Conversation;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Tests.Capture;

/// <summary>
/// Thai writes through the real core over a real SQLite demo company (Sat 28 Nov 2026, New York): a Thai log writes
/// the same rows as its English twin, a Thai deal change is confirmed with ใช่ and dropped with ยกเลิก, a Thai reminder
/// keeps the rep's words, and a Thai write the parser can't read never writes anything. Every row is checked with
/// plain SQL.
/// </summary>
public sealed class ThaiWritesTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private const string Dana = "dana.reyes@northwind.example";

    /// <summary>Dana's open deals whose names are unique among her open deals, in a fixed order: each test takes its own.</summary>
    private async Task<(string Deal, long DealId)> DealAsync(int index) =>
        (await app.QueryAsync(db => db.Opportunities.Where(o => o.Owner!.Email == Dana && o.StageCategory == StageCategory.Open && o.AccountId != null)
            .Select(o => new { o.Id, o.Name }).ToListAsync()))
        .GroupBy(o => o.Name).Where(g => g.Count() == 1).Select(g => g.Single())
        .OrderBy(o => o.Id).Skip(index).Select(o => (o.Name, o.Id)).First();

    /// <summary>Dana's accounts with exactly one open deal of hers, so a write needs no "which deal?".</summary>
    private async Task<List<(long AccountId, string Account, long DealId)>> SingleDealAccountsAsync() =>
        (await app.QueryAsync(db => db.Opportunities.Where(o => o.Owner!.Email == Dana && o.StageCategory == StageCategory.Open && o.AccountId != null)
            .GroupBy(o => new { Id = o.AccountId!.Value, o.Account!.Name }).Where(g => g.Count() == 1).Select(g => new { g.Key.Id, g.Key.Name, Deal = g.Min(o => o.Id) }).ToListAsync()))
        .OrderBy(a => a.Id).Select(a => (a.Id, a.Name, a.Deal)).ToList();

    private Task<string> SqlAsync(string sql) => app.QueryAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    });

    private Task<string> LastInteractionAsync(long accountId) => SqlAsync($"SELECT MAX(Id) FROM Interactions WHERE AccountId = {accountId}");

    /// <summary>What the rows of one logged interaction say, apart from the words: kind, account, deal, day, topics, follow-up.</summary>
    private async Task<string> RowsAsync(string interactionId) => string.Join(" | ",
        await SqlAsync($"SELECT Type || ',' || AccountId || ',' || COALESCE(OpportunityId, '') || ',' || substr(OccurredAt, 1, 10) || ',' || COALESCE(NextStepDue, '') FROM Interactions WHERE Id = {interactionId}"),
        await SqlAsync($"SELECT COALESCE(group_concat(Topic, ','), '') FROM (SELECT Topic FROM Objections WHERE InteractionId = {interactionId} ORDER BY Topic)"),
        await SqlAsync($"SELECT COALESCE(group_concat(DueDate || ':' || Status, ','), '') FROM FollowUpTasks WHERE InteractionId = {interactionId}"));

    [Fact]
    public async Task A_Thai_log_writes_the_same_interaction_objection_and_follow_up_rows_as_its_English_twin()
    {
        var (accountId, account, _) = (await SingleDealAccountsAsync())[0];

        await app.AskAsync(Dana, $"Logged a call with {account} today — they said it's too expensive, next step send a new quote by Friday", Guid.NewGuid().ToString("N"));
        var english = await LastInteractionAsync(accountId);
        var reply = await app.AskAsync(Dana, $"โทรคุยกับ {account} วันนี้ ลูกค้าบอกว่าแพงไป นัดส่งใบเสนอราคาใหม่วันศุกร์", Guid.NewGuid().ToString("N"));
        var thai = await LastInteractionAsync(accountId);

        Assert.NotEqual(english, thai);
        Assert.Contains(reply.Blocks.OfType<ActionsBlock>().SelectMany(b => b.Actions), a => a.Payload.StartsWith(Payloads.Act + "undo:", StringComparison.Ordinal));
        Assert.Equal(await RowsAsync(english), await RowsAsync(thai));
        Assert.Contains("price", await RowsAsync(thai));
        Assert.Contains("2026-12-04", await RowsAsync(thai));
        // The record keeps what the rep wrote.
        Assert.Equal("ลูกค้าบอกว่าแพงไป", await SqlAsync($"SELECT Summary FROM Interactions WHERE Id = {thai}"));
        Assert.Equal("ส่งใบเสนอราคาใหม่", await SqlAsync($"SELECT Title FROM FollowUpTasks WHERE InteractionId = {thai}"));
    }

    [Theory]
    [InlineData("ลูกค้าบอกว่าแพงไป", "price")]
    [InlineData("ราคาสูงกว่าที่ตั้งไว้", "price")]
    [InlineData("ลูกค้ายังไม่มีงบ", "no-budget")]
    [InlineData("ตอนนี้ใช้เจ้าอื่นอยู่", "current-vendor")]
    [InlineData("ยังไม่ถึงเวลา", "timing")]
    [InlineData("ไว้ปีหน้าค่อยคุยกัน", "timing")]
    [InlineData("ต้องขออนุมัติก่อน", "approval")]
    [InlineData("รอหัวหน้าอนุมัติ", "approval")]
    [InlineData("คู่แข่ง Globex ถูกกว่า", "competitor")]
    [InlineData("ให้ส่งข้อมูลมาก่อน", "send-info")]
    public void A_Thai_objection_is_filed_under_the_playbook_topic(string said, string topic)
    {
        var parsed = InteractionParser.Parse("โทรหา Acme วันนี้ " + said, new DateTime(2026, 11, 28, 9, 0, 0), ObjectionPlaybook.Default(), "Acme");
        Assert.Equal(InteractionType.Call, parsed.Type);
        Assert.Contains(parsed.Objections, o => o.Topic == topic);
    }

    [Fact]
    public async Task A_Thai_close_date_change_is_confirmed_and_applied_by_chai()
    {
        var (account, dealId) = await DealAsync(1);
        var conversation = Guid.NewGuid().ToString("N");
        var asked = await app.AskAsync(Dana, $"เลื่อนวันปิดดีล {account} เป็น 15 ม.ค.", conversation);
        Assert.True(asked.Blocks.OfType<ActionsBlock>().SelectMany(b => b.Actions).Any(a => Payloads.Language(a.Payload).Payload!.EndsWith("confirm", StringComparison.Ordinal)), asked.Read());
        Assert.NotEqual("2027-01-15", await SqlAsync($"SELECT CloseDate FROM Opportunities WHERE Id = {dealId}"));

        await app.AskAsync(Dana, "ใช่ครับ", conversation);
        Assert.Equal("2027-01-15", await SqlAsync($"SELECT CloseDate FROM Opportunities WHERE Id = {dealId}"));
    }

    [Fact]
    public async Task A_Thai_amount_change_in_lan_is_read_whole_and_yok_loek_leaves_the_deal_as_it_was()
    {
        var (account, dealId) = await DealAsync(2);
        var before = await SqlAsync($"SELECT Amount FROM Opportunities WHERE Id = {dealId}");
        var conversation = Guid.NewGuid().ToString("N");
        var asked = await app.AskAsync(Dana, $"อัปเดตมูลค่า {account} เป็น 2.5 ล้าน", conversation);
        Assert.True(asked.Read().Contains("2,500,000", StringComparison.Ordinal), asked.Read());

        await app.AskAsync(Dana, "ยกเลิก", conversation);
        Assert.Equal(before, await SqlAsync($"SELECT Amount FROM Opportunities WHERE Id = {dealId}"));
    }

    [Fact]
    public async Task A_Thai_stage_change_is_applied_by_yuenyan()
    {
        var (account, dealId) = await DealAsync(3);
        var stage = await SqlAsync($"SELECT Stage FROM Opportunities WHERE Id = {dealId}");
        var target = stage == "Negotiation" ? "Proposal" : "Negotiation";
        var conversation = Guid.NewGuid().ToString("N");
        await app.AskAsync(Dana, $"เปลี่ยนสเตจ {account} เป็น {target}", conversation);
        await app.AskAsync(Dana, "ยืนยัน", conversation);
        Assert.Equal(target, await SqlAsync($"SELECT Stage FROM Opportunities WHERE Id = {dealId}"));
    }

    [Fact]
    public async Task A_Thai_write_with_a_word_the_parser_does_not_know_changes_nothing()
    {
        var (account, dealId) = await DealAsync(4);
        var before = await SqlAsync($"SELECT Stage || Amount || CloseDate || COALESCE(NextStep, '') FROM Opportunities WHERE Id = {dealId}");
        var changes = await SqlAsync("SELECT COUNT(*) FROM BotChanges");
        var reply = await app.AskAsync(Dana, $"เปลี่ยน {account} เป็นฟหกดเ", Guid.NewGuid().ToString("N"));

        Assert.DoesNotContain(reply.Blocks.OfType<ActionsBlock>().SelectMany(b => b.Actions), a => a.Payload.StartsWith(Payloads.Act + "undo:", StringComparison.Ordinal));
        Assert.Equal(before, await SqlAsync($"SELECT Stage || Amount || CloseDate || COALESCE(NextStep, '') FROM Opportunities WHERE Id = {dealId}"));
        Assert.Equal(changes, await SqlAsync("SELECT COUNT(*) FROM BotChanges"));
    }

    [Fact]
    public async Task Thai_nudge_settings_set_the_digest_time_and_mute_renewals()
    {
        var repId = (await app.RepAsync(Dana)).Id;
        await app.AskAsync(Dana, "เวลาสรุปประจำวัน 8 โมง", Guid.NewGuid().ToString("N"));
        Assert.StartsWith("08:00", await SqlAsync($"SELECT DigestTime FROM NudgePreferences WHERE RepId = {repId}"));

        await app.AskAsync(Dana, "ปิดการแจ้งเตือนเรื่องต่อสัญญา", Guid.NewGuid().ToString("N"));
        Assert.Equal("1", await SqlAsync($"SELECT COUNT(*) FROM NudgeMutes WHERE RepId = {repId} AND Category = 'renewals'"));
    }

    [Fact]
    public async Task Thai_undo_takes_back_the_last_change()
    {
        var (account, dealId) = await DealAsync(5);
        var before = await SqlAsync($"SELECT Stage FROM Opportunities WHERE Id = {dealId}");
        var target = before == "Negotiation" ? "Proposal" : "Negotiation";
        var conversation = Guid.NewGuid().ToString("N");
        await app.AskAsync(Dana, $"ย้าย {account} ไปขั้น {target}", conversation);
        await app.AskAsync(Dana, "ตกลง", conversation);
        Assert.Equal(target, await SqlAsync($"SELECT Stage FROM Opportunities WHERE Id = {dealId}"));

        await app.AskAsync(Dana, "ยกเลิกล่าสุด", conversation);
        Assert.Equal(before, await SqlAsync($"SELECT Stage FROM Opportunities WHERE Id = {dealId}"));
    }

    [Fact]
    public async Task A_Thai_reminder_keeps_the_reps_words_and_is_due_at_the_Thai_time()
    {
        await app.AskAsync(Dana, "เตือนฉันพรุ่งนี้ 9 โมง โทรหา Priya", Guid.NewGuid().ToString("N"));
        var row = await SqlAsync("SELECT Text || '@' || DueAt FROM Reminders ORDER BY Id DESC LIMIT 1");
        Assert.Equal($"โทรหา Priya@{new DateTimeOffset(2026, 11, 29, 14, 0, 0, TimeSpan.Zero).UtcTicks}", row);
    }
}
