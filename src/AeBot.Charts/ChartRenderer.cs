using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using ScottPlot;

namespace AeBot.Charts;

/// <summary>Draws a <see cref="ChartBlock"/> as a PNG: grouped bars per category, money on the axis, a legend for several series.</summary>
public sealed class ChartRenderer
{
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
        var ticks = chart.Categories.Select((c, i) => new Tick(i, Shorten(c))).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Bottom.TickLabelStyle.Rotation = chart.Categories.Count > 5 ? 30 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = chart.Categories.Count > 5 ? Alignment.MiddleLeft : Alignment.UpperCenter;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => MoneyFormat.Compact((decimal)v, chart.Unit) };
        plot.Axes.Margins(bottom: 0, top: 0.18);
        plot.Title(chart.Title);
        if (chart.Series.Count > 1)
            plot.ShowLegend(Alignment.UpperRight);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static string Shorten(string label) => label.Length <= 18 ? label : label[..17] + "…";
}
