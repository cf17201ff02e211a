using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Tests.Conversation;

/// <summary>What a rep, a manager and an admin may see — and that a refusal gives nothing away.</summary>
public sealed class AccessRulesTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private const string Dana = "dana.reyes@northwind.example";     // rep, Enterprise (Marcus)
    private const string Marcus = "marcus.johnson@northwind.example"; // manager of Dana, Lee, Priya, Tom
    private const string Alex = "alex.morgan@northwind.example";     // admin

    private static string Refusal(Reply reply, string name) => reply.Read().Replace(name, "NAME");

    [Fact]
    public async Task A_rep_cannot_see_another_reps_numbers_and_learns_nothing_about_them()
    {
        var colleague = await app.AskAsync(Dana, "Lee's pipeline");
        var nobody = await app.AskAsync(Dana, "Zed's pipeline");

        Assert.Equal(Refusal(nobody, "Zed"), Refusal(colleague, "Lee"));
        Assert.DoesNotContain("$", colleague.Read());
        Assert.Empty(colleague.Blocks.OfType<TableBlock>());
    }

    [Fact]
    public async Task A_manager_cannot_see_another_teams_rep()
    {
        var otherTeam = await app.AskAsync(Marcus, "Sofia's pipeline"); // Sofia Rossi reports to Elena
        var nobody = await app.AskAsync(Marcus, "Xavier's pipeline");
        Assert.Equal(Refusal(nobody, "Xavier"), Refusal(otherTeam, "Sofia"));
        Assert.DoesNotContain("$", otherTeam.Read());
    }

    [Fact]
    public async Task A_rep_asking_about_an_account_that_is_not_theirs_gets_the_same_answer_as_for_one_that_does_not_exist()
    {
        var foreign = await app.QueryAsync(db => db.Accounts.Where(a => a.Owner!.Email == "sofia.rossi@northwind.example" && a.AccountManagerId == null)
            .Select(a => a.Name).FirstAsync());
        var theirs = await app.AskAsync(Dana, $"pipeline for {foreign}");
        var made_up = await app.AskAsync(Dana, "pipeline for Nonexistent Holdings");
        Assert.Equal(Refusal(made_up, "Nonexistent Holdings"), Refusal(theirs, foreign));
    }

    [Fact]
    public async Task Team_totals_of_a_manager_cover_exactly_the_reporting_subtree()
    {
        var expected = await app.QueryAsync(async db =>
        {
            var marcus = await db.Reps.SingleAsync(r => r.Email == Marcus);
            var subtree = db.Reps.Where(r => r.HierarchyPath.StartsWith(marcus.HierarchyPath)).Select(r => r.Id);
            var accounts = db.Accounts.Where(a => a.OwnerId == marcus.Id || a.AccountManagerId == marcus.Id).Select(a => a.Id);
            var deals = await db.Opportunities.Where(o => o.StageCategory == StageCategory.Open && (subtree.Contains(o.OwnerId) || (o.AccountId != null && accounts.Contains(o.AccountId.Value))))
                .Select(o => o.Amount).ToListAsync();
            return (deals.Count, deals.Sum(a => a ?? 0));
        });

        var reply = await app.AskAsync(Marcus, "team pipeline");

        Assert.StartsWith($"{MoneyFormat.Count(expected.Count, "open deal")} worth {MoneyFormat.Compact(expected.Item2, "USD")}", reply.Read());
        Assert.Contains("Your team's open deals", reply.Blocks.OfType<ContextBlock>().Single().Text);
    }

    [Fact]
    public async Task An_admin_sees_everyone()
    {
        var all = await app.QueryAsync(db => db.Opportunities.CountAsync(o => o.StageCategory == StageCategory.Open));
        var reply = await app.AskAsync(Alex, "team pipeline");
        Assert.StartsWith($"{MoneyFormat.Count(all, "open deal")} worth", reply.Read());

        var sofia = await app.AskAsync(Alex, "Sofia's pipeline");
        Assert.Contains("Sofia Rossi's open deals", sofia.Blocks.OfType<ContextBlock>().Single().Text);
    }

    [Fact]
    public async Task Team_questions_from_a_rep_are_answered_for_themself_only()
    {
        var reply = await app.AskAsync(Dana, "who is behind quota?");
        Assert.Contains("Team figures are for managers", reply.Read());
    }

    [Fact]
    public async Task A_name_that_fits_several_accounts_is_asked_back()
    {
        var names = await app.QueryAsync(db => db.Accounts.Where(a => a.Name.StartsWith("Sterling")).Select(a => a.Name).ToListAsync());
        Assert.True(names.Count > 1);
        var reply = await app.AskAsync(Alex, "pipeline for Sterling");
        var choice = reply.Blocks.OfType<ChoiceBlock>().Single();
        Assert.Equal(names.Order(), choice.Options.Select(o => o.Label).Order());

        // Picking an option answers the question for that account.
        var picked = await app.AskAsync(Alex, "", payload: choice.Options[0].Payload);
        Assert.Contains($"account: {choice.Options[0].Label}", picked.Blocks.OfType<ContextBlock>().Single().Text);
    }
}
