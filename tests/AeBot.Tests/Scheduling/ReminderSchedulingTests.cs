using System.Net;
using System.Net.Http.Headers;
using AeBot.Core.Handoff;
using AeBot.Core.Reminders;
using AeBot.Data.Capture;
using AeBot.Data.Storage;
using AeBot.Scheduling;
using AeBot.Scheduling.Hosting;
using AeBot.Scheduling.Reminders;
using AeBot.Tests.Conversation;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Moq;
using AeBot.Core.Work;
using AeBot.Core.Conversation;
using AeBot.Core.Turns;
using AeBot.Core.Help;

namespace AeBot.Tests.Scheduling;

/// <summary>
/// Reminders through Hangfire: set in chat → a job due at the reminder's time in Hangfire's SQLite storage → delivered
/// to the outbox once, however often the job or the sweep runs. Two hosts share one database, the second one's clock
/// past the reminder's time (time passing, without waiting for it).
/// </summary>
public sealed class ReminderSchedulingTests : IAsyncLifetime
{
    private const string Dana = "dana.reyes@northwind.example";
    private static readonly DateTimeOffset Later = ConversationFixture.Now.AddDays(2);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-sched-");
    private IHost _now = null!;
    private IHost _later = null!;

    private Dictionary<string, string?> Settings(DateTimeOffset clock) => new()
    {
        ["Storage:SqlitePath"] = Path.Combine(_directory.FullName, "aebot.db"),
        ["Clock:Now"] = clock.ToString("O"),
        ["Demo:Seed"] = "true",
    };

    public async Task InitializeAsync()
    {
        _now = await TestHosts.StartAsync(Settings(ConversationFixture.Now), seedDemo: true);
        _later = await TestHosts.StartAsync(Settings(Later), seedDemo: false);
    }

    public async Task DisposeAsync()
    {
        _now.Dispose();
        _later.Dispose();
        await Task.Yield();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestDirectory.Delete(_directory);
    }

