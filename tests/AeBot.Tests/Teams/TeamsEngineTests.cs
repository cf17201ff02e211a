using System.Net;
using System.Text.Json.Nodes;
using AeBot.Core.Conversation;
using AeBot.Data.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AeBot.Tests.Teams;

/// <summary>
/// Teams messages through the inbound engine when the server stops mid-turn and when a turn outlasts its claim's
/// lease: answered once, never apologised for by mistake, never run twice side by side.
/// </summary>
public sealed class TeamsEngineTests : IAsyncLifetime
{
    private FakeBotConnector _connector = null!;
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-teams-engine-");

    private string Db => Path.Combine(_directory.FullName, "aebot.db");

    /// <summary>The core, slowed or held on cue; every call counted.</summary>
    private sealed class CueCore(IConversationCore inner, Cues cues) : IConversationCore
    {
        public async Task<Reply> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref cues.Calls);
            if (message.Text.Contains("hold", StringComparison.Ordinal))
            {
                cues.Held.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken); // until the server stops
            }
            if (message.Text.Contains("slow", StringComparison.Ordinal))
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken); // longer than the 3 s lease
            return await inner.HandleAsync(message, cancellationToken);
        }
    }

    private sealed class Cues
    {
        public int Calls;
        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _connector.Members[TeamsFixture.MeganId] = (TeamsFixture.MeganAad, "dana.reyes@northwind.example", "Megan Bowen");
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestDirectory.Delete(_directory);
    }

    private TeamsApplication App(Cues? cues, string leaseSeconds = "120") =>
        new(_connector, new Dictionary<string, string?> { ["Storage:SqlitePath"] = Db, ["Inbound:LeaseSeconds"] = leaseSeconds }, services =>
        {
            if (cues is null)
                return;
            var core = services.Single(d => d.ServiceType == typeof(IConversationCore));
            services.Remove(core);
            // The registered core (the host wraps it in its telemetry decorator, a factory): wrapped once more.
            Func<IServiceProvider, object> registered = core.ImplementationFactory ?? (sp => ActivatorUtilities.CreateInstance(sp, core.ImplementationType!));
            services.AddSingleton(cues);
            services.Add(ServiceDescriptor.Describe(typeof(IConversationCore),
                sp => new CueCore((IConversationCore)registered(sp), sp.GetRequiredService<Cues>()), core.Lifetime));
        });

    private static JsonObject Message(TeamsApplication app, string text)
    {
        var activity = app.Fixture("teams-personal-message");
        activity["text"] = text;
        activity["id"] = "1:" + Guid.NewGuid().ToString("N");
        activity["conversation"]!["id"] = "a:" + Guid.NewGuid().ToString("N");
        return activity;
    }

    private IEnumerable<ConnectorCall> Replies(JsonObject activity) =>
        _connector.Messages.Where(m => m.ConversationId == activity["conversation"]!["id"]!.GetValue<string>());

    private static string Key(JsonObject activity) =>
        InboundQueueWriter.StoredKey($"{activity["conversation"]!["id"]!.GetValue<string>()}|{activity["id"]!.GetValue<string>()}");

    [Fact]
    public async Task A_turn_running_when_the_server_stops_is_put_back_unanswered_and_answered_once_after_the_restart()
    {
        var cues = new Cues();
        JsonObject activity;
        await using (var first = App(cues))
        {
            activity = Message(first, "hold: what closes this month?");
            Assert.Equal(HttpStatusCode.OK, (await first.PostAsync(activity, settle: false)).StatusCode);
            await cues.Held.Task.WaitAsync(TimeSpan.FromSeconds(60));
        } // the server stops while the turn is held

        Assert.Empty(Replies(activity)); // no apology, no answer: the turn did not fail, it was interrupted
        // The row as the stopped server left it (read straight from the file, before any engine runs again):
        // unsettled, due at once, the interrupted attempt not counted, no claim.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT "ProcessedAt" IS NULL AND "FailedAt" IS NULL, "Attempts", "ClaimedBy" IS NULL, "LastError" FROM "InboundQueue" WHERE "DeliveryKey" = $key""";
            command.Parameters.AddWithValue("$key", Key(activity));
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal((true, 0L, true), (reader.GetBoolean(0), reader.GetInt64(1), reader.GetBoolean(2)));
            Assert.Contains("stopped", reader.GetString(3));
        }
        await using (var restarted = App(null))
            await restarted.SettledAsync($"{activity["conversation"]!["id"]!.GetValue<string>()}|{activity["id"]!.GetValue<string>()}");
        var answer = Assert.Single(Replies(activity));
        Assert.DoesNotContain("went wrong", answer.AllText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_turn_longer_than_its_lease_keeps_its_claim_and_runs_once()
    {
        var cues = new Cues();
        await using var app = App(cues, leaseSeconds: "3"); // renewed every second
        var activity = Message(app, "slow: what closes this month?");

        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync(activity)).StatusCode); // settles after the 5 s turn
        Assert.Equal(1, cues.Calls);
        Assert.Single(Replies(activity));
        Assert.Equal(1, await app.QueryAsync(db => db.InboundQueue.Where(q => q.DeliveryKey == Key(activity)).Select(q => q.Attempts).SingleAsync()));
    }
}
