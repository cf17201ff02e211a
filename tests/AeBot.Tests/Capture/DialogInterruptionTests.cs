using AeBot.Core.Conversation;
using AeBot.Core.Opportunities;
using AeBot.Tests.Conversation;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Tests.Capture;

/// <summary>
/// A pending prompt takes only what fits it; anything else is a turn of its own, answered normally, with the dialog
/// set aside in one line and never asked again in place of an answer — for every kind of prompt the core asks.
/// Real core, real SQLite demo company, clock fixed at Sat 28 Nov 2026 09:00 New York.
/// </summary>
public sealed class DialogInterruptionTests(ConversationFixture app) : IClassFixture<ConversationFixture>
{
    private const string Dana = "dana.reyes@northwind.example";

    /// <summary>Prompts, each reached by a few messages: the words that start it, the question it asks, what fits it.</summary>
    public static TheoryData<string, string, string, string> Prompts() => new()
    {
        // start (";" separates messages) | words of the prompt | an answer that fits | words of what follows it
        { "log a meeting", "Which account", "Acme", "open deals of yours" },
        { "log a call with Acme", "Which one was this about?", "1", "What happened on the call with Acme?" },
        { "log a call with Acme;1", "What happened on the call with Acme?", "they liked the demo", "Logged ✓" },
        { "mark Acme as won", "Which deal?", "1", "as won?" },
        { "mark Acme as won;1", "as won?", "yes", "Congratulations" },
        { "update Acme amount;1", "What's the new amount", "45k", "Yes, update" },
        { "push Acme;1", "What's the new close date", "Dec 18", "Yes, update" },
        { "mark Acme as lost;1", "Why was", "Competitor", "as lost?" },
        { "remind me to call Bob", "When should I remind you", "tomorrow at 10am", "I'll remind you" },
    };

    private async Task<(string Conversation, Reply Prompt)> StartAsync(string start)
    {
        var conversation = Guid.NewGuid().ToString("N");
        Reply reply = null!;
        foreach (var message in start.Split(';'))
            reply = await app.AskAsync(Dana, message, conversation);
        return (conversation, reply);
    }

    private Task<int> ChangesAsync() => app.QueryAsync(db => db.BotChanges.CountAsync());

    [Theory]
    [MemberData(nameof(Prompts))]
    public async Task A_question_sets_the_prompt_aside_is_answered_and_resume_asks_it_again(string start, string prompt, string fits, string after)
    {
        var (conversation, first) = await StartAsync(start);
        Assert.Contains(prompt, first.Read());
        var changes = await ChangesAsync();

        var answer = await app.AskAsync(Dana, "what closes this month?", conversation);
        Assert.Contains("open deal", answer.Read());
        Assert.Contains("aside — say \"resume\" to finish it.", answer.Read());
        Assert.DoesNotContain(prompt, answer.Read());

        // Set aside: the next messages are answered for what they are, and the prompt is not asked again.
        foreach (var question in new[] { "how am I tracking vs quota?", "biggest deals", "yes", "2" })
        {
            var next = (await app.AskAsync(Dana, question, conversation)).Read();
            Assert.DoesNotContain(prompt, next);
            Assert.DoesNotContain("aside", next);
        }
        Assert.Equal(changes, await ChangesAsync());

        var resumed = await app.AskAsync(Dana, "resume", conversation);
        Assert.Contains(prompt, resumed.Read());
        var carried = await app.AskAsync(Dana, fits, conversation);
        Assert.Contains(after, carried.Read());
        await app.AskAsync(Dana, "cancel", conversation);
        await app.AskAsync(Dana, "undo", conversation);
    }

    [Theory]
    [MemberData(nameof(Prompts))]
    public async Task An_answer_that_fits_the_prompt_carries_the_dialog_on(string start, string prompt, string fits, string after)
    {
        var (conversation, first) = await StartAsync(start);
        Assert.Contains(prompt, first.Read());
        var carried = await app.AskAsync(Dana, fits, conversation);
        Assert.Contains(after, carried.Read());
        Assert.DoesNotContain("aside", carried.Read());
        await app.AskAsync(Dana, "cancel", conversation);
        await app.AskAsync(Dana, "undo", conversation);
    }

    [Theory]
    [InlineData("which deals did I win last month?")]
    [InlineData("did we win Acme?")]
    [InlineData("how many deals have I lost with Acme?")]
    [InlineData("can you show me deals I pushed this quarter")]
    [InlineData("mark my calendar")]
    public async Task A_question_full_of_write_words_at_a_confirmation_changes_nothing(string question)
    {
        var (conversation, first) = await StartAsync("mark Acme as won;1");
        Assert.Contains("as won?", first.Read());
        var changes = await ChangesAsync();
        var won = await app.QueryAsync(db => db.Opportunities.CountAsync(o => o.StageCategory == StageCategory.Won));

        var reply = await app.AskAsync(Dana, question, conversation);

        Assert.DoesNotContain("Won ✓", reply.Read());
        Assert.DoesNotContain("Which deal?", reply.Read());
        Assert.Equal(changes, await ChangesAsync());
        Assert.Equal(won, await app.QueryAsync(db => db.Opportunities.CountAsync(o => o.StageCategory == StageCategory.Won)));
        await app.AskAsync(Dana, "cancel", conversation);
    }