    private async Task<T> QueryAsync<T>(IHost host, Func<AeBotDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AeBotDbContext>());
    }

    [Fact]
    public async Task A_reminder_set_in_chat_becomes_a_job_at_its_time_and_is_delivered_exactly_once()
    {
        await TestHosts.AskAsync(_now.Services, Dana, "remind me to call Bob tomorrow at 10am", Guid.NewGuid().ToString("N"));
        var reminder = await QueryAsync(_now, db => db.Reminders.SingleAsync(r => r.Text == "Call Bob"));

        // The job sits in Hangfire's own SQLite file beside the data, due when the reminder is (measured on AeBot's clock).
        Assert.True(File.Exists(Path.Combine(_directory.FullName, "aebot-jobs.db")));
        var scheduled = _now.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 100)
            .Single(j => j.Value.Job.Type == typeof(ReminderJobs) && (long)j.Value.Job.Args[0] == reminder.Id).Value;
        var expected = DateTime.UtcNow + (reminder.DueAt - ConversationFixture.Now);
        Assert.InRange(scheduled.EnqueueAt, expected.AddMinutes(-1), expected.AddMinutes(1));

        // Not yet due on the first host's clock: nothing happens.
        await using (var scope = _now.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ReminderJobs>().DeliverAsync(reminder.Id, default);
        Assert.Equal(ReminderStatus.Pending, (await QueryAsync(_now, db => db.Reminders.SingleAsync(r => r.Id == reminder.Id))).Status);

        // Two days later: the job, a retry of it and the sweep — one message.
        for (var i = 0; i < 2; i++)
        {
            await using var scope = _later.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReminderJobs>().DeliverAsync(reminder.Id, default);
        }
        await using (var scope = _later.Services.CreateAsyncScope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ReminderJobs>().SweepAsync(default));
        var outbox = await QueryAsync(_later, db => db.Outbox.Where(o => o.Reason == "reminder").ToListAsync());
        var message = Assert.Single(outbox);
        Assert.Equal(reminder.RepId, message.ToRepId);
        Assert.Contains("Call Bob", message.Body);
        Assert.Contains("Sun, Nov 29 at 10:00 (America/New_York)", message.Body); // the time she asked for, in her zone
        var sent = await QueryAsync(_later, db => db.Reminders.SingleAsync(r => r.Id == reminder.Id));
        Assert.Equal((ReminderStatus.Sent, Later), (sent.Status, sent.SentAt!.Value));

        // Its buttons: someone else's press changes nothing; hers snoozes it — due again, a new job, delivered once more later.
        var snooze = $"act:rem.snooze:{reminder.Id}:1h";
        Assert.Contains(snooze, message.Body);
        Assert.Contains($"act:rem.snooze:{reminder.Id}:tomorrow", message.Body);
        var other = await TestHosts.AskAsync(_later.Services, "lee.chen@northwind.example", "", Guid.NewGuid().ToString("N"), snooze, Later);
        Assert.Equal(ReminderStatus.Sent, (await QueryAsync(_later, db => db.Reminders.SingleAsync(r => r.Id == reminder.Id))).Status);
        var reply = await TestHosts.AskAsync(_later.Services, Dana, "", Guid.NewGuid().ToString("N"), snooze, Later);
        Assert.StartsWith("Snoozed — I'll remind you again Mon, Nov 30 at 10:00: Call Bob", reply.Read());
        var snoozed = await QueryAsync(_later, db => db.Reminders.SingleAsync(r => r.Id == reminder.Id));
        Assert.Equal((ReminderStatus.Pending, Later.AddHours(1)), (snoozed.Status, snoozed.DueAt));
        Assert.Equal(2, _later.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 100)
            .Count(j => j.Value.Job.Type == typeof(ReminderJobs) && (long)j.Value.Job.Args[0] == reminder.Id));
        await using (var scope = _later.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ReminderJobs>().DeliverAsync(reminder.Id, default); // not due yet
        Assert.Single(await QueryAsync(_later, db => db.Outbox.Where(o => o.Reason == "reminder").ToListAsync()));
    }

    [Fact]
    public async Task A_crash_between_marking_and_recording_leaves_the_reminder_pending_for_the_next_try()
    {
        await TestHosts.AskAsync(_now.Services, Dana, "remind me to renew the NDA tomorrow at 9am", Guid.NewGuid().ToString("N"));
        var id = (await QueryAsync(_now, db => db.Reminders.SingleAsync(r => r.Text.Contains("NDA")))).Id;

        await using (var scope = _later.Services.CreateAsyncScope())
        {
            var crashing = new Mock<IProactiveMessenger>();
            crashing.Setup(m => m.SendAsync(It.IsAny<ProactiveMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("process killed"));
            var delivery = new EfReminderDelivery(scope.ServiceProvider.GetRequiredService<AeBotDbContext>(), crashing.Object, scope.ServiceProvider.GetRequiredService<TimeProvider>());
            await Assert.ThrowsAsync<IOException>(() => delivery.DeliverAsync(id, default));
        }
        Assert.Equal(ReminderStatus.Pending, (await QueryAsync(_later, db => db.Reminders.SingleAsync(r => r.Id == id))).Status);

        await using (var scope = _later.Services.CreateAsyncScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ReminderJobs>().SweepAsync(default)); // the minute sweep finds it
        Assert.Equal(1, await QueryAsync(_later, db => db.Outbox.CountAsync(o => o.Reason == "reminder" && o.Body.Contains("NDA"))));
    }
}

public sealed class HangfireHostingTests
{
    [Fact]
    public async Task The_server_runs_jobs_a_due_reminder_reaches_the_outbox_within_seconds()
    {
        await using var app = new AeBotApplication();
        using var client = app.CreateClient();
        long id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AeBotDbContext>();
            var rep = await db.Reps.FirstAsync(r => r.Email == "dana.reyes@northwind.example");
            var reminder = new Reminder { RepId = rep.Id, Text = "Send the proposal", DueAt = AeBotApplication.Now, Channel = "web", ConversationId = "c1", CreatedAt = AeBotApplication.Now.AddHours(-1) };
            db.Reminders.Add(reminder);
            await db.SaveChangesAsync();
            id = reminder.Id;
            await scope.ServiceProvider.GetRequiredService<IReminderScheduler>().ScheduleAsync(new Core.Work.ReminderRef(id, rep.Id, reminder.Text, reminder.DueAt, "web", "c1"), default);
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        ReminderStatus status;
        do
        {
            await Task.Delay(200);
            await using var scope = app.Services.CreateAsyncScope();
            status = (await scope.ServiceProvider.GetRequiredService<AeBotDbContext>().Reminders.SingleAsync(r => r.Id == id)).Status;
        }
        while (status == ReminderStatus.Pending && DateTime.UtcNow < deadline);
        var monitor = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.True(status == ReminderStatus.Sent, $"still {status}; Hangfire: {monitor.GetStatistics().Servers} server(s), "
            + $"scheduled {monitor.ScheduledCount()}, enqueued {monitor.EnqueuedCount("default")}, processing {monitor.ProcessingCount()}, "
            + $"failed [{string.Join("; ", monitor.FailedJobs(0, 5).Select(f => f.Value.ExceptionMessage))}], succeeded {monitor.SucceededListCount()}");
    }

