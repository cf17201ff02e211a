using AeBot.Core.Conversation;

namespace AeBot.Charts.Tests;

public class ChartRendererTests
{
    [Fact]
    public void A_chart_block_becomes_a_png_of_the_requested_size()
    {
        var chart = new ChartBlock("Won vs quota", ChartKind.Bar, ["Dana Reyes", "Lee Chen"],
            [new ChartSeries("Won", [120_000m, 80_000m]), new ChartSeries("Quota", [450_000m, 450_000m])], "USD");

        var png = new ChartRenderer().RenderPng(chart, 640, 320);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        // IHDR: width and height, big-endian, at bytes 16..23.
        Assert.Equal(640, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(320, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public void An_empty_chart_still_renders() =>
        Assert.NotEmpty(new ChartRenderer().RenderPng(new ChartBlock("Nothing", ChartKind.Bar, [], [], "USD")));
}

public class ChartLayoutTests
{
    private static readonly SkiaSharp.SKColor Amber = SkiaSharp.SKColor.Parse("#F59E0B");

    [Fact]
    public void The_legend_sits_below_the_plot_area_never_over_a_bar()
    {
        // The second series' bar reaches the top of the plot, where a legend inside the plot would cover it.
        var chart = new ChartBlock("Won vs quota", ChartKind.Bar, ["Dana Reyes", "Lee Chen", "Tom Baker"],
            [new ChartSeries("Won", [120_000m, 80_000m, 10_000m]), new ChartSeries("Quota", [450_000m, 300_000m, 500_000m])], "USD");

        using var image = SkiaSharp.SKBitmap.Decode(new ChartRenderer().RenderPng(chart, 800, 420));

        var amberRows = Enumerable.Range(0, image.Height).Where(y => Enumerable.Range(0, image.Width).Any(x => image.GetPixel(x, y) == Amber)).ToList();
        // Two blocks of amber rows: the bars, and the legend's swatch below them with a gap (the axis and its labels) between.
        var gaps = amberRows.Zip(amberRows.Skip(1)).Where(p => p.Second - p.First > 20).ToList();
        var gap = Assert.Single(gaps);
        Assert.True(gap.Second > image.Height * 0.8, $"the legend swatch starts at y={gap.Second} of {image.Height}, not below the plot");
    }

    [Fact]
    public void Text_is_drawn_in_DejaVu_Sans_which_the_machine_has()
    {
        using var typeface = SkiaSharp.SKTypeface.FromFamilyName(ChartRenderer.FontName);

        // A missing font falls back silently (to a serif, on a bare machine): .ci/run installs fonts-dejavu-core.
        Assert.Equal(ChartRenderer.FontName, typeface.FamilyName);
    }
}

public class ChartSampleTests
{
    /// <summary>Samples for a person to look at (paths in the test log): a two-series chart at desktop and phone width.</summary>
    [Theory]
    [InlineData(800, 420)]
    [InlineData(ChartRenderer.NarrowWidth, ChartRenderer.NarrowHeight)]
    public void A_long_title_wraps_and_the_picture_is_written_for_review(int width, int height)
    {
        var chart = new ChartBlock("Open pipeline vs quota still to win, this quarter (Q4 2026)", ChartKind.Bar, ["Tom Baker", "Dana Reyes", "Lee Chen", "Priya Patel"],
            [new ChartSeries("Open pipeline in period", [678_000m, 789_700m, 1_716_300m, 515_100m]), new ChartSeries("Quota still to win", [104_400m, 115_800m, 127_100m, 262_900m])], "USD");

        var png = new ChartRenderer().RenderPng(chart, width, height);

        var path = Path.Combine(AppContext.BaseDirectory, "charts", $"pipeline-vs-quota-{width}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, png);
        Assert.Equal(width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.True(ChartRenderer.Wrap(chart.Title, width / 12).Split('\n').All(l => l.Length <= width / 12));
    }
}

public class ChartSlantSampleTests
{
    [Fact]
    public void Many_long_names_slant_below_the_axis()
    {
        var chart = new ChartBlock("Open pipeline by account", ChartKind.Bar, ["Quantum Labs B", "Massive Retail B", "Cyberdyne Logistics C", "Pied Piper Bank D", "Vertex Energy C", "Riverbend Group D"],
            [new ChartSeries("Amount", [410_000m, 377_400m, 69_900m, 29_150m, 18_000m, 21_400m])], "USD");

        foreach (var (width, height) in new[] { (800, 420), (ChartRenderer.NarrowWidth, ChartRenderer.NarrowHeight) })
        {
            var path = Path.Combine(AppContext.BaseDirectory, "charts", $"slanted-{width}.png");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, new ChartRenderer().RenderPng(chart, width, height));
            Assert.True(new FileInfo(path).Length > 1000);
        }
    }
}
