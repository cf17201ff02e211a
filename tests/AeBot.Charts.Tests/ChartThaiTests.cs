using System.Globalization;
using System.Text;
using AeBot.Core.Conversation;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace AeBot.Charts.Tests;

/// <summary>
/// Thai names on a chart (pipeline by account, with a Thai customer among them) are drawn in a face that has Thai
/// letters — one of Debian's (fonts-thai-tlwg, which .ci/run installs) — while an all-Latin chart keeps DejaVu Sans.
/// ScottPlot draws each label in one typeface with no fallback per character, so a label's face must have every one
/// of its letters: in DejaVu Sans a Thai name is a row of empty boxes.
/// </summary>
public class ChartThaiTests
{
    private static readonly ChartBlock ByAccount = new("Open pipeline by account", ChartKind.Bar,
        ["บริษัท สยามเทค จำกัด", "Cobalt Insurance", "ห้างหุ้นส่วนจำกัด ผู้ใหญ่ที่ดี", "Globex"],
        [new ChartSeries("ยอดขาย", [2_500_000m, 1_140_000m, 480_000m, 95_700m]), new ChartSeries("Quota", [3_000_000m, 1_500_000m, 900_000m, 450_000m])], "THB");

    [Theory]
    [InlineData(800, 420)]
    [InlineData(ChartRenderer.NarrowWidth, ChartRenderer.NarrowHeight)]
    public void Thai_account_names_are_drawn_in_a_thai_font_from_debians_packages_not_as_boxes(int width, int height)
    {
        Assert.True(Directory.Exists("/usr/share/fonts/truetype/tlwg") || Directory.Exists("/usr/share/fonts/opentype/tlwg"),
            "no Thai font: apt-get install fonts-thai-tlwg (.ci/run does)");

        var plot = ChartRenderer.Build(ByAccount, width, height);
        var png = plot.GetImageBytes(width, height, ImageFormat.Png); // draws: the tick labels exist from here on

        var style = plot.Axes.Bottom.TickLabelStyle;
        Assert.Contains(style.FontName, ChartRenderer.ThaiFontNames);
        Assert.Equal(style.FontName, style.Font!.FamilyName);
        var labels = ((NumericManual)plot.Axes.Bottom.TickGenerator).Ticks.Select(t => t.Label).ToList();
        Assert.Equal(4, labels.Count);
        Assert.Contains(labels, l => l.StartsWith("บริษัท", StringComparison.Ordinal));
        foreach (var label in labels)
        {
            Assert.Equal(0, Missing(style.Font, label));
            if (!label.EndsWith('…'))
                continue;
            // A shortened name is cut between whole characters: its last letter keeps its marks.
            var name = ByAccount.Categories.Single(c => c.StartsWith(label[..^1], StringComparison.Ordinal));
            Assert.Contains(label.Length - 1, StringInfo.ParseCombiningCharacters(name));
        }
        // The same labels in DejaVu Sans would be boxes: what the test guards against.
        Assert.True(Missing(SKTypeface.FromFamilyName(ChartRenderer.FontName), labels[0]) > 5);
        // The legend's Thai series name too.
        Assert.Contains(plot.Legend.FontName, ChartRenderer.ThaiFontNames);

        var path = Path.Combine(AppContext.BaseDirectory, "charts", $"thai-accounts-{width}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, png);
    }

    [Fact]
    public void A_latin_only_chart_keeps_dejavu_sans()
    {
        var chart = new ChartBlock("Won vs quota", ChartKind.Bar, ["Dana Reyes", "Lee Chen"], [new ChartSeries("Won", [1m, 2m]), new ChartSeries("Quota", [3m, 3m])], "EUR");

        var plot = ChartRenderer.Build(chart, 800, 420);

        Assert.Equal(ChartRenderer.FontName, plot.Axes.Bottom.TickLabelStyle.FontName);
        Assert.Equal(ChartRenderer.FontName, plot.Axes.Title.Label.FontName);
        Assert.Equal(ChartRenderer.FontName, plot.Legend.FontName);
    }

    [Fact]
    public void A_label_with_thai_and_a_sign_loma_lacks_gets_a_thai_face_that_has_both()
    {
        // Loma has no euro sign; Waree has both.
        var typeface = ChartRenderer.FontFor(["สยามเทค €95K"]);

        Assert.Contains(typeface.FamilyName, ChartRenderer.ThaiFontNames);
        Assert.Equal(0, Missing(typeface, "สยามเทค €95K"));
    }

    /// <summary>Letters of the text the typeface has no glyph for (drawn as its empty box).</summary>
    private static int Missing(SKTypeface typeface, string text) =>
        text.EnumerateRunes().Count(r => !Rune.IsWhiteSpace(r) && !typeface.ContainsGlyph(r.Value));
}