    [Fact]
    public async Task Text_that_means_nothing_gets_the_prompt_again_in_place()
    {
        var (conversation, first) = await StartAsync("push Acme;1");
        Assert.Contains("What's the new close date", first.Read());
        var again = await app.AskAsync(Dana, "hmm blorp", conversation);
        Assert.Contains("couldn't read a date", again.Read());
        await app.AskAsync(Dana, "cancel", conversation);
    }

    [Fact]
    public async Task A_new_command_replaces_the_unfinished_one_and_says_so()
    {
        var (conversation, first) = await StartAsync("push Acme;1");
        Assert.Contains("What's the new close date", first.Read());
        var reply = await app.AskAsync(Dana, "remind me to call Bob tomorrow at 10am", conversation);
        Assert.Contains("I'll remind you", reply.Read());
        Assert.Contains("I've dropped the unfinished close-date change", reply.Read());
        Assert.Contains("nothing I put aside", (await app.AskAsync(Dana, "resume", conversation)).Read());
        await app.AskAsync(Dana, "undo", conversation);
    }

    private static string ChoicePayload(Reply reply, string label) =>
        reply.Blocks.OfType<ChoiceBlock>().SelectMany(b => b.Options).First(o => o.Label.StartsWith(label, StringComparison.Ordinal)).Payload;

    [Fact]
    public async Task A_button_left_on_an_earlier_dialogs_card_never_answers_a_later_dialog_asking_the_same()
    {
        // Two dialogs in turn ask "Which account?" with the same buttons; the first one's card is still on screen.
        var conversation = Guid.NewGuid().ToString("N");
        var first = await app.AskAsync(Dana, "log a meeting", conversation);
        Assert.Contains("Which account", first.Read());
        var account = first.Blocks.OfType<ChoiceBlock>().Single().Options[0].Label;
        var oldButton = ChoicePayload(first, account);
        await app.AskAsync(Dana, "cancel", conversation);
        var second = await app.AskAsync(Dana, "log a call", conversation);
        var newButton = ChoicePayload(second, account);
        Assert.NotEqual(oldButton, newButton);

        var stale = await app.AskAsync(Dana, "", conversation, oldButton);
        Assert.Contains("belongs to an earlier question", stale.Read());
        // The later dialog is untouched and still takes its own button.
        var answered = await app.AskAsync(Dana, "", conversation, newButton);
        Assert.DoesNotContain("Which account", answered.Read());
        Assert.DoesNotContain("earlier question", answered.Read());
        await app.AskAsync(Dana, "cancel", conversation);
    }

    private static IEnumerable<string> DialogIds(Reply reply) =>
        reply.Blocks.SelectMany(b => b switch { ChoiceBlock c => c.Options, ActionsBlock a => a.Actions, _ => [] })
            .Select(o => o.Payload).Where(p => p.StartsWith("dlg:", StringComparison.Ordinal)).Select(p => Payloads.DialogChoice(p).DialogId ?? "(unbound)");

    [Fact]
    public async Task The_buttons_of_one_dialog_keep_working_through_its_steps_and_unbound_buttons_of_old_cards_still_answer()
    {
        // Step one offers the deals, step two the confirmation: both carry the one dialog's id.
        var (conversation, prompt) = await StartAsync("mark Acme as won");
        var deal = ChoicePayload(prompt, "Acme");
        var id = Assert.Single(DialogIds(prompt).Distinct());
        Assert.NotEqual("(unbound)", id);
        var confirm = await app.AskAsync(Dana, "", conversation, deal);
        Assert.Contains("as won?", confirm.Read());
        Assert.Equal(id, Assert.Single(DialogIds(confirm).Distinct()));
        await app.AskAsync(Dana, "cancel", conversation);

        // A card sent before dialogs had ids carries "dlg:account:{id}": it still answers the dialog that asks.
        var (older, accounts) = await StartAsync("log a meeting");
        var unbound = "dlg:" + Payloads.DialogChoice(accounts.Blocks.OfType<ChoiceBlock>().Single().Options[0].Payload).Choice;
        Assert.Matches("^dlg:account:[0-9]+$", unbound);
        var answered = await app.AskAsync(Dana, "", older, unbound);
        Assert.DoesNotContain("Which account", answered.Read());
        Assert.DoesNotContain("earlier question", answered.Read());
        await app.AskAsync(Dana, "cancel", older);
    }
}
