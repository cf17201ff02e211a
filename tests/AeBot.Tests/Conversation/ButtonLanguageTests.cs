using System.Globalization;
using AeBot.Core.Conversation;
using AeBot.Core.Opportunities;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Tests.Conversation;

/// <summary>
/// A button is answered in the language of the message it was on. Dana never chooses a language here and her
/// channel reports no locale, so before buttons carried their message's language a press under a Thai reply was
/// answered in English. Through the real core on the demo company; every write checked with plain SQL.
/// </summary>
public sealed class ButtonLanguageTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private const string Dana = "dana.reyes@northwind.example";
    private const string Lee = "lee.chen@northwind.example";
    private const string Priya = "priya.patel@northwind.example";
    private const string Sofia = "sofia.rossi@northwind.example";

    [Fact]
    public async Task Undo_under_a_thai_log_is_answered_in_thai_for_a_rep_who_never_chose_a_language()
    {
        var account = (await SingleDealAccountsAsync(Dana))[0];
        var logged = await app.AskAsync(Dana, $"โทรคุยกับ {account} วันนี้ ลูกค้าบอกว่าแพงไป นัดส่งใบเสนอราคาใหม่วันศุกร์");
        var interaction = await SqlAsync($"SELECT MAX(i.Id) FROM Interactions i JOIN Accounts a ON a.Id = i.AccountId WHERE a.Name = '{account.Replace("'", "''")}'");
        var undo = Buttons(logged).Single(a => a.Payload.StartsWith(Payloads.Act + "undo:", StringComparison.Ordinal));

        var undone = await app.AskAsync(Dana, "", payload: undo.Payload);

        Assert.Equal("th", logged.Language);
        Assert.EndsWith("|lang:th", undo.Payload);
        Assert.Equal("th", undone.Language);
        Assert.StartsWith("ย้อนกลับแล้ว", undone.Summary);
        AssertThai(undone, await ThaiReplies.NamesAsync(app));
        Assert.Equal("0", await SqlAsync($"SELECT COUNT(*) FROM Interactions WHERE Id = {interaction}"));
        Assert.Equal("", await SqlAsync($"SELECT COALESCE(Language, '') || COALESCE(Locale, '') FROM Reps WHERE Email = '{Dana}'"));
    }

    [Fact]
    public async Task A_question_button_with_english_words_under_a_thai_reply_is_answered_in_thai()
    {
        var account = (await SingleDealAccountsAsync(Priya))[0];
        var logged = await app.AskAsync(Priya, $"โทรคุยกับ {account} วันนี้ ลูกค้าบอกว่าแพงไป นัดส่งใบเสนอราคาใหม่วันศุกร์");
        var handle = Buttons(logged).Single(a => a.Payload.StartsWith(Payloads.Ask, StringComparison.Ordinal));

        var answer = await app.AskAsync(Priya, "", payload: handle.Payload);

        Assert.Equal("ask:how do I handle price objections?|lang:th", handle.Payload);
        Assert.Equal("th", answer.Language);
        AssertThai(answer, await ThaiReplies.NamesAsync(app));
    }

    [Fact]
    public async Task Undo_under_an_english_log_carries_no_language_and_is_answered_as_before()
    {
        var account = (await SingleDealAccountsAsync(Sofia))[0];
        var logged = await app.AskAsync(Sofia, $"Logged a call with {account} today — they said it's too expensive, next step send a new quote by Friday");
        var undo = Buttons(logged).Single(a => a.Payload.StartsWith(Payloads.Act + "undo:", StringComparison.Ordinal));

        var undone = await app.AskAsync(Sofia, "", payload: undo.Payload);

        Assert.Equal("en", logged.Language);
        Assert.DoesNotContain("|lang:", undo.Payload);
        Assert.Equal("en", undone.Language);
        Assert.Equal($"Undone: the call logged with {account}", undone.Summary);
    }

    [Fact]
    public async Task A_language_chosen_in_chat_outranks_the_language_a_button_carries()
    {
        await app.AskAsync(Lee, "reply in English");
        var account = (await SingleDealAccountsAsync(Lee))[0];
        var logged = await app.AskAsync(Lee, $"Logged a call with {account} today — they said it's too expensive, next step send a new quote by Friday");
        var undo = Buttons(logged).Single(a => a.Payload.StartsWith(Payloads.Act + "undo:", StringComparison.Ordinal));

        // A card sent in Thai before Lee chose English.
        var undone = await app.AskAsync(Lee, "", payload: undo.Payload + "|lang:th");

        Assert.Equal("en", undone.Language);
        Assert.Equal($"Undone: the call logged with {account}", undone.Summary);
    }

    private static IEnumerable<ReplyAction> Buttons(Reply reply) => reply.Blocks.OfType<ActionsBlock>().SelectMany(b => b.Actions);

    private static void AssertThai(Reply reply, IReadOnlyList<string> names)
    {
        var left = ThaiReplies.EnglishWords(reply, names);
        Assert.True(left.Count == 0, $"English in the Thai reply: {string.Join(", ", left)}\n{ThaiReplies.Visible(reply)}");
    }

    /// <summary>The rep's accounts with exactly one open deal of theirs, so a log needs no "which deal?".</summary>
    private async Task<List<string>> SingleDealAccountsAsync(string email) =>
        (await app.QueryAsync(db => db.Opportunities.Where(o => o.Owner!.Email == email && o.StageCategory == StageCategory.Open && o.AccountId != null)
            .GroupBy(o => new { Id = o.AccountId!.Value, o.Account!.Name }).Where(g => g.Count() == 1).Select(g => new { g.Key.Id, g.Key.Name }).ToListAsync()))
        .OrderBy(a => a.Id).Select(a => a.Name).ToList();

    private Task<string> SqlAsync(string sql) => app.QueryAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    });
}
