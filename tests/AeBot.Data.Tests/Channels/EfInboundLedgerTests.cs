using AeBot.Data.Channels;

namespace AeBot.Data.Tests.Channels;

/// <summary>Claims of inbound deliveries: at least once, never twice, and a claim is only ever its owner's to settle.</summary>
public sealed class EfInboundLedgerTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_claim_is_held_until_completed_released_or_run_out_and_only_its_owner_settles_it()
    {
        await using var db = _database.NewContext();
        var ledger = new EfInboundLedger(db);
        var leaseA = T0.AddSeconds(30);
        Assert.True(await ledger.TryClaimAsync("teams", "c|1", T0, T0, leaseA, default));
        Assert.False(await ledger.TryClaimAsync("teams", "c|1", T0, T0.AddSeconds(10), T0.AddSeconds(40), default)); // A still runs

        // A's process died: after its lease a redelivery (B) takes the delivery over.
        var leaseB = T0.AddSeconds(70);
        Assert.True(await ledger.TryClaimAsync("teams", "c|1", T0, T0.AddSeconds(40), leaseB, default));
        // A, back from the dead, can neither release nor complete what is now B's.
        await ledger.ReleaseAsync("teams", "c|1", leaseA, default);
        await ledger.CompleteAsync("teams", "c|1", leaseA, T0.AddSeconds(41), default);
        Assert.False(await ledger.TryClaimAsync("teams", "c|1", T0, T0.AddSeconds(50), T0.AddSeconds(80), default));

        // B fails: released, so the next redelivery runs it at once; that one completes it for good.
        await ledger.ReleaseAsync("teams", "c|1", leaseB, default);
        var leaseC = T0.AddSeconds(90);
        Assert.True(await ledger.TryClaimAsync("teams", "c|1", T0, T0.AddSeconds(60), leaseC, default));
        await ledger.CompleteAsync("teams", "c|1", leaseC, T0.AddSeconds(61), default);
        Assert.False(await ledger.TryClaimAsync("teams", "c|1", T0, T0.AddHours(1), T0.AddHours(2), default));
    }

    [Fact]
    public async Task A_recorded_delivery_is_done_at_once()
    {
        await using var db = _database.NewContext();
        var ledger = new EfInboundLedger(db);
        Assert.True(await ledger.TryRecordAsync("teams", "c|2", T0, default));
        Assert.False(await ledger.TryClaimAsync("teams", "c|2", T0, T0.AddHours(1), T0.AddHours(2), default));
    }
}
