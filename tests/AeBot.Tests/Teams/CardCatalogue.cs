using AeBot.Core.Conversation;
using AeBot.Core.Nudges;
using AeBot.Core.Organization;
using AeBot.Data.Storage;
using AeBot.Tests.Conversation;
using AeBot.Tests.Thai;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AeBot.Tests.Teams;

/// <summary>
/// Every kind of reply a channel has to draw: one of each block the core has, and the real replies of the demo company
/// that users see most (a choice between deals sharing a name, "my day" for a rep and a manager, pipeline, forecast,
/// brief, a nudge, the daily and weekly digests), and the same for a customer whose names are all in Thai script
/// (<see cref="ThaiCustomer"/>: its brief, asked in Thai, and the choice between its Thai-named deals that logging a call with it asks). The Teams browser
/// test and the Slack limits test both go over it.
/// </summary>
public sealed class CardCatalogue : IAsyncLifetime
{
    private const string Dana = "dana.reyes@northwind.example";
    private const string Marcus = "marcus.johnson@northwind.example";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-cards-");
    private readonly Dictionary<string, Reply> _replies = [];
    private IHost? _host;

    public static readonly IReadOnlyList<string> Names =
    [
        "text", "facts", "table", "list", "actions", "choice", "chart", "context",
        "choice-cobalt", "my-day-rep", "my-day-manager", "pipeline", "forecast", "brief", "nudge", "daily-digest", "weekly-digest",
        "brief-thai", "choice-thai", "facts-thai", "actions-thai",
    ];

    public static TheoryData<string> Cards => [.. Names];

    public Reply this[string name] => _replies[name];

    public async Task InitializeAsync()
    {
        _host = await TestHosts.StartAsync(new()
        {
            ["Storage:SqlitePath"] = Path.Combine(_directory.FullName, "aebot.db"),
            ["Clock:Now"] = ConversationFixture.Now.ToString("O"),
            ["Demo:Seed"] = "true",
        }, seedDemo: true);
        await WithAsync(sp => ThaiCustomer.SeedAsync(sp.GetRequiredService<AeBotDbContext>()));
        foreach (var (name, reply) in Kinds())
            _replies[name] = reply;
        _replies["choice-cobalt"] = await AskAsync(Dana, "log a call with Cobalt Insurance");
        _replies["my-day-rep"] = await AskAsync(Dana, "my day");
        _replies["my-day-manager"] = await AskAsync(Marcus, "my day");
        _replies["pipeline"] = await AskAsync(Dana, "my pipeline by stage");
        _replies["forecast"] = await AskAsync(Marcus, "team forecast this quarter");
        _replies["brief"] = await AskAsync(Dana, "brief me on Cobalt Insurance");
        _replies["nudge"] = await NudgeAsync();
        _replies["daily-digest"] = await DailyDigestAsync();
        _replies["weekly-digest"] = await WeeklyDigestAsync();
        _replies["brief-thai"] = await AskAsync(Dana, "สรุปข้อมูลลูกค้า " + ThaiCustomer.Account);
        _replies["choice-thai"] = await ThaiDealChoiceAsync();

        // The demo must still give what these entries stand for, or the tests over them prove less than they say.
        Assert.Contains(_replies["choice-cobalt"].Blocks, b => b is ChoiceBlock c && c.Options.Count(o => o.Label.StartsWith("Cobalt Insurance – ", StringComparison.Ordinal)) >= 3);
        Assert.True(_replies["my-day-rep"].Blocks.OfType<ItemListBlock>().Sum(l => l.Items.Sum(i => i.Actions.Count)) >= 30, "Dana's day should be a long list with many buttons");
        Assert.Contains(_replies["pipeline"].Blocks, b => b is ChartBlock);
        Assert.Contains(_replies["forecast"].Blocks, b => b is TableBlock);
        Assert.Contains(_replies["brief"].Blocks, b => b is TableBlock { Columns.Count: >= 5 });
        Assert.True(_replies["nudge"].Blocks.OfType<ActionsBlock>().Single().Actions.Count >= 5, "the nudge should be one with all its buttons");
        Assert.StartsWith("สรุปลูกค้า: " + ThaiCustomer.Account, _replies["brief-thai"].Summary); // asked in Thai, briefed in Thai
        Assert.Contains(_replies["brief-thai"].Blocks, b => b is ItemListBlock l && l.Items.Any(i => i.Title.Contains(ThaiCustomer.CallNote, StringComparison.Ordinal)));
        Assert.True(_replies["choice-thai"].Blocks.OfType<ChoiceBlock>().Single().Options.Count(o => ThaiCustomer.Deals.Any(d => o.Label.StartsWith(d, StringComparison.Ordinal))) == ThaiCustomer.Deals.Length,
            "the Thai choice should offer each of the customer's Thai-named deals");
    }

