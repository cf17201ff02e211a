using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Tests.Conversation;

/// <summary>Utterances → answers, checked against the demo company's data queried directly.</summary>
public sealed class PipelineQuestionsTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private const string Dana = "dana.reyes@northwind.example";
    private const string Marcus = "marcus.johnson@northwind.example";
    private static readonly DateOnly Today = new(2026, 11, 28);

    private Task<(int Count, decimal Amount)> OpenAsync(long ownerId, DateOnly? from = null, DateOnly? to = null, long? productId = null) =>
        app.QueryAsync(async db =>
        {
            var deals = await db.Opportunities.Where(o => o.OwnerId == ownerId && o.StageCategory == StageCategory.Open
                    && (from == null || o.CloseDate >= from) && (to == null || o.CloseDate <= to) && (productId == null || o.ProductId == productId))
                .Select(o => o.Amount).ToListAsync();
            return (deals.Count, deals.Sum(a => a ?? 0));
        });

    private Task<(int Count, decimal Amount)> WonAsync(IReadOnlyList<long> owners, DateOnly from, DateOnly to) =>
        app.QueryAsync(async db =>
        {
            var deals = await db.Opportunities.Where(o => owners.Contains(o.OwnerId) && o.StageCategory == StageCategory.Won && o.CloseDate >= from && o.CloseDate <= to)
                .Select(o => o.Amount).ToListAsync();
            return (deals.Count, deals.Sum(a => a ?? 0));
        });

    [Theory]
    [InlineData("what closes this month?")]
    [InlineData("What's closing this month")]
    [InlineData("deals closing in November")]
    [InlineData("my pipline this month")]
    [InlineData("open opps closing this month?")]
    public async Task Pipeline_this_month_counts_and_sums_the_reps_open_deals(string question)
    {
        var dana = await app.RepAsync(Dana);
        var (count, amount) = await OpenAsync(dana.Id, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));

        var reply = await app.AskAsync(Dana, question);

        Assert.True(count > 0, "the demo company should give Dana deals closing this month");
        Assert.StartsWith($"{MoneyFormat.Count(count, "open deal")} closing November 2026 worth {MoneyFormat.Compact(amount, "USD")}", reply.Read());
        var context = Assert.Single(reply.Blocks.OfType<ContextBlock>());
        Assert.Contains("Your open deals", context.Text);
        Assert.Contains("Nov 1, 2026 – Nov 30, 2026", context.Text);
        Assert.Contains("as of Nov 28, 2026 09:00 EST", context.Text);
    }

    [Theory]
    [InlineData("what did I close last quarter?")]
    [InlineData("bookings last quarter")]
    [InlineData("what did I bring in last quarter")]
    [InlineData("closed-won last quarter")]
    [InlineData("how much did I sell in Q3")]
    [InlineData("my wins in Q3 2026")]
    public async Task Won_last_quarter_matches_the_data(string question)
    {
        var dana = await app.RepAsync(Dana);
        var (count, amount) = await WonAsync([dana.Id], new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30));

        var reply = await app.AskAsync(Dana, question);

        Assert.Contains($"closed {MoneyFormat.Count(count, "deal")} worth {MoneyFormat.Compact(amount, "USD")}", reply.Read());
        Assert.Contains(reply.Blocks.OfType<FactsBlock>().Single().Facts, f => f.Label == "Won" && f.Value == MoneyFormat.Compact(amount, "USD"));
    }

    [Fact]
    public async Task A_follow_up_refines_the_previous_question_from_the_database()
    {
        var dana = await app.RepAsync(Dana);
        var conversation = Guid.NewGuid().ToString("N");
        await app.AskAsync(Dana, "what did I close last quarter?", conversation);

        var thisQuarter = await app.AskAsync(Dana, "and this quarter?", conversation);
        var (count, amount) = await WonAsync([dana.Id], new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31));
        Assert.Contains(count == 0 ? "No deals won this quarter" : $"closed {MoneyFormat.Count(count, "deal")} worth {MoneyFormat.Compact(amount, "USD")} this quarter", thisQuarter.Read());

        var pipeline = await app.AskAsync(Dana, "what's in my pipeline this quarter?", conversation);
        var gtxPro = await app.QueryAsync(db => db.Products.SingleAsync(p => p.Name == "GTX Pro"));
        var justGtx = await app.AskAsync(Dana, "just GTX Pro", conversation);
        var (gtxCount, gtxAmount) = await OpenAsync(dana.Id, new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), gtxPro.Id);
        Assert.StartsWith($"{MoneyFormat.Count(gtxCount, "open deal")} closing this quarter (Q4 2026) worth {MoneyFormat.Compact(gtxAmount, "USD")}", justGtx.Read());
        Assert.Contains("product: GTX Pro", justGtx.Blocks.OfType<ContextBlock>().Single().Text);
        Assert.NotEqual(pipeline.Summary, justGtx.Summary);
    }

    [Fact]
    public async Task Quota_attainment_gap_and_coverage_match_the_data()
    {
        var dana = await app.RepAsync(Dana);
        var quota = await app.QueryAsync(db => db.Quotas.SingleAsync(q => q.RepId == dana.Id && q.PeriodStart == new DateOnly(2026, 10, 1)));
        var (_, won) = await WonAsync([dana.Id], new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31));
        var (_, open) = await OpenAsync(dana.Id, Today, new DateOnly(2026, 12, 31));

        var reply = await app.AskAsync(Dana, "how am I tracking vs quota?");

        var facts = reply.Blocks.OfType<FactsBlock>().Single().Facts.ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal(MoneyFormat.Exact(quota.Amount, "USD"), facts["Quota"]);
        Assert.Equal(MoneyFormat.Exact(won, "USD"), facts["Won"]);
        Assert.Equal(MoneyFormat.Percent(won / quota.Amount), facts["Attainment"]);
        Assert.Equal(MoneyFormat.Exact(Math.Max(0, quota.Amount - won), "USD"), facts["Gap to quota"]);
        Assert.Equal(MoneyFormat.Exact(open, "USD"), facts["Open pipeline closing by period end"]);
    }

    [Fact]
    public async Task Manager_rollup_lists_exactly_the_team_with_a_chart()
    {
        var reply = await app.AskAsync(Marcus, "team rollup this quarter");

        var table = reply.Blocks.OfType<TableBlock>().Single();
        Assert.Equal(["Dana Reyes", "Lee Chen", "Priya Patel", "Tom Baker"], table.Rows.Select(r => r[0]).Order());
        var chart = reply.Blocks.OfType<ChartBlock>().Single();
        Assert.Equal(4, chart.Categories.Count);
        var dana = await app.RepAsync(Dana);
        var (_, won) = await WonAsync([dana.Id], new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31));
        Assert.Equal(MoneyFormat.Exact(won, "USD"), table.Rows.Single(r => r[0] == "Dana Reyes")[1]);
    }

    [Fact]
    public async Task Manager_can_drill_into_one_rep_of_the_team()
    {
        var dana = await app.RepAsync(Dana);
        var (count, amount) = await OpenAsync(dana.Id);
        var reply = await app.AskAsync(Marcus, "Dana's pipeline");
        Assert.StartsWith($"{MoneyFormat.Count(count, "open deal")} worth {MoneyFormat.Compact(amount, "USD")}", reply.Read());
        Assert.Contains("Dana Reyes's open deals", reply.Blocks.OfType<ContextBlock>().Single().Text);
    }

    [Fact]
    public async Task Slipped_deals_show_their_close_date_history()
    {
        var reply = await app.AskAsync(Marcus, "slipped deals on my team");
        var table = reply.Blocks.OfType<TableBlock>().Single();
        Assert.All(table.Rows, row => Assert.Contains("→", row[2]));
    }

    [Theory]
    [InlineData("asdfgh qwerty", "I didn't understand")]
    [InlineData("????", "I didn't understand")]
    [InlineData("what's the weather like", "I can't look up news, weather")]
    [InlineData("draft a follow-up email to Acme", "I can't draft e-mails")]
    public async Task Garbled_or_unsupported_input_gets_suggestions_not_an_error(string text, string expected)
    {
        var reply = await app.AskAsync(Dana, text);
        Assert.Contains(expected, reply.Read());
        Assert.NotEmpty(reply.Blocks.OfType<ActionsBlock>().Single().Actions);
    }

    [Fact]
    public async Task Open_pipeline_by_rep_matches_the_data_for_each_rep()
    {
        var reply = await app.AskAsync(Marcus, "team pipeline by rep this quarter");

        var table = reply.Blocks.OfType<TableBlock>().Single();
        Assert.Equal(["Dana Reyes", "Lee Chen", "Priya Patel", "Tom Baker"], table.Rows.Select(r => r[0]).Order());
        var dana = await app.RepAsync(Dana);
        var (count, amount) = await OpenAsync(dana.Id, new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31));
        var row = table.Rows.Single(r => r[0] == "Dana Reyes");
        Assert.Equal(MoneyFormat.Exact(amount, "USD"), row[1]);
        Assert.Equal(count.ToString("#,0"), row[2]);
    }

    [Fact]
    public async Task Thanks_gets_a_short_answer_and_hello_gets_help()
    {
        Assert.Equal("You're welcome! Ask me anytime.", (await app.AskAsync(Dana, "thanks!")).Read());
        Assert.StartsWith("Hi Dana!", (await app.AskAsync(Dana, "hello")).Read());
    }

    [Fact]
    public async Task Very_long_input_is_refused_politely()
    {
        var reply = await app.AskAsync(Dana, new string('a', 4_001));
        Assert.Contains("too long", reply.Read());
    }

    [Fact]
    public async Task Every_turn_is_audited()
    {
        var conversation = Guid.NewGuid().ToString("N");
        await app.AskAsync(Dana, "biggest deals", conversation);
        var entries = await app.QueryAsync(db => db.AuditEntries.Where(a => a.ConversationId == conversation).ToListAsync());
        var entry = Assert.Single(entries);
        Assert.Equal(("query", "biggest deals", Core.Audit.TurnOutcome.Answered), (entry.Intent, entry.Text, entry.Outcome));
        Assert.StartsWith("open deals · you · list · top 5", entry.Entities);
        Assert.StartsWith("Biggest open deal:", entry.ReplySummary);
    }

    [Fact]
    public async Task A_team_quota_counts_each_reps_quota_once_and_not_the_managers_roll_up_as_well()
    {
        var marcus = await app.RepAsync(Marcus);
        var q4 = new DateOnly(2026, 10, 1);
        var repsQuota = await app.QueryAsync(db => db.Quotas
            .Where(q => q.PeriodStart == q4 && q.Rep!.HierarchyPath.StartsWith(marcus.HierarchyPath) && q.RepId != marcus.Id)
            .Select(q => q.Amount).ToListAsync());
        var managersQuota = await app.QueryAsync(db => db.Quotas.Where(q => q.PeriodStart == q4 && q.RepId == marcus.Id).Select(q => q.Amount).SingleAsync());
        Assert.Equal(repsQuota.Sum(), managersQuota); // the demo's manager quota is the roll-up of the team's

        var reply = await app.AskAsync(Marcus, "team attainment this quarter");

        var facts = reply.Blocks.OfType<FactsBlock>().First().Facts.ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal(MoneyFormat.Exact(repsQuota.Sum(), "USD"), facts["Quota"]);
        var rollup = await app.AskAsync(Marcus, "team rollup this quarter");
        Assert.Contains($"of {MoneyFormat.Compact(repsQuota.Sum(), "USD")} quota", string.Join(" ", rollup.Blocks.OfType<TextBlock>().Select(t => t.Markdown)).Replace("**", ""));
    }
}
