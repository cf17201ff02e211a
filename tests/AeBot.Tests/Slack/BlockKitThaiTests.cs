using System.Globalization;
using System.Text.Json.Nodes;
using AeBot.Core.Conversation;
using AeBot.Core.Text;
using AeBot.Slack.Blocks;
using AeBot.Tests.Thai;

namespace AeBot.Tests.Slack;

/// <summary>
/// Thai in Block Kit: Slack counts a Thai vowel or tone mark as a character of its own (SlackLimits says why), and
/// what AeBot cuts to fit is cut between whole characters — a consonant keeps the marks over and under it, no mark is
/// left alone at the start of what follows, no vowel written before its consonant (เ แ โ ใ ไ) is left at the end.
/// </summary>
public sealed class BlockKitThaiTests
{
    private const string Ti = "ที่"; // THO THAHAN, SARA II, MAI EK: one character on screen, three for Slack

    [Fact]
    public void Slack_counts_each_thai_vowel_and_tone_mark_as_a_character_of_its_own()
    {
        JsonArray Section(string text) => [new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text } }];
        JsonArray Button(string text) => [new JsonObject { ["type"] = "actions", ["elements"] = new JsonArray(new JsonObject { ["type"] = "button", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text }, ["value"] = "v", ["action_id"] = "a" }) }];
        var thousand = string.Concat(Enumerable.Repeat(Ti, 1000));

        Assert.Empty(SlackLimits.Violations(Section(thousand))); // 3,000 code points
        Assert.Single(SlackLimits.Violations(Section(thousand + Ti))); // 1,001 clusters on screen, 3,003 for Slack
        Assert.Single(SlackLimits.Violations(Button(string.Concat(Enumerable.Repeat(Ti, 26))))); // 26 on screen, 78 > 75
        Assert.Empty(SlackLimits.Violations(Button(string.Concat(Enumerable.Repeat(Ti, 25)))));
        // An emoji outside the BMP is one character, though two UTF-16 units.
        Assert.Empty(SlackLimits.Violations(Section(string.Concat(Enumerable.Repeat("📊", 3000)))));
    }

    [Fact]
    public void A_long_thai_note_is_cut_between_whole_characters_within_slacks_limit()
    {
        const string title = "Nov 20 · Call · สยามเทค";
        var note = "ก" + string.Concat(Enumerable.Repeat(Ti, 1100)); // 3,301 code points
        var full = $"*{title}*\n{note}";
        // A cut by UTF-16 index at the limit would fall inside a cluster: the data is chosen so the test can tell.
        Assert.DoesNotContain(2999, StringInfo.ParseCombiningCharacters(full));

        var rendering = BlockKitRenderer.Render(new Reply([new ItemListBlock(null, [new ListItem(title, note, [])])]) { Summary = "Last interactions" });

        BlockKitRendererTests.AssertWithinSlackLimits(rendering);
        var text = rendering.Blocks[0]!["text"]!["text"]!.GetValue<string>();
        Assert.EndsWith("…", text);
        AssertCutWhole(full, text[..^1]);
        Assert.InRange(SlackLimits.Length(JsonValue.Create(text)), 2990, 3000);
    }

    [Fact]
    public void A_thai_line_longer_than_a_section_is_cut_whole_and_never_ends_on_a_vowel_written_before_its_consonant()
    {
        // "เ" (SARA E) is written before the consonant it is said after: a cut right after it would orphan it.
        var line = string.Concat(Enumerable.Repeat("เก", 1600));

        var rendering = BlockKitRenderer.Render(new Reply([new TextBlock(line)]) { Summary = "Note" });

        BlockKitRendererTests.AssertWithinSlackLimits(rendering);
        var text = rendering.Blocks[0]!["text"]!["text"]!.GetValue<string>();
        Assert.True(text.EndsWith("ก…", StringComparison.Ordinal), $"ends \"{text[^6..]}\"");
        AssertCutWhole(line, text[..^1]);
    }

    [Fact]
    public void A_long_thai_account_name_in_a_table_is_cut_whole_and_thai_columns_line_up()
    {
        var longName = ThaiCustomer.Account + " (สำนักงานใหญ่) ฝ่ายจัดซื้อจัดจ้างและบริหารสัญญาผู้ขาย"; // past the 40-cell column
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { ThaiCustomer.Deals[1], longName, "฿2,500,000" },
            new[] { "Cobalt Insurance – GTX Pro", "Cobalt Insurance", "$114,000" },
            new[] { ThaiCustomer.Deals[0], ThaiCustomer.Account, "฿480,000" },
        };

        var rendering = BlockKitRenderer.Render(new Reply([new TableBlock("Open deals", ["Deal", "Account", "Amount"], rows, [false, false, true])]) { Summary = "Open deals" });

        BlockKitRendererTests.AssertWithinSlackLimits(rendering);
        var code = rendering.Blocks.Select(b => b!["text"]!["text"]!.GetValue<string>()).Single(t => t.StartsWith("```", StringComparison.Ordinal));
        var lines = code.Trim('`').Split('\n');
        var cut = lines[2].Split("  ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Trim()).Single(c => c.EndsWith('…'));
        Assert.True(TextElements.Columns(cut) == 40, $"\"{cut}\" is {TextElements.Columns(cut)} cells:\n{code}");
        AssertCutWhole(longName, cut[..^1].TrimEnd());
        // Columns line up in monospaced cells, where a Thai mark over or under a letter takes none: every line, the
        // amounts right-aligned at its end, is as wide, and the accounts start in the same cell.
        Assert.Single(lines.Select(TextElements.Columns).Distinct());
        var accountStarts = lines.Skip(2).Select((l, i) => TextElements.Columns(l[..l.IndexOf(i == 1 ? "Cobalt Insurance  " : "บริษัท", StringComparison.Ordinal)])).Distinct();
        Assert.Single(accountStarts);
    }

    [Fact]
    public void A_thai_question_as_an_assistant_threads_title_is_cut_whole()
    {
        var question = "ช่วยสรุปข้อมูลลูกค้า " + ThaiCustomer.Account + " ให้หน่อย ดีลที่จะปิดเดือนนี้มีอะไรบ้าง แล้วใครเป็นผู้ติดต่อหลัก ที่ฝ่ายจัดซื้อจัดจ้าง";

        var title = global::AeBot.Slack.Inbound.SlackAssistant.TitleOf(question)!;

        Assert.EndsWith("…", title);
        Assert.True(title.Length < question.Length);
        AssertCutWhole(question, title[..^1]);
    }

    /// <summary>The shown part is the text's beginning, ending between two whole characters, not after a leading vowel.</summary>
    private static void AssertCutWhole(string full, string shown)
    {
        Assert.StartsWith(shown, full, StringComparison.Ordinal);
        Assert.True(shown.Length == full.Length || StringInfo.ParseCombiningCharacters(full).Contains(shown.Length),
            $"cut inside a character: \"…{shown[^3..]}|{full[shown.Length..(shown.Length + 3)]}…\"");
        Assert.False(shown[^1] is >= '\u0E40' and <= '\u0E44', "a vowel written before its consonant is left at the end");
        Assert.False(CharUnicodeInfo.GetUnicodeCategory(full, shown.Length) == UnicodeCategory.NonSpacingMark, "the next line would start with a lone mark");
    }
}
