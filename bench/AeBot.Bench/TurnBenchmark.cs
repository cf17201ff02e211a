using System.Diagnostics;
using System.Globalization;
using AeBot.Core.Conversation;
using AeBot.Core.Opportunities;
using AeBot.Core.Organization;
using AeBot.Core.Sales;
using AeBot.Data.Storage;
using AeBot.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AeBot.Bench;

/// <summary>
/// Turn latency of the conversation core on a generated org of 2,000 people and N opportunities in SQLite,
/// measured in-process through <see cref="IConversationCore"/> (understanding, access scope, queries, formatting,
/// conversation memory and audit writes included), beside the raw SQL aggregate that answers the same question
/// on the same connection string, in the same run.
/// </summary>
public static class TurnBenchmark
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly QuarterStart = new(2026, 10, 1), QuarterEnd = new(2026, 12, 31);
    private const int Managers = 40, People = 2_000, Accounts = 50_000;
    private const string ThaiPipeline = "ไตรมาสนี้มีดีลอะไรจะปิดบ้าง";

    public static async Task<int> RunAsync(int opportunities)
    {
        var work = Directory.CreateTempSubdirectory("aebot-turns-");
        var path = Path.Combine(work.FullName, "aebot.db");
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:SqlitePath"] = path, ["Clock:Now"] = Now.ToString("O") });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddAeBotServices();
            using var host = builder.Build();
            await host.Services.InitializeDatabaseAsync(seedDemo: false);

            var generate = Stopwatch.StartNew();
            var (reps, managers) = Generate(path, opportunities);
            Console.WriteLine($"Turn benchmark: {People:N0} people ({Managers} managers), {Accounts:N0} accounts, {opportunities:N0} opportunities (generated in {generate.Elapsed.TotalSeconds:N0} s), {Environment.ProcessorCount} cores, .NET {Environment.Version}");

            // Where a turn's time goes, for whoever tunes it: AEBOT_BENCH_PROBE="question|question" prints, per question,
            // the median of understanding, answering (same scope, as a turn does) and the whole turn, over managers.
            if (Environment.GetEnvironmentVariable("AEBOT_BENCH_PROBE") is { } probe)
            {
                var rnd = new Random(3);
                var today = DateOnly.FromDateTime(Now.UtcDateTime);
                foreach (var question in probe.Split('|'))
                {
                    var parse = new List<double>();
                    var answer = new List<double>();
                    for (var round = 0; round < 130; round++)
                    {
                        var who = managers[rnd.Next(managers.Count)];
                        var viewer = new Viewer(who.Id, who.Name, who.Role, who.TimeZoneId, who.HierarchyPath);
                        var stopwatch = Stopwatch.StartNew();
                        await using var scope = host.Services.CreateAsyncScope();
                        var reading = await scope.ServiceProvider.GetRequiredService<AeBot.Core.Understanding.MessageParser>().ReadAsync(question, viewer, today, null, default);
                        var parsed = stopwatch.Elapsed.TotalMilliseconds;
                        if (reading is not AeBot.Core.Understanding.QueryReading read)
                            throw new InvalidOperationException($"'{question}' is not read as a question: {reading}");
                        var context = new AeBot.Core.Answers.AnswerContext(viewer, read.Query, today, Now, TimeZoneInfo.Utc, new AeBot.Core.Understanding.FiscalCalendar(1), "USD");
                        await scope.ServiceProvider.GetRequiredService<AeBot.Core.Answers.QueryAnswers>().AnswerAsync(context, default);
                        if (round >= 30)
                        {
                            parse.Add(parsed);
                            answer.Add(stopwatch.Elapsed.TotalMilliseconds - parsed);
                        }
                    }
                    var turns = await MeasureAsync(host.Services, managers, question, 100, rnd);
                    Console.WriteLine($"{question}: understand p50 {Percentile(parse, 50):N2} ms, answer p50 {Percentile(answer, 50):N2} ms, whole turn p50 {Percentile(turns, 50):N2} ms");
                }
                return 0;
            }

            // For a CPU profile: AEBOT_BENCH_LOOP="question" asks it from random reps for 40 s, printing the process id
            // first, so `dotnet-trace collect -p PID` can attach while the loop runs.
            if (Environment.GetEnvironmentVariable("AEBOT_BENCH_LOOP") is { } loop)
            {
                Console.WriteLine($"looping '{loop}' for 40 s in process {Environment.ProcessId}");
                var until = Stopwatch.StartNew();
                var rounds = new Random(5);
                var times = new List<double>();
                while (until.Elapsed < TimeSpan.FromSeconds(40))
                    times.AddRange(await MeasureAsync(host.Services, reps, loop, 50, rounds));
                Report($"looped \"{loop}\"", times);
                return 0;
            }

            var random = new Random(11);
            var pipeline = await MeasureAsync(host.Services, reps, "what closes this quarter?", 400, random);
            var rollup = await MeasureAsync(host.Services, managers, "team rollup this quarter", 150, random);
            var composed = await MeasureAsync(host.Services, managers, "which rep on my team has the lowest win rate this year?", 150, random);
            // The same pipeline question in Thai, answered in Thai (Thai reading, then resource texts and Thai formats).
            var thaiPipeline = await MeasureAsync(host.Services, reps, ThaiPipeline, 400, random);
            var rawPipeline = RawPipeline(path, reps, 400, random);
            var rawRollup = RawRollup(path, managers, 150, random);
            var dataPipeline = await DataPipelineAsync(host.Services, reps, 400, random);

            Report("pipeline turn (\"what closes this quarter?\")", pipeline);
            Report("  baseline raw SQL (same grouped aggregate)", rawPipeline);
            Report("  data layer only (ISalesData.TotalsAsync)", dataPipeline);
            Report("rollup turn (\"team rollup this quarter\")", rollup);
            Report("  baseline raw SQL (won + open by rep, quotas)", rawRollup);
            Report("composed turn (\"which rep on my team has the lowest win rate this year?\")", composed);
            Report($"Thai pipeline turn (\"{ThaiPipeline}\")", thaiPipeline);
            var ratio = Percentile(dataPipeline, 50) / Percentile(rawPipeline, 50);
            Console.WriteLine($"  data layer / raw SQL, pipeline p50: {ratio:N2} x");
            Console.WriteLine($"  rollup turn / raw SQL, p50: {Percentile(rollup, 50) / Percentile(rawRollup, 50):N2} x");
            static bool Within(List<double> t) => Percentile(t, 50) <= 5 && Percentile(t, 99) <= 25;
            foreach (var (name, times) in new[] { ("pipeline", pipeline), ("rollup", rollup), ("composed", composed), ("Thai pipeline", thaiPipeline) })
                Console.WriteLine($"  {name} turn: {(Within(times) ? "within" : "OUTSIDE")} p50 <= 5 ms, p99 <= 25 ms");
            var ok = Within(pipeline) && Within(rollup) && Within(composed) && Within(thaiPipeline) && ratio <= 1.5;
            Console.WriteLine(ok ? "  target met: p50 <= 5 ms and p99 <= 25 ms for every turn, data layer within 1.5x of raw SQL"
                : "  TARGET MISSED (p50 <= 5 ms, p99 <= 25 ms for every turn, data layer within 1.5x of raw SQL)");
            return ok ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    private static async Task<List<double>> MeasureAsync(IServiceProvider services, IReadOnlyList<Rep> who, string question, int turns, Random random)
    {
        async Task<double> TurnAsync(Rep rep)
        {
            var stopwatch = Stopwatch.StartNew();
            await using var scope = services.CreateAsyncScope();
            var core = scope.ServiceProvider.GetRequiredService<IConversationCore>();
            var reply = await core.HandleAsync(new IncomingMessage(ChatChannels.Cli, new RepIdentity(rep.Id, rep.Name, rep.Role, rep.TimeZoneId), $"bench:{rep.Id}", question, null, null, Now), default);
            var elapsed = stopwatch.Elapsed.TotalMilliseconds;
            if (reply.Summary is "Error" or "Not understood; suggested questions" or "เกิดข้อผิดพลาด" or "ไม่เข้าใจ เสนอคำถามตัวอย่าง")
                throw new InvalidOperationException($"'{question}' was not answered: {reply.Summary}");
            return elapsed;
        }
        for (var i = 0; i < 30; i++)
            await TurnAsync(who[random.Next(who.Count)]);
        var times = new List<double>();
        for (var i = 0; i < turns; i++)
            times.Add(await TurnAsync(who[random.Next(who.Count)]));
        return times;
    }

    private static async Task<List<double>> DataPipelineAsync(IServiceProvider services, IReadOnlyList<Rep> reps, int calls, Random random)
    {
        var times = new List<double>();
        for (var i = 0; i < calls + 30; i++)
        {
            var rep = reps[random.Next(reps.Count)];
            // A request already has its scope; what is timed is the data layer answering, connection open included.
            await using var scope = services.CreateAsyncScope();
            var data = scope.ServiceProvider.GetRequiredService<ISalesData>();
            var viewer = new Viewer(rep.Id, rep.Name, rep.Role, rep.TimeZoneId, rep.HierarchyPath);
            var stopwatch = Stopwatch.StartNew();
            await data.TotalsAsync(viewer, new DealFilter { OwnerIds = [rep.Id], Category = StageCategory.Open, CloseFrom = QuarterStart, CloseTo = QuarterEnd }, default);
            if (i >= 30)
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    // As a request would run it without EF: a pooled connection opened per call, one prepared statement.
    private static List<double> RawPipeline(string path, IReadOnlyList<Rep> reps, int calls, Random random)
    {
        var times = new List<double>();
        for (var i = 0; i < calls + 30; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            using (var connection = new SqliteConnection($"Data Source={Path.GetFullPath(path)};Default Timeout=30;Pooling=True"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                // The same figures the answer needs: count, deals without amount, total and weighted total per currency.
                command.CommandText = """
                    SELECT Currency, Probability, COUNT(*), SUM(CASE WHEN Amount IS NULL THEN 1 ELSE 0 END), SUM(Amount) FROM Opportunities
                    WHERE OwnerId = $o AND StageCategory = 0 AND CloseDate >= $a AND CloseDate <= $b GROUP BY Currency, Probability
                    """;
                command.Parameters.AddWithValue("$o", reps[random.Next(reps.Count)].Id);
                command.Parameters.AddWithValue("$a", "2026-10-01");
                command.Parameters.AddWithValue("$b", "2026-12-31");
                // Reading what was computed is part of answering: sum per currency, as any caller would.
                using var reader = command.ExecuteReader();
                var sums = new Dictionary<string, (long Count, long Missing, decimal Amount, decimal Weighted)>();
                while (reader.Read())
                {
                    var currency = reader.GetString(0);
                    sums.TryGetValue(currency, out var sum);
                    var amount = reader.IsDBNull(4) ? 0m : reader.GetInt64(4) / 10_000m;
                    var probability = reader.IsDBNull(1) ? 0m : reader.GetInt64(1) / 10_000m;
                    sums[currency] = (sum.Count + reader.GetInt64(2), sum.Missing + reader.GetInt64(3), sum.Amount + amount, sum.Weighted + amount * probability / 100m);
                }
            }
            if (i >= 30)
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    // The same plan the core uses: the team's ids first, then per-owner sums over the (owner, stage, close date)
    // index and their quotas; a pooled connection opened per call.
    private static List<double> RawRollup(string path, IReadOnlyList<Rep> managers, int calls, Random random)
    {
        var times = new List<double>();
        for (var i = 0; i < calls + 30; i++)
        {
            var manager = managers[random.Next(managers.Count)];
            var stopwatch = Stopwatch.StartNew();
            using (var connection = new SqliteConnection($"Data Source={Path.GetFullPath(path)};Default Timeout=30;Pooling=True"))
            {
                connection.Open();
                var team = new List<long>();
                using (var members = connection.CreateCommand())
                {
                    members.CommandText = "SELECT Id FROM Reps WHERE HierarchyPath LIKE $p AND Id <> $m";
                    members.Parameters.AddWithValue("$p", manager.HierarchyPath + "%");
                    members.Parameters.AddWithValue("$m", manager.Id);
                    using var reader = members.ExecuteReader();
                    while (reader.Read())
                        team.Add(reader.GetInt64(0));
                }
                var ids = string.Join(",", team);
                using var sums = connection.CreateCommand();
                sums.CommandText = $"""
                    SELECT OwnerId, SUM(Amount) FROM Opportunities WHERE OwnerId IN ({ids}) AND StageCategory = 1 AND CloseDate >= '2026-10-01' AND CloseDate <= '2026-12-31' GROUP BY OwnerId;
                    SELECT OwnerId, SUM(Amount) FROM Opportunities WHERE OwnerId IN ({ids}) AND StageCategory = 0 AND CloseDate >= '2026-11-28' AND CloseDate <= '2026-12-31' GROUP BY OwnerId;
                    SELECT RepId, Amount FROM Quotas WHERE RepId IN ({ids}) AND PeriodStart <= '2026-12-31' AND PeriodEnd >= '2026-10-01';
                    """;
                using var results = sums.ExecuteReader();
                do
                {
                    while (results.Read()) { }
                } while (results.NextResult());
            }
            if (i >= 30)
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static (List<Rep> Reps, List<Rep> Managers) Generate(string path, int opportunities)
    {
        var random = new Random(5);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var bulk = new BulkInsert(connection, transaction);
        SqliteCommand Prepare(string sql, int parameters) => bulk.Prepare(sql, parameters);
        long Insert(SqliteCommand command, params object?[] values) => bulk.Insert(command, values);
        var created = Now.UtcTicks;
        var rep = Prepare("INSERT INTO Reps (Name, Email, Role, ManagerId, TimeZoneId, HierarchyPath, IsActive, CreatedAt) VALUES ($1,$2,$3,$4,$5,$6,1,$7)", 7);
        var vpId = Insert(rep, "Vera Vp", "vp@bench.example", (int)RepRole.Manager, null, "America/New_York", "/", created);
        var all = new List<Rep>();
        var managers = new List<Rep>();
        for (var m = 0; m < Managers; m++)
        {
            var id = Insert(rep, $"Manager {m}", $"manager{m}@bench.example", (int)RepRole.Manager, vpId, "America/Chicago", "", created);
            managers.Add(new Rep { Id = id, Name = $"Manager {m}", Role = RepRole.Manager, ManagerId = vpId, TimeZoneId = "America/Chicago" });
        }
        var reps = new List<Rep>();
        for (var r = 0; r < People - Managers - 1; r++)
        {
            var manager = managers[r % Managers];
            var id = Insert(rep, $"Rep {r}", $"rep{r}@bench.example", (int)RepRole.Rep, manager.Id, "Europe/London", "", created);
            reps.Add(new Rep { Id = id, Name = $"Rep {r}", Role = RepRole.Rep, ManagerId = manager.Id, TimeZoneId = "Europe/London" });
        }
        all.Add(new Rep { Id = vpId, Name = "Vera Vp", Role = RepRole.Manager, TimeZoneId = "America/New_York" });
        all.AddRange(managers);
        all.AddRange(reps);
        OrgHierarchy.Recompute(all);
        using (var path_ = Prepare("UPDATE Reps SET HierarchyPath = $1 WHERE Id = $2", 2))
            foreach (var r in all)
                Insert(path_, r.HierarchyPath, r.Id);

        using var quota = Prepare("INSERT INTO Quotas (RepId, PeriodStart, PeriodEnd, Amount, Currency) VALUES ($1,'2026-10-01','2026-12-31',$2,'USD')", 2);
        foreach (var r in reps)
            Insert(quota, r.Id, 300_000L * 10_000);

        using var product = Prepare("INSERT INTO Products (Name, NormalizedName, Family) VALUES ($1,$2,'Platform')", 2);
        var products = Enumerable.Range(0, 8).Select(i => Insert(product, $"Product {i}", $"product{i}")).ToList();
        using var account = Prepare("INSERT INTO Accounts (Name, NormalizedName, OwnerId, CreatedAt) VALUES ($1,$2,$3,$4)", 4);
        var accounts = new List<(long Id, long Owner)>();
        for (var a = 0; a < Accounts; a++)
        {
            var owner = reps[a % reps.Count].Id;
            accounts.Add((Insert(account, $"Account {a:00000}", $"account{a:00000}", owner, created), owner));
        }
        using var deal = Prepare("""
            INSERT INTO Opportunities (Name, AccountId, OwnerId, ProductId, Amount, Currency, Stage, StageCategory, Probability, ForecastCategory, CloseDate, CreatedAt, Type, UpdatedAt)
            VALUES ($1,$2,$3,$4,$5,'USD',$6,$7,$8,$9,$10,$11,0,$11)
            """, 11);
        string[] openStages = ["Prospecting", "Discovery", "Proposal", "Negotiation"];
        for (var i = 0; i < opportunities; i++)
        {
            var (accountId, owner) = accounts[random.Next(accounts.Count)];
            var category = random.Next(10) switch { < 3 => StageCategory.Open, < 6 => StageCategory.Won, _ => StageCategory.Lost };
            var close = new DateOnly(2025, 6, 1).AddDays(random.Next(730));
            var stage = category switch { StageCategory.Won => "Closed Won", StageCategory.Lost => "Closed Lost", _ => openStages[random.Next(4)] };
            var probability = category switch { StageCategory.Won => 100, StageCategory.Lost => 0, _ => 10 + random.Next(80) };
            var forecast = category switch { StageCategory.Won => ForecastCategory.Closed, StageCategory.Lost => ForecastCategory.Omitted, _ => (ForecastCategory)random.Next(3) };
            Insert(deal, $"Deal {i}", accountId, owner, products[random.Next(products.Count)], random.Next(5_000, 500_000) * 10_000L, stage, (int)category,
                probability * 10_000L, (int)forecast, close.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), created);
        }
        transaction.Commit();
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        analyze.ExecuteNonQuery();
        return (reps, managers);
    }

    private static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
    }

    private static void Report(string what, List<double> times) =>
        Console.WriteLine($"  {what,-55} p50 {Percentile(times, 50),7:N2} ms   p99 {Percentile(times, 99),7:N2} ms   ({times.Count} runs)");
}
