using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AeBot.Telemetry;

namespace AeBot.Tests.Telemetry;

/// <summary>
/// What one host's "AeBot" meter records: instruments are matched by the host's own <see cref="IMeterFactory"/>, so
/// hosts running side by side in other tests are not heard.
/// </summary>
internal sealed class RecordedMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();

    public RecordedMeasurements(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AeBotMetrics.Name && ReferenceEquals(instrument.Meter.Scope, meters))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public ConcurrentQueue<Recorded> All { get; } = new();

    public IReadOnlyList<Recorded> Of(string instrument) => All.Where(m => m.Instrument == instrument).ToList();

    /// <summary>Reads the observable gauges now (a scrape).</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        All.Enqueue(new Recorded(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));

    public void Dispose() => _listener.Dispose();

    public sealed record Recorded(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
}
