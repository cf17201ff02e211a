using AeBot.Core.Conversation;
using AeBot.Core.Organization;
using AeBot.Data.Storage;
using AeBot.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AeBot.Tests.Conversation;

/// <summary>
/// The conversation core on PostgreSQL (when <c>AEBOT_TEST_POSTGRES</c> is set; CI starts a server): the same
/// questions give the same answers as on SQLite, and follow-ups and audit work there too.
/// </summary>
public sealed class PostgresConversationTests
{
    private static readonly string? Server = Environment.GetEnvironmentVariable("AEBOT_TEST_POSTGRES");

    private static string PlainText(Reply reply) => AeBot.Rendering.PlainTextRenderer.Render(reply);

    [SkippableFact]
    public async Task Same_questions_same_answers_on_PostgreSQL_and_SQLite()
    {
        Skip.If(string.IsNullOrWhiteSpace(Server), "AEBOT_TEST_POSTGRES is not set");
        var database = $"aebot_conv_{Guid.NewGuid():N}";
        var sqliteDirectory = Directory.CreateTempSubdirectory("aebot-pg-compare-");
        await using (var admin = new NpgsqlConnection(Server))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin).ExecuteNonQueryAsync();
        }
        try
        {
            var postgres = await StartAsync(new() { ["Storage:Provider"] = "Postgres", ["ConnectionStrings:AeBot"] = new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString });
            var sqlite = await StartAsync(new() { ["Storage:SqlitePath"] = Path.Combine(sqliteDirectory.FullName, "aebot.db") });
            using (postgres)
            using (sqlite)
            {
                string[] questions = ["what closes this month?", "how am I tracking vs quota?", "what did I close last quarter?", "biggest deals", "slipped deals", "forecast this quarter"];
                foreach (var question in questions)
                {
                    var onPostgres = await AskAsync(postgres, "dana.reyes@northwind.example", question, "c1");
                    var onSqlite = await AskAsync(sqlite, "dana.reyes@northwind.example", question, "c1");
                    Assert.Equal(onSqlite.Summary, onPostgres.Summary);
                }
                var team = await AskAsync(postgres, "marcus.johnson@northwind.example", "team pipeline by rep this quarter", "c2");
                Assert.Equal((await AskAsync(sqlite, "marcus.johnson@northwind.example", "team pipeline by rep this quarter", "c2")).Summary, team.Summary);
                // Per-rep sums take a hand-written statement (grouped by owner alone, then by currency if need be):
                // every figure, not just the summary, must agree.
                string[] byRep = ["team rollup this quarter", "win rate by rep this year", "which rep on my team has the lowest win rate this year?", "weighted pipeline by rep this quarter", "average sales cycle by rep this year"];
                foreach (var question in byRep)
                    Assert.Equal(PlainText(await AskAsync(sqlite, "marcus.johnson@northwind.example", question, "c3")), PlainText(await AskAsync(postgres, "marcus.johnson@northwind.example", question, "c3")));
                // Some deals in euros, on both: owners with two currencies take the statement's currency split.
                foreach (var host in new[] { sqlite, postgres })
                {
                    await using var euros = host.Services.CreateAsyncScope();
                    Assert.True(await euros.ServiceProvider.GetRequiredService<AeBotDbContext>().Opportunities.Where(o => o.Id % 7 == 0).ExecuteUpdateAsync(u => u.SetProperty(o => o.Currency, "EUR")) > 0);
                }
                foreach (var question in byRep)
                    Assert.Equal(PlainText(await AskAsync(sqlite, "marcus.johnson@northwind.example", question, "c6")), PlainText(await AskAsync(postgres, "marcus.johnson@northwind.example", question, "c6")));

                // Follow-up memory and the audit log live in PostgreSQL too.
                var followUp = await AskAsync(postgres, "dana.reyes@northwind.example", "and this quarter?", "c1");
                Assert.Equal((await AskAsync(sqlite, "dana.reyes@northwind.example", "and this quarter?", "c1")).Summary, followUp.Summary);
                await using var scope = postgres.Services.CreateAsyncScope();
                Assert.True(await scope.ServiceProvider.GetRequiredService<AeBotDbContext>().AuditEntries.CountAsync() >= 8);

                // Capture and act on PostgreSQL: a dialog (compare-and-swap state), a logged call, a deal change and its undo.
                const string dana = "dana.reyes@northwind.example";
                Assert.Contains("Acme has 4 open deals", PlainText(await AskAsync(postgres, dana, "log a call with Acme", "c4")));
                Assert.Contains("What happened", (await AskAsync(postgres, dana, "1", "c4")).Summary);
                Assert.StartsWith("Logged call with Acme", (await AskAsync(postgres, dana, "Pushback on price, next step revised quote by Friday", "c4")).Summary);
                var db = scope.ServiceProvider.GetRequiredService<AeBotDbContext>();
                Assert.Equal(1, await db.Objections.CountAsync(o => o.Topic == "price"));
                await AskAsync(postgres, dana, "move Acme security add-on to negotiation", "c5");
                Assert.StartsWith("Updated", (await AskAsync(postgres, dana, "yes", "c5")).Summary);
                Assert.Equal("Negotiation", (await db.Opportunities.AsNoTracking().SingleAsync(o => o.Name == "Acme – Security Add-on" && o.StageCategory == AeBot.Core.Opportunities.StageCategory.Open)).Stage);
                Assert.StartsWith("Undone", (await AskAsync(postgres, dana, "undo", "c5")).Summary);
                Assert.NotEqual("Negotiation", (await db.Opportunities.AsNoTracking().SingleAsync(o => o.Name == "Acme – Security Add-on" && o.StageCategory == AeBot.Core.Opportunities.StageCategory.Open)).Stage);

                // Undo buttons on PostgreSQL: an older card's Undo takes its own change, not the later reminder, and only once.
                await AskAsync(postgres, dana, "move Acme security add-on to negotiation", "c6");
                var moved = await AskAsync(postgres, dana, "yes", "c6");
                var undo = moved.Blocks.OfType<ActionsBlock>().SelectMany(b => b.Actions).Single(a => a.Label == "Undo").Payload;
                Assert.StartsWith("Got it", PlainText(await AskAsync(postgres, dana, "remind me to call Bob tomorrow at 10am", "c7")));
                Assert.StartsWith("Undone: the change on Acme – Security Add-on", (await TestHosts.AskAsync(postgres.Services, dana, "", "c6", undo)).Summary);
                Assert.StartsWith("Already undone", (await TestHosts.AskAsync(postgres.Services, dana, "", "c6", undo)).Summary);
                Assert.NotEqual("Negotiation", (await db.Opportunities.AsNoTracking().SingleAsync(o => o.Name == "Acme – Security Add-on" && o.StageCategory == AeBot.Core.Opportunities.StageCategory.Open)).Stage);
                Assert.Equal(AeBot.Core.Reminders.ReminderStatus.Pending, (await db.Reminders.AsNoTracking().SingleAsync(r => r.Text == "Call Bob")).Status);

                // Channel plumbing on PostgreSQL: a redelivery is caught by the unique index, addresses and the
                // outbox claim (timestamps compared for equality) work there too.
                var services = scope.ServiceProvider;
                var ledger = services.GetRequiredService<AeBot.Core.Channels.IInboundLedger>();
                var key = "a:" + new string('x', 300) + "|1485983408511"; // long Teams ids are hashed
                Assert.True(await ledger.TryRecordAsync(ChatChannels.Teams, key, ConversationFixture.Now, default));
                Assert.False(await ledger.TryRecordAsync(ChatChannels.Teams, key, ConversationFixture.Now, default));
                // Claims on PostgreSQL (microsecond timestamps): run out, taken over, settled only by their owner.
                var wall = new DateTimeOffset(2026, 12, 2, 9, 0, 0, 123, TimeSpan.Zero);
                var (leaseA, leaseB) = (wall.AddSeconds(30), wall.AddSeconds(70));
                Assert.True(await ledger.TryClaimAsync(ChatChannels.Teams, key + "-c", ConversationFixture.Now, wall, leaseA, default));
                Assert.False(await ledger.TryClaimAsync(ChatChannels.Teams, key + "-c", ConversationFixture.Now, wall.AddSeconds(10), leaseB, default));
                Assert.True(await ledger.TryClaimAsync(ChatChannels.Teams, key + "-c", ConversationFixture.Now, wall.AddSeconds(40), leaseB, default));
                await ledger.ReleaseAsync(ChatChannels.Teams, key + "-c", leaseA, default); // not A's any more
                Assert.False(await ledger.TryClaimAsync(ChatChannels.Teams, key + "-c", ConversationFixture.Now, wall.AddSeconds(50), wall.AddSeconds(80), default));
                await ledger.CompleteAsync(ChatChannels.Teams, key + "-c", leaseB, ConversationFixture.Now, default);
                Assert.False(await ledger.TryClaimAsync(ChatChannels.Teams, key + "-c", ConversationFixture.Now, wall.AddHours(1), wall.AddHours(2), default));
                var danaId = (await db.Reps.SingleAsync(r => r.Email == dana)).Id;
                var book = services.GetRequiredService<AeBot.Core.Channels.IChannelAddressBook>();
                await book.SaveAsync(new AeBot.Core.Channels.ChannelAddress(danaId, "test", "t1", "u1", "c1", null, null, ConversationFixture.Now), default);
                await book.MarkUnreachableAsync(danaId, "test", "gone", ConversationFixture.Now, default);
                Assert.False((await book.FindAsync(danaId, "test", default))!.IsReachable);
                await book.SaveAsync(new AeBot.Core.Channels.ChannelAddress(danaId, "test", "t1", "u1", "c1", null, null, ConversationFixture.Now.AddMinutes(1)), default);
                Assert.True((await book.FindAsync(danaId, "test", default))!.IsReachable);
                await services.GetRequiredService<AeBot.Core.Handoff.IProactiveMessenger>().SendAsync(new AeBot.Core.Handoff.ProactiveMessage(danaId, "test", new Reply([new TextBlock("hi")]) { Summary = "hi" }), default);
                var recorder = new AeBot.Tests.Nudges.RecordingChannel("test");
                var delivery = new AeBot.Data.Channels.OutboxDelivery(db, [recorder], book, services.GetRequiredService<TimeProvider>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<AeBot.Data.Channels.OutboxDelivery>.Instance);
                Assert.Equal(1, (await delivery.DeliverDueAsync(10, default)).Sent);
                Assert.Equal(0, (await delivery.DeliverDueAsync(10, default)).Total);
                Assert.Equal("hi", Assert.Single(recorder.Sent).Reply.Summary);

                // The inbound queue: group-committed inserts (a retry is a no-op), one-statement claims, completion.
                var queue = services.GetRequiredService<AeBot.Core.Channels.IInboundQueue>();
                var inbox = services.GetRequiredService<AeBot.Core.Channels.IInboundInbox>();
                AeBot.Core.Channels.InboundRequest Request(string key, string conversation, bool needsProcessing = true) =>
                    new("slack", "event", key, conversation, "{}", ConversationFixture.Now) { NeedsProcessing = needsProcessing };
                Assert.True(await inbox.EnqueueAsync(Request("EvPG1", "T:ann"), default));
                Assert.False(await inbox.EnqueueAsync(Request("EvPG1", "T:ann"), default));
                Assert.True(await inbox.EnqueueAsync(Request("EvPG2", "T:bob"), default));
                Assert.True(await inbox.EnqueueAsync(Request("EvPG3", "T:ann", needsProcessing: false), default)); // settled: never claimed
                Assert.True(await inbox.EnqueueAsync(Request("EvPG4", "T:ann"), default)); // waits behind EvPG1
                var lease = TimeSpan.FromMinutes(2);
                var claimed = await queue.ClaimAsync(["slack"], 10, ConversationFixture.Now, lease, "a", default);
                Assert.Equal(2, claimed.Count);
                Assert.Empty(await queue.ClaimAsync(["slack"], 10, ConversationFixture.Now, lease, "b", default)); // leased, or behind one
                await queue.SaveAnswerAsync(claimed[0], "kept", default);
                await queue.DeferAsync(claimed[0], "rate-limited", ConversationFixture.Now.AddSeconds(5), default);
                var deferred = Assert.Single(await queue.ClaimAsync(["slack"], 10, ConversationFixture.Now.AddSeconds(5), lease, "b", default));
                Assert.Equal(("kept", 1), (deferred.Answer, deferred.Attempts));
                await queue.CompleteAsync(claimed[0], ConversationFixture.Now, default); // no longer "a"'s claim: nothing happens
                await queue.CompleteAsync(deferred, ConversationFixture.Now, default);
                await queue.CompleteAsync(claimed[1], ConversationFixture.Now, default);
                var next = Assert.Single(await queue.ClaimAsync(["slack"], 10, ConversationFixture.Now, lease, "a", default));
                Assert.Equal([next.Id], await queue.RenewAsync([next.Id], "a", ConversationFixture.Now.AddMinutes(10), default));
                Assert.Empty(await queue.RenewAsync([next.Id], "b", ConversationFixture.Now.AddMinutes(20), default));
                Assert.Empty(await queue.ClaimAsync(["slack"], 10, ConversationFixture.Now.AddMinutes(5), lease, "b", default));
                await queue.CompleteAsync(next, ConversationFixture.Now, default);
                Assert.Empty(await queue.ClaimAsync(["slack"], 10, ConversationFixture.Now.AddMinutes(15), lease, "b", default));
                Assert.Equal(0, await queue.GiveUpExhaustedAsync(1, ConversationFixture.Now.AddHours(1), ConversationFixture.Now, default));
                Assert.Equal(0, await queue.PruneAsync(ConversationFixture.Now, 1000, default)); // nothing older than that
                Assert.Equal(4, await queue.PruneAsync(ConversationFixture.Now.AddMinutes(1), 1000, default));            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            sqliteDirectory.Delete(recursive: true);
            await using var admin = new NpgsqlConnection(Server);
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
    }

    [SkippableFact]
    public async Task Undo_buttons_on_PostgreSQL_find_an_untouched_row_untouched_though_it_keeps_only_microseconds()
    {
        Skip.If(string.IsNullOrWhiteSpace(Server), "AEBOT_TEST_POSTGRES is not set");
        var database = $"aebot_undo_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(Server))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin).ExecuteNonQueryAsync();
        }
        try
        {
            // "Now" below the microsecond: what the change left in memory is finer than what PostgreSQL stores.
            using var postgres = await TestHosts.StartAsync(new()
            {
                ["Storage:Provider"] = "Postgres",
                ["ConnectionStrings:AeBot"] = new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString,
                ["Clock:Now"] = ConversationFixture.Now.AddTicks(1_234_567).ToString("O"),
                ["Demo:Seed"] = "true",
            }, seedDemo: true);
            const string dana = "dana.reyes@northwind.example";
            static string Undo(Reply reply) => reply.Blocks.OfType<ActionsBlock>().SelectMany(b => b.Actions).Single(a => a.Label == "Undo").Payload;
            Task<Reply> Press(string payload) => TestHosts.AskAsync(postgres.Services, dana, "", "c1", payload);

            var day = await AskAsync(postgres, dana, "my day", "c1");
            var task = day.Blocks.OfType<ItemListBlock>().First(l => l.Title!.StartsWith("Overdue")).Items[0].Actions.Single(a => a.Label == "Done").Payload;
            var done = await Press(task);
            Assert.StartsWith("Undone", (await Press(Undo(done))).Summary);

            var taskId = long.Parse(task.Split(':')[^1]);
            Assert.Equal(AeBot.Core.Interactions.FollowUpStatus.Open, await Query(db => db.FollowUpTasks.Where(f => f.Id == taskId).Select(f => f.Status).SingleAsync()));

            // The call's deal gets back its last-activity time only if nothing has moved it since: compared as stored.
            var engaged = await Query(db => db.Opportunities.Where(o => o.Account!.Name == "Acme" && o.Owner!.Email == dana).ToDictionaryAsync(o => o.Id, o => o.LastEngagedAt));
            await AskAsync(postgres, dana, "log a call with Acme", "c2");
            await AskAsync(postgres, dana, "1", "c2");
            var logged = await AskAsync(postgres, dana, "They want references, next step send two by Friday", "c2");
            Assert.StartsWith("Logged", logged.Summary);
            Assert.StartsWith("Undone", (await Press(Undo(logged))).Summary);
            Assert.Equal(engaged, await Query(db => db.Opportunities.Where(o => o.Account!.Name == "Acme" && o.Owner!.Email == dana).ToDictionaryAsync(o => o.Id, o => o.LastEngagedAt)));

            async Task<T> Query<T>(Func<AeBotDbContext, Task<T>> query)
            {
                await using var scope = postgres.Services.CreateAsyncScope();
                return await query(scope.ServiceProvider.GetRequiredService<AeBotDbContext>());
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(Server);
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
    }

    private static Task<IHost> StartAsync(Dictionary<string, string?> settings)
    {
        settings["Clock:Now"] = ConversationFixture.Now.ToString("O");
        settings["Demo:Seed"] = "true";
        return TestHosts.StartAsync(settings, seedDemo: true);
    }

    private static Task<Reply> AskAsync(IHost host, string email, string text, string conversation) => TestHosts.AskAsync(host.Services, email, text, conversation);
}
