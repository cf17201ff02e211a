using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Tests.Conversation;

/// <summary>Composed answers keep to the question: closed means won or lost, smallest means smallest, what isn't computed is said.</summary>
public sealed class AnswerCompositionTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private const string Dana = "dana.reyes@northwind.example";

    [Fact]
    public async Task Closed_deals_are_won_or_lost_never_open()
    {
        var reply = await app.AskAsync(Dana, "show my closed deals this year");
        var table = reply.Blocks.OfType<TableBlock>().Single();
        var stage = table.Columns.ToList().IndexOf("Stage");
        Assert.NotEmpty(table.Rows);
        Assert.All(table.Rows, r => Assert.Contains(r[stage], new[] { "Closed Won", "Closed Lost" }));
    }

    [Fact]
    public async Task The_smallest_win_is_the_smallest_of_all_wins()
    {
        var dana = await app.RepAsync(Dana);
        var smallest = await app.QueryAsync(async db => (await db.Opportunities
            .Where(o => o.OwnerId == dana.Id && o.StageCategory == StageCategory.Won && o.Amount != null && o.CloseDate >= new DateOnly(2026, 1, 1) && o.CloseDate <= new DateOnly(2026, 12, 31))
            .Select(o => o.Amount!.Value).ToListAsync()).Min());
        var reply = await app.AskAsync(Dana, "my smallest win this year");
        Assert.Contains(MoneyFormat.Exact(smallest, "USD"), ((TextBlock)reply.Blocks[0]).Markdown);
    }

    [Theory]
    [InlineData("slipped deals by rep", "break slipped deals down")]
    [InlineData("renewals over 50k in the next 90 days", "filter them by amount")]
    public async Task What_no_answer_computes_is_said_not_answered_as_something_else(string question, string said)
    {
        var reply = await app.AskAsync("marcus.johnson@northwind.example", question);
        Assert.Contains("I can't " , reply.Read());
        Assert.Contains(said, reply.Read());
        Assert.Empty(reply.Blocks.OfType<TableBlock>());
    }

    [Theory]
    [InlineData("closed won at Acme this year")]
    [InlineData("closed lost at Acme this year")]
    [InlineData("won business with Acme")]
    public async Task Report_wording_never_opens_a_write(string text)
    {
        var changes = await app.QueryAsync(db => db.BotChanges.CountAsync());
        var reply = await app.AskAsync(Dana, text);
        Assert.DoesNotContain("Which deal?", reply.Read());
        Assert.DoesNotContain("as won?", reply.Read());
        Assert.DoesNotContain("as lost?", reply.Read());
        Assert.Equal(changes, await app.QueryAsync(db => db.BotChanges.CountAsync()));
    }

    [Fact]
    public async Task A_one_shot_change_made_meanwhile_keeps_the_set_aside_dialog()
    {
        var conversation = Guid.NewGuid().ToString("N");
        await app.AskAsync(Dana, "push Acme", conversation);
        Assert.Contains("What's the new close date", (await app.AskAsync(Dana, "1", conversation)).Read());
        Assert.Contains("aside", (await app.AskAsync(Dana, "what closes this month?", conversation)).Read());
        Assert.Contains("I'll remind you", (await app.AskAsync(Dana, "remind me to call Bob tomorrow at 10am", conversation)).Read());
        Assert.Contains("What's the new close date", (await app.AskAsync(Dana, "resume", conversation)).Read());
        await app.AskAsync(Dana, "cancel", conversation);
        await app.AskAsync(Dana, "undo", conversation);
    }

    [Fact]
    public async Task A_new_dialog_that_replaces_a_set_aside_one_says_so()
    {
        var conversation = Guid.NewGuid().ToString("N");
        await app.AskAsync(Dana, "push Acme", conversation);
        await app.AskAsync(Dana, "1", conversation);
        Assert.Contains("aside", (await app.AskAsync(Dana, "what closes this month?", conversation)).Read());
        var reply = await app.AskAsync(Dana, "remind me to call Bob", conversation);
        Assert.Contains("When should I remind you", reply.Read());
        Assert.Contains("I've dropped the close-date change", reply.Read());
        await app.AskAsync(Dana, "cancel", conversation);
    }

    [Fact]
    public async Task A_breakdown_longer_than_the_table_says_how_many_rows_it_leaves_out()
    {
        // Independent count: every account (or none) with an open deal, straight from the table.
        var groups = await app.QueryAsync(db => SqlOracle.ScalarAsync(db,
            "SELECT COUNT(*) FROM (SELECT DISTINCT COALESCE(AccountId, -1) FROM Opportunities WHERE StageCategory = 0)"));
        Assert.True(groups > 50, "the demo company should have more accounts with open deals than one table shows");

        var reply = await app.AskAsync("alex.morgan@northwind.example", "company pipeline by account");

        Assert.Equal(50, reply.Blocks.OfType<TableBlock>().Single().Rows.Count);
        Assert.Contains($"Showing the first 50 of {groups:0} accounts", reply.Read());
    }

    [Fact]
    public async Task A_period_still_running_is_compared_with_the_same_days_of_the_other_and_a_finished_one_whole()
    {
        var running = (await app.AskAsync(Dana, "won this quarter vs last quarter")).Read();
        Assert.Contains("this quarter (Q4 2026) to Nov 28 vs", running);
        Assert.Contains("last quarter (Q3 2026) to Aug 28", running);
        Assert.Contains("All of last quarter (Q3 2026)", running);

        // Named the other way round, the running quarter is still cut: the same figures, the sign reversed.
        var reversed = (await app.AskAsync(Dana, "won last quarter vs this quarter")).Read();
        Assert.Contains("last quarter (Q3 2026) to Aug 28 vs", reversed);
        Assert.Contains("is still running", reversed);

        var finished = (await app.AskAsync(Dana, "won in Q2 vs Q1")).Read();
        Assert.DoesNotContain("still running", finished);
        Assert.DoesNotContain(" to ", finished.Split('\n')[0]);
    }
}
