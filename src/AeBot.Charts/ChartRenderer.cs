using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using ScottPlot;

namespace AeBot.Charts;

/// <summary>
/// Draws a <see cref="ChartBlock"/> as a PNG: grouped bars per category, money on the axis, and for several series a
/// legend below the plot area (never over a bar). Text is DejaVu Sans (the Debian package fonts-dejavu-core, which
/// .ci/run and the Dockerfile install) at sizes meant to stay readable when a chat shrinks the picture.
/// </summary>
public sealed class ChartRenderer
{
    /// <summary>The sans-serif every machine of ours has; without a name the renderer may pick a serif system default.</summary>
    public const string FontName = "DejaVu Sans";

    /// <summary>A picture for a phone-wide chat column: the same chart, fewer pixels, so the text is relatively larger.</summary>
    public const int NarrowWidth = 360;

    public const int NarrowHeight = 360;

    private static readonly Color[] Palette = [Color.FromHex("#2563EB"), Color.FromHex("#F59E0B"), Color.FromHex("#10B981"), Color.FromHex("#EF4444")];

    public byte[] RenderPng(ChartBlock chart, int width = 800, int height = 420)
    {
        var plot = new Plot();
        var seriesCount = Math.Max(1, chart.Series.Count);
        var groupWidth = 0.8;
        var barWidth = groupWidth / seriesCount;
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var bars = new List<Bar>();
            for (var i = 0; i < chart.Categories.Count && i < series.Values.Count; i++)
            {
                bars.Add(new Bar
                {
                    Position = i - groupWidth / 2 + barWidth * (s + 0.5),
                    Value = (double)series.Values[i],
                    Size = barWidth * 0.92,
                    FillColor = Palette[s % Palette.Length],
                    LineWidth = 0,
                });
            }
            var plotted = plot.Add.Bars(bars);
            // One series needs no legend (the title says what it is), and a named plottable would bring one inside the plot.
            if (chart.Series.Count > 1)
                plotted.LegendText = series.Name;
        }

        var narrow = width < 640;
        var tickSize = narrow ? 13 : 15;
        // Names slant only when they would collide: fewer, wider bars keep them level and legible.
        var perCategory = width * 0.85 / Math.Max(1, chart.Categories.Count);
        var charWidth = tickSize * 0.6;
        var slanted = chart.Categories.Any(c => Shorten(c, 18).Length * charWidth > perCategory - 6);
        var maxChars = slanted && narrow ? 12 : 18;
        var labels = chart.Categories.Select(c => Shorten(c, maxChars)).ToList();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(labels.Select((l, i) => new Tick(i, l)).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = slanted ? -45 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = slanted ? Alignment.UpperRight : Alignment.UpperCenter;
        if (slanted)
        {
            // Slanted names hang below the axis and reach left of their bar: room for both, or they are cut off.
            var longest = labels.Max(l => l.Length) * charWidth * 0.71;
            plot.Axes.Bottom.MinimumSize = (float)(longest + tickSize + 8);
            plot.Axes.Left.MinimumSize = (float)Math.Max(0, labels[0].Length * charWidth * 0.71 - perCategory / 2 + 12);
        }
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => chart.Unit.Length == 0 ? v.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture) : MoneyFormat.Compact((decimal)v, chart.Unit),
        };
        plot.Axes.Margins(bottom: 0, top: 0.12);
        plot.Title(Wrap(chart.Title, (int)(width / ((narrow ? 16 : 20) * 0.6))));
        if (chart.Series.Count > 1)
        {
            // A legend panel on the figure's edge, outside the data area.
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.Orientation = Orientation.Horizontal;
        }
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;

        plot.Font.Set(FontName);
        plot.Axes.Title.Label.FontSize = narrow ? 16 : 20;
        plot.Axes.Bottom.TickLabelStyle.FontSize = tickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = tickSize;
        plot.Legend.FontSize = narrow ? 13 : 15;
        plot.Legend.FontName = FontName;
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>A title on as many lines as the picture's width needs (a phone-wide picture would cut it off).</summary>
    internal static string Wrap(string text, int maxChars)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > maxChars)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }
        lines.Add(line);
        return string.Join('\n', lines);
    }

    private static string Shorten(string label, int max) => label.Length <= max ? label : label[..(max - 1)] + "…";
}
