using AeBot.Core.Accounts;
using AeBot.Core.Contracts;
using AeBot.Core.Interactions;
using AeBot.Core.Opportunities;
using AeBot.Core.Organization;
using AeBot.Data.Storage;
using AeBot.Tests.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AeBot.Tests.Nudges;

/// <summary>
/// The demo company plus one new rep, Tess (New York, reporting to Marcus Johnson), whose account, contracts, deals
/// and follow-ups are laid out so that on Monday 30 Nov 2026 each unscheduled rule has exactly one thing to say to
/// her — and hosts whose clocks stand at chosen instants over that one database.
/// </summary>
public sealed class NudgeWorld : IAsyncDisposable
{
    public const string TessEmail = "tess.tester@northwind.example";
    public const string AccountName = "Zenith Test Co";
    public static readonly DateTimeOffset Saturday = ConversationFixture.Now; // Sat 28 Nov 2026, 14:00Z
    public static readonly DateOnly Monday = new(2026, 11, 30);
    public static DateTimeOffset MondayAt(int hourUtc, int minute = 0) => new(2026, 11, 30, hourUtc, minute, 0, TimeSpan.Zero);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-nudge-rules-");
    private readonly List<IHost> _hosts = [];
    private readonly Dictionary<string, string?> _settings;

    public long Tess { get; private set; }
    public long Marcus { get; private set; }
    public long Grace { get; private set; }
    public long Account { get; private set; }
    public long RenewalIn90 { get; private set; }
    public long RenewalIn20 { get; private set; }
    public long DueToday { get; private set; }
    public long Overdue { get; private set; }
    public long StaleNegotiation { get; private set; }
    public long PastClose { get; private set; }
    public long Slipped { get; private set; }

    private NudgeWorld(Dictionary<string, string?>? settings) =>
        _settings = new Dictionary<string, string?>(settings ?? []) { ["Storage:SqlitePath"] = Path.Combine(_directory.FullName, "aebot.db"), ["Nudges:StaleDaysByStage:negotiation"] = "7" };

    public static async Task<NudgeWorld> CreateAsync(Dictionary<string, string?>? settings = null)
    {
        var world = new NudgeWorld(settings);
        var host = await world.HostAtAsync(Saturday, seed: true);
        await using var scope = host.Services.CreateAsyncScope();
        await world.BuildAsync(scope.ServiceProvider.GetRequiredService<AeBotDbContext>());
        return world;
    }

    public async Task<IHost> HostAtAsync(DateTimeOffset clock, bool seed = false)
    {
        var settings = new Dictionary<string, string?>(_settings) { ["Clock:Now"] = clock.ToString("O"), ["Demo:Seed"] = seed ? "true" : "false" };
        var host = await TestHosts.StartAsync(settings, seedDemo: seed);
        _hosts.Add(host);
        return host;
    }

    public static async Task<T> WithAsync<T>(IHost host, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private async Task BuildAsync(AeBotDbContext db)
    {
        var marcus = await db.Reps.SingleAsync(r => r.Name == "Marcus Johnson");
        var grace = await db.Reps.SingleAsync(r => r.Name == "Grace Murphy"); // account manager, Chicago
        var created = new DateTimeOffset(2026, 11, 1, 15, 0, 0, TimeSpan.Zero);
        var tess = new Rep { Name = "Tess Tester", Email = TessEmail, Role = RepRole.Rep, TimeZoneId = "America/New_York", ManagerId = marcus.Id, TeamId = marcus.TeamId, CreatedAt = created };
        db.Reps.Add(tess);
        await db.SaveChangesAsync();
        tess.HierarchyPath = marcus.HierarchyPath + tess.Id + "/";
        var account = new Account { Name = AccountName, NormalizedName = NameNormalizer.Normalize(AccountName), OwnerId = tess.Id, AccountManagerId = grace.Id, CreatedAt = created };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();

        Contract Contract(DateOnly end) => new() { AccountId = account.Id, StartDate = end.AddYears(-1).AddDays(1), EndDate = end, AnnualValue = 48_000m, Currency = "USD" };
        var in90 = Contract(Monday.AddDays(90)); // the 90-day milestone falls on Monday
        var in20 = Contract(Monday.AddDays(20)); // inside 30 days, nobody has talked to the customer: escalate
        db.Contracts.AddRange(in90, in20);

        Opportunity Deal(string name, string stage, DateOnly close, DateTimeOffset lastEngaged) => new()
        {
            Name = name, AccountId = account.Id, OwnerId = tess.Id, Amount = 25_000m, Currency = "USD", Stage = stage, StageCategory = StageCategory.Open,
            Probability = 50, CloseDate = close, CreatedAt = created, UpdatedAt = created, LastEngagedAt = lastEngaged,
        };
        var recent = new DateTimeOffset(2026, 11, 27, 16, 0, 0, TimeSpan.Zero);
        var stale = Deal("Zenith – Negotiation stalled", "Negotiation", new DateOnly(2026, 12, 31), new DateTimeOffset(2026, 11, 22, 15, 0, 0, TimeSpan.Zero)); // 7 days for Negotiation: stale from Sun 29 Nov
        var pastClose = Deal("Zenith – Past close", "Proposal", new DateOnly(2026, 11, 29), recent);
        var slipped = Deal("Zenith – Slipping", "Discovery", new DateOnly(2027, 4, 30), recent);
        slipped.History =
        [
            new OpportunityHistory { ChangedAt = created, Stage = "Discovery", CloseDate = new DateOnly(2027, 3, 3) },
            new OpportunityHistory { ChangedAt = new DateTimeOffset(2026, 11, 10, 15, 0, 0, TimeSpan.Zero), Stage = "Discovery", CloseDate = new DateOnly(2027, 3, 31) },
            new OpportunityHistory { ChangedAt = new DateTimeOffset(2026, 11, 29, 20, 0, 0, TimeSpan.Zero), Stage = "Discovery", CloseDate = new DateOnly(2027, 4, 30) },
        ];
        db.Opportunities.AddRange(stale, pastClose, slipped);
        FollowUpTask Task(string title, DateOnly due) => new() { RepId = tess.Id, AccountId = account.Id, Title = title, DueDate = due, Status = FollowUpStatus.Open, CreatedAt = created };
        var dueToday = Task("Send the security pack", Monday);
        var overdue = Task("Call back about pricing", Monday.AddDays(-3)); // Fri 27 Nov: overdue since Saturday
        db.FollowUpTasks.AddRange(dueToday, overdue);
        await db.SaveChangesAsync();

        (Tess, Marcus, Grace, Account) = (tess.Id, marcus.Id, grace.Id, account.Id);
        (RenewalIn90, RenewalIn20, DueToday, Overdue) = (in90.Id, in20.Id, dueToday.Id, overdue.Id);
        (StaleNegotiation, PastClose, Slipped) = (stale.Id, pastClose.Id, slipped.Id);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
            host.Dispose();
        await Task.Yield();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestDirectory.Delete(_directory);
    }
}
