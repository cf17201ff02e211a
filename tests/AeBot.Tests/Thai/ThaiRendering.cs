using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace AeBot.Tests.Thai;

/// <summary>
/// Whether Thai text on a page (the web chat, a Teams card) is drawn as Thai: each element's Thai glyphs come from a
/// font that has them — asked of Chromium itself (DevTools' CSS.getPlatformFontsForNode: the fonts it drew each
/// element's text with, and how many glyphs each) — every Thai cluster has width, and no box cuts off the marks Thai
/// stacks above and below a line (thai-probe.js). The Thai fonts are Debian's (fonts-thai-tlwg, which .ci/run installs).
/// </summary>
internal static class ThaiRendering
{
    /// <summary>Families that draw Thai on a Debian machine: TLWG's (fonts-thai-tlwg) and Noto's Thai faces.</summary>
    public static readonly string[] ThaiFamilies =
    [
        "Loma", "Garuda", "Kinnari", "Norasi", "Waree", "Sawasdee", "Umpush", "Laksaman", "Purisa",
        "Tlwg Typo", "Tlwg Typist", "Tlwg Typewriter", "Tlwg Mono", "Noto Sans Thai", "Noto Serif Thai", "Noto Sans Thai Looped",
    ];

    private static string Script => Path.Combine(AppContext.BaseDirectory, "Thai", "thai-probe.js");

    /// <summary>Skips where no Thai font is installed, except in CI, where its absence is a failure (.ci/run installs one).</summary>
    public static void RequireThaiFont()
    {
        if (Directory.Exists("/usr/share/fonts/truetype/tlwg") || Directory.Exists("/usr/share/fonts/opentype/tlwg"))
            return;
        Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "no Thai font in CI; .ci/run installs Debian's fonts-thai-tlwg");
        Skip.If(true, "no Thai font installed (apt-get install fonts-thai-tlwg; CI installs it)");
    }

    public static Task LoadAsync(IPage page) => page.AddScriptTagAsync(new() { Path = Script });

    /// <summary>How many Thai character clusters the element shows.</summary>
    public static Task<int> CountAsync(IPage page, string selector) => page.EvaluateAsync<int>("s => thaiProbe.count(s)", selector);

    /// <summary>Thai whose marks or lines a box cuts off (see thai-probe.js).</summary>
    public static async Task<string[]> CutAsync(IPage page, string selector) => await page.EvaluateAsync<string[]>("s => thaiProbe.cut(s)", selector);

    /// <summary>Thai clusters drawn with no width.</summary>
    public static async Task<string[]> ZeroWidthAsync(IPage page, string selector) => await page.EvaluateAsync<string[]>("s => thaiProbe.zeroWidth(s)", selector);

    /// <summary>
    /// Each element under the selector whose own text has Thai, with the fonts Chromium drew that text with; a problem
    /// for each whose Thai was not all drawn by a Thai family (what a font without Thai draws instead is empty boxes).
    /// </summary>
    public static async Task<(List<string> Problems, List<string> Fonts)> FontsAsync(IPage page, string selector)
    {
        var marked = await page.EvaluateAsync<JsonElement>("s => thaiProbe.mark(s)", selector);
        var cdp = await page.Context.NewCDPSessionAsync(page);
        try
        {
            await cdp.SendAsync("DOM.enable");
            await cdp.SendAsync("CSS.enable");
            var document = await cdp.SendAsync("DOM.getDocument", new() { ["depth"] = 0 });
            var rootId = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
            var problems = new List<string>();
            var fonts = new List<string>();
            foreach (var element in marked.EnumerateArray())
            {
                var text = element.GetProperty("text").GetString()!;
                var index = element.GetProperty("index").GetInt32();
                var node = await cdp.SendAsync("DOM.querySelector", new() { ["nodeId"] = rootId, ["selector"] = $"[data-thai='{index}']" });
                var nodeId = node!.Value.GetProperty("nodeId").GetInt32();
                var used = (await cdp.SendAsync("CSS.getPlatformFontsForNode", new() { ["nodeId"] = nodeId }))!.Value.GetProperty("fonts").EnumerateArray()
                    .Select(f => (Family: f.GetProperty("familyName").GetString()!, Glyphs: f.GetProperty("glyphCount").GetInt32())).ToList();
                var thaiClusters = Clusters(text).Count(IsThai);
                var thaiGlyphs = used.Where(f => ThaiFamilies.Contains(f.Family)).Sum(f => f.Glyphs);
                var described = $"{element.GetProperty("tag").GetString()} \"{Short(text)}\": {string.Join(", ", used.Select(f => $"{f.Family} ×{f.Glyphs}"))}";
                fonts.Add(described);
                // Every Thai cluster is at least one glyph from a Thai family (a font without Thai draws boxes, counted
                // as its own glyphs). Glyphs of other fonts are not compared with the other characters: a ::before
                // label or a list's bullet is drawn too.
                if (thaiGlyphs < thaiClusters)
                    problems.Add($"{described} — {thaiClusters} Thai clusters need a Thai font");
            }
            return (problems, fonts);
        }
        finally
        {
            await cdp.DetachAsync();
        }
    }

    /// <summary>Thai letters, vowels, marks and digits; not ฿ (U+0E3F), which Latin fonts such as DejaVu Sans have too.</summary>
    private static bool IsThai(string cluster) => cluster.Any(c => c is >= '\u0E00' and <= '\u0E7F' and not '\u0E3F');

    private static IEnumerable<string> Clusters(string text)
    {
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
            yield return e.GetTextElement();
    }

    private static string Short(string text)
    {
        var info = new StringInfo(text.Trim());
        return info.LengthInTextElements <= 50 ? info.String : info.SubstringByTextElements(0, 50) + "…";
    }
}
