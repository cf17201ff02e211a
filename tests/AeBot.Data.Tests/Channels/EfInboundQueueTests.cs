using AeBot.Core.Channels;
using AeBot.Core.Organization;
using AeBot.Data.Channels;
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

        var first = await queue.ClaimAsync(Slack, 10, T0, Lease, default);
        Assert.Equal(["a1", "b1"], Keys(first));
        Assert.All(first, i => Assert.Equal(1, i.Attempts));
        Assert.Empty(await queue.ClaimAsync(Slack, 10, T0, Lease, default)); // a2 and b2 wait behind them

        await queue.CompleteAsync([first[0].Id], T0, default);
        Assert.Equal(["a2"], Keys(await queue.ClaimAsync(Slack, 10, T0, Lease, default)));

        // b1 fails and is due again in a minute: b2 keeps waiting behind it until then (order, not speed).
        await queue.FailAsync(first[1].Id, "boom", T0.AddMinutes(1), T0, default);
        Assert.Empty(await queue.ClaimAsync(Slack, 10, T0.AddSeconds(59), Lease, default));
        var retried = Assert.Single(await queue.ClaimAsync(Slack, 10, T0.AddMinutes(1), Lease, default));
        Assert.Equal(("b1", 2), (Keys([retried])[0], retried.Attempts));

        // Given up: settled, so b2 goes ahead.
        await queue.FailAsync(retried.Id, "boom again", null, T0, default);
        Assert.Equal(["b2"], Keys(await queue.ClaimAsync(Slack, 10, T0.AddMinutes(1), Lease, default)));

        Assert.Equal(["t1"], Keys(await queue.ClaimAsync([ChatChannels.Teams], 10, T0, Lease, default)));
    }

    [Fact]
    public async Task A_claim_runs_out_unless_renewed_and_then_another_worker_takes_the_item()
    {
        await StoreAsync("x", "c:x");
        await using var db = _database.NewContext();
        var queue = new EfInboundQueue(db);
        var item = Assert.Single(await queue.ClaimAsync(Slack, 10, T0, Lease, default));

        await queue.RenewAsync([item.Id], T0.AddMinutes(3), default); // still working at T0+1 min: renewed to T0+3
        Assert.Empty(await queue.ClaimAsync(Slack, 10, T0.AddMinutes(2).AddSeconds(30), Lease, default));
        var taken = Assert.Single(await queue.ClaimAsync(Slack, 10, T0.AddMinutes(3), Lease, default)); // its worker died
        Assert.Equal((item.Id, 2), (taken.Id, taken.Attempts));

        await queue.CompleteAsync([taken.Id], T0, default);
        await queue.RenewAsync([taken.Id], T0.AddHours(1), default); // a late renewal cannot bring it back
        Assert.Empty(await queue.ClaimAsync(Slack, 10, T0.AddHours(2), Lease, default));
    }

    [Fact]
    public async Task A_deferral_waits_until_its_due_time_without_using_up_an_attempt_and_the_kept_answer_comes_back()
    {
        await StoreAsync("y", "c:y");
        await using var db = _database.NewContext();
        var queue = new EfInboundQueue(db);
        var item = Assert.Single(await queue.ClaimAsync(Slack, 10, T0, Lease, default));
        Assert.Null(item.Answer);
        await queue.SaveAnswerAsync(item.Id, "{\"blocks\":[]}", default);

        await queue.DeferAsync(item.Id, "rate-limited", T0.AddSeconds(10), default);
        Assert.Empty(await queue.ClaimAsync(Slack, 10, T0.AddSeconds(9), Lease, default));
        var again = Assert.Single(await queue.ClaimAsync(Slack, 10, T0.AddSeconds(10), Lease, default));
        Assert.Equal(1, again.Attempts);
        Assert.Equal("{\"blocks\":[]}", again.Answer);
        Assert.Equal("c:y", again.Conversation);
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
        var item = Assert.Single(await queue.ClaimAsync(Slack, 10, T0, Lease, default));
        Assert.Equal(64, item.Conversation.Length); // SHA-256 in hex: the same for both, so "after" waits
        Assert.Equal(InboundQueueWriter.StoredKey(longKey), db.InboundQueue.Single(q => q.Id == item.Id).DeliveryKey);
    }
}
