using System.Text.Json.Nodes;
using AeBot.Core.Conversation;
using AeBot.Slack.Blocks;
using Microsoft.Extensions.DependencyInjection;

namespace AeBot.Tests.Slack;

public class BlockKitRendererTests
{
    /// <summary>Every Slack limit a message must respect (the fake Slack API's own check), plus what only a message has.</summary>
    internal static void AssertWithinSlackLimits(SlackRendering rendering)
    {
        Assert.InRange(rendering.Blocks.Count, 1, SlackLimits.Blocks);
        Assert.False(string.IsNullOrWhiteSpace(rendering.Text));
        Assert.True(rendering.Text.Length <= SlackLimits.FallbackText);
        var violations = SlackLimits.Violations(rendering.Blocks);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        // AeBot keeps action_ids unique in the whole message, not just each block as Slack asks: a press names one button.
        var actionIds = rendering.Blocks.SelectMany(b => Buttons(b!)).Select(b => b["action_id"]!.GetValue<string>()).ToList();
        Assert.Equal(actionIds.Count, actionIds.Distinct().Count());
    }

    internal static IEnumerable<JsonObject> Buttons(JsonNode block) =>
        (block["elements"] as JsonArray)?.Select(e => e!.AsObject()).Where(e => e["type"]?.GetValue<string>() == "button")
            .Concat(block["accessory"] is JsonObject a ? [a] : []) ?? (block["accessory"] is JsonObject only ? [only] : []);

    [Fact]
    public void The_largest_replies_are_paged_within_every_limit_and_nothing_is_lost()
    {
        var rows = Enumerable.Range(1, 75).Select(i => (IReadOnlyList<string>)[$"Deal {i} " + new string('x', 60), "Negotiation", $"${i},000"]).ToList();
        var items = Enumerable.Range(1, 35).Select(i => new ListItem($"Follow-up {i}", "Due today · " + new string('d', 300),
            [new ReplyAction("Done", $"act:fu.done:{i}", ActionStyle.Primary), new ReplyAction("Snooze", $"act:fu.snooze:{i}"), new ReplyAction("Log", $"ask:log a call about {i}")])).ToList();
        var facts = Enumerable.Range(1, 45).Select(i => new Fact($"Label {i}", new string('v', 150))).ToList();
        var reply = new Reply(
        [
            new TextBlock(string.Join("\n", Enumerable.Range(1, 200).Select(i => $"- line {i} with **bold** and <angle> & ampersand"))),
            new FactsBlock(facts),
            new TableBlock("Open deals", ["Deal", "Stage", "Amount"], rows, [false, false, true]),
            new ItemListBlock("Your day", items),
            new ChoiceBlock("Which one?", Enumerable.Range(1, 60).Select(i => new ReplyAction($"Option {i} " + new string('o', 100), $"dlg:deal:{i}")).ToList()),
            new ContextBlock("Your open deals · as of Nov 28"),
        ]) { Summary = "A **very** long answer" };

        int tableRows = 0, listItems = 0, factsSeen = 0, options = 0, pages = 0;
        for (Reply? page = reply; page is not null; pages++)
        {
            var rendering = BlockKitRenderer.Render(page);
            AssertWithinSlackLimits(rendering);
            var json = rendering.Blocks.ToJsonString();
            tableRows += System.Text.RegularExpressions.Regex.Matches(json, @"Deal \d+ x").Count;
            listItems += System.Text.RegularExpressions.Regex.Matches(json, @"\*Follow-up \d+\*").Count;
            factsSeen += System.Text.RegularExpressions.Regex.Matches(json, @"\*Label \d+\*").Count;
            options += System.Text.RegularExpressions.Regex.Matches(json, @"dlg:deal:\d+").Count;
            page = rendering.Rest;
            Assert.True(pages < 50, "paging must end");
        }
        Assert.Equal(75, tableRows);
        Assert.Equal(35, listItems);
        Assert.Equal(45, factsSeen);
        Assert.Equal(60, options);
        Assert.True(pages > 3);
    }

    [Fact]
    public void Markdown_becomes_slack_mrkdwn_and_data_cannot_ping_or_link()
    {
        var rendering = BlockKitRenderer.Render(new Reply([new TextBlock("**3 deals** close:\n- Acme <!channel>\n- Globex & Co")]) { Summary = "3 deals close" });
        var text = rendering.Blocks[0]!["text"]!["text"]!.GetValue<string>();
        Assert.Equal("*3 deals* close:\n• Acme &lt;!channel&gt;\n• Globex &amp; Co", text);
        Assert.Equal("3 deals close", rendering.Text);
    }