    [Fact]
    public async Task Each_host_runs_its_jobs_with_its_own_services_even_when_another_host_started_later_and_stopped()
    {
        // Two hosts in one process start side by side (parallel tests; a CLI command beside the server). Hangfire's
        // default activator is a static that the later host overwrites; a job of the first would then be built from
        // the second host's disposed container ("Cannot access a disposed object: IServiceProvider").
        static ServiceProvider Host()
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Scheduling:Enabled"] = "true" }).Build();
            var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
            services.AddScheduling(configuration, runServer: false);
            return services.BuildServiceProvider();
        }
        await using var first = Host();
        first.GetRequiredService<IGlobalConfiguration>();
        var second = Host();
        second.GetRequiredService<IGlobalConfiguration>();
        var activator = first.GetRequiredService<JobActivator>(); // resolved as a server would, after the second started
        await second.DisposeAsync();

        using var scope = activator.BeginScope(new JobActivatorContext(
            Mock.Of<Hangfire.Storage.IStorageConnection>(), new BackgroundJob("1", null, DateTime.UtcNow), Mock.Of<IJobCancellationToken>()));
        Assert.Same(TimeProvider.System, scope.Resolve(typeof(TimeProvider)));
    }

    [Fact]
    public async Task The_dashboard_is_refused_to_remote_requests_and_opens_with_the_api_key()
    {
        const string key = "0123456789abcdef0123456789abcdef-test";
        await using var app = new AeBotApplication().WithWebHostBuilder(b => b.UseSetting("Scheduling:DashboardApiKey", key));
        using var client = app.CreateClient(); // the test server's requests carry no loopback address: remote
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/hangfire")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("AeBot jobs", await response.Content.ReadAsStringAsync());
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", null, true)]
    [InlineData("::1", null, true)]
    [InlineData("127.0.0.1", "X-Forwarded-For", false)] // through a reverse proxy on this machine: remote
    [InlineData("127.0.0.1", "X-Forwarded-Host", false)]
    [InlineData("127.0.0.1", "X-Forwarded-Proto", false)]
    [InlineData("127.0.0.1", "Forwarded", false)]
    [InlineData("127.0.0.1", "X-Real-IP", false)] // nginx's usual header
    [InlineData("127.0.0.1", "x-real-ip", false)]
    [InlineData("127.0.0.1", "X-Client-IP", false)]
    [InlineData("127.0.0.1", "True-Client-IP", false)]
    [InlineData("127.0.0.1", "CF-Connecting-IP", false)]
    [InlineData("127.0.0.1", "X-Request-Id", true)] // not a proxy's "who the client is" header
    [InlineData("203.0.113.9", null, false)]
    [InlineData("10.0.0.5", null, false)]
    public void Only_direct_local_requests_are_let_in_without_a_key(string remote, string? proxyHeader, bool allowed)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (proxyHeader is not null)
            http.Request.Headers[proxyHeader] = "203.0.113.9";
        Assert.Equal(allowed, new DashboardAccess(null).Allows(http));
    }

    [Fact]
    public async Task With_scheduling_off_there_is_no_dashboard_and_reminders_wait_in_the_database()
    {
        await using var app = new AeBotApplication().WithWebHostBuilder(b => b.UseSetting("Scheduling:Enabled", "false"));
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/hangfire")).StatusCode);
        Assert.Null(app.Services.GetService<JobStorage>());
        Assert.IsType<StoredReminderScheduler>(app.Services.GetRequiredService<IReminderScheduler>());
    }

    [Fact]
    public void Hangfire_logging_through_a_disposed_host_is_dropped_not_thrown()
    {
        var recorder = new AeBot.Tests.Teams.RecordingLoggerProvider();
        var factory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(recorder).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Information));
        var provider = new HostBoundLogProvider(factory);
        Assert.True(provider.GetLogger("Hangfire.Test").Log(Hangfire.Logging.LogLevel.Info, () => "written"));
        Assert.Contains(recorder.Lines, l => l.Contains("written"));
        factory.Dispose(); // the host that configured Hangfire's static provider is gone
        Assert.False(provider.GetLogger("Hangfire.Later").Log(Hangfire.Logging.LogLevel.Error, () => "dropped"));
    }

    [Fact]
    public void A_short_dashboard_key_stops_start_up()
    {
        var logs = new AeBot.Tests.Teams.RecordingLoggerProvider();
        using var app = new AeBotApplication().WithWebHostBuilder(b => b.UseSetting("Scheduling:DashboardApiKey", "short").ConfigureLogging(l => l.AddProvider(logs)));
        Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains(logs.Lines, l => l.Contains("Configuration problem: Scheduling:DashboardApiKey", StringComparison.Ordinal));
    }
}
