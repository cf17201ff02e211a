using System.Text.Json;
using AeBot.Tests;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AeBot.Tests.WebChat;

/// <summary>The real server and Debian's Chromium, shared by the layout tests (one demo company, a fresh page each test).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    private readonly AeBotApplication _app = new();
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
            return;
        _app.UseKestrel(0);
        _app.StartServer();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Skips where there is no Chromium, except in CI (CI=true), where its absence is a failure: .ci/run installs it.</summary>
    public static void RequireChromium()
    {
        if (File.Exists(Chromium))
            return;
        Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"{Chromium} is missing in CI; .ci/run installs Debian's chromium package");
        Skip.If(true, $"{Chromium} is not installed (CI installs Debian's chromium package)");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// The web chat at a desktop width and a phone's (375 px): the landing greeting and its questions, clickable help,
/// "More" appending rows, a table and a chart — and at every step no horizontal overflow and every header control in
/// view. Screenshots go to the test output folder (their paths are in the test log) for a person to look at.
/// </summary>
public sealed class WebChatLayoutTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string Marcus = "marcus.johnson@northwind.example";
    private const string Dana = "dana.reyes@northwind.example";

    [SkippableTheory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task The_landing_greets_with_example_questions_and_a_click_asks_one(int width)
    {
        var page = await OpenAsync(width, Dana);

        var examples = page.Locator(".turn.greeting .actions button");
        await examples.First.WaitForAsync();
        Assert.InRange(await examples.CountAsync(), 4, 6);
        Assert.StartsWith("Hi, Dana!", await page.Locator(".turn.greeting .text").InnerTextAsync());
        await AssertFitsAsync(page, "landing", width);

        var question = await examples.First.InnerTextAsync();
        await examples.First.ClickAsync();
        Assert.Equal(question, await page.Locator(".turn.user .bubble").First.InnerTextAsync());
        var answer = await AnswerAsync(page, 1);
        Assert.DoesNotContain("didn't understand", answer);
        await AssertFitsAsync(page, "landing-asked", width);

        // Choosing another person greets them instead, with a manager's questions.
        await page.SelectOptionAsync("#who", Marcus);
        await page.Locator(".turn.greeting .text", new() { HasTextString = "Marcus" }).WaitForAsync();
        Assert.Equal(0, await page.Locator(".turn.user").CountAsync());
        Assert.Contains("team", await page.Locator(".turn.greeting .actions").InnerTextAsync());
    }

    [SkippableTheory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task Help_examples_are_buttons_that_ask(int width)
    {
        var page = await OpenAsync(width, Dana);
        await AskAsync(page, "help");
        var help = page.Locator(".turn.bot").Nth(1);
        var stale = help.GetByRole(AriaRole.Button, new() { Name = "stale deals", Exact = true });
        await stale.WaitForAsync();
        await AssertFitsAsync(page, "help", width);

        await stale.ClickAsync();

        Assert.Equal("stale deals", await page.Locator(".turn.user .bubble").Nth(1).InnerTextAsync());
        Assert.Contains("no logged interaction", await AnswerAsync(page, 2));
    }

    [SkippableTheory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task More_appends_the_next_rows_to_the_same_table(int width)
    {
        var page = await OpenAsync(width, Marcus);
        await AskAsync(page, "team pipeline");
        var table = page.Locator(".turn.bot").Nth(1).Locator("table.data");
        await table.WaitForAsync();
        Assert.Equal(10, await table.Locator("tbody tr").CountAsync());
        var first = await table.Locator("tbody tr").AllInnerTextsAsync();

        await page.Locator(".turn.bot").Nth(1).Locator("button.action.more").ClickAsync();

        await page.WaitForFunctionAsync("() => document.querySelectorAll('.turn.bot')[1].querySelectorAll('table.data tbody tr').length === 20");
        var rows = await table.Locator("tbody tr").AllInnerTextsAsync();
        Assert.Equal(first, rows.Take(10));
        Assert.Equal(20, rows.Distinct().Count());
        Assert.Matches("Closing first — 20 of [0-9]+", await table.Locator("caption").InnerTextAsync());
        Assert.Equal(2, await page.Locator(".turn.bot").CountAsync());
        Assert.Equal(1, await page.Locator(".turn.bot").Nth(1).Locator("button.action.more").CountAsync());
        await AssertFitsAsync(page, "more", width);
    }

    [SkippableTheory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task A_table_and_a_chart_fit_the_screen(int width)
    {
        var page = await OpenAsync(width, Marcus);
        await AskAsync(page, "team rollup this quarter");
        var answer = page.Locator(".turn.bot").Nth(1);
        await answer.Locator("table.data").WaitForAsync();
        var chart = answer.Locator("figure.chart img");
        await chart.WaitForAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('figure.chart img')].every(i => i.complete && i.naturalWidth > 0)");
        // A phone gets the narrow picture, whose text is not shrunk to a blur.
        Assert.Equal(width < 640 ? Charts.ChartRenderer.NarrowWidth : 800, await chart.EvaluateAsync<int>("img => img.naturalWidth"));
        if (width < 640)
        {
            // Stacked rows: each cell a "label: value" line, the header row out of sight.
            Assert.Equal("flex", await answer.Locator("table.data td").First.EvaluateAsync<string>("td => getComputedStyle(td).display"));
            Assert.Equal("Rep", await answer.Locator("table.data td").First.EvaluateAsync<string>("td => getComputedStyle(td, '::before').content.replaceAll('\"', '')"));
        }
        await AssertFitsAsync(page, "table-chart", width);
    }

    private async Task<IPage> OpenAsync(int width, string who)
    {
        BrowserFixture.RequireChromium();
        var context = await browser.Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/");
        await page.WaitForSelectorAsync("#who option", new() { State = WaitForSelectorState.Attached });
        if (await page.InputValueAsync("#who") != who)
            await page.SelectOptionAsync("#who", who);
        await page.Locator(".turn.greeting .actions").WaitForAsync();
        return page;
    }

    private static async Task AskAsync(IPage page, string text)
    {
        await page.FillAsync("#text", text);
        await page.PressAsync("#text", "Enter");
    }

    /// <summary>The text of the n-th bot turn once it has arrived (the greeting is turn 0).</summary>
    private static async Task<string> AnswerAsync(IPage page, int n)
    {
        await page.WaitForFunctionAsync($"() => {{ const t = document.querySelectorAll('.turn.bot')[{n}]; return t && !t.querySelector('.pending'); }}");
        var bubble = page.Locator(".turn.bot").Nth(n);
        Assert.Equal(0, await bubble.Locator(".error").CountAsync());
        return await bubble.InnerTextAsync();
    }

    private Task AssertFitsAsync(IPage page, string name, int width) => AssertFitsAsync(page, name, width, output);

    /// <summary>Nothing wider than the window (the page, and any element inside a bubble), every header control in view; then a screenshot.</summary>
    internal static async Task AssertFitsAsync(IPage page, string name, int width, ITestOutputHelper output)
    {
        var layout = await page.EvaluateAsync<JsonElement>("""
            () => {
              const w = window.innerWidth;
              const out = e => { const r = e.getBoundingClientRect(); return r.width > 1 && (r.left < -0.5 || r.right > w + 0.5); };
              const header = ['header h1', 'header label', '#who', '#reset'].map(s => document.querySelector(s))
                .filter(e => { const r = e.getBoundingClientRect(); return r.width === 0 || r.left < 0 || r.right > w || r.top < 0 || r.bottom > window.innerHeight; })
                .map(e => e.id || e.tagName);
              const wide = [...document.querySelectorAll('main *, form *')].filter(out).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
              return { scrollWidth: document.scrollingElement.scrollWidth, width: w, header, wide };
            }
            """);
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"webchat-{name}-{width}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");

        Assert.True(layout.GetProperty("scrollWidth").GetInt32() <= layout.GetProperty("width").GetInt32(), $"{name} at {width}px scrolls sideways: {layout}");
        Assert.True(layout.GetProperty("header").GetArrayLength() == 0, $"{name} at {width}px: header controls out of view: {layout}");
        Assert.True(layout.GetProperty("wide").GetArrayLength() == 0, $"{name} at {width}px: elements past the right edge: {layout}");
    }
}
