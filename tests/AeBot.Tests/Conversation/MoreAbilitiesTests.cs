using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Tests.Conversation;

/// <summary>The remaining abilities, each checked against the data.</summary>
public sealed class MoreAbilitiesTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private const string Dana = "dana.reyes@northwind.example";
    private const string Marcus = "marcus.johnson@northwind.example";
    private static readonly DateOnly QuarterStart = new(2026, 10, 1), QuarterEnd = new(2026, 12, 31), Today = new(2026, 11, 28);

    [Theory]
    [InlineData("if {0} and {1} close, where do I land?")]
    [InlineData("what if {0} and {1} close this quarter")]
    public async Task What_if_adds_the_named_accounts_open_deals_to_what_is_won(string template)
    {
        var dana = await app.RepAsync(Dana);
        var (accounts, added, won, quota) = await app.QueryAsync(async db =>
        {
            var names = await db.Opportunities.Where(o => o.OwnerId == dana.Id && o.StageCategory == StageCategory.Open && o.Amount != null)
                .Select(o => o.Account!.Name).Distinct().OrderBy(n => n).Take(2).ToListAsync();
            var added = (await db.Opportunities.Where(o => o.OwnerId == dana.Id && o.StageCategory == StageCategory.Open && names.Contains(o.Account!.Name)).Select(o => o.Amount).ToListAsync()).Sum(a => a ?? 0);
            var won = (await db.Opportunities.Where(o => o.OwnerId == dana.Id && o.StageCategory == StageCategory.Won && o.CloseDate >= QuarterStart && o.CloseDate <= QuarterEnd).Select(o => o.Amount).ToListAsync()).Sum(a => a ?? 0);
            var quota = await db.Quotas.Where(q => q.RepId == dana.Id && q.PeriodStart == QuarterStart).Select(q => q.Amount).SingleAsync();
            return (names, added, won, quota);
        });

        var reply = await app.AskAsync(Dana, string.Format(template, accounts[0], accounts[1]));

        var facts = reply.Blocks.OfType<FactsBlock>().Single().Facts.ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal(MoneyFormat.Exact(added, "USD"), facts["These deals"]);
        Assert.Equal(MoneyFormat.Exact(won + added, "USD"), facts["Would land at"]);
        Assert.Contains(MoneyFormat.Percent((won + added) / quota), reply.Read());
    }

    [Theory]
    [InlineData("forecast this quarter")]
    [InlineData("what's my commit this quarter?")]
    public async Task Forecast_cumulates_won_commit_best_case_and_pipeline(string question)
    {
        var dana = await app.RepAsync(Dana);
        var sums = await app.QueryAsync(async db =>
        {
            var deals = await db.Opportunities.Where(o => o.OwnerId == dana.Id && o.CloseDate >= QuarterStart && o.CloseDate <= QuarterEnd && o.StageCategory != StageCategory.Lost)
                .Select(o => new { o.StageCategory, o.ForecastCategory, o.Amount }).ToListAsync();
            var won = deals.Where(d => d.StageCategory == StageCategory.Won).Sum(d => d.Amount ?? 0);
            var commit = deals.Where(d => d.StageCategory == StageCategory.Open && d.ForecastCategory == ForecastCategory.Commit).Sum(d => d.Amount ?? 0);
            var best = deals.Where(d => d.StageCategory == StageCategory.Open && d.ForecastCategory == ForecastCategory.BestCase).Sum(d => d.Amount ?? 0);
            return (won, commit, best);
        });

        var reply = await app.AskAsync(Dana, question);

        var rows = reply.Blocks.OfType<TableBlock>().Single().Rows.ToDictionary(r => r[0], r => r[2]);
        Assert.Equal(MoneyFormat.Exact(sums.won, "USD"), rows["Closed won"]);
        Assert.Equal(MoneyFormat.Exact(sums.won + sums.commit, "USD"), rows["Commit"]);
        Assert.Equal(MoneyFormat.Exact(sums.won + sums.commit + sums.best, "USD"), rows["Best case"]);
    }

    [Fact]
    public async Task Past_due_and_stale_deals_are_counted_from_the_data()
    {
        var dana = await app.RepAsync(Dana);
        var now = ConversationFixture.Now;
        var (pastDue, stale) = await app.QueryAsync(async db =>
        {
            var open = await db.Opportunities.Where(o => o.OwnerId == dana.Id && o.StageCategory == StageCategory.Open).ToListAsync();
            return (open.Count(o => o.CloseDate < Today), open.Count(o => (o.LastEngagedAt ?? o.CreatedAt) < now.AddDays(-14)));
        });

        Assert.StartsWith($"{MoneyFormat.Count(pastDue, "open deal")} worth", (await app.AskAsync(Dana, "which deals are past their close date?")).Read());
        Assert.StartsWith($"{MoneyFormat.Count(stale, "open deal")} worth", (await app.AskAsync(Dana, "stale deals")).Read());
    }

    [Fact]
    public async Task Lost_win_rate_and_average_deal_size_for_a_period()
    {
        var dana = await app.RepAsync(Dana);
        var from = new DateOnly(2026, 1, 1);
        var (won, lost, wonAmount) = await app.QueryAsync(async db =>
        {
            var deals = await db.Opportunities.Where(o => o.OwnerId == dana.Id && o.CloseDate >= from && o.CloseDate <= QuarterEnd).ToListAsync();
            return (deals.Count(d => d.StageCategory == StageCategory.Won), deals.Count(d => d.StageCategory == StageCategory.Lost),
                deals.Where(d => d.StageCategory == StageCategory.Won).Sum(d => d.Amount ?? 0));
        });

        Assert.Contains($"{MoneyFormat.Percent((decimal)won / (won + lost))} by count ({won} won of {won + lost} closed)", (await app.AskAsync(Dana, "what's my win rate this year?")).Read());
        Assert.StartsWith($"{MoneyFormat.Count(lost, "deal")} worth", (await app.AskAsync(Dana, "what did I lose this year")).Read());
        Assert.Contains(MoneyFormat.Exact(decimal.Round(wonAmount / won, 2), "USD"), (await app.AskAsync(Dana, "average deal size this year")).Read());
        Assert.Contains("days on average", (await app.AskAsync(Dana, "how long is my sales cycle?")).Read());
    }

    [Fact]
    public async Task Top_products_rank_won_revenue_with_a_chart()
    {
        var reply = await app.AskAsync(Dana, "best selling products this year");
        var table = reply.Blocks.OfType<TableBlock>().Single();
        var column = table.Columns.ToList().IndexOf("Amount");
        var amounts = table.Rows.Select(r => decimal.Parse(r[column].TrimStart('$').Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(amounts.OrderByDescending(a => a), amounts);
        Assert.Single(reply.Blocks.OfType<ChartBlock>());
    }

    [Fact]
    public async Task Manager_sees_who_is_behind_and_who_wins_most()
    {
        var behind = await app.AskAsync(Marcus, "who is behind quota this quarter?");
        Assert.Matches("behind pace|on pace", behind.Read());

        var best = await app.AskAsync(Marcus, "who has the best win rate this year?");
        var rows = best.Blocks.OfType<TableBlock>().Single().Rows;
        Assert.All(rows, r => Assert.Contains(r[0], new[] { "Dana Reyes", "Lee Chen", "Priya Patel", "Tom Baker" }));
        Assert.Contains($"**{rows[0][0]}** has the best win rate", ((TextBlock)best.Blocks[0]).Markdown);
    }
}