    private async Task<Reply> AskAsync(string email, string text) =>
        await TestHosts.AskAsync(_host!.Services, email, text, "cards-" + Guid.NewGuid().ToString("N"));

    /// <summary>"log a call", then the Thai account's name typed at "Which account?": the choice between its Thai-named deals.</summary>
    private async Task<Reply> ThaiDealChoiceAsync()
    {
        var conversation = "cards-" + Guid.NewGuid().ToString("N");
        await TestHosts.AskAsync(_host!.Services, Dana, "log a call", conversation);
        return await TestHosts.AskAsync(_host!.Services, Dana, ThaiCustomer.Account, conversation);
    }

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _host!.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<Rep> RepAsync(string email) =>
        WithAsync(async sp => await sp.GetRequiredService<IRepDirectory>().FindAsync(email, default) ?? throw new InvalidOperationException(email));

    /// <summary>A deal nudge (the one with most buttons: Done, two snoozes, Log, Push date, Open deal), as the scan plans it.</summary>
    private async Task<Reply> NudgeAsync()
    {
        var plan = await WithAsync(sp => sp.GetRequiredService<UnscheduledNudges>().PlanAsync(default));
        var nudge = plan.Nudges.OrderByDescending(p => NudgeCards.Actions(p.Content).Count).ThenByDescending(p => p.Content.Title.Length).First();
        return UnscheduledNudges.Render(nudge);
    }

