using AeBot.Core.Conversation;

namespace AeBot.Tests.Conversation;

/// <summary>Each chart shows what the question asked, its figures checked against plain SQL over the demo company.</summary>
public sealed class ChartAnswersTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private const string Marcus = "marcus.johnson@northwind.example";

    [Theory]
    [InlineData("team pipeline by rep", "")]
    [InlineData("team pipeline by rep this quarter", "AND CloseDate BETWEEN '2026-10-01' AND '2026-12-31'")]
    public async Task Team_pipeline_by_rep_charts_each_reps_open_pipeline(string question, string period)
    {
        var reply = await app.AskAsync(Marcus, question);

        var chart = Assert.Single(reply.Blocks.OfType<ChartBlock>());
        Assert.Equal("Open pipeline by rep", chart.Title);
        var series = Assert.Single(chart.Series);
        Assert.Equal(4, chart.Categories.Count);
        for (var i = 0; i < chart.Categories.Count; i++)
            Assert.Equal(await OpenAsync(chart.Categories[i], period), series.Values[i]);
    }

    [Theory]
    [InlineData("team pipeline by rep vs quota")]
    [InlineData("pipeline coverage by rep")]
    public async Task A_pipeline_question_to_the_team_rollup_charts_open_pipeline_not_won(string question)
    {
        var reply = await app.AskAsync(Marcus, question);

        var chart = Assert.Single(reply.Blocks.OfType<ChartBlock>());
        Assert.StartsWith("Open pipeline vs quota still to win", chart.Title);
        Assert.Equal("Open pipeline in period", chart.Series[0].Name);
        // Open in the period is what still closes in it: from today (Nov 28) to the quarter's end.
        for (var i = 0; i < chart.Categories.Count; i++)
            Assert.Equal(await OpenAsync(chart.Categories[i], "AND CloseDate BETWEEN '2026-11-28' AND '2026-12-31'"), chart.Series[0].Values[i]);
        Assert.Contains(chart.Series[0].Values, v => v > 0);
    }

    [Fact]
    public async Task A_quota_question_still_charts_won_against_quota()
    {
        var reply = await app.AskAsync(Marcus, "how is my team doing by rep");

        var chart = Assert.Single(reply.Blocks.OfType<ChartBlock>());
        Assert.StartsWith("Won vs quota", chart.Title);
        for (var i = 0; i < chart.Categories.Count; i++)
            Assert.Equal(await SqlAsync($"SELECT SUM(Amount) / 10000.0 FROM Opportunities WHERE OwnerId = {await IdAsync(chart.Categories[i])} AND StageCategory = 1 AND CloseDate BETWEEN '2026-10-01' AND '2026-12-31'"),
                chart.Series[0].Values[i]);
    }

    private async Task<decimal> OpenAsync(string rep, string period) =>
        await SqlAsync($"SELECT SUM(Amount) / 10000.0 FROM Opportunities WHERE OwnerId = {await IdAsync(rep)} AND StageCategory = 0 {period}");

    private async Task<long> IdAsync(string rep) => (long)await SqlAsync($"SELECT Id FROM Reps WHERE Name = '{rep.Replace("'", "''", StringComparison.Ordinal)}'");

    private Task<decimal> SqlAsync(string sql) => app.QueryAsync(db => SqlOracle.ScalarAsync(db, sql));
}
