using AeBot.Core.Conversation;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Tests.Conversation;

/// <summary>
/// Leak attempts: a person, team or account outside the asker's reach, named in any form, never changes what is
/// shown — the reply says it can't show them, with no figure, table or deal of anyone's, and the turn is audited as
/// refused. A name that does not exist at all gets the same answer, so the refusal reveals nothing.
/// </summary>
public sealed class ScopeLeakTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private const string Dana = "dana.reyes@northwind.example";     // rep on Marcus's Enterprise team
    private const string Marcus = "marcus.johnson@northwind.example"; // manages Dana, Lee, Priya, Tom

    [Theory]
    // A colleague, in every form.
    [InlineData(Dana, "what's Lee's pipeline?", "Lee")]
    [InlineData(Dana, "how is lee doing this quarter", "Lee")]
    [InlineData(Dana, "pipeline for Lee Chen", "Lee")]
    [InlineData(Dana, "compare me and Lee this year", "Lee")]
    [InlineData(Dana, "what did Lee win last quarter?", "Lee")]
    [InlineData(Dana, "Priya Patel's win rate", "Priya")]
    // Someone on another team, from a manager.
    [InlineData(Marcus, "Sofia's pipeline", "Sofia")]
    [InlineData(Marcus, "what about Kenji Sato?", "Kenji")]
    [InlineData(Marcus, "won revenue by rep for Elena's team", "Elena")]
    [InlineData(Marcus, "how is Jonas's team doing this quarter?", "Jonas")]
    [InlineData(Marcus, "EMEA pipeline this quarter", "EMEA")]
    [InlineData(Marcus, "Mid-Market won revenue last quarter", "Mid-Market")]
    // Accounts with no deal of theirs.
    [InlineData(Dana, "pipeline for Globex", "Globex")]
    [InlineData(Dana, "how many deals did we win with Initech?", "Initech")]
    [InlineData(Marcus, "what's open at Stark?", "Stark")]
    [InlineData(Marcus, "Wonka deals won this year", "Wonka")]
    // Nobody at all: the same answer.
    [InlineData(Dana, "what's Bob's pipeline?", "Bob")]
    [InlineData(Marcus, "how is Karen doing?", "Karen")]
    [InlineData(Dana, "deals at Contoso", "Contoso")]
    public async Task A_name_outside_the_askers_reach_is_refused_without_any_figure(string asker, string question, string name)
    {
        var conversation = Guid.NewGuid().ToString("N");
        var reply = await app.AskAsync(asker, question, conversation);

        var text = reply.Read();
        Assert.Contains($"I can't show \"{name}", text);
        Assert.DoesNotContain("$", text);
        Assert.DoesNotMatch(@"\d+ (open )?deals?\b", text);
        Assert.Empty(reply.Blocks.OfType<TableBlock>());
        Assert.Empty(reply.Blocks.OfType<FactsBlock>());
        Assert.Empty(reply.Blocks.OfType<ChartBlock>());
        var outcome = await app.QueryAsync(db => db.AuditEntries.Where(a => a.ConversationId == conversation).Select(a => a.Outcome).SingleAsync());
        Assert.Equal(Core.Audit.TurnOutcome.Refused, outcome);
    }

    [Fact]
    public async Task A_refused_name_in_a_follow_up_keeps_nothing_of_the_refused_question()
    {
        var conversation = Guid.NewGuid().ToString("N");
        await app.AskAsync(Dana, "what closes this month?", conversation);
        var refused = await app.AskAsync(Dana, "what about Lee?", conversation);
        Assert.Contains("I can't show \"Lee", refused.Read());
        // The next fragment refines Dana's own question, not Lee's.
        var next = await app.AskAsync(Dana, "and next month?", conversation);
        Assert.Contains("Your open deals", next.Blocks.OfType<ContextBlock>().First().Text);
    }
}
