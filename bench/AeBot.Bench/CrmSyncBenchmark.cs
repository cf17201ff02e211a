using System.Diagnostics;
using System.Globalization;
using AeBot.Crm.Fakes.HubSpot;
using AeBot.Crm.Sources;
using AeBot.Crm.Sync;
using AeBot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AeBot.Bench;

/// <summary>
/// A full CRM sync of D deals, D/5 companies and D/2 contacts (with 50 owners) from the fake HubSpot over real HTTP
/// into a fresh SQLite database, then an incremental sync of 1,000 changed deals — each beside a baseline in the same
/// run that reads the same pages with the same client and writes nothing (what the HTTP and JSON cost on their own).
/// Reports time, requests made and the peak managed heap; the same at a tenth of the size shows whether memory stays
/// flat. HubSpot's pacing is lifted (the fake has no limits here): the request count says what the real limits cost.
/// </summary>
public static class CrmSyncBenchmark
{
    public static async Task<int> RunAsync(int deals)
    {
        Console.WriteLine($"CRM sync benchmark (HubSpot fake over loopback HTTP, SQLite): {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var small = await RunOnceAsync(deals / 10, changes: 100);
        var large = await RunOnceAsync(deals, changes: 1_000);
        Console.WriteLine($"  live managed heap growth during the full sync (sampled after full collections; the fake's records excluded): {Mib(small.FullHeap)} at {deals / 10:N0} deals, {Mib(large.FullHeap)} at {deals:N0} deals");
        return 0;
    }

    private sealed record Result(long FullHeap);

    private static async Task<Result> RunOnceAsync(int deals, int changes)
    {
        int companies = deals / 5, contacts = deals / 2;
        await using var fake = await FakeHubSpot.StartAsync();
        var seed = Stopwatch.StartNew();
        var owners = Enumerable.Range(1, 50).Select(i => fake.AddOwner("Rep", $"Number {i}", $"rep{i}@bench.example", team: i % 2 == 0 ? "East" : "West")).ToList();
        var companyIds = new List<string>(companies);
        for (var i = 0; i < companies; i++)
            companyIds.Add(fake.AddCompany($"Company {i:D6}", new Dictionary<string, string?> { ["hubspot_owner_id"] = owners[i % owners.Count] }));
        for (var i = 0; i < contacts; i++)
            fake.AddContact("Contact", $"{i:D6}", $"contact{i}@customer{i % companies}.example", companyIds[i % companies]);
        string[] stages = ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent", "closedwon", "closedlost"];
        var dealIds = new List<string>(deals);
        for (var i = 0; i < deals; i++)
        {
            dealIds.Add(fake.AddDeal($"Deal {i:D6}", 1_000m + i % 97 * 500m, stages[i % stages.Length], companyIds[i % companies], owners[i % owners.Count],
                new DateOnly(2025, 1, 1).AddDays(i % 400)));
        }
        // Seeded well before the first sync: otherwise the next run's overlap (Crm:OverlapSeconds) reads it all again.
        fake.Advance(TimeSpan.FromMinutes(10));
        Console.WriteLine($"  {deals:N0} deals, {companies:N0} companies, {contacts:N0} contacts, 50 owners (seeded in {seed.Elapsed.TotalSeconds:N1} s)");

        var work = Directory.CreateTempSubdirectory("aebot-crm-bench-");
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:SqlitePath"] = Path.Combine(work.FullName, "aebot.db"),
                ["Crm:Provider"] = "HubSpot", ["Crm:HubSpot:AccessToken"] = fake.Token, ["Crm:HubSpot:BaseUrl"] = fake.BaseUrl,
                ["Crm:HubSpot:RequestsPer10Seconds"] = "1000", ["Crm:HubSpot:SearchRequestsPerSecond"] = "100",
                ["Scheduling:Enabled"] = "false",
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddAeBotServices();
            using var host = builder.Build();
            await host.Services.InitializeDatabaseAsync(seedDemo: false);
            // The HubSpot client is one per scope (a sync run's), as the app resolves it.
            await using var scope = host.Services.CreateAsyncScope();
            var source = scope.ServiceProvider.GetRequiredService<ICrmSource>();

            // Baseline: the same reads, nothing written.
            var baselineRequests = source.Usage.Requests;
            var baseline = Stopwatch.StartNew();
            var until = fake.Now.AddMinutes(1);
            var read = 0;
            await foreach (var page in source.ReadCompaniesAsync(new CrmWindow(null, until), default))
                read += page.Records.Count;
            await foreach (var page in source.ReadContactsAsync(new CrmWindow(null, until), default))
                read += page.Records.Count;
            await foreach (var page in source.ReadDealsAsync(new CrmWindow(null, until), default))
                read += page.Records.Count;
            baseline.Stop();
            baselineRequests = source.Usage.Requests - baselineRequests;

            var (full, fullTime, fullHeap) = await SyncAsync(host, full: true);
            Console.WriteLine($"    baseline: read {read:N0} records, nothing written   {baseline.Elapsed.TotalSeconds,6:N1} s  {baselineRequests,6:N0} requests");
            Console.WriteLine($"    full sync                                       {fullTime.TotalSeconds,6:N1} s  {full.Requests,6:N0} requests  "
                + $"({(double)full.Requests / (deals + companies + contacts) * 100:N2} per 100 records; {fullTime / baseline.Elapsed:N2}x the baseline)  "
                + $"created {full.Read.Values.Sum(c => c.Created):N0}, skipped {full.Skipped.Count}, outcome {full.Outcome}, heap growth {Mib(fullHeap)} (live {Mib(LiveGrowth)})");
            var fullLive = LiveGrowth;

            // 1,000 deals changed in HubSpot since.
            fake.Advance(TimeSpan.FromMinutes(10));
            for (var i = 0; i < changes; i++)
                fake.Update("deals", dealIds[i * (deals / changes)], new Dictionary<string, string?> { ["amount"] = (2_000m + i).ToString(CultureInfo.InvariantCulture) });
            fake.Advance(TimeSpan.FromMinutes(1));
            var incrementalBaseline = Stopwatch.StartNew();
            var before = source.Usage.Requests;
            var changedRead = 0;
            await foreach (var page in source.ReadDealsAsync(new CrmWindow(fake.Now.AddMinutes(-5), fake.Now), default))
                changedRead += page.Records.Count;
            incrementalBaseline.Stop();
            var incrementalBaselineRequests = source.Usage.Requests - before;
            fake.ClearRequests();
            var (incremental, incrementalTime, incrementalHeap) = await SyncAsync(host, full: false);
            var byEndpoint = fake.Requests.GroupBy(r => r.Method + " " + r.Path).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}");
            Console.WriteLine($"    baseline: search {changedRead:N0} changed deals          {incrementalBaseline.Elapsed.TotalSeconds,6:N1} s  {incrementalBaselineRequests,6:N0} requests");
            Console.WriteLine($"    incremental sync of {changes:N0} changes                 {incrementalTime.TotalSeconds,6:N1} s  {incremental.Requests,6:N0} requests  "
                + $"updated {incremental.Read.Values.Sum(c => c.Updated):N0}, outcome {incremental.Outcome}, heap growth {Mib(incrementalHeap)}");
            Console.WriteLine($"      requests: {string.Join(", ", byEndpoint)}");
            return new Result(fullLive);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Live heap: every 2 s a full, compacting collection, then the heap's size — what the run really holds, not the
    /// garbage a lazy gen-2 lets pile up (the peak of an uncollected heap grows with a run's length, not its data).
    /// </summary>
    private static async Task<(CrmSyncReport Report, TimeSpan Time, long PeakHeap)> SyncAsync(IHost host, bool full)
    {
        GC.Collect();
        var start = GC.GetTotalMemory(forceFullCollection: true);
        long live = start;
        using var liveSampler = new Timer(_ =>
        {
            var now = GC.GetTotalMemory(forceFullCollection: true);
            if (now > Interlocked.Read(ref live))
                Interlocked.Exchange(ref live, now);
        }, null, 2_000, 2_000);
        var (report, time, peak) = await RunSyncAsync(host, full);
        LiveGrowth = Interlocked.Read(ref live) - start;
        return (report, time, peak);
    }

    /// <summary>The last run's live-heap growth (see <see cref="SyncAsync"/>).</summary>
    private static long LiveGrowth { get; set; }

    private static async Task<(CrmSyncReport Report, TimeSpan Time, long PeakHeap)> RunSyncAsync(IHost host, bool full)
    {
        // The fake HubSpot lives in this process with every record it serves: what the sync itself holds is the
        // growth of the heap over where it stood before the run.
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long peak = before;
        using var sampler = new Timer(_ =>
        {
            var now = GC.GetTotalMemory(false);
            if (now > Interlocked.Read(ref peak))
                Interlocked.Exchange(ref peak, now);
        }, null, 0, 20);
        var watch = Stopwatch.StartNew();
        await using var scope = host.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<CrmSync>().RunAsync(full, null, default);
        return (report, watch.Elapsed, Interlocked.Read(ref peak) - before);
    }

    private static string Mib(long bytes) => $"{bytes / 1024.0 / 1024.0:N0} MiB";
}
