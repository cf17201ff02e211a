using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Tests.Conversation;

/// <summary>
/// "If Acme and Globex close, where do I land?" counts the asker's own open deals on the named accounts, and names
/// every deal it leaves out with the reason instead of dropping it without a word. Its own demo database: the test
/// adds deals to Dana's accounts.
/// </summary>
public sealed class WhatIfTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private const string Dana = "dana.reyes@northwind.example";
    private static readonly DateOnly Today = new(2026, 11, 28);

    [Fact]
    public async Task What_if_names_each_deal_it_leaves_out_and_why_and_adds_only_the_counted_ones()
    {
        var dana = await app.RepAsync(Dana);
        var lee = await app.RepAsync("lee.chen@northwind.example");
        // Three of Dana's accounts with open deals of hers; the third's are then lost, so it has none open.
        var (first, second, quiet) = await app.QueryAsync(async db =>
        {
            var withDeals = await db.Accounts.Where(a => a.OwnerId == dana.Id && db.Opportunities.Any(o => o.AccountId == a.Id && o.OwnerId == dana.Id && o.StageCategory == StageCategory.Open && o.Amount != null))
                .OrderBy(a => a.Name).Take(3).ToListAsync();
            await db.Opportunities.Where(o => o.AccountId == withDeals[2].Id && o.StageCategory == StageCategory.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.StageCategory, StageCategory.Lost).SetProperty(o => o.Stage, "Closed Lost"));
            return (withDeals[0], withDeals[1], withDeals[2]);
        });
        await app.QueryAsync(async db =>
        {
            Opportunity Deal(string name, long owner, decimal? amount, string currency) => new()
            {
                Name = name, AccountId = first.Id, OwnerId = owner, Amount = amount, Currency = currency, Stage = "Proposal", StageCategory = StageCategory.Open,
                Probability = 60, ForecastCategory = ForecastCategory.BestCase, CloseDate = Today.AddDays(20), CreatedAt = ConversationFixture.Now.AddDays(-30),
            };
            db.Opportunities.AddRange(
                Deal("Partner co-sell (what-if test)", lee.Id, 12_345m, "USD"), // on Dana's account, but Lee's deal
                Deal("Euro add-on (what-if test)", dana.Id, 7_000m, "EUR"),
                Deal("Unpriced pilot (what-if test)", dana.Id, null, "USD"));
            return await db.SaveChangesAsync();
        });
        // The oracle: Dana's own open USD deals with an amount on the two accounts, by plain SQL.
        var added = await app.QueryAsync(db => SqlOracle.ScalarAsync(db,
            $"SELECT COALESCE(SUM(Amount), 0) / 10000.0 FROM Opportunities WHERE OwnerId = {dana.Id} AND StageCategory = {(int)StageCategory.Open} AND Currency = 'USD' AND Amount IS NOT NULL AND AccountId IN ({first.Id}, {second.Id})"));

        var reply = await app.AskAsync(Dana, $"if {first.Name}, {second.Name} and {quiet.Name} close, where do I land?");

        var facts = reply.Blocks.OfType<FactsBlock>().Single().Facts.ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal(MoneyFormat.Exact(added, "USD"), facts["These deals"]);
        var text = reply.Read();
        Assert.Contains("Left out (4)", text);
        Assert.Contains("- Partner co-sell (what-if test) ($12.3K): Lee Chen's deal, not in your pipeline", text);
        Assert.Contains("- Euro add-on (what-if test) (€7,000): in EUR, not added to USD", text);
        Assert.Contains("- Unpriced pilot (what-if test): no amount yet", text);
        Assert.Contains($"- {quiet.Name}: no open deals", text);
        Assert.DoesNotContain($"- {first.Name}: no open deals", text);
        Assert.DoesNotContain("what-if test", reply.Blocks.OfType<TextBlock>().First().Markdown); // none of them in the headline's sum
    }
}
