using AeBot.Tests.WebChat;
using Microsoft.Playwright;

namespace AeBot.Tests.Thai;

/// <summary>
/// The Thai rendering checks can fail: each is shown what it is there to catch. Empty boxes — Debian's Chromium made
/// to see only DejaVu Sans (its fontconfig given just that folder), as on a machine without fonts-thai-tlwg; and tone
/// marks cut off — Thai in a box that clips at the height of a Latin line, as the Adaptive Cards renderer's TextBlock
/// does. Next to each, the same text drawn right passes.
/// </summary>
public sealed class ThaiRenderingProbeTests : IAsyncLifetime
{
    private const string Text = "ระบบบริหารงานขายทั้งองค์กร"; // ทั้ง: a tone mark stacked over an upper vowel
    private readonly DirectoryInfo _fontconfig = Directory.CreateTempSubdirectory("aebot-fontconfig-");
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowser? _withoutThai;

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFixture.Chromium))
            return;
        var config = Path.Combine(_fontconfig.FullName, "fonts.conf");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0"?>
            <!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
            <fontconfig>
              <dir>/usr/share/fonts/truetype/dejavu</dir>
              <cachedir>{Path.Combine(_fontconfig.FullName, "cache")}</cachedir>
            </fontconfig>
            """);
        _playwright = await Playwright.CreateAsync();
        string[] args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = BrowserFixture.Chromium, Headless = true, Args = args });
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        environment["FONTCONFIG_FILE"] = config;
        _withoutThai = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = BrowserFixture.Chromium, Headless = true, Args = args, Env = environment });
    }

    [SkippableFact]
    public async Task Thai_drawn_without_a_thai_font_is_reported_as_boxes()
    {
        BrowserFixture.RequireChromium();
        ThaiRendering.RequireThaiFont();
        const string html = $"<div id=\"t\" style=\"font:15px sans-serif\">{Text}</div>";

        var (boxes, fontsWithout) = await FontsAsync(_withoutThai!, html);
        var (none, fontsWith) = await FontsAsync(_browser!, html);

        Assert.True(boxes.Count == 1, "without a Thai font: " + string.Join("; ", fontsWithout));
        Assert.True(none.Count == 0, "with Debian's Thai fonts: " + string.Join("; ", fontsWith));
    }

    [SkippableFact]
    public async Task Tone_marks_cut_off_by_a_box_as_tall_as_a_latin_line_are_reported()
    {
        BrowserFixture.RequireChromium();
        ThaiRendering.RequireThaiFont();

        // DejaVu Sans' ascent plus descent is 16 px at 14 px: a tone mark over an upper vowel rises above that.
        var cut = await CutAsync($"<div id=\"t\" style=\"font:14px 'DejaVu Sans', sans-serif; line-height:16px; overflow:hidden\">{Text}</div>");
        var whole = await CutAsync($"<div id=\"t\" style=\"font:14px 'DejaVu Sans', sans-serif; line-height:normal; overflow:hidden\">{Text}</div>");
        var unclipped = await CutAsync($"<div id=\"t\" style=\"font:14px 'DejaVu Sans', sans-serif; line-height:16px\">{Text}</div>");

        Assert.Contains(cut, c => c.StartsWith("\"ทั้\"", StringComparison.Ordinal) && c.Contains("at the top", StringComparison.Ordinal));
        Assert.Empty(whole);
        Assert.Empty(unclipped);
    }

    [SkippableFact]
    public async Task A_thai_line_a_box_of_fixed_height_hides_is_reported()
    {
        BrowserFixture.RequireChromium();
        ThaiRendering.RequireThaiFont();

        // Two lines of text in a box one line high: the second line is not shown.
        var hidden = await CutAsync($"<div id=\"t\" style=\"font:14px sans-serif; line-height:24px; width:120px; height:24px; overflow:hidden\">{Text} {Text}</div>");
        var shown = await CutAsync($"<div id=\"t\" style=\"font:14px sans-serif; line-height:24px; width:120px; overflow:hidden\">{Text} {Text}</div>");

        Assert.Contains(hidden, c => c.Contains("its line", StringComparison.Ordinal));
        Assert.Contains(hidden, c => c.Contains("px of content in a 24px box", StringComparison.Ordinal));
        Assert.Empty(shown);
    }

    private static async Task<IPage> PageAsync(IBrowser browser, string html)
    {
        var page = await browser.NewPageAsync();
        await page.SetContentAsync($"<!doctype html><html><head><meta charset=\"utf-8\"></head><body>{html}</body></html>");
        await ThaiRendering.LoadAsync(page);
        return page;
    }

    private static async Task<(List<string> Problems, List<string> Fonts)> FontsAsync(IBrowser browser, string html)
    {
        var page = await PageAsync(browser, html);
        try
        {
            return await ThaiRendering.FontsAsync(page, "body");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private async Task<string[]> CutAsync(string html)
    {
        var page = await PageAsync(_browser!, html);
        try
        {
            return await ThaiRendering.CutAsync(page, "body");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        if (_withoutThai is not null)
            await _withoutThai.DisposeAsync();
        _playwright?.Dispose();
        TestDirectory.Delete(_fontconfig);
    }
}
