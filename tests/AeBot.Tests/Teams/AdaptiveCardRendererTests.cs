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
    public void Thai_text_goes_in_rich_text_blocks_keeping_its_style_bold_runs_and_list_lines_and_latin_text_stays_a_text_block()
    {
        var reply = new Reply(
        [
            new TextBlock("**บริษัท สยามเทค จำกัด** — ซอฟต์แวร์และบริการไอที\n\n**Objections raised so far**\n- price: 1× — latest \"แพงไป\"\n- budget: 1×"),
            new ItemListBlock("Last interactions", [new ListItem("Nov 20 · Call · ลูกค้าบอกว่าแพงไป", "by Dana Reyes", [])]),
            new FactsBlock([new Fact("Deal", "สยามเทค – ระบบบริหารงานขายทั้งองค์กร"), new Fact("Stage", "Proposal")]),
            new ContextBlock("Account brief for Acme · as of Nov 28"),
        ]) { Summary = "Account brief: บริษัท สยามเทค จำกัด" };

        var card = _renderer.Render(reply, asCard: true).Card!;

        // No TextBlock holds Thai: the official renderer clips a TextBlock's first line below the Thai tone marks.
        Assert.DoesNotContain(OfType(card, "TextBlock"), t => t["text"]!.GetValue<string>().Any(c => c is >= '\u0E00' and <= '\u0E7F'));
        Assert.Contains(OfType(card, "TextBlock"), t => t["text"]!.GetValue<string>() == "by Dana Reyes");
        Assert.Contains(OfType(card, "TextBlock"), t => t["text"]!.GetValue<string>().StartsWith("Account brief for Acme", StringComparison.Ordinal));
        var header = OfType(card, "Container").First(c => c["items"]![0]!["type"]!.GetValue<string>() == "RichTextBlock");
        var lines = header["items"]!.AsArray().Select(l => string.Concat(l!["inlines"]!.AsArray().Select(r => r!["text"]!.GetValue<string>()))).ToList();
        Assert.Equal(["บริษัท สยามเทค จำกัด — ซอฟต์แวร์และบริการไอที", "Objections raised so far", "• price: 1× — latest \"แพงไป\"", "• budget: 1×"], lines);
        Assert.Equal(["Default", "Default", "None"], header["items"]!.AsArray().Skip(1).Select(l => l!["spacing"]!.GetValue<string>()));
        var firstRuns = header["items"]![0]!["inlines"]!.AsArray();
        Assert.Equal("Bolder", firstRuns[0]!["weight"]!.GetValue<string>());
        Assert.Null(firstRuns[1]!["weight"]);
        var title = OfType(card, "RichTextBlock").Single(r => r["inlines"]![0]!["text"]!.GetValue<string>().Contains("ลูกค้า", StringComparison.Ordinal));
        Assert.Equal("Bolder", title["inlines"]![0]!["weight"]!.GetValue<string>());
        // Facts with Thai: no FactSet (its cells are TextBlocks), but rows of a bold title and its value.
        Assert.Empty(OfType(card, "FactSet"));
        var facts = OfType(card, "ColumnSet").Where(c => c["columns"]![0]!["width"]!.GetValue<string>().EndsWith("px", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, facts.Count);
        Assert.Equal("RichTextBlock", facts[0]["columns"]![1]!["items"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("Stage", facts[1]["columns"]![0]!["items"]![0]!["text"]!.GetValue<string>());
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
            total += OfType(rendering.Card!, "Container").Count(c => c["selectAction"] is not null); // one tappable row an item
            Assert.Equal(OfType(rendering.Card!, "Container").Count(c => c["selectAction"] is not null), OfType(rendering.Card!, "Action.Execute").Count());
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
    public void Choices_are_tappable_rows_showing_what_tells_them_apart_first_with_the_cores_payload()
    {
        var options = new List<ReplyAction>
        {
            new("Cobalt Insurance – GTX Pro · $114K · Proposal · closes Dec 14", "dlg:deal:11"),
            new("Cobalt Insurance – Onboarding Services expansion · $12.5K · Negotiation · closes Dec 4", "dlg:deal:12"),
            new("None — just the account", "dlg:deal:none"),
            new("Cancel", "dlg:cancel"),
        };
        var card = _renderer.Render(new Reply([new ChoiceBlock("Cobalt Insurance has 2 open deals of yours. Which one was this about?", options)]) { Summary = "Which deal?" }).Card!;

        Assert.Empty(OfType(card, "ActionSet"));
        var rows = OfType(card, "Container").Where(c => c["selectAction"] is not null).ToList();
        Assert.Equal(["dlg:deal:11", "dlg:deal:12", "dlg:deal:none", "dlg:cancel"], rows.Select(r => r["selectAction"]!["verb"]!.GetValue<string>()));
        Assert.All(rows, r => Assert.Equal(r["selectAction"]!["verb"]!.GetValue<string>(), r["selectAction"]!["data"]!["payload"]!.GetValue<string>()));
        Assert.All(rows, r => Assert.Equal("Action.Submit", r["selectAction"]!["fallback"]!["type"]!.GetValue<string>()));
        // The shared "Cobalt Insurance – " is in the prompt already; each row leads with the deal, the figures below it.
        var texts = rows.Select(r => OfType(r, "TextBlock").Select(t => t["text"]!.GetValue<string>()).ToList()).ToList();
        Assert.Equal(["GTX Pro", "$114K · Proposal · closes Dec 14", "›"], texts[0]);
        Assert.Equal("Onboarding Services expansion", texts[1][0]);
        Assert.Equal("None — just the account", texts[2][0]);
        Assert.Equal("Cobalt Insurance – GTX Pro · $114K · Proposal · closes Dec 14", rows[0]["selectAction"]!["title"]!.GetValue<string>()); // read out whole
    }

    [Fact]
    public void A_shared_beginning_is_dropped_only_where_two_or_more_labels_share_it()
    {
        var (shared, labels) = AdaptiveCardRenderer.Distinguishing(["Acme – Renewal", "Acme – Upsell", "Globex – Renewal", "Cancel"]);
        Assert.Equal("Acme", shared);
        Assert.Equal(["Renewal", "Upsell", "Globex – Renewal", "Cancel"], labels);
        Assert.Null(AdaptiveCardRenderer.Distinguishing(["Call", "Meeting", "Email"]).Shared);
    }

    [Fact]
    public void Buttons_come_in_rows_a_phone_can_show_and_a_label_too_long_for_a_button_is_a_row()
    {
        var actions = new[] { "Done", "Snooze 1 day", "Snooze 1 week", "Log", "Push date", "Open deal" }.Select((l, i) => new ReplyAction(l, $"act:n:{i}")).ToList();
        actions.Add(new ReplyAction("Brief me on Cobalt Insurance Holdings International (EMEA)", "ask:brief me on Cobalt"));
        var card = _renderer.Render(new Reply([new ActionsBlock(actions)]) { Summary = "Nudge" }).Card!;

        var sets = OfType(card, "ActionSet").ToList();
        Assert.True(sets.Count >= 2, "six buttons do not fit one row on a phone");
        // About 7 px a character plus 24 px padding and border, 8 px between buttons: at most 310 px a row (a 375 px
        // phone less the card's padding; AdaptiveCardBrowserTests checks the real widths).
        Assert.All(sets, s => Assert.True(s["actions"]!.AsArray().Sum(a => 24 + 7 * a!["title"]!.GetValue<string>().Length + 8) - 8 <= 310, s.ToJsonString()));
        var row = Assert.Single(OfType(card, "Container"), c => c["selectAction"] is not null);
        Assert.Equal("ask:brief me on Cobalt", row["selectAction"]!["verb"]!.GetValue<string>());
        Assert.Equal(actions.Select(a => a.Payload).Order(), OfType(card, "Action.Execute").Select(a => a["verb"]!.GetValue<string>()).Order());
    }

    [Fact]
    public void A_long_list_shows_its_first_items_folds_the_rest_and_each_items_buttons_until_tapped()
    {
        var items = Enumerable.Range(1, 7).Select(i => new ListItem($"Follow-up {i}", "due today", [new ReplyAction("Done", $"act:fu.done:{i}", ActionStyle.Primary), new ReplyAction("Snooze", $"act:fu.snooze:{i}")])).ToList();
        var card = _renderer.Render(new Reply([new ItemListBlock("Due today", items)]) { Summary = "7 due" }).Card!;

        var body = card["body"]!.AsArray().Select(n => n!.AsObject()).ToList();
        var folded = Assert.Single(body, e => e["type"]!.GetValue<string>() == "Container" && e["isVisible"]?.GetValue<bool>() == false && e["id"]!.GetValue<string>().StartsWith("more", StringComparison.Ordinal));
        var more = body.Last();
        var toggle = more["actions"]![0]!;
        Assert.Equal("Show 4 more", toggle["title"]!.GetValue<string>());
        Assert.Contains(toggle["targetElements"]!.AsArray(), t => t!["elementId"]!.GetValue<string>() == folded["id"]!.GetValue<string>() && t["isVisible"]!.GetValue<bool>());
        // Each item: a row that toggles its own hidden buttons; all 14 buttons are in the card, none lost.
        var rows = OfType(card, "Container").Where(c => c["selectAction"]?["type"]?.GetValue<string>() == "Action.ToggleVisibility").ToList();
        Assert.Equal(7, rows.Count);
        var ids = OfType(card, "Container").Where(c => c["id"] is not null).Select(c => c["id"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(rows, r => Assert.Contains(r["selectAction"]!["targetElements"]![0]!["elementId"]!.GetValue<string>(), ids));
        Assert.Equal(14, OfType(card, "Action.Execute").Count());
    }
}
