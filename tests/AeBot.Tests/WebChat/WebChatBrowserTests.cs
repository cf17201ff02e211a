using AeBot.Tests;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AeBot.Tests.WebChat;

/// <summary>
/// The web chat in a real browser: Debian's Chromium (installed by .ci/run; never a downloaded browser) driven by
/// Playwright against the real server on Kestrel, loopback only.
/// </summary>
public sealed class WebChatBrowserTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly AeBotApplication _app = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
            return;
        _app.UseKestrel(0);
        _app.StartServer();
        _baseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Root in CI, and a closed network: no sandbox, no background calls home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    [SkippableFact]
    public async Task A_manager_asks_clicks_a_button_and_sees_table_chart_and_choices()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed (CI installs Debian's chromium package)");
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        await page.GotoAsync(_baseUrl + "/");

        await page.WaitForSelectorAsync("#who option", new() { State = WaitForSelectorState.Attached });
        await page.SelectOptionAsync("#who", "marcus.johnson@northwind.example");
        await page.FillAsync("#text", "team rollup this quarter");
        await page.PressAsync("#text", "Enter");

        var table = page.Locator(".turn.bot table.data").First;
        await table.WaitForAsync();
        Assert.Contains("Dana Reyes", await table.InnerTextAsync());
        var chart = page.Locator(".turn.bot figure.chart img").First;
        await chart.WaitForAsync();
        Assert.True(await chart.EvaluateAsync<int>("img => img.naturalWidth") > 100, "the chart image did not load");

        // A button sends its payload: the next answer appears below (turn 0 is the landing greeting).
        await page.GetByRole(AriaRole.Button, new() { Name = "Who is behind?" }).ClickAsync();
        await page.Locator(".turn.bot").Nth(2).Locator(".text").WaitForAsync();
        Assert.Matches("behind|on pace", await page.Locator(".turn.bot").Nth(2).InnerTextAsync());

        // Disambiguation: choices are buttons, and picking one answers for that account.
        await page.SelectOptionAsync("#who", "alex.morgan@northwind.example");
        await page.FillAsync("#text", "pipeline for Sterling");
        await page.PressAsync("#text", "Enter");
        var choice = page.Locator(".turn.bot .choice button").First;
        await choice.WaitForAsync();
        var picked = await choice.InnerTextAsync();
        await choice.ClickAsync();
        var context = page.Locator(".turn.bot").Nth(2).Locator(".context");
        await context.WaitForAsync();
        Assert.Contains($"account: {picked}", await context.InnerTextAsync());

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "webchat.png"), FullPage = true });
    }

    [SkippableFact]
    public async Task Markup_in_data_is_shown_as_text_never_run()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed");
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(_baseUrl + "/");
        await page.WaitForSelectorAsync("#who option", new() { State = WaitForSelectorState.Attached });
        await page.FillAsync("#text", "<img src=x onerror=\"document.title='pwned'\">");
        await page.PressAsync("#text", "Enter");
        await page.Locator(".turn.bot").Nth(1).Locator(".text").WaitForAsync();
        Assert.NotEqual("pwned", await page.TitleAsync());
        Assert.Equal(0, await page.Locator("main img[src='x']").CountAsync());
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        await _app.DisposeAsync();
    }
}