    /// <summary>Dana's daily digest as it is stored for delivery.</summary>
    private async Task<Reply> DailyDigestAsync()
    {
        var dana = await RepAsync(Dana);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(ConversationFixture.Now, TimeZoneInfo.FindSystemTimeZoneById(dana.TimeZoneId)).DateTime);
        Assert.Equal(DigestOutcome.Sent, await WithAsync(sp => sp.GetRequiredService<DailyDigests>().SendAsync(dana.Id, today, default)));
        var row = await WithAsync(sp => sp.GetRequiredService<AeBotDbContext>().Outbox.SingleAsync(o => o.ToRepId == dana.Id && o.Reason == DailyDigests.Rule));
        return ReplySerializer.Deserialize(row.Body)!;
    }

    /// <summary>Marcus's weekly team digest.</summary>
    private async Task<Reply> WeeklyDigestAsync()
    {
        var marcus = await RepAsync(Marcus);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(ConversationFixture.Now, TimeZoneInfo.FindSystemTimeZoneById(marcus.TimeZoneId)).DateTime);
        var (outcome, _, reply) = await WithAsync(sp => sp.GetRequiredService<WeeklyDigests>().PreviewAsync(marcus.Id, today, default));
        Assert.True(reply is not null, $"no weekly digest for Marcus ({outcome})");
        return reply!;
    }

    /// <summary>One of each block, with the lengths real data has (long names, many buttons).</summary>
    private static IEnumerable<(string Name, Reply Reply)> Kinds()
    {
        yield return ("text", new Reply([new TextBlock("You have **3 deals** closing this week, worth **$212,400**:\n- Cobalt Insurance – GTX Pro · $114K · closes Dec 4\n- Northwind Traders – Onboarding Services expansion · $62.1K\n- Globex – Security Suite renewal · $36.3K\nAsk me about any of them, e.g. `brief me on Globex`.")]) { Summary = "3 deals close this week" });
        yield return ("facts", new Reply([new FactsBlock(
        [
            new Fact("Deal", "Cobalt Insurance – Onboarding Services expansion"),
            new Fact("Owner", "Dana Reyes"),
            new Fact("Amount", "$34,400 (USD)"),
            new Fact("Stage", "Discovery → Proposal"),
            new Fact("Close date", "Mar 31, 2027 (moved from Dec 19, 2026)"),
            new Fact("Next step", "Intro to CFO and security questionnaire before the steering committee on Dec 16"),
        ])]) { Summary = "Deal updated" });
        yield return ("table", new Reply([new TableBlock("Biggest open deals",
            ["Deal", "Owner", "Stage", "Amount", "Close"],
            [
                ["Cobalt Insurance – Onboarding Services expansion", "Dana Reyes", "Negotiation", "$412,500", "Dec 4"],
                ["Northwind Traders – GTX Pro", "Priya Patel", "Proposal", "$1,114,000", "Dec 14"],
                ["Globex Corporation – Security Suite renewal", "Sofia Rossi", "Qualification", "$95,700", "May 18, 2027"],
                ["Initech – Data Platform", "Lee Chen", "Discovery", "$34,400", "Mar 31, 2027"],
            ],
            [false, false, false, true, false]), new ContextBlock("Your team's open deals · amounts in USD · as of Nov 28, 2026 09:00 EST")]) { Summary = "Biggest open deals" });
        yield return ("list", new Reply([new ItemListBlock("Follow-ups due", Enumerable.Range(1, 7).Select(i => new ListItem(
            $"Send the security questionnaire to Priya Becker ({i})", $"Cobalt Insurance · Cobalt Insurance – GTX Pro · due Dec {i}",
            [new ReplyAction("Done", $"act:fu.done:{i}", ActionStyle.Primary), new ReplyAction("Snooze", $"act:fu.snooze:{i}"), new ReplyAction("Log", "ask:log a call with Cobalt Insurance")])).ToList())]) { Summary = "7 follow-ups" });
        yield return ("actions", new Reply([new TextBlock("What next?"), new ActionsBlock(
        [
            new ReplyAction("Team forecast", "ask:team forecast", ActionStyle.Primary), new ReplyAction("Who is behind?", "ask:who is behind?"), new ReplyAction("Slipped deals", "ask:slipped deals"),
            new ReplyAction("Team pipeline by rep", "ask:team pipeline by rep"), new ReplyAction("Renewals next 90 days", "ask:renewals next 90 days"), new ReplyAction("Biggest deals", "ask:biggest deals"),
            new ReplyAction("Nudge settings", "ask:nudge settings"), new ReplyAction("Brief me on Cobalt Insurance Holdings International", "ask:brief me on Cobalt Insurance Holdings International"),
            new ReplyAction("Undo", "act:undo", ActionStyle.Danger),
        ])]) { Summary = "What next?" });
        yield return ("choice", new Reply([new ChoiceBlock("Which account do you mean by \"cobalt\"?",
        [
            new ReplyAction("Cobalt Foods D", "ask:brief me on Cobalt Foods D"), new ReplyAction("Cobalt Insurance", "ask:brief me on Cobalt Insurance"),
            new ReplyAction("Cobalt Pharma B", "ask:brief me on Cobalt Pharma B"), new ReplyAction("Cobalt Retail C", "ask:brief me on Cobalt Retail C"),
            new ReplyAction("Cobalt Retail Holdings International (Europe, Middle East and Africa)", "ask:brief me on Cobalt Retail Holdings International"),
        ])]) { Summary = "Which account?" });
        yield return ("facts-thai", new Reply([new FactsBlock(
        [
            new Fact("Deal", ThaiCustomer.Deals[1]),
            new Fact("Account", ThaiCustomer.Account),
            new Fact("Stage", "Proposal → Negotiation"),
            new Fact("Next step", "ส่งใบเสนอราคาใหม่ที่ผู้บริหารเห็นชอบแล้ว ภายในวันศุกร์ที่สี่ธันวาคม"),
        ])]) { Summary = "Deal updated" });
        yield return ("actions-thai", new Reply([new TextBlock("What next?"), new ActionsBlock(
        [
            new ReplyAction("ที่ผ่านมา", "ask:deals last month"), new ReplyAction("ผู้ติดต่อ", "ask:contacts"),
            new ReplyAction("Brief me on " + ThaiCustomer.Account, "ask:brief me on " + ThaiCustomer.Account),
        ])]) { Summary = "What next?" });
        yield return ("chart", new Reply([new ChartBlock("Won vs quota this quarter", ChartKind.Bar, ["Dana Reyes", "Lee Chen", "Priya Patel", "Sofia Rossi"],
            [new ChartSeries("Won", [412_000m, 290_500m, 515_250m, 120_000m]), new ChartSeries("Quota", [450_000m, 450_000m, 450_000m, 450_000m])], "USD")]) { Summary = "Won vs quota" });
        yield return ("context", new Reply([new TextBlock("Won this quarter: **$1,189,800** across 23 deals."), new ContextBlock(
            "Your team's won deals · Oct 1, 2026 – Dec 31, 2026 · amounts in USD, converted at the rates of the close date · counted by close date, not by booking · as of Nov 28, 2026 09:00 EST — read as: won deals · your team · this quarter (Q4 2026) · amount")]) { Summary = "Won this quarter" });
    }

    public Task DisposeAsync()
    {
        _host?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestDirectory.Delete(_directory);
        return Task.CompletedTask;
    }
}
