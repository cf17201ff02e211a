using System.Text.RegularExpressions;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using AeBot.Core.Text;
using AeBot.Tests.Conversation;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Tests.Capture;

/// <summary>
/// A rep who chose Thai ("ตอบเป็นภาษาไทย") logs, updates, confirms with a button, undoes and sets reminders with
/// English sentences: every reply is Thai — nothing English in it but names and values from the data — and what is
/// written, read back with plain SQL, is what the same rep writes when replies are in English. Its own demo company,
/// since Dana's language is switched here.
/// </summary>
public sealed partial class ThaiCaptureTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private const string Dana = "dana.reyes@northwind.example";   // OwnerId 8, America/New_York
    private const long DanaId = 8;

    private async Task SpeakAsync(ReplyLanguage language) =>
        await app.AskAsync(Dana, language.IsThai ? "ตอบเป็นภาษาไทย" : "reply in English");

    /// <summary>
    /// The English words a Thai reply still holds once the names and values from the data are taken out (and the
    /// few words every language writes as they are): its text, facts, choices, buttons and summary.
    /// </summary>
    private static List<string> EnglishIn(Reply reply, IEnumerable<string> data)
    {
        var parts = new List<string> { reply.Summary };
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case TextBlock t: parts.Add(t.Markdown); break;
                case FactsBlock f: parts.AddRange(f.Facts.SelectMany(x => new[] { x.Label, x.Value })); break;
                case ChoiceBlock c: parts.Add(c.Prompt); parts.AddRange(c.Options.Select(o => o.Label)); break;
                case ActionsBlock a: parts.AddRange(a.Actions.Select(x => x.Label)); break;
                case ItemListBlock l: parts.Add(l.Title ?? ""); parts.AddRange(l.Items.SelectMany(i => new[] { i.Title, i.Detail ?? "" })); break;
                case ContextBlock c: parts.Add(c.Text); break;
            }
        }
        var text = string.Join("\n", parts);
        foreach (var value in data.Concat(Always).Where(v => v.Length > 0).OrderByDescending(v => v.Length))
            text = text.Replace(value, " ", StringComparison.Ordinal);
        return Latin().Matches(text).Select(m => m.Value).ToList();
    }

    private static readonly string[] Always = ["AeBot", "CRM", "USD", "EUR", "America/New_York", "Closed Won", "Closed Lost"];

    private static void AssertThai(Reply reply, params string?[] data)
    {
        Assert.Equal("th", reply.Language);
        Assert.Empty(EnglishIn(reply, data.Where(d => d is not null)!));
        Assert.Matches(@"\p{IsThai}", reply.Summary);
    }

    /// <summary>Dana's open deals whose names are unique among her open deals, in a fixed order (plain SQL).</summary>
    private async Task<(long Id, string Name, string Account, string Stage, string? CloseDate)> DealAsync(int index)
    {
        var rows = await app.QueryAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT o.Id, o.Name, a.Name, o.Stage, o.CloseDate FROM Opportunities o JOIN Accounts a ON a.Id = o.AccountId
                WHERE o.OwnerId = 8 AND o.StageCategory = 0
                  AND (SELECT COUNT(*) FROM Opportunities d WHERE d.OwnerId = 8 AND d.StageCategory = 0 AND d.Name = o.Name) = 1
                ORDER BY o.Id
                """;
            var list = new List<(long, string, string, string, string?)>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                list.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
            return list;
        });
        return rows[index];
    }

    private Task<string?> TextAsync(string sql) => app.QueryAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? null : Convert.ToString(result, System.Globalization.CultureInfo.InvariantCulture);
    });

    /// <summary>Logs in one sentence; when the account has several open deals, picks the first one offered.</summary>
    private async Task<(Reply Asked, Reply Logged)> LogAsync(string sentence)
    {
        var conversation = Guid.NewGuid().ToString("N");
        var asked = await app.AskAsync(Dana, sentence, conversation);
        var deal = asked.Blocks.OfType<ChoiceBlock>().SelectMany(c => c.Options).FirstOrDefault(o => o.Payload.Contains(":deal:", StringComparison.Ordinal));
        return deal is null ? (asked, asked) : (asked, await app.AskAsync(Dana, "", conversation, payload: deal.Payload));
    }

    /// <summary>What a logged call wrote, by plain SQL: the interaction, its objections and its follow-up task.</summary>
    private Task<string?> WrittenAsync(string account) => TextAsync($"""
        SELECT i.Type || '|' || i.Summary || '|' || COALESCE(i.NextStep, '') || '|' || COALESCE(i.NextStepDue, '') || '|' || i.OccurredAt || '|' || i.RepId
            || '|' || (SELECT GROUP_CONCAT(o.Topic || ':' || o.Text, ';') FROM Objections o WHERE o.InteractionId = i.Id)
            || '|' || (SELECT GROUP_CONCAT(f.Title || ':' || COALESCE(f.DueDate, '') || ':' || f.Status, ';') FROM FollowUpTasks f WHERE f.InteractionId = i.Id)
            || '|' || (SELECT GROUP_CONCAT(c.Name, ';') FROM InteractionContacts ic JOIN Contacts c ON c.Id = ic.ContactId WHERE ic.InteractionId = i.Id)
            || '|' || (i.OpportunityId IS NOT NULL)
        FROM Interactions i JOIN Accounts a ON a.Id = i.AccountId
        WHERE a.Name = '{account.Replace("'", "''")}' AND i.RepId = {DanaId} ORDER BY i.Id DESC LIMIT 1
        """);

    [Fact]
    public async Task A_call_logged_in_english_by_a_thai_rep_is_confirmed_in_thai_and_writes_what_an_english_rep_writes()
    {
        const string Sentence = "Logged a call with Sam Ortega at {0} — pushback on price, next step revised quote by Friday";
        var english = await DealAsync(1);
        var thai = await DealAsync(2);

        await SpeakAsync(ReplyLanguage.English);
        var (_, inEnglish) = await LogAsync(string.Format(Sentence, english.Account));
        Assert.StartsWith($"Logged ✓ — call with {english.Account}", inEnglish.Read());

        await SpeakAsync(ReplyLanguage.Thai);
        var (asked, logged) = await LogAsync(string.Format(Sentence, thai.Account));

        var deals = asked.Blocks.OfType<ChoiceBlock>().SelectMany(c => c.Options).Select(o => o.Label);
        AssertThai(asked, [thai.Account, .. deals]);
        Assert.StartsWith($"บันทึกแล้ว ✓ — การโทรกับ {thai.Account}", logged.Read());
        var facts = logged.Blocks.OfType<FactsBlock>().Single().Facts.ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal("โทร", facts["ประเภท"]);
        Assert.Equal("Sam Ortega (ผู้ติดต่อใหม่)", facts["ผู้ติดต่อ"]);
        Assert.Equal("ราคา", facts["ข้อโต้แย้ง"]);
        Assert.Equal("Revised quote — กำหนด 4 ธ.ค.", facts["ขั้นตอนถัดไป"]);
        Assert.Equal(["แก้ไข", "ย้อนกลับ", "รับมือ \"ราคา\""], logged.Blocks.OfType<ActionsBlock>().Single().Actions.Select(a => a.Label));
        // The question is asked in English words; the button carries the Thai of the reply it is on.
        Assert.Equal("ask:how do I handle price objections?|lang:th", logged.Blocks.OfType<ActionsBlock>().Single().Actions[2].Payload);
        AssertThai(logged, thai.Account, facts["ดีล"], "Sam Ortega", "Pushback on price", "Revised quote");

        var writtenInThai = await WrittenAsync(thai.Account);
        Assert.Equal("0|Pushback on price|Revised quote|2026-12-04|" + await TextAsync("SELECT OccurredAt FROM Interactions ORDER BY Id DESC LIMIT 1")
            + $"|{DanaId}|price:Price|Revised quote:2026-12-04:0|Sam Ortega|1", writtenInThai);
        Assert.Equal(await WrittenAsync(english.Account), writtenInThai);
    }

    [Fact]
    public async Task A_deal_update_confirmed_with_a_button_and_undone_reads_in_thai_and_writes_what_an_english_rep_writes()
    {
        var english = await DealAsync(3);
        var thai = await DealAsync(4);
        async Task<Reply[]> PushAsync(string deal, long id)
        {
            var conversation = Guid.NewGuid().ToString("N");
            var confirm = await app.AskAsync(Dana, $"change the close date of {deal} to Jan 15", conversation);
            var yes = confirm.Blocks.OfType<ActionsBlock>().Single().Actions.Single(a => Payloads.Language(a.Payload).Payload!.EndsWith(":confirm", StringComparison.Ordinal));
            var updated = await app.AskAsync(Dana, "", conversation, payload: yes.Payload);
            Assert.Equal("2027-01-15", await TextAsync($"SELECT CloseDate FROM Opportunities WHERE Id = {id}"));
            var undo = updated.Blocks.OfType<ActionsBlock>().Single().Actions.Single();
            var undone = await app.AskAsync(Dana, "", conversation, payload: undo.Payload);
            return [confirm, updated, undone];
        }

        Task<string?> HistoryAsync(long id) => TextAsync($"SELECT COUNT(*) FROM OpportunityHistory WHERE OpportunityId = {id}");
        var (englishHistory, thaiHistory) = (await HistoryAsync(english.Id), await HistoryAsync(thai.Id));

        await SpeakAsync(ReplyLanguage.English);
        var inEnglish = await PushAsync(english.Name, english.Id);
        Assert.StartsWith($"Undone: the change on {english.Name}.", inEnglish[2].Read());

        await SpeakAsync(ReplyLanguage.Thai);
        var (confirm, updated, undone) = await PushAsync(thai.Name, thai.Id) is var r ? (r[0], r[1], r[2]) : default;

        var was = DateFormat.Short(DateOnly.Parse(thai.CloseDate!), new DateOnly(2026, 11, 28), ReplyLanguage.Thai);
        Assert.StartsWith($"ยืนยันอัปเดต {thai.Name}?", confirm.Read());
        Assert.Contains($"{was} → 15 ม.ค. 2570", confirm.Blocks.OfType<FactsBlock>().Single().Facts.Single(f => f.Label == "วันปิด").Value);
        Assert.Equal(["ยืนยัน", "ยกเลิก"], confirm.Blocks.OfType<ActionsBlock>().Single().Actions.Select(a => a.Label));
        AssertThai(confirm, thai.Name, thai.Account);
        Assert.StartsWith($"อัปเดตแล้ว ✓ {thai.Name}", updated.Read());
        AssertThai(updated, thai.Name);
        Assert.Equal($"ย้อนกลับแล้ว: การเปลี่ยนแปลงดีล {thai.Name}", undone.Read());
        AssertThai(undone, thai.Name);

        // Undone the same way: the close date back, its history row gone — as for the English rep.
        Assert.Equal(thai.CloseDate, await TextAsync($"SELECT CloseDate FROM Opportunities WHERE Id = {thai.Id}"));
        Assert.Equal(english.CloseDate, await TextAsync($"SELECT CloseDate FROM Opportunities WHERE Id = {english.Id}"));
        Assert.Equal((englishHistory, thaiHistory), (await HistoryAsync(english.Id), await HistoryAsync(thai.Id)));
        Assert.Equal("0", await TextAsync($"SELECT COUNT(*) FROM BotChanges WHERE UndoneAt IS NULL AND RepId = {DanaId} AND Description IN ('the change on {english.Name}', 'the change on {thai.Name}')"));
    }

    [Fact]
    public async Task A_deal_won_by_a_thai_rep_is_congratulated_in_thai_with_the_amount_sql_gives()
    {
        var deal = await DealAsync(5);
        await SpeakAsync(ReplyLanguage.Thai);
        var conversation = Guid.NewGuid().ToString("N");

        var confirm = await app.AskAsync(Dana, $"mark {deal.Name} as won", conversation);
        AssertThai(confirm, deal.Name, deal.Account, deal.Stage, await TextAsync($"SELECT Currency FROM Opportunities WHERE Id = {deal.Id}"));
        var yes = confirm.Blocks.OfType<ActionsBlock>().Single().Actions.First().Payload;
        var won = await app.AskAsync(Dana, "", conversation, payload: yes);

        var amount = decimal.Parse((await TextAsync($"SELECT Amount FROM Opportunities WHERE Id = {deal.Id}"))!, System.Globalization.CultureInfo.InvariantCulture) / 10_000m;
        var currency = (await TextAsync($"SELECT Currency FROM Opportunities WHERE Id = {deal.Id}"))!;
        Assert.StartsWith($"🎉 ยินดีด้วย! ปิดดีล {deal.Name} ({MoneyFormat.Compact(amount, currency, ReplyLanguage.Thai)}) ได้แล้ว", won.Read());
        Assert.Contains(MoneyFormat.Exact(amount, currency), won.Read());
        var manager = await TextAsync($"SELECT r.Name FROM Accounts a JOIN Opportunities o ON o.AccountId = a.Id LEFT JOIN Reps r ON r.Id = a.AccountManagerId WHERE o.Id = {deal.Id}");
        AssertThai(won, deal.Name, deal.Account, deal.Stage, manager, currency);
        Assert.Equal("1|2026-11-28", await TextAsync($"SELECT StageCategory || '|' || CloseDate FROM Opportunities WHERE Id = {deal.Id}"));

        await app.AskAsync(Dana, "", conversation, payload: won.Blocks.OfType<ActionsBlock>().Last().Actions.Single().Payload);
        Assert.Equal("0", await TextAsync($"SELECT StageCategory FROM Opportunities WHERE Id = {deal.Id}"));
    }

    [Fact]
    public async Task A_loss_reason_picked_from_thai_buttons_is_stored_as_an_english_rep_stores_it()
    {
        var deal = await DealAsync(6);
        await SpeakAsync(ReplyLanguage.Thai);
        var conversation = Guid.NewGuid().ToString("N");

        var ask = await app.AskAsync(Dana, $"we lost {deal.Name}", conversation);
        AssertThai(ask, deal.Name);
        var competitor = ask.Blocks.OfType<ChoiceBlock>().Single().Options.Single(o => o.Label == "คู่แข่ง");
        var confirm = await app.AskAsync(Dana, "", conversation, payload: competitor.Payload);
        Assert.Equal("คู่แข่ง", confirm.Blocks.OfType<FactsBlock>().Single().Facts.Single(f => f.Label == "เหตุผล").Value);
        AssertThai(confirm, deal.Name, deal.Account, deal.Stage);
        await app.AskAsync(Dana, "", conversation, payload: confirm.Blocks.OfType<ActionsBlock>().Single().Actions.First().Payload);

        Assert.Equal("2|Competitor", await TextAsync($"SELECT StageCategory || '|' || LossReason FROM Opportunities WHERE Id = {deal.Id}"));
        await app.AskAsync(Dana, "undo", conversation);
    }

    [Fact]
    public async Task A_reminder_set_by_a_thai_rep_is_confirmed_in_thai_for_the_same_moment_an_english_rep_gets()
    {
        await SpeakAsync(ReplyLanguage.English);
        Assert.StartsWith("Got it — I'll remind you Sun, Nov 29 at 10:00 (America/New_York): Send the contract to Umbrella",
            (await app.AskAsync(Dana, "remind me to send the contract to Umbrella tomorrow at 10am")).Read());

        await SpeakAsync(ReplyLanguage.Thai);
        var set = await app.AskAsync(Dana, "remind me to send the proposal to Umbrella tomorrow at 10am");
        Assert.StartsWith("ได้เลย — จะเตือนคุณ อา. 29 พ.ย. เวลา 10:00 น. (America/New_York): Send the proposal to Umbrella", set.Read());
        AssertThai(set, "Send the proposal to Umbrella");

        var conversation = Guid.NewGuid().ToString("N");
        var when = await app.AskAsync(Dana, "remind me to call Umbrella back", conversation);
        Assert.Equal(["อีก 1 ชั่วโมง", "พรุ่งนี้ 9:00 น.", "วันจันทร์ 9:00 น.", "ยกเลิก"], when.Blocks.OfType<ChoiceBlock>().Single().Options.Select(o => o.Label));
        AssertThai(when, "call Umbrella back");
        var monday = await app.AskAsync(Dana, "", conversation, payload: when.Blocks.OfType<ChoiceBlock>().Single().Options[2].Payload);
        AssertThai(monday, "Call Umbrella back");

        Assert.Equal(await TextAsync("SELECT DueAt FROM Reminders WHERE Text = 'Send the contract to Umbrella'"),
            await TextAsync("SELECT DueAt FROM Reminders WHERE Text = 'Send the proposal to Umbrella'"));
        Assert.Equal("0|web", await TextAsync("SELECT Status || '|' || Channel FROM Reminders WHERE Text = 'Call Umbrella back'"));

        var undone = await app.AskAsync(Dana, "", payload: monday.Blocks.OfType<ActionsBlock>().Single().Actions.Single().Payload);
        Assert.Equal("ย้อนกลับแล้ว: การเตือน \"Call Umbrella back\"", undone.Read());
        Assert.Equal("2", await TextAsync("SELECT Status FROM Reminders WHERE Text = 'Call Umbrella back'"));
    }

    [Fact]
    public async Task A_dialog_set_aside_or_dropped_says_so_in_thai_and_cancel_says_so_in_thai()
    {
        await SpeakAsync(ReplyLanguage.Thai);
        var before = await TextAsync($"SELECT COUNT(*) FROM Interactions WHERE RepId = {DanaId}");
        var conversation = Guid.NewGuid().ToString("N");
        var asked = await app.AskAsync(Dana, "log a call", conversation);
        AssertThai(asked, [.. asked.Blocks.OfType<ChoiceBlock>().SelectMany(c => c.Options).Select(o => o.Label)]);

        // A question meanwhile sets it aside; "resume" asks again; "cancel" stops it.
        var meanwhile = await app.AskAsync(Dana, "what closes this month?", conversation);
        Assert.Equal("ฉันพักการบันทึกการโทรไว้ก่อน พิมพ์ \"ทำต่อ\" เพื่อทำให้เสร็จ", meanwhile.Blocks.OfType<ContextBlock>().Last().Text);
        var resumed = await app.AskAsync(Dana, "resume", conversation);
        AssertThai(resumed, [.. resumed.Blocks.OfType<ChoiceBlock>().SelectMany(c => c.Options).Select(o => o.Label)]);
        var cancelled = await app.AskAsync(Dana, "cancel", conversation);
        Assert.Equal("โอเค หยุดการบันทึกการโทรแล้ว — ยังไม่ได้บันทึกอะไร", cancelled.Read());
        AssertThai(cancelled);
        AssertThai(await app.AskAsync(Dana, "cancel", conversation));

        // A new command instead drops it, and says so.
        await app.AskAsync(Dana, "log a call", conversation);
        var replaced = await app.AskAsync(Dana, "remind me to call Bob tomorrow at 10am", conversation);
        Assert.Equal("ฉันยกเลิกการบันทึกการโทรที่ยังทำไม่เสร็จ เพื่อทำเรื่องนี้แทน", replaced.Blocks.OfType<ContextBlock>().Single().Text);
        AssertThai(replaced, "Call Bob");
        Assert.Equal(before, await TextAsync($"SELECT COUNT(*) FROM Interactions WHERE RepId = {DanaId}"));
    }

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex Latin();
}
