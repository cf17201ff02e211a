using System.Globalization;
using AeBot.Core.Conversation;
using AeBot.Core.Text;
using AeBot.Rendering;

namespace AeBot.Tests.Cli;

/// <summary>
/// The terminal's tables line up with Thai in them: widths are counted in cells, where a Thai vowel or tone mark over
/// or under its letter takes none, and a cell too long is cut between whole characters. The buttons' "Next:" is in
/// the reply's language.
/// </summary>
public sealed class PlainTextThaiTests
{
    private const string LongAccount = "บริษัท สยามเทค จำกัด (มหาชน) สำนักงานใหญ่ ฝ่ายจัดซื้อจัดจ้างและบริหารสัญญา";

    private static readonly TableBlock Table = new("ดีลที่เปิดอยู่", ["ดีล", "ลูกค้า", "มูลค่า"],
    [
        ["ต่ออายุไลเซนส์ปีที่สอง", "บริษัท สยามเทค จำกัด", "฿2,500,000"],
        ["Cobalt Insurance – GTX Pro", "Cobalt Insurance", "$114,000"],
        ["ที่ปรึกษาติดตั้งระบบ", LongAccount, "฿480,000"],
    ], [false, false, true]);

    [Fact]
    public void Thai_table_cells_line_up_in_terminal_cells()
    {
        var lines = PlainTextRenderer.Render(new Reply([Table]) { Summary = "ดีล", Language = "th" }).Split('\n')[1..];

        // Every row is as wide as the rule under the header, the amounts right-aligned at the end.
        var rule = lines[1];
        Assert.All(lines[2..], l => Assert.Equal(TextElements.Columns(rule), TextElements.Columns(l)));
        Assert.All(lines[2..], l => Assert.EndsWith(l.Contains('฿') ? l[l.LastIndexOf('฿')..] : "$114,000", l));
        // The account column starts in the same cell on every row.
        var starts = lines[2..].Select(l => TextElements.Columns(l[..l.IndexOf(l.Contains("Cobalt Insurance  ") ? "Cobalt Insurance  " : "บริษัท", StringComparison.Ordinal)])).Distinct();
        Assert.Single(starts);
    }

    [Fact]
    public void A_long_thai_cell_is_cut_between_whole_characters()
    {
        var text = PlainTextRenderer.Render(new Reply([Table]) { Summary = "ดีล", Language = "th" });
        var row = text.Split('\n').Single(l => l.Contains("ที่ปรึกษา", StringComparison.Ordinal));
        var cut = row[row.IndexOf("บริษัท", StringComparison.Ordinal)..row.IndexOf('…')];

        Assert.StartsWith(cut, LongAccount, StringComparison.Ordinal);
        Assert.Contains(cut.Length, StringInfo.ParseCombiningCharacters(LongAccount)); // a cluster boundary
        Assert.NotEqual(UnicodeCategory.NonSpacingMark, CharUnicodeInfo.GetUnicodeCategory(LongAccount, cut.Length));
        Assert.False(cut[^1] is >= '\u0E40' and <= '\u0E44', "a vowel written before its consonant left at the end");
        Assert.Equal(40, TextElements.Columns(cut + "…")); // the column's full width in cells
    }

    [Fact]
    public void Thai_facts_line_up_and_the_buttons_line_is_thai()
    {
        var reply = new Reply([
            new FactsBlock([new Fact("ยอดที่ปิดได้", "฿2.5 ล้าน"), new Fact("โควตา", "฿4 ล้าน")]),
            new ActionsBlock([new ReplyAction("ดูเพิ่ม", "more:1")]),
        ]) { Summary = "โควตา", Language = "th" };

        var lines = PlainTextRenderer.Render(reply).Split('\n');

        Assert.Equal(TextElements.Columns(lines[0][..lines[0].IndexOf('฿')]), TextElements.Columns(lines[1][..lines[1].IndexOf('฿')]));
        Assert.Equal("ตัวเลือก: [1] ดูเพิ่ม", lines[^1]);
    }

    [Fact]
    public void English_tables_and_buttons_read_as_before()
    {
        const string longName = "A very long deal name that goes well past forty characters in all";
        var table = new TableBlock(null, ["Deal", "Amount"], [[longName, "$1"], ["Short", "$22"]], [false, true]);
        var text = PlainTextRenderer.Render(new Reply([table, new ActionsBlock([new ReplyAction("More", "more:1")])]) { Summary = "Deals" });

        // What the renderer always wrote for ASCII: cut at 39 characters plus "…", padded with string.PadRight/PadLeft.
        Assert.Equal(
            "Deal".PadRight(40) + "  Amount\n" +
            new string('-', 40) + "  ------\n" +
            longName[..39] + "…" + "  " + "$1".PadLeft(6) + "\n" +
            "Short".PadRight(40) + "  " + "$22".PadLeft(6) + "\n\n" +
            "Next: [1] More", text);
    }
}
