using System.Text.Json.Nodes;
using AeBot.Charts;
using AeBot.Core.Conversation;
using AeBot.Teams.Cards;

namespace AeBot.Tests.Teams;

public class AdaptiveCardRendererTests
{
    private readonly AdaptiveCardRenderer _renderer = new(new ChartRenderer(), 28000);

    private static IEnumerable<JsonObject> Elements(JsonNode node) => node switch
    {
        JsonObject o => [o, .. o.SelectMany(p => p.Value is null ? [] : Elements(p.Value))],
        JsonArray a => a.SelectMany(n => n is null ? [] : Elements(n)),
        _ => [],
    };

    private static IEnumerable<JsonObject> OfType(JsonObject card, string type) => Elements(card).Where(e => e["type"]?.GetValue<string>() == type);

    [Fact]
    public void A_simple_answer_is_plain_markdown_text_with_its_context()
    {
        var rendering = _renderer.Render(new Reply([new TextBlock("You have **3** deals closing:\n- Acme\n- Globex\nThat's all."), new ContextBlock("As of Nov 28")]) { Summary = "3 deals" });
        Assert.Null(rendering.Card);
        Assert.Equal("You have **3** deals closing:\n\n- Acme\n- Globex\n\nThat's all.\n\n_As of Nov 28_", rendering.Text);
    }

    [Fact]
    public void Facts_tables_and_buttons_become_adaptive_card_1_5_elements_with_universal_actions()
    {
        var reply = new Reply(
        [
            new FactsBlock([new Fact("Owner", "Dana Reyes"), new Fact("Amount", "$57,600")]),
            new TableBlock("Closing first", ["Deal", "Amount"], [["Acme – Security", "$57,600"]], [false, true]),
            new ActionsBlock([new ReplyAction("Undo", "act:undo", ActionStyle.Danger), new ReplyAction("Push date", "act:deal.push:42", ActionStyle.Primary)]),
        ]) { Summary = "Deal" };

        var card = _renderer.Render(reply).Card!;

        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        Assert.Equal("Deal", card["fallbackText"]!.GetValue<string>());
        Assert.Equal(2, OfType(card, "FactSet").Single()["facts"]!.AsArray().Count);
        var table = OfType(card, "Table").Single();
        Assert.Equal(2, table["rows"]!.AsArray().Count); // header + one row
        Assert.Equal("Right", table["rows"]![1]!["cells"]![1]!["items"]![0]!["horizontalAlignment"]!.GetValue<string>());
        var actions = OfType(card, "Action.Execute").ToList();
        Assert.Equal(["act:undo", "act:deal.push:42"], actions.Select(a => a["verb"]!.GetValue<string>()));
        Assert.Equal("destructive", actions[0]["style"]!.GetValue<string>());
        Assert.Equal("positive", actions[1]["style"]!.GetValue<string>());
        // Older clients: the same payload through Action.Submit, and nothing but the payload in the data.
        Assert.All(actions, a => Assert.Equal("Action.Submit", a["fallback"]!["type"]!.GetValue<string>()));
        Assert.All(actions, a => Assert.Equal(a["verb"]!.GetValue<string>(), a["fallback"]!["data"]!["payload"]!.GetValue<string>()));
        Assert.All(actions, a => Assert.Single(a["data"]!.AsObject()));
    }

    [Fact]
    public void A_long_table_is_paged_and_the_rest_kept_for_more()
    {
        var rows = Enumerable.Range(1, 40).Select(i => (IReadOnlyList<string>)[$"Deal {i}", $"${i},000"]).ToList();
        var reply = new Reply([new TableBlock("Open deals", ["Deal", "Amount"], rows, [false, true]), new ContextBlock("Your open deals")]) { Summary = "40 open deals" };

        var rendering = _renderer.Render(reply);

        var shown = OfType(rendering.Card!, "Table").Single()["rows"]!.AsArray().Count - 1;
        Assert.Equal(AdaptiveCardRenderer.TableRowsPerPage, shown);
        var rest = Assert.IsType<TableBlock>(rendering.Rest!.Blocks[0]);
        Assert.Equal(40 - AdaptiveCardRenderer.TableRowsPerPage, rest.Rows.Count);
        Assert.Equal("Deal 16", rest.Rows[0][0]);
        Assert.IsType<ContextBlock>(rendering.Rest.Blocks[1]);

        AdaptiveCardRenderer.AddMore(rendering.Card!, "page:abc");
        Assert.Contains(OfType(rendering.Card!, "Action.Execute"), a => a["verb"]!.GetValue<string>() == "page:abc" && a["title"]!.GetValue<string>() == "More");
    }

