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
