using System.Text.Json;
using System.Text.Json.Nodes;
using AeBot.Charts;
using AeBot.Core.Conversation;
using AeBot.Teams;
using AeBot.Core.Understanding.Thai;
using AeBot.Teams.Cards;
using AeBot.Tests.Thai;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AeBot.Tests.Teams;

/// <summary>
/// Every kind of card AeBot sends to Teams, drawn by the official Adaptive Cards renderer (npm <c>adaptivecards</c>,
/// installed by .ci/run into Teams/renderer) in Debian's Chromium with a Teams-like host config, at a desktop chat's
/// 560 px and a phone's 375 px. Every button must be there, inside the card, and pressable — after at most tapping
/// what folds it — and must send exactly the core's payload; no text may be cut off. Screenshots of each card, closed
/// and fully opened, go to card-screenshots/ beside the test assembly.
/// </summary>
public sealed class AdaptiveCardBrowserTests(CardCatalogue catalogue, ITestOutputHelper output) : IClassFixture<CardCatalogue>, IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly int[] Widths = [560, 375];
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "card-screenshots");

    private readonly AdaptiveCardRenderer _renderer = new(new ChartRenderer(), new TeamsOptions().MaxCardBytes);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string[] _scripts = [];

    public async Task InitializeAsync()
    {
        // Both are installed by .ci/run; without them this test fails (it is the only check of how cards look).
        var folder = RendererFolder();
        _scripts =
        [
            Path.Combine(folder, "node_modules", "adaptivecards", "dist", "adaptivecards.min.js"),
            Path.Combine(folder, "node_modules", "markdown-it", "dist", "markdown-it.min.js"),
            Path.Combine(folder, "harness.js"),
        ];
        foreach (var script in _scripts)
            Assert.True(File.Exists(script), $"{script} is missing: run `npm ci` in {folder} (.ci/run does) to install the Adaptive Cards renderer");
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (.ci/run does)");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>tests/AeBot.Tests/Teams/renderer, found from the test assembly's folder upwards.</summary>
    private static string RendererFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Teams", "renderer");
            if (File.Exists(Path.Combine(candidate, "package.json")))
                return candidate;
            candidate = Path.Combine(dir.FullName, "tests", "AeBot.Tests", "Teams", "renderer");
            if (File.Exists(Path.Combine(candidate, "package.json")))
                return candidate;
        }
        throw new InvalidOperationException($"tests/AeBot.Tests/Teams/renderer not found above {AppContext.BaseDirectory}");
    }

    [Theory]
    [MemberData(nameof(CardCatalogue.Cards), MemberType = typeof(CardCatalogue))]
    public async Task Every_button_is_reachable_and_sends_its_payload_and_no_text_is_cut(string name)
    {
        var pages = Pages(catalogue[name]);
        // Nothing the core sent is lost between the pages: every payload is on some card, as often as the core gave it.
        var expected = Payloads(catalogue[name]).Order().ToList();
        var carried = pages.SelectMany(p => ExecuteActions(p).Select(a => a["verb"]!.GetValue<string>())).Where(v => !v.StartsWith("page:test", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(expected, carried);

        var problems = new List<string>();
        for (var p = 0; p < pages.Count; p++)
            foreach (var width in Widths)
                problems.AddRange(await CheckAsync(name + (pages.Count > 1 ? $"-page{p + 1}" : ""), pages[p], width));
        Assert.True(problems.Count == 0, $"{name}:\n" + string.Join("\n", problems));
    }

    /// <summary>The reply as Teams gets it: card after card, each but the last with its "More" button.</summary>
    private List<JsonObject> Pages(Reply reply)
    {
        var pages = new List<JsonObject>();
        for (Reply? page = reply; page is not null && pages.Count < 20;)
        {
            var rendering = _renderer.Render(page, asCard: true);
            Assert.True(AdaptiveCardRenderer.Size(rendering.Card!) <= new TeamsOptions().MaxCardBytes, $"page {pages.Count + 1} is {AdaptiveCardRenderer.Size(rendering.Card!)} bytes");
            if (rendering.Rest is not null)
                AdaptiveCardRenderer.AddMore(rendering.Card!, "page:test" + pages.Count);
            output.WriteLine($"page {pages.Count + 1}: {AdaptiveCardRenderer.Size(rendering.Card!)} bytes, {ExecuteActions(rendering.Card!).Count()} buttons");
            pages.Add(rendering.Card!);
            page = rendering.Rest;
        }
        return pages;
    }

    private static IEnumerable<string> Payloads(Reply reply) => reply.Blocks.SelectMany(b => b switch
    {
        ActionsBlock a => a.Actions,
        ChoiceBlock c => c.Options,
        ItemListBlock l => l.Items.SelectMany(i => i.Actions),
        _ => [],
    }).Select(a => a.Payload);

    /// <summary>Every string in the card (its texts, titles, payloads).</summary>
    private static IEnumerable<string> Strings(JsonNode node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : Strings(p.Value)),
        JsonArray a => a.SelectMany(n => n is null ? [] : Strings(n)),
        _ => [],
    };

    private static IEnumerable<JsonObject> ExecuteActions(JsonNode node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "Action.Execute" => [o],
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : ExecuteActions(p.Value)),
        JsonArray a => a.SelectMany(n => n is null ? [] : ExecuteActions(n)),
        _ => [],
    };

    private async Task<List<string>> CheckAsync(string name, JsonObject card, int width)
    {
        var problems = new List<string>();
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 800 } });
        try
        {
            await page.SetContentAsync($"""
                <!doctype html><html><head><meta charset="utf-8"><style>{HostCss}</style></head>
                <body><div id="card"></div></body></html>
                """);
            foreach (var script in _scripts)
                await page.AddScriptTagAsync(new() { Path = script });
            var complaints = await CallAsync<string[]>(page, "renderCard(JSON.parse(arg))", card.ToJsonString());
            problems.AddRange(complaints.Select(c => $"{width}px: renderer says {c}"));
            await ShootAsync(page, $"{name}-{width}");

            var inventory = await CallAsync<Probe[]>(page, "inventory()");
            var executes = inventory.Where(a => a.Type is "Action.Execute" or "Action.Submit").ToList();
            var inCard = ExecuteActions(card).Select(a => a["verb"]!.GetValue<string>()).ToList();
            if (!executes.Select(e => e.Verb).Order().SequenceEqual(inCard.Order()))
                problems.Add($"{width}px: the renderer parsed {executes.Count} Universal Actions, the card has {inCard.Count}");

            // Reachable: every ToggleVisibility that reveals it (or ShowCard that holds it) is itself visible and pressable.
            // The folds first, those in sight before those inside other folds ("Show N more" hides itself once pressed),
            // then what reaches the bot.
            var depth = new Dictionary<int, int>();
            foreach (var action in inventory)
                depth[action.Index] = action.Rendered ? (await CallAsync<int[]?>(page, "revealSteps(arg)", action.Index))?.Length ?? 99 : 99;
            foreach (var action in inventory.OrderBy(a => a.Type is "Action.Execute" or "Action.Submit").ThenBy(a => depth[a.Index]))
            {
                var label = $"{width}px: \"{action.Title}\" ({action.Type}{(action.Verb is null ? "" : " " + action.Verb)})";
                if (!action.Rendered)
                {
                    problems.Add($"{label} is not drawn at all (past the host's maxActions?)");
                    continue;
                }
                var steps = await CallAsync<int[]?>(page, "revealSteps(arg)", action.Index);
                if (steps is null)
                {
                    problems.Add($"{label} is hidden and nothing on the card shows it");
                    continue;
                }
                foreach (var step in steps)
                    await page.Locator($"[data-probe='{step}']").ClickAsync(new() { Timeout = 5000 });
                var place = await CallAsync<Placement>(page, "placement(arg)", action.Index);
                if (place.Width < 1 || place.Height < 1)
                    problems.Add($"{label} has no size");
                if (!place.InsideCard || !place.InsideWindow)
                    problems.Add($"{label} is outside the card or the window");
                if (place.TitleCut)
                    problems.Add($"{label} shows its title cut off as \"{place.Text}\"");
                if (action.Type is not ("Action.Execute" or "Action.Submit"))
                    continue;
                // A real click: Playwright waits until the element is visible, stable and the one receiving the click.
                await page.Locator($"[data-probe='{action.Index}']").ClickAsync(new() { Timeout = 5000 });
                var sent = await CallAsync<Sent[]>(page, "executed.splice(0)");
                if (sent.Length != 1 || sent[0].Verb != action.Verb || sent[0].Data?.GetProperty("payload").GetString() != action.Verb || action.Payload != action.Verb)
                    problems.Add($"{label} sent {JsonSerializer.Serialize(sent)} instead of its payload as verb and data.payload");
            }

            // Fully open: every fold opened, then nothing may be cut off anywhere.
            for (var round = 0; round < 50; round++)
            {
                var closed = await CallAsync<int[]>(page, "closedRevealers()");
                if (closed.Length == 0)
                    break;
                await page.Locator($"[data-probe='{closed[0]}']").ClickAsync(new() { Timeout = 5000 });
            }
            problems.AddRange((await CallAsync<string[]>(page, "clippedText()")).Select(c => $"{width}px: {c}"));
            if (Strings(card).Any(ThaiScript.Contains))
                problems.AddRange((await ThaiProblemsAsync(page)).Select(c => $"{width}px: {c}"));
            await ShootAsync(page, $"{name}-{width}-open");
        }
        finally
        {
            await page.CloseAsync();
        }
        return problems;
    }

    /// <summary>
    /// Thai on the opened card: drawn by a Thai font (Teams' font stack names none, so this is the system's fallback —
    /// Debian's fonts-thai-tlwg here), every cluster with width, and no mark above or below a line cut off by the box it
    /// is in — the renderer clips each TextBlock to its lines, whose height is the host's, not the Thai font's.
    /// </summary>
    private async Task<List<string>> ThaiProblemsAsync(IPage page)
    {
        await ThaiRendering.LoadAsync(page);
        var problems = new List<string>();
        if (await ThaiRendering.CountAsync(page, "#card") == 0)
            problems.Add("the card has Thai, but none of it is shown");
        var (fonts, used) = await ThaiRendering.FontsAsync(page, "#card");
        output.WriteLine(string.Join("\n", used));
        problems.AddRange(fonts.Select(f => "Thai not drawn by a Thai font: " + f));
        problems.AddRange((await ThaiRendering.ZeroWidthAsync(page, "#card")).Select(z => "Thai drawn with no width: " + z));
        problems.AddRange(await ThaiRendering.CutAsync(page, "#card"));
        return problems;
    }

    /// <summary>Calls the harness (window.…) and reads its answer as JSON, the same way whatever the shape.</summary>
    private static async Task<T> CallAsync<T>(IPage page, string call, object? arg = null) =>
        JsonSerializer.Deserialize<T>(await page.EvaluateAsync<string>($"arg => JSON.stringify(window.{call})", arg), JsonSerializerOptions.Web)!;

    private async Task ShootAsync(IPage page, string file)
    {
        var path = Path.Combine(Screenshots, file + ".png");
        await page.Locator("#card").ScreenshotAsync(new() { Path = path });
        output.WriteLine("screenshot: " + path);
    }

    /// <summary>
    /// What Teams' chat styles add around the renderer's own: its button look (purple on white, 32 px high, a title
    /// cut with an ellipsis when it does not fit — the very thing the test looks for) and the hover of tappable rows.
    /// </summary>
    private const string HostCss = """
        html, body { margin: 0; background: #f5f5f5; }
        #card { background: #fff; }
        .ac-pushButton { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-family: 'Segoe UI', sans-serif; font-size: 14px;
          height: 32px; padding: 4px 10px 5px 10px; color: #6264A7; background: #fff; border: 2px solid #BFC0DA; border-radius: 4px; cursor: pointer; }
        .ac-pushButton.style-positive { color: #fff; background: #6264A7; border-color: #6264A7; }
        .ac-pushButton.style-destructive { color: #C4314B; border-color: #C4314B; }
        .ac-selectable { cursor: pointer; }
        .ac-container.ac-selectable:hover { background-color: rgba(0, 0, 0, 0.06) !important; }
        """;

    private sealed record Probe(int Index, string Type, string Title, string? Verb, string? Payload, bool Rendered);

    private sealed record Placement(double Width, double Height, bool InsideCard, bool InsideWindow, bool TitleCut, string Text);

    private sealed record Sent(string Type, string? Verb, JsonElement? Data);

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
