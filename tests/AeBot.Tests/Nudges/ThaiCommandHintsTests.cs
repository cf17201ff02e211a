using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using AeBot.Core.Conversation;
using AeBot.Core.Nudges;
using AeBot.Core.Text;
using AeBot.Tests.Conversation;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Tests.Nudges;

/// <summary>
/// A Thai hint that tells the person what to type quotes a Thai command, and that command does what the hint says:
/// each one is sent through the real core on the demo company and its effect read back with plain SQL.
/// </summary>
public sealed partial class ThaiCommandHintsTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private const string Tom = "tom.baker@northwind.example";
    private static readonly CultureInfo Thai = CultureInfo.GetCultureInfo("th-TH");

    /// <summary>The Thai texts that tell a person what to type, by resource and key.</summary>
    private static readonly (string Resource, string Key)[] Hints =
    [
        ("NudgeTexts", "DailyFooter"), ("NudgeTexts", "DailyFooterHeldBack"), ("NudgeTexts", "DigestTimeNotUnderstood"), ("NudgeTexts", "HintMute"),
        ("NudgeTexts", "HintSettings"), ("NudgeTexts", "MutedDone"), ("NudgeTexts", "NotMuted"), ("NudgeTexts", "QuietNotUnderstood"),
        ("NudgeTexts", "SettingsHelp"), ("MyDayTexts", "NoLongerPart"), ("TurnTexts", "LanguageSet"), ("CaptureTexts", "EditDealPrompt"),
        ("CaptureTexts", "EditDealNotFound"),
    ];

    /// <summary>Every command those texts quote (slots aside), and what sending it must leave in the database.</summary>
    public static TheoryData<string, string, string> Commands => new()
    {
        { "สรุปประจำวัน 8 โมง", "SELECT substr(DigestTime, 1, 5) FROM NudgePreferences WHERE RepId = {0}", "08:00" },
        { "สรุปประจำวัน 07:30", "SELECT substr(DigestTime, 1, 5) FROM NudgePreferences WHERE RepId = {0}", "07:30" },
        { "ห้ามรบกวน 19:00 ถึง 07:00", "SELECT substr(QuietStart, 1, 5) || '-' || substr(QuietEnd, 1, 5) FROM NudgePreferences WHERE RepId = {0}", "19:00-07:00" },
        { "แจ้งเตือนไม่เกินวันละ 2 ครั้ง", "SELECT DailyCap FROM NudgePreferences WHERE RepId = {0}", "2" },
        { "ปิดแจ้งเตือนต่อสัญญา", "SELECT group_concat(Category) FROM NudgeMutes WHERE RepId = {0} AND Category = 'renewals'", "renewals" },
        { "เปิดแจ้งเตือนดีลค้าง", "SELECT COUNT(*) FROM NudgeMutes WHERE RepId = {0} AND Category = 'stale'", "0" },
        { "ตอบเป็นภาษาอังกฤษ", "SELECT Language FROM Reps WHERE Id = {0}", "en" },
    };

    /// <summary>Commands that change nothing stored: what they answer instead (the summary of the reply in Thai).</summary>
    public static TheoryData<string, string, string> Answers => new()
    {
        { "ตั้งค่าการแจ้งเตือน", "NudgeTexts", "SettingsSummary" },
        { "ปิดห้ามรบกวน", "NudgeTexts", "QuietOffSummary" },
        { "รีเซ็ตการตั้งค่าแจ้งเตือน", "NudgeTexts", "ResetSummary" },
        { "ใช้ปี ค.ศ.", "TurnTexts", "YearsSetSummary" },
        { "ใช้ปี พ.ศ.", "TurnTexts", "YearsSetSummary" },
    };

    [Fact]
    public void Every_command_a_thai_hint_quotes_is_thai_and_is_tried_below()
    {
        var tried = Commands.Select(r => (string)r[0]).Concat(Answers.Select(r => (string)r[0])).Append("วันนี้ต้องทำอะไรบ้าง").Append("ไม่มี").ToHashSet();
        var quoted = Hints.SelectMany(h => Quoted().Matches(Text(h.Resource, h.Key)).Select(m => m.Groups[1].Value)).Where(q => !q.Contains('{')).Distinct().ToList();

        Assert.NotEmpty(quoted);
        Assert.All(quoted, q => Assert.DoesNotMatch("[A-Za-z]", q));
        Assert.All(quoted, q => Assert.Contains(q, tried));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_quoted_thai_command_does_what_it_says(string command, string sql, string expected)
    {
        var repId = await ThaiRepAsync();
        if (command.StartsWith("เปิด", StringComparison.Ordinal))
            await app.AskAsync(Tom, "mute stale");

        var reply = await app.AskAsync(Tom, command);

        Assert.Equal(expected, await SqlAsync(string.Format(CultureInfo.InvariantCulture, sql, repId)));
        if (reply.Language == "th") // the settings name the person's time zone by its id
            Assert.Empty(ThaiReplies.EnglishWords(reply, [.. await ThaiReplies.NamesAsync(app), (await app.RepAsync(Tom)).TimeZoneId]));
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task A_quoted_thai_command_is_answered_as_its_english_twin_would_be(string command, string resource, string key)
    {
        await ThaiRepAsync();

        var reply = await app.AskAsync(Tom, command);

        Assert.Equal("th", reply.Language);
        Assert.StartsWith(Text(resource, key).Split('{')[0], reply.Summary);
    }

    [Fact]
    public async Task My_day_quoted_in_thai_answers_my_day()
    {
        await ThaiRepAsync();

        var thai = await app.AskAsync(Tom, "วันนี้ต้องทำอะไรบ้าง");
        var asEnglish = await app.AskAsync(Tom, "my day");

        Assert.Equal("th", thai.Language);
        Assert.Equal(asEnglish.Summary, thai.Summary);
    }

    [Fact]
    public async Task Every_nudge_hint_quotes_a_thai_mute_command_that_mutes_it_and_the_answer_quotes_one_that_unmutes_it()
    {
        var repId = await ThaiRepAsync();
        var account = await SqlAsync($"SELECT a.Name FROM Accounts a JOIN Opportunities o ON o.AccountId = a.Id WHERE o.OwnerId = {repId} ORDER BY a.Id LIMIT 1");
        var names = await ThaiReplies.NamesAsync(app);
        foreach (var category in NudgeRules.Categories)
            foreach (var name in new[] { null, account })
            {
                var hint = NudgeCards.Hint(category.Rules[0], name, ReplyLanguage.Thai);
                var mute = Quoted().Match(hint).Groups[1].Value;
                var filter = name is null ? "AccountId IS NULL OR AccountId = 0" : $"AccountId = (SELECT Id FROM Accounts WHERE Name = '{name.Replace("'", "''")}')";
                var count = $"SELECT COUNT(*) FROM NudgeMutes WHERE RepId = {repId} AND Category = '{category.Name}' AND ({filter})";

                var muted = await app.AskAsync(Tom, mute);
                Assert.True(await SqlAsync(count) == "1", $"\"{mute}\" did not mute {category.Name}: {muted.Summary}");
                Assert.Empty(ThaiReplies.EnglishWords(muted, names));

                var unmute = Quoted().Match(((TextBlock)muted.Blocks[0]).Markdown).Groups[1].Value;
                var unmuted = await app.AskAsync(Tom, unmute);
                Assert.True(await SqlAsync(count) == "0", $"\"{unmute}\" did not unmute {category.Name}: {unmuted.Summary}");
                Assert.DoesNotMatch("[A-Za-z]", name is null ? unmute : unmute.Replace(name, "", StringComparison.Ordinal));
            }
    }

    [Fact]
    public async Task Mai_mee_quoted_by_the_edit_dialog_takes_the_deal_off_a_logged_call()
    {
        var repId = await ThaiRepAsync();
        var account = await SqlAsync($"SELECT a.Name FROM Accounts a JOIN Opportunities o ON o.AccountId = a.Id WHERE o.OwnerId = {repId} AND o.StageCategory = 0 "
            + $"GROUP BY a.Id HAVING COUNT(*) = 1 ORDER BY a.Id LIMIT 1");
        var conversation = Guid.NewGuid().ToString("N");
        var logged = await app.AskAsync(Tom, $"โทรคุยกับ {account} วันนี้ ลูกค้าบอกว่าแพงไป", conversation);
        var interaction = await SqlAsync($"SELECT MAX(Id) FROM Interactions WHERE RepId = {repId}");
        Assert.NotEqual("", await SqlAsync($"SELECT COALESCE(OpportunityId, '') FROM Interactions WHERE Id = {interaction}"));

        var edit = logged.Blocks.OfType<ActionsBlock>().SelectMany(b => b.Actions).Single(a => a.Payload.StartsWith(Payloads.Act + "edit:", StringComparison.Ordinal));
        var fields = await app.AskAsync(Tom, "", conversation, edit.Payload);
        var deal = fields.Blocks.OfType<ChoiceBlock>().SelectMany(b => b.Options).Single(o => o.Payload.Contains("field:deal", StringComparison.Ordinal));
        var prompt = await app.AskAsync(Tom, "", conversation, deal.Payload);
        var answer = Quoted().Match(prompt.Summary).Groups[1].Value;
        await app.AskAsync(Tom, answer, conversation);

        Assert.Equal("ไม่มี", answer);
        Assert.Equal("", await SqlAsync($"SELECT COALESCE(OpportunityId, '') FROM Interactions WHERE Id = {interaction}"));
    }

    [Fact]
    public void The_english_hints_quote_the_english_commands_as_before()
    {
        Assert.Equal("Say \"mute renewals for Acme\" or \"nudge settings\" to change this.", NudgeCards.Hint(NudgeRules.Categories[0].Rules[0], "Acme", ReplyLanguage.English));
        Assert.Equal("Say \"mute close-dates\" or \"nudge settings\" to change this.", NudgeCards.Hint(NudgeRules.Categories[3].Rules[0], null, ReplyLanguage.English));
    }

    private async Task<long> ThaiRepAsync()
    {
        await app.AskAsync(Tom, "ตอบเป็นภาษาไทย");
        return (await app.RepAsync(Tom)).Id;
    }

    private static string Text(string resource, string key) =>
        new ResourceManager("AeBot.Core.Text." + resource, typeof(ReplyLanguage).Assembly).GetString(key, Thai) ?? throw new InvalidOperationException(key);

    private Task<string> SqlAsync(string sql) => app.QueryAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    });

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Quoted();
}
