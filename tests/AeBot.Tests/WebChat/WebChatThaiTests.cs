using AeBot.Data.Storage;
using AeBot.Tests.Thai;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AeBot.Tests.WebChat;

/// <summary>The real server over the demo company plus a customer named in Thai (<see cref="ThaiCustomer"/>), and Debian's Chromium.</summary>
public sealed class ThaiBrowserFixture : IAsyncLifetime
{
    private readonly AeBotApplication _app = new();
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFixture.Chromium))
            return;
        _app.UseKestrel(0);
        _app.StartServer();
        // Through the app's own DbContext, before anyone asks (names are indexed on the first question).
        await using (var scope = _app.Services.CreateAsyncScope())
            await ThaiCustomer.SeedAsync(scope.ServiceProvider.GetRequiredService<AeBotDbContext>());
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
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
/// A Thai rep's web chat at a desktop width and a phone's (375 px): questions typed in Thai, shown back in the user's
/// bubble, and a brief of a customer whose names, deals, contacts and notes are all Thai. Every Thai character is drawn
/// by a Thai font (which font Chromium used is asked of Chromium), has width, and keeps its marks; nothing scrolls
/// sideways. Screenshots go to screenshots/ beside the test assembly.
/// </summary>
public sealed class WebChatThaiTests(ThaiBrowserFixture fixture, ITestOutputHelper output) : IClassFixture<ThaiBrowserFixture>
{
    private const string PipelineQuestion = "pipeline เดือนนี้มีเท่าไหร่";
    private static readonly string BriefQuestion = "สรุปข้อมูลลูกค้า " + ThaiCustomer.Account;

    [SkippableTheory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task A_thai_rep_asks_in_thai_and_reads_a_thai_customers_brief_in_a_thai_font_that_fits_the_screen(int width)
    {
        BrowserFixture.RequireChromium();
        ThaiRendering.RequireThaiFont();
        var page = await OpenAsync(width);

        await AskAsync(page, PipelineQuestion);
        var pipeline = await AnswerAsync(page, 1);
        output.WriteLine(pipeline);
        Assert.Equal(PipelineQuestion, await page.Locator(".turn.user .bubble").Nth(0).InnerTextAsync());
        Assert.DoesNotContain("ไม่เข้าใจ", pipeline);
        // Asked in Thai, answered in Thai: the month named in Thai with its Buddhist-era year.
        Assert.Contains("พฤศจิกายน 2569", pipeline);

        await AskAsync(page, BriefQuestion);
        var brief = await AnswerAsync(page, 2);
        Assert.Equal(BriefQuestion, await page.Locator(".turn.user .bubble").Nth(1).InnerTextAsync());
        Assert.Contains(ThaiCustomer.Account, brief);
        Assert.Contains(ThaiCustomer.Contact, brief);
        Assert.All(ThaiCustomer.Deals, deal => Assert.Contains(deal, brief));
        Assert.Contains(ThaiCustomer.CallNote, brief);
        Assert.Contains(ThaiCustomer.FollowUp, brief);

        await WebChatLayoutTests.AssertFitsAsync(page, "thai-brief", width, output);
        await AssertDrawnAsThaiAsync(page, "main");
    }

    [SkippableFact]
    public async Task More_under_a_thai_list_appends_its_rows_and_the_title_counts_them_in_thai()
    {
        BrowserFixture.RequireChromium();
        var page = await OpenAsync(1280, "marcus.johnson@northwind.example");
        await AskAsync(page, "ไปป์ไลน์ของทีม");
        var table = page.Locator(".turn.bot").Nth(1).Locator("table.data");
        await table.WaitForAsync();
        var first = await table.Locator("caption").InnerTextAsync();
        output.WriteLine(first);
        var total = System.Text.RegularExpressions.Regex.Match(first, " — 10 จาก ([0-9,]+)$");
        Assert.True(total.Success, $"the first page's title does not end in its Thai count: {first}");

        await page.Locator(".turn.bot").Nth(1).Locator("button.action.more").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.turn.bot')[1].querySelectorAll('table.data tbody tr').length === 20");

        // As the first page would have read with twenty rows: "… — 20 จาก N", not the page's own "11–20 จาก N".
        Assert.Equal(first[..^total.Length] + " — 20 จาก " + total.Groups[1].Value, await table.Locator("caption").InnerTextAsync());
    }

    [SkippableFact]
    public async Task The_pages_font_stack_names_thai_families_after_the_latin_ones()
    {
        BrowserFixture.RequireChromium();
        var page = await OpenAsync(1280);

        var families = (await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily")).Split(',').Select(f => f.Trim().Trim('"', '\'')).ToList();

        var firstThai = families.FindIndex(f => ThaiRendering.ThaiFamilies.Contains(f) || f is "Leelawadee UI" or "Leelawadee" or "Thonburi" or "Tahoma");
        Assert.True(firstThai > 0, $"no Thai-capable family in the web chat's font stack: {string.Join(", ", families)}");
        Assert.True(families.IndexOf("Segoe UI") < firstThai && families.IndexOf("Roboto") < firstThai, "Latin text should keep its own face: Thai families come after the Latin ones");
        Assert.Contains(families.Skip(firstThai), f => ThaiRendering.ThaiFamilies.Contains(f)); // one that a Debian machine (and CI) has
        Assert.Equal("sans-serif", families[^1]);
    }

    /// <summary>Every Thai cluster in the selector is drawn by a Thai font, has width and is not cut off.</summary>
    private async Task AssertDrawnAsThaiAsync(IPage page, string selector)
    {
        await ThaiRendering.LoadAsync(page);
        var clusters = await ThaiRendering.CountAsync(page, selector);
        Assert.True(clusters > 200, $"only {clusters} Thai clusters on the page: the Thai data did not reach it");

        var (fontProblems, fonts) = await ThaiRendering.FontsAsync(page, selector);
        foreach (var line in fonts)
            output.WriteLine(line);
        Assert.True(fontProblems.Count == 0, "Thai not drawn by a Thai font (boxes instead of letters):\n" + string.Join("\n", fontProblems));
        var zero = await ThaiRendering.ZeroWidthAsync(page, selector);
        Assert.True(zero.Length == 0, "Thai drawn with no width:\n" + string.Join("\n", zero));
        var cut = await ThaiRendering.CutAsync(page, selector);
        Assert.True(cut.Length == 0, "Thai cut off:\n" + string.Join("\n", cut));
    }

    private async Task<IPage> OpenAsync(int width, string who = ThaiCustomer.Owner)
    {
        var context = await fixture.Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/");
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
}
