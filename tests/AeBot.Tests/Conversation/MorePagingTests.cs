using System.Globalization;
using AeBot.Core.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AeBot.Tests.Conversation;

/// <summary>
/// "More" under every shortened list: pressing it until it goes shows each row of the list exactly once, checked
/// against the demo company's rows selected by plain SQL, and the last page carries no "More".
/// </summary>
public sealed class MorePagingTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private const string Dana = "dana.reyes@northwind.example";
    private const string Marcus = "marcus.johnson@northwind.example";
    private const string MarcusTeam = "SELECT Id FROM Reps WHERE HierarchyPath LIKE '/2/3/%'";

    // Stale: no logged interaction since 14 days before the fixture's clock (ticks, as SQLite stores instants).
    private static readonly long StaleSince = ConversationFixture.Now.AddDays(-14).UtcTicks;

    // Midnight of New Year in New York (Marcus's zone), as ticks.
    private static long NewYork(int year) => new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.FromHours(-5)).UtcTicks;

    public static TheoryData<string, string, string> Lists => new()
    {
        { Marcus, "team pipeline", $"SELECT Name FROM Opportunities WHERE OwnerId IN ({MarcusTeam}) AND StageCategory = 0" },
        { Dana, "my pipeline", "SELECT Name FROM Opportunities WHERE OwnerId = 8 AND StageCategory = 0" },
        { Dana, "stale deals", $"SELECT Name FROM Opportunities WHERE OwnerId = 8 AND StageCategory = 0 AND COALESCE(LastEngagedAt, CreatedAt) < {StaleSince}" },
        { Marcus, "team deals past their close date", $"SELECT Name FROM Opportunities WHERE OwnerId IN ({MarcusTeam}) AND StageCategory = 0 AND CloseDate < '2026-11-28'" },
        {
            Marcus, "slipped deals on my team",
            $"SELECT o.Name FROM Opportunities o WHERE o.OwnerId IN ({MarcusTeam}) AND o.StageCategory = 0 AND "
            + "(SELECT COUNT(DISTINCT h.CloseDate) FROM OpportunityHistory h WHERE h.OpportunityId = o.Id AND h.CloseDate IS NOT NULL) > 1"
        },
        {
            Marcus, "list all deals my team created this year",
            $"SELECT Name FROM Opportunities WHERE OwnerId IN ({MarcusTeam}) AND CreatedAt >= {NewYork(2026)} AND CreatedAt < {NewYork(2027)}"
        },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Paging_through_More_shows_every_row_exactly_once(string email, string question, string sql)
    {
        var expected = await app.QueryAsync(db => NamesAsync(db, sql));
        Assert.True(expected.Count > 10, $"the demo should have more than one page for \"{question}\" (has {expected.Count})");

        var (rows, pages) = await PageThroughAsync(email, question, Guid.NewGuid().ToString("N"));

        Assert.Equal(expected.Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
        Assert.Equal((expected.Count + 9) / 10, pages);
    }

    [Fact]
    public async Task My_day_lists_page_through_their_items()
    {
        var sql = $"SELECT Name FROM Opportunities WHERE OwnerId = 8 AND StageCategory = 0 AND NOT (CloseDate < '2026-11-28') AND COALESCE(LastEngagedAt, CreatedAt) < {StaleSince}";
        var expected = await app.QueryAsync(db => NamesAsync(db, sql));
        Assert.True(expected.Count > 10, $"Dana should have more than one page of stale deals (has {expected.Count})");

        var (rows, pages) = await PageThroughAsync(Dana, "my day", Guid.NewGuid().ToString("N"), "No activity for");

        // A deal's line reads "name · $1.2M".
        Assert.Equal(expected.Order(StringComparer.Ordinal), rows.Select(r => r.Split(" · ")[0]).Order(StringComparer.Ordinal));
        Assert.Equal((expected.Count + 9) / 10, pages);
    }

    [Fact]
    public async Task More_answers_its_own_question_after_the_conversation_moved_on()
    {
        var conversation = Guid.NewGuid().ToString("N");
        var first = await app.AskAsync(Dana, "stale deals", conversation);
        var more = MoreOf(first)!;
        await app.AskAsync(Dana, "how am I tracking vs quota?", conversation);

        var next = await app.AskAsync(Dana, "", conversation, more.Payload);

        var table = Assert.Single(next.Blocks.OfType<TableBlock>());
        Assert.StartsWith("Quiet longest first — 11–", table.Title);
        Assert.Contains("Quiet for", table.Columns);
    }

    [Fact]
    public async Task The_weekly_digests_one_to_one_pack_pages_each_list_it_cuts()
    {
        var sql = $"SELECT Name FROM Opportunities WHERE OwnerId = 8 AND StageCategory = 0 AND COALESCE(LastEngagedAt, CreatedAt) < {StaleSince}";
        var expected = await app.QueryAsync(db => NamesAsync(db, sql));
        var marcus = await app.RepAsync(Marcus);
        var digest = await WeeklyDigestAsync(marcus.Id);

        var packAt = digest.Blocks.ToList().FindIndex(b => b is ItemListBlock { Title: { } t } && t.StartsWith("Dana Reyes — 1:1 pack", StringComparison.Ordinal));
        var pack = (ItemListBlock)digest.Blocks[packAt];
        var shown = pack.Items.Where(i => i.Title.StartsWith("Stale: ", StringComparison.Ordinal)).Select(i => i.Title["Stale: ".Length..]).ToList();
        Assert.Contains($"{shown.Count} of {expected.Count} stale", pack.Title);
        var more = Assert.IsType<ActionsBlock>(digest.Blocks[packAt + 1]).Actions.Single(a => a.Label == "More stale");

        var conversation = Guid.NewGuid().ToString("N");
        var rows = new List<string>(shown);
        var reply = await app.AskAsync(Marcus, "", conversation, more.Payload);
        for (var pages = 1; ; pages++)
        {
            var list = Assert.Single(reply.Blocks.OfType<ItemListBlock>());
            Assert.StartsWith($"Dana Reyes — stale ({rows.Count + 1}–", list.Title);
            rows.AddRange(list.Items.Select(i => i.Title["Stale: ".Length..]));
            if (MoreOf(reply) is not { } next)
                break;
            Assert.True(pages < 100, "More never ends");
            reply = await app.AskAsync(Marcus, "", conversation, next.Payload);
        }

        // A deal's line reads "Stale: name · $1.2M": every stale deal of Dana's exactly once, across the digest and its pages.
        Assert.Equal(expected.Order(StringComparer.Ordinal), rows.Select(r => r.Split(" · ")[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_one_to_one_pack_pages_only_for_the_reps_own_manager()
    {
        var marcus = await app.RepAsync(Marcus);
        var digest = await WeeklyDigestAsync(marcus.Id);
        var more = digest.Blocks.OfType<ActionsBlock>().SelectMany(a => a.Actions).First(a => a.Label.StartsWith("More ", StringComparison.Ordinal));

        var forged = await app.AskAsync(Dana, "", null, more.Payload);

        Assert.Equal("1:1 pack: not one of yours", forged.Summary);
        Assert.DoesNotContain(forged.Blocks, b => b is ItemListBlock);
    }

    private async Task<Reply> WeeklyDigestAsync(long managerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var today = DateOnly.FromDateTime(ConversationFixture.Now.UtcDateTime);
        var (_, _, reply) = await scope.ServiceProvider.GetRequiredService<AeBot.Core.Nudges.WeeklyDigests>().PreviewAsync(managerId, today, default);
        return reply!;
    }

    [Theory]
    [InlineData("more:not json")]
    [InlineData("more:{\"offset\":-5,\"section\":\"stale\"}")]
    [InlineData("more:{\"offset\":10}")]
    public async Task A_More_button_it_cannot_read_gets_a_polite_answer(string payload)
    {
        var reply = await app.AskAsync(Dana, "", null, payload);

        Assert.Equal("Unreadable More button", reply.Summary);
    }

    [Fact]
    public async Task A_list_that_fits_on_one_page_has_no_More()
    {
        var reply = await app.AskAsync(Dana, "deals past their close date");

        Assert.Null(MoreOf(reply));
    }

    private async Task<(List<string> Rows, int Pages)> PageThroughAsync(string email, string question, string conversation, string? listTitle = null)
    {
        var reply = await app.AskAsync(email, question, conversation);
        var rows = new List<string>();
        var pages = 0;
        while (true)
        {
            pages++;
            var more = MoreOf(reply, listTitle);
            if (listTitle is null)
                rows.AddRange(Assert.Single(reply.Blocks.OfType<TableBlock>()).Rows.Select(r => r[0]));
            else
                rows.AddRange(reply.Blocks.OfType<ItemListBlock>().Single(l => l.Title!.StartsWith(listTitle, StringComparison.Ordinal)).Items.Select(i => i.Title));
            if (more is null)
                return (rows, pages);
            Assert.True(pages < 100, "More never ends");
            reply = await app.AskAsync(email, "", conversation, more.Payload);
            Assert.DoesNotContain(reply.Blocks, b => b is TextBlock t && t.Markdown.Contains("went wrong", StringComparison.Ordinal));
        }
    }

    /// <summary>The More button under the list (with a title starting so, when the reply has several).</summary>
    private static ReplyAction? MoreOf(Reply reply, string? listTitle = null)
    {
        for (var i = 0; i < reply.Blocks.Count - 1; i++)
        {
            var list = reply.Blocks[i];
            if (list is not (TableBlock or ItemListBlock))
                continue;
            if (listTitle is not null && (list is not ItemListBlock { Title: { } title } || !title.StartsWith(listTitle, StringComparison.Ordinal)))
                continue;
            if (reply.Blocks[i + 1] is ActionsBlock actions && actions.Actions.FirstOrDefault(a => a.Payload.StartsWith(Payloads.More, StringComparison.Ordinal)) is { } more)
                return more;
        }
        return null;
    }

    private static async Task<List<string>> NamesAsync(AeBot.Data.Storage.AeBotDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            names.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        return names;
    }
}
