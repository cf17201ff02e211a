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
    public const int NarrowWidth = 480;

    public const int NarrowHeight = 400;

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
            plotted.LegendText = series.Name;
        }

        var narrow = width < 640;
        // Names slant only when they would collide: fewer, wider bars keep them level and legible.
        var perCategory = width / (double)Math.Max(1, chart.Categories.Count);
        var slanted = chart.Categories.Any(c => Shorten(c).Length * 8.5 > perCategory - 8);
        var ticks = chart.Categories.Select((c, i) => new Tick(i, Shorten(c))).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Bottom.TickLabelStyle.Rotation = slanted ? -35 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = slanted ? Alignment.MiddleRight : Alignment.UpperCenter;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => chart.Unit.Length == 0 ? v.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture) : MoneyFormat.Compact((decimal)v, chart.Unit),
        };
        plot.Axes.Margins(bottom: 0, top: 0.12);
        plot.Title(chart.Title);
        if (chart.Series.Count > 1)
        {
            // A legend panel on the figure's edge, outside the data area.
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.Orientation = Orientation.Horizontal;
        }
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;

        plot.Font.Set(FontName);
        plot.Axes.Title.Label.FontSize = narrow ? 19 : 20;
        plot.Axes.Title.Label.Bold = true;
        plot.Axes.Bottom.TickLabelStyle.FontSize = narrow ? 15 : 15;
        plot.Axes.Left.TickLabelStyle.FontSize = narrow ? 15 : 15;
        plot.Legend.FontSize = 15;
        plot.Legend.FontName = FontName;
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static string Shorten(string label) => label.Length <= 18 ? label : label[..17] + "…";
}