    [Fact]
    public void Buttons_carry_only_the_payload_with_styles_and_unique_ids()
    {
        var rendering = BlockKitRenderer.Render(new Reply([new ActionsBlock([new ReplyAction("Undo", "act:undo", ActionStyle.Danger), new ReplyAction("Push date", "act:deal.push:42", ActionStyle.Primary), new ReplyAction("Open", "ask:brief me on Acme")])]) { Summary = "Done" });
        var buttons = rendering.Blocks[0]!["elements"]!.AsArray();
        Assert.Equal(["act:undo", "act:deal.push:42", "ask:brief me on Acme"], buttons.Select(b => b!["value"]!.GetValue<string>()));
        Assert.Equal("danger", buttons[0]!["style"]!.GetValue<string>());
        Assert.Equal("primary", buttons[1]!["style"]!.GetValue<string>());
        Assert.Null(buttons[2]!["style"]);
        AssertWithinSlackLimits(rendering);
    }

    [Fact]
    public void A_chart_is_listed_for_upload_with_a_line_in_the_message()
    {
        var chart = new ChartBlock("Won vs quota", ChartKind.Bar, ["Dana", "Lee"], [new ChartSeries("Won", [1m, 2m])], "USD");
        var rendering = BlockKitRenderer.Render(new Reply([chart]) { Summary = "Team" });
        Assert.Same(chart, Assert.Single(rendering.Charts));
        Assert.Contains("Won vs quota", rendering.Blocks.ToJsonString());
    }
}

/// <summary>The biggest answers the core gives on the demo company, rendered for Slack: every page within every limit.</summary>
public sealed class BlockKitCoreRepliesTests(SlackFixture fixture) : IClassFixture<SlackFixture>
{
    [Theory]
    [InlineData("lee.chen@northwind.example", "my open deals")]
    [InlineData("lee.chen@northwind.example", "my day")]
    [InlineData("dana.reyes@northwind.example", "brief me on Acme")]
    [InlineData("marcus.johnson@northwind.example", "team pipeline by rep this quarter")]
    [InlineData("marcus.johnson@northwind.example", "slipped deals for my team")]
    [InlineData("alex.morgan@northwind.example", "what closes this quarter?")]
    [InlineData("dana.reyes@northwind.example", "help")]
    public async Task The_cores_largest_replies_fit_slack(string email, string question)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var rep = await scope.ServiceProvider.GetRequiredService<AeBot.Core.Organization.IRepDirectory>().FindAsync(email, default);
        var reply = await scope.ServiceProvider.GetRequiredService<IConversationCore>().HandleAsync(
            new IncomingMessage("slack", new RepIdentity(rep!.Id, rep.Name, rep.Role, rep.TimeZoneId), "limits-" + Guid.NewGuid().ToString("N"), question, null, null, SlackApplication.Now), default);
        var pages = 0;
        for (Reply? page = reply; page is not null; pages++)
        {
            var rendering = BlockKitRenderer.Render(page);
            BlockKitRendererTests.AssertWithinSlackLimits(rendering);
            page = rendering.Rest;
        }
        Assert.True(pages >= 1);
    }
}

/// <summary>
/// The same replies the Teams card test draws (<see cref="AeBot.Tests.Teams.CardCatalogue"/>), rendered for Slack page
/// after page: every page within every Slack limit, and every button the core gave on some page, under a label shown
/// whole — nothing cut off or dropped without a word.
/// </summary>
public sealed class BlockKitCardCatalogueTests(AeBot.Tests.Teams.CardCatalogue catalogue) : IClassFixture<AeBot.Tests.Teams.CardCatalogue>
{
    [Theory]
    [MemberData(nameof(AeBot.Tests.Teams.CardCatalogue.Cards), MemberType = typeof(AeBot.Tests.Teams.CardCatalogue))]
    public void Every_reply_fits_slack_on_every_page_and_keeps_every_button(string name)
    {
        var reply = catalogue[name];
        var values = new List<string>();
        var shown = new List<string>();
        var pages = 0;
        for (Reply? page = reply; page is not null; pages++)
        {
            Assert.True(pages < 20, "paging must end");
            var rendering = BlockKitRenderer.Render(page);
            if (rendering.Rest is not null)
                BlockKitRenderer.AddMore(rendering.Blocks, "page:test");
            BlockKitRendererTests.AssertWithinSlackLimits(rendering);
            foreach (var block in rendering.Blocks)
            {
                values.AddRange(BlockKitRendererTests.Buttons(block!).Select(b => b["value"]!.GetValue<string>()).Where(v => v != "page:test"));
                shown.AddRange(BlockKitRendererTests.Buttons(block!).Select(b => b["text"]!["text"]!.GetValue<string>()));
                if (block!["text"]?["text"]?.GetValue<string>() is { } text)
                    shown.Add(text);
            }
            page = rendering.Rest;
        }
        var actions = reply.Blocks.SelectMany(b => b switch
        {
            ActionsBlock a => a.Actions,
            ChoiceBlock c => c.Options,
            ItemListBlock l => l.Items.SelectMany(i => i.Actions),
            _ => [],
        }).ToList();
        Assert.Equal(actions.Select(a => a.Payload).Order(), values.Order());
        var all = string.Join("\n", shown).Replace("*", "");
        Assert.All(actions, a => Assert.All(BlockKitRenderer.Escape(a.Label).Replace("*", "").Split(" · "), part => Assert.Contains(part, all)));
    }
}