    [Fact]
    public void A_reply_far_over_the_teams_size_limit_stays_under_it_and_nothing_is_lost()
    {
        var blocks = Enumerable.Range(1, 30).Select(i => (ReplyBlock)new ItemListBlock($"Group {i}",
            Enumerable.Range(1, 6).Select(j => new ListItem($"Deal {i}.{j} " + new string('x', 120), "Detail " + new string('y', 200), [new ReplyAction("Open", $"act:open:{i * 100 + j}")])).ToList())).ToList();
        var reply = new Reply(blocks) { Summary = "Everything" };

        var total = 0;
        var pages = 0;
        for (Reply? page = reply; page is not null; pages++)
        {
            var rendering = _renderer.Render(page);
            Assert.True(AdaptiveCardRenderer.Size(rendering.Card!) <= 28000 - 1000, $"page {pages + 1} is {AdaptiveCardRenderer.Size(rendering.Card!)} bytes");
            total += OfType(rendering.Card!, "Container").Count();
            page = rendering.Rest;
        }
        Assert.Equal(30 * 6, total);
        Assert.True(pages > 1);
    }

    [Fact]
    public void A_chart_is_an_image_by_url_inline_when_it_fits_and_a_table_when_it_cannot()
    {
        var chart = new ChartBlock("Pipeline by stage", ChartKind.Bar, ["Discovery", "Proposal", "Negotiation"], [new ChartSeries("USD", [120_000m, 340_000m, 90_000m])], "USD");
        var served = _renderer.Render(new Reply([chart]) { Summary = "Pipeline" }, chartUrls: new Dictionary<ChartBlock, string> { [chart] = "https://aebot.test/api/charts/ab.png" }).Card!;
        var image = OfType(served, "Image").Single();
        Assert.Equal("https://aebot.test/api/charts/ab.png", image["url"]!.GetValue<string>());
        Assert.Equal("Pipeline by stage", image["altText"]!.GetValue<string>());

        var roomy = new AdaptiveCardRenderer(new ChartRenderer(), 36000).Render(new Reply([chart]) { Summary = "Pipeline" }).Card!;
        Assert.StartsWith("data:image/png;base64,", OfType(roomy, "Image").Single()["url"]!.GetValue<string>());

        // A budget well under the picture's size (a one-series chart has no legend, so it is smaller than the 28 KB default allows for).
        var small = new AdaptiveCardRenderer(new ChartRenderer(), 12000).Render(new Reply([chart]) { Summary = "Pipeline" }).Card!;
        Assert.Empty(OfType(small, "Image"));
        var table = OfType(small, "Table").Single();
        Assert.Contains("340,000", table.ToJsonString());
    }

    [Fact]
    public void Many_choices_are_split_into_action_sets_teams_can_show()
    {
        var options = Enumerable.Range(1, 12).Select(i => new ReplyAction($"Deal {i}", $"dlg:deal:{i}")).ToList();
        var card = _renderer.Render(new Reply([new ChoiceBlock("Which one?", options)]) { Summary = "Which one?" }).Card!;
        var sets = OfType(card, "ActionSet").ToList();
        Assert.Equal(3, sets.Count);
        Assert.All(sets, s => Assert.True(s["actions"]!.AsArray().Count <= 5));
        Assert.Equal(12, sets.Sum(s => s["actions"]!.AsArray().Count));
    }
}
