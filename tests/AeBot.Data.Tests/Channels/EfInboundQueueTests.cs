using AeBot.Core.Channels;
using AeBot.Core.Organization;
using AeBot.Data.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AeBot.Data.Tests.Channels;

/// <summary>
/// The inbound queue's rules, on a real database: a conversation's requests one at a time and in order, different
/// conversations side by side, due times and leases honoured, a deferral not counted as an attempt, and the
/// answer an attempt kept handed to the next.
/// </summary>
public sealed class EfInboundQueueTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly string[] Slack = [ChatChannels.Slack];
    private readonly TestDatabase _database = new();
    private ServiceProvider _services = null!;
    private InboundQueueWriter _inbox = null!;

    public Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddScoped<AeBot.Data.Storage.AeBotDbContext>(_ => _database.NewContext());
        _services = services.BuildServiceProvider();
        _inbox = new InboundQueueWriter(_services.GetRequiredService<IServiceScopeFactory>(), NullLogger<InboundQueueWriter>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _inbox.DisposeAsync();
        await _services.DisposeAsync();
        _database.Dispose();
    }

    private Task<bool> StoreAsync(string key, string conversation, string channel = ChatChannels.Slack, bool needsProcessing = true) =>
        _inbox.EnqueueAsync(new InboundRequest(channel, "event", key, conversation, "{\"k\":\"" + key + "\"}", T0) { NeedsProcessing = needsProcessing }, default);

    private static List<string> Keys(IEnumerable<InboundItem> items) => items.Select(i => i.Body[6..^2]).ToList();

    private const string Me = "engine-a";
    private const string Other = "engine-b";

    [Fact]
    public async Task Only_the_oldest_unsettled_request_of_each_conversation_is_claimed_and_the_next_follows_once_it_is_settled()
    {
        await StoreAsync("a1", "team:ann");
        await StoreAsync("b1", "team:bob");
        await StoreAsync("a2", "team:ann");
        await StoreAsync("b2", "team:bob");
        await StoreAsync("echo", "team:ann", needsProcessing: false); // stored settled: neither claimed nor in the way
        await StoreAsync("t1", "team:ann", channel: ChatChannels.Teams); // another channel's conversation of the same name
        await using var db = _database.NewContext();
        var queue = new EfInboundQueue(db);

        var first = await queue.ClaimAsync(Slack, 10, T0, Lease, Me, default);
        Assert.Equal(["a1", "b1"], Keys(first));
        Assert.All(first, i => Assert.Equal((1, Me), (i.Attempts, i.ClaimedBy)));
        Assert.Empty(await queue.ClaimAsync(Slack, 10, T0, Lease, Other, default)); // a2 and b2 wait behind them

        await queue.CompleteAsync(first[0], T0, default);
        Assert.Equal(["a2"], Keys(await queue.ClaimAsync(Slack, 10, T0, Lease, Other, default)));

        // b1 fails and is due again in a minute: b2 keeps waiting behind it until then (order, not speed).
        await queue.FailAsync(first[1], "boom", T0.AddMinutes(1), T0, default);
        Assert.Empty(await queue.ClaimAsync(Slack, 10, T0.AddSeconds(59), Lease, Me, default));
        var retried = Assert.Single(await queue.ClaimAsync(Slack, 10, T0.AddMinutes(1), Lease, Me, default));
        Assert.Equal(("b1", 2), (Keys([retried])[0], retried.Attempts));

        // Given up: settled, so b2 goes ahead.
        await queue.FailAsync(retried, "boom again", null, T0, default);
        Assert.Equal(["b2"], Keys(await queue.ClaimAsync(Slack, 10, T0.AddMinutes(1), Lease, Me, default)));

        Assert.Equal(["t1"], Keys(await queue.ClaimAsync([ChatChannels.Teams], 10, T0, Lease, Me, default)));
    }

    [Fact]
    public async Task A_claim_runs_out_unless_renewed_and_once_taken_over_only_the_new_owner_renews_or_settles_it()
    {
        await StoreAsync("x", "c:x");
        await StoreAsync("x2", "c:x");
        await using var db = _database.NewContext();
        var queue = new EfInboundQueue(db);
        var mine = Assert.Single(await queue.ClaimAsync(Slack, 10, T0, Lease, Me, default));

        Assert.Equal([mine.Id], await queue.RenewAsync([mine.Id], Me, T0.AddMinutes(3), default)); // still working at T0+1 min
        Assert.Empty(await queue.RenewAsync([mine.Id], Other, T0.AddHours(1), default)); // not its claim
        Assert.Empty(await queue.ClaimAsync(Slack, 10, T0.AddMinutes(2).AddSeconds(30), Lease, Other, default));
        var theirs = Assert.Single(await queue.ClaimAsync(Slack, 10, T0.AddMinutes(3), Lease, Other, default)); // renewals stopped: taken over
        Assert.Equal((mine.Id, 2, Other), (theirs.Id, theirs.Attempts, theirs.ClaimedBy));

        // The first turn, still going, can neither extend, complete, fail nor defer what is now another's.
        Assert.Empty(await queue.RenewAsync([mine.Id], Me, T0.AddHours(1), default));
        await queue.CompleteAsync(mine, T0, default);
        await queue.FailAsync(mine, "late", T0.AddHours(1), T0, default);
        await queue.DeferAsync(mine, "late", T0.AddHours(1), default);
        await queue.SaveAnswerAsync(mine, "stale", default);
        var row = db.InboundQueue.AsNoTracking().Single(q => q.Id == mine.Id);
        Assert.Equal((null, null, null, 2, (string?)null), (row.ProcessedAt, row.FailedAt, row.LastError, row.Attempts, row.Answer));
        Assert.Empty(await queue.ClaimAsync(Slack, 10, T0.AddMinutes(4), Lease, Me, default)); // x2 still behind it

        await queue.CompleteAsync(theirs, T0, default);
        Assert.Empty(await queue.RenewAsync([theirs.Id], Other, T0.AddHours(1), default)); // settled: nothing to renew
        Assert.Equal(["x2"], Keys(await queue.ClaimAsync(Slack, 10, T0.AddMinutes(4), Lease, Me, default)));
    }

    [Fact]
    public async Task A_deferral_waits_until_its_due_time_without_using_up_an_attempt_and_the_kept_answer_comes_back()
    {
        await StoreAsync("y", "c:y");
        await using var db = _database.NewContext();
        var queue = new EfInboundQueue(db);
        var item = Assert.Single(await queue.ClaimAsync(Slack, 10, T0, Lease, Me, default));
        Assert.Null(item.Answer);
        await queue.SaveAnswerAsync(item, "{\"blocks\":[]}", default);

        await queue.DeferAsync(item, "rate-limited", T0.AddSeconds(10), default);
        Assert.Empty(await queue.ClaimAsync(Slack, 10, T0.AddSeconds(9), Lease, Me, default));
        var again = Assert.Single(await queue.ClaimAsync(Slack, 10, T0.AddSeconds(10), Lease, Me, default));
        Assert.Equal(1, again.Attempts);
        Assert.Equal("{\"blocks\":[]}", again.Answer);
        Assert.Equal("c:y", again.Conversation);
    }

    [Fact]
    public async Task An_item_whose_every_attempt_died_with_its_process_is_given_up_and_stops_blocking_its_conversation()
    {
        await StoreAsync("poison", "c:p");
        await StoreAsync("next", "c:p");
        await using var db = _database.NewContext();
        var queue = new EfInboundQueue(db);
        var at = T0;
        for (var attempt = 1; attempt <= 3; attempt++, at += Lease)
            Assert.Equal(attempt, Assert.Single(await queue.ClaimAsync(Slack, 10, at, Lease, Me, default)).Attempts); // claimed, then the process dies

        Assert.Equal(0, await queue.GiveUpExhaustedAsync(3, at - TimeSpan.FromSeconds(1), T0, default)); // its third claim still runs
        Assert.Equal(1, await queue.GiveUpExhaustedAsync(3, at, T0, default));
        var row = db.InboundQueue.AsNoTracking().Single(q => q.DeliveryKey == "poison");
        Assert.NotNull(row.FailedAt);
        Assert.Contains("given up", row.LastError);
        Assert.Equal(["next"], Keys(await queue.ClaimAsync(Slack, 10, at, Lease, Me, default)));
    }

    [Fact]
    public async Task Pruning_deletes_old_settled_requests_past_an_old_one_still_to_do()
    {
        await StoreAsync("pending", "c:q"); // stored first (lowest id), never settled
        for (var i = 0; i < 5; i++)
            await StoreAsync($"done{i}", $"c:d{i}", needsProcessing: false);
        await using var db = _database.NewContext();
        var queue = new EfInboundQueue(db);

        Assert.Equal(3, await queue.PruneAsync(T0.AddSeconds(1), 3, default));
        Assert.Equal(2, await queue.PruneAsync(T0.AddSeconds(1), 3, default));
        Assert.Equal(["pending"], db.InboundQueue.AsNoTracking().Select(q => q.DeliveryKey).ToList());
    }

    [Fact]
    public async Task A_request_stored_twice_is_kept_once_and_long_keys_and_conversations_are_hashed_alike()
    {
        var longKey = new string('k', 150);
        var longConversation = new string('c', 300);
        Assert.True(await StoreAsync(longKey, longConversation));
        Assert.False(await StoreAsync(longKey, longConversation));
        Assert.True(await StoreAsync("after", longConversation));
        await using var db = _database.NewContext();
        var queue = new EfInboundQueue(db);
        var item = Assert.Single(await queue.ClaimAsync(Slack, 10, T0, Lease, Me, default));
        Assert.Equal(64, item.Conversation.Length); // SHA-256 in hex: the same for both, so "after" waits
        Assert.Equal(InboundQueueWriter.StoredKey(longKey), db.InboundQueue.Single(q => q.Id == item.Id).DeliveryKey);
    }
}
