using AeBot.Core.Conversation;
using AeBot.Core.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AeBot.Tests.Conversation;

/// <summary>
/// Each person is answered in their own language: the one they chose in chat, else the one their chat client reports,
/// else the one they wrote in. Each test uses its own rep, as the choice is stored on the rep.
/// </summary>
public sealed class ReplyLanguageTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private const string Gibberish = "blorp fizzle wug";

    [Fact]
    public async Task Asking_for_thai_in_chat_is_stored_and_every_later_reply_is_thai()
    {
        const string who = "sofia.rossi@northwind.example";

        var set = await app.AskAsync(who, "ตอบเป็นภาษาไทยครับ");
        var later = await app.AskAsync(who, Gibberish);

        Assert.Equal("th", await LanguageAsync(who, "Language"));
        Assert.Equal("th", set.Language);
        Assert.Contains("ตอบเป็นภาษาไทย", set.Read());
        Assert.Equal("th", later.Language);
        Assert.StartsWith("ฉันไม่เข้าใจข้อความนี้", later.Read());
    }

    [Fact]
    public async Task Reply_in_english_switches_back()
    {
        const string who = "felix.becker@northwind.example";
        await app.AskAsync(who, "ตอบเป็นภาษาไทย");

        var set = await app.AskAsync(who, "reply in English");
        var later = await app.AskAsync(who, Gibberish);

        Assert.Equal("en", await LanguageAsync(who, "Language"));
        Assert.StartsWith("Done — I'll reply in English", set.Read());
        Assert.Equal("en", later.Language);
        Assert.StartsWith("I didn't understand that.", later.Read());
    }

    [Fact]
    public async Task A_thai_client_locale_is_remembered_and_answers_in_thai_until_the_person_chooses()
    {
        const string who = "tom.baker@northwind.example";

        var first = await AskWithLocaleAsync(who, Gibberish, "th-TH");
        Assert.Equal("th-TH", await LanguageAsync(who, "Locale"));
        Assert.Equal("th", first.Language);
        // A later message from a client that says nothing keeps the remembered locale.
        Assert.Equal("th", (await AskWithLocaleAsync(who, Gibberish, null)).Language);

        await app.AskAsync(who, "reply in English");
        var chosen = await AskWithLocaleAsync(who, Gibberish, "th-TH");

        Assert.Equal("en", chosen.Language);
        Assert.StartsWith("I didn't understand that.", chosen.Read());
    }

    [Fact]
    public async Task A_message_written_in_thai_by_someone_who_never_chose_is_answered_in_thai()
    {
        var reply = await app.AskAsync("priya.patel@northwind.example", "ขอบคุณครับ");

        Assert.Equal("th", reply.Language);
        Assert.Null(await LanguageAsync("priya.patel@northwind.example", "Language"));
    }

    [Fact]
    public async Task Gregorian_years_can_be_chosen_and_are_stored()
    {
        const string who = "alex.morgan@northwind.example";
        await app.AskAsync(who, "ตอบเป็นภาษาไทย");

        var reply = await app.AskAsync(who, "ใช้ปี ค.ศ. ครับ");

        Assert.Equal("0", await LanguageAsync(who, "BuddhistEra"));
        // The fixture's today, 28 Nov 2026, shown in the Gregorian year.
        Assert.Contains("28 พ.ย. 2026", reply.Read());
        Assert.Contains("2569", (await app.AskAsync(who, "ใช้ปี พ.ศ.")).Read());
        Assert.Equal("1", await LanguageAsync(who, "BuddhistEra"));
    }

    [Fact]
    public async Task An_english_rep_is_answered_as_before()
    {
        var reply = await app.AskAsync("lee.chen@northwind.example", Gibberish);

        Assert.Equal("en", reply.Language);
        Assert.StartsWith("I didn't understand that.", reply.Read());
    }

    private async Task<Reply> AskWithLocaleAsync(string email, string text, string? locale)
    {
        var rep = await app.RepAsync(email);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IConversationCore>().HandleAsync(
            new IncomingMessage(ChatChannels.Teams, new RepIdentity(rep.Id, rep.Name, rep.Role, rep.TimeZoneId), Guid.NewGuid().ToString("N"), text, null, locale, ConversationFixture.Now), default);
    }

    /// <summary>A language column of the rep's row, read with plain SQL (null when unset).</summary>
    private Task<string?> LanguageAsync(string email, string column) =>
        app.QueryAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {column} FROM Reps WHERE Email = $email";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$email";
            parameter.Value = email;
            command.Parameters.Add(parameter);
            var value = await command.ExecuteScalarAsync();
            return value is null or DBNull ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        });
}
