namespace AeBot.Crm.Fakes.Salesforce;

/// <summary>
/// The fake org's clock — the one its SystemModstamp comes from (Object Reference, "System Fields":
/// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/system_fields.htm), and
/// token expiry and getDeleted's window are measured by — settable by tests; give the same instance to the client.
/// </summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _ticks, value.UtcTicks);
    }

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
