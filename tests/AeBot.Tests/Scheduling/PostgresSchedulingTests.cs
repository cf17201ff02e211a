using AeBot.Core.Reminders;
using AeBot.Data.Storage;
using AeBot.Scheduling.Reminders;
using AeBot.Tests.Conversation;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AeBot.Tests.Scheduling;

/// <summary>
/// Two AeBot instances on one PostgreSQL database (when <c>AEBOT_TEST_POSTGRES</c> is set; CI starts a server): they
/// share Hangfire's schema, so a job scheduled by one is visible to the other, and when both deliver the same due
/// reminders at the same moment each reminder reaches the outbox once; the digest and nudge scans likewise.
/// </summary>
public sealed class PostgresSchedulingTests
{
    private static readonly string? Server = Environment.GetEnvironmentVariable("AEBOT_TEST_POSTGRES");

    [SkippableFact]
    public async Task Two_instances_delivering_the_same_reminders_at_once_send_each_exactly_once()
    {
        Skip.If(string.IsNullOrWhiteSpace(Server), "AEBOT_TEST_POSTGRES is not set");
        var database = $"aebot_sched_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(Server))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin).ExecuteNonQueryAsync();
        }
        try
        {
            var later = ConversationFixture.Now.AddDays(3);
            Dictionary<string, string?> Settings(DateTimeOffset clock) => new()
            {
                ["Storage:Provider"] = "Postgres",
                ["ConnectionStrings:AeBot"] = new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString,
                ["Clock:Now"] = clock.ToString("O"),
                ["Demo:Seed"] = "true",
            };
            using var setter = await TestHosts.StartAsync(Settings(ConversationFixture.Now), seedDemo: true);
            using var first = await TestHosts.StartAsync(Settings(later), seedDemo: false);
            using var second = await TestHosts.StartAsync(Settings(later), seedDemo: false);

            string[] asks = ["remind me to call Bob tomorrow at 10am", "remind me to send the deck tomorrow at 11am", "remind me to chase legal tomorrow at 3pm"];
            foreach (var ask in asks)
                await TestHosts.AskAsync(setter.Services, "dana.reyes@northwind.example", ask, Guid.NewGuid().ToString("N"));
            var ids = await QueryAsync(first, db => db.Reminders.Select(r => r.Id).ToListAsync());
            Assert.Equal(3, ids.Count);
            // One job queue: what the first instance scheduled, the other sees.
            Assert.Equal(3, second.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 100).Count(j => j.Value.Job.Type == typeof(ReminderJobs)));

            // Each instance runs every job and a sweep, all at once.
            var runs = new[] { first, second }.SelectMany(host => ids.Select(async id =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ReminderJobs>().DeliverAsync(id, default);
            }).Append(Task.Run(async () =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ReminderJobs>().SweepAsync(default);
            })));
            await Task.WhenAll(runs);

            Assert.Equal(3, await QueryAsync(first, db => db.Outbox.CountAsync(o => o.Reason == "reminder")));
            Assert.All(await QueryAsync(first, db => db.Reminders.ToListAsync()), r => Assert.Equal(ReminderStatus.Sent, r.Status));

            // Both instances run the daily-digest scan at the same moment (Tuesday 14:00Z: 09:00 in New York).
            IReadOnlyList<(long RepId, DateOnly LocalDate)> due;
            await using (var scope = first.Services.CreateAsyncScope())
                due = await scope.ServiceProvider.GetRequiredService<AeBot.Core.Nudges.DailyDigests>().DueAsync(default);
            Assert.NotEmpty(due);
            await Task.WhenAll(new[] { first, second }.Select(async host =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AeBot.Scheduling.Nudges.DigestJobs>().ScanAsync(default);
            }));
            var ledger = await QueryAsync(first, db => db.NudgeLedger.ToListAsync());
            Assert.Equal(due.Count, ledger.Count);
            Assert.Equal(ledger.Count(l => l.Sent), await QueryAsync(first, db => db.Outbox.CountAsync(o => o.Reason == AeBot.Core.Nudges.DailyDigests.Rule)));

            // Both run the unscheduled rules at the same moment: each nudge recorded by one of them, once.
            var results = await Task.WhenAll(new[] { first, second }.Select(async host =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<AeBot.Core.Nudges.UnscheduledNudges>().RunAsync(default);
            }));
            var rules = AeBot.Core.Nudges.NudgeRules.Unscheduled.ToList();
            var nudges = await QueryAsync(first, db => db.NudgeLedger.Where(n => rules.Contains(n.Rule)).ToListAsync());
            Assert.NotEmpty(nudges);
            Assert.Equal(nudges.Count, results.Sum(r => r.Recorded.Count));
            Assert.Empty(results[0].Recorded.Select(r => r.Content.Key).Intersect(results[1].Recorded.Select(r => r.Content.Key)));
            Assert.Equal(nudges.Count(n => n.Sent), await QueryAsync(first, db => db.Outbox.CountAsync(o => rules.Contains(o.Reason))));
            Assert.All(nudges.Where(n => n.Sent).GroupBy(n => (n.RecipientRepId, n.LocalDate)), g => Assert.InRange(g.Count(), 1, 3)); // the cap held
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(Server);
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
    }

    private static async Task<T> QueryAsync<T>(IHost host, Func<AeBotDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AeBotDbContext>());
    }
}
