using System.Text;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Text;
using ScottPlot;
using SkiaSharp;

namespace AeBot.Charts;

/// <summary>
/// Draws a <see cref="ChartBlock"/> as a PNG: grouped bars per category, money on the axis, and for several series a
/// legend below the plot area (never over a bar). Text is DejaVu Sans (the Debian package fonts-dejavu-core, which
/// .ci/run and the Dockerfile install) at sizes meant to stay readable when a chat shrinks the picture — or, for text
/// DejaVu Sans has no letters for, such as a Thai account name, a face that has them (<see cref="ThaiFontNames"/>).
/// </summary>
public sealed class ChartRenderer
{
    /// <summary>The sans-serif every machine of ours has; without a name the renderer may pick a serif system default.</summary>
    public const string FontName = "DejaVu Sans";

    /// <summary>
    /// Sans faces with Thai letters, from Debian's fonts-thai-tlwg (which .ci/run and the Dockerfile install) and
    /// Noto's where present — Latin included, so a label that mixes both is drawn in one of them. ScottPlot draws a
    /// label in one typeface, with no fallback per character: in DejaVu Sans, which has no Thai, a Thai name would be
    /// a row of empty boxes.
    /// </summary>
    public static readonly string[] ThaiFontNames = ["Loma", "Waree", "Garuda", "Umpush", "Sawasdee", "Noto Sans Thai"];

    static ChartRenderer()
    {
        // Text shaped by HarfBuzz (ScottPlot names the switch for right-to-left scripts; it shapes every label): Thai
        // needs it to stack a tone mark over an upper vowel (ที่) and to place marks by the letter under them.
        LabelStyle.RTLSupport = true;
    }

    /// <summary>A picture for a phone-wide chat column: the same chart, fewer pixels, so the text is relatively larger.</summary>
    public const int NarrowWidth = 360;

    public const int NarrowHeight = 360;

    private static readonly Color[] Palette = [Color.FromHex("#2563EB"), Color.FromHex("#F59E0B"), Color.FromHex("#10B981"), Color.FromHex("#EF4444")];

    public byte[] RenderPng(ChartBlock chart, int width = 800, int height = 420) =>
        Build(chart, width, height).GetImageBytes(width, height, ImageFormat.Png);

    /// <summary>The plot <see cref="RenderPng"/> draws, for tests to look into.</summary>
    internal static Plot Build(ChartBlock chart, int width, int height)
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
        var slanted = chart.Categories.Any(c => TextElements.Columns(Shorten(c, 18)) * charWidth > perCategory - 6);
        var maxChars = slanted && narrow ? 12 : 18;
        var labels = chart.Categories.Select(c => Shorten(c, maxChars)).ToList();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(labels.Select((l, i) => new Tick(i, l)).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = slanted ? -45 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = slanted ? Alignment.UpperRight : Alignment.UpperCenter;
        if (slanted)
        {
            // Slanted names hang below the axis and reach left of their bar: room for both, or they are cut off.
            var longest = labels.Max(TextElements.Columns) * charWidth * 0.71;
            plot.Axes.Bottom.MinimumSize = (float)(longest + tickSize + 8);
            plot.Axes.Left.MinimumSize = (float)Math.Max(0, TextElements.Columns(labels[0]) * charWidth * 0.71 - perCategory / 2 + 12);
        }
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => chart.Unit.Length == 0 ? v.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture) : MoneyFormat.Compact((decimal)v, chart.Unit),
        };
        plot.Axes.Margins(bottom: 0, top: 0.12);
        var title = Wrap(chart.Title, (int)(width / ((narrow ? 16 : 20) * 0.6)));
        plot.Title(title);
        if (chart.Series.Count > 1)
        {
            // A legend panel on the figure's edge, outside the data area.
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.Orientation = Orientation.Horizontal;
        }
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;

        // Each kind of text in a face that has all its letters. Set on each label, never through ScottPlot's global
        // default (plot.Font.Set), which charts drawn at the same time would share.
        UseFont(plot.Axes.Title.Label, [title]);
        UseFont(plot.Axes.Bottom.TickLabelStyle, labels);
        UseFont(plot.Axes.Left.TickLabelStyle, [MoneyFormat.Compact(1_234_567m, chart.Unit.Length == 0 ? "USD" : chart.Unit)]);
        plot.Axes.Title.Label.FontSize = narrow ? 16 : 20;
        plot.Axes.Bottom.TickLabelStyle.FontSize = tickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = tickSize;
        plot.Legend.FontSize = narrow ? 13 : 15;
        // Legend items are made as the plot is drawn, from their style's name: the name is what reaches them.
        plot.Legend.FontName = FontFor(chart.Series.Select(s => s.Name)).FamilyName;
        return plot;
    }

    private static void UseFont(LabelStyle style, IEnumerable<string> texts)
    {
        var typeface = FontFor(texts);
        style.FontName = typeface.FamilyName;
        style.Font = typeface;
    }

    /// <summary>
    /// DejaVu Sans when it has every letter of the texts; otherwise the first of <see cref="ThaiFontNames"/> installed
    /// that has them all; otherwise the face the system's own fallback picks for the first letter DejaVu Sans lacks.
    /// </summary>
    internal static SKTypeface FontFor(IEnumerable<string> texts)
    {
        var letters = texts.SelectMany(t => t.EnumerateRunes()).Where(r => !Rune.IsWhiteSpace(r) && !Rune.IsControl(r)).Select(r => r.Value).Distinct().ToArray();
        var dejaVu = Fonts.GetTypeface(FontName, FontWeight.Normal, FontSlant.Upright, FontSpacing.Normal);
        if (Covers(dejaVu, letters))
            return dejaVu;
        foreach (var name in ThaiFontNames)
        {
            var typeface = Fonts.GetTypeface(name, FontWeight.Normal, FontSlant.Upright, FontSpacing.Normal);
            if (typeface.FamilyName == name && Covers(typeface, letters))
                return typeface;
        }
        var missing = letters.First(l => !Covers(dejaVu, [l]));
        var fallback = SKFontManager.Default.MatchCharacter(FontName, SKFontStyle.Normal, [], missing);
        return fallback is null ? dejaVu : Fonts.GetTypeface(fallback.FamilyName, FontWeight.Normal, FontSlant.Upright, FontSpacing.Normal);
    }

    private static bool Covers(SKTypeface typeface, int[] letters) => letters.Length == 0 || typeface.ContainsGlyphs(letters);

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

    /// <summary>At most <paramref name="max"/> cells wide, cut between whole characters (a Thai letter keeps its marks).</summary>
    private static string Shorten(string label, int max) => TextElements.Shorten(label, max, TextMeasure.Columns);
}
