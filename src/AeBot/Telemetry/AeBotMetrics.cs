using System.Diagnostics;
using System.Diagnostics.Metrics;
using AeBot.Core.Audit;

namespace AeBot.Telemetry;

/// <summary>
/// AeBot's own instruments, on one <see cref="Meter"/> named <see cref="Name"/> created by the host's
/// <see cref="IMeterFactory"/> (so every host — and every test host — has its own), and the
/// <see cref="ActivitySource"/> that traces turns.
/// </summary>
public sealed class AeBotMetrics : IDisposable
{
    public const string Name = "AeBot";

    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _nudgesSent;
    private readonly Counter<long> _nudgesFolded;

    public AeBotMetrics(IMeterFactory meters, QueueDepths depths)
    {
        var meter = meters.Create(Name);
        _turns = meter.CreateCounter<long>("aebot.turns", "{turn}", "Chat turns answered, by channel, intent and outcome.");
        _turnDuration = meter.CreateHistogram<double>("aebot.turn.duration", "s", "How long the conversation core took to answer a turn.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _nudgesSent = meter.CreateCounter<long>("aebot.nudges.sent", "{nudge}", "Nudges and digests recorded for delivery now, by rule.");
        _nudgesFolded = meter.CreateCounter<long>("aebot.nudges.folded", "{nudge}", "Nudges held back for the next digest (quiet hours, daily cap), by rule.");
        meter.CreateObservableGauge("aebot.outbox.depth", depths.Outbox, "{message}", "Proactive messages in the outbox not yet delivered (and not given up).");
        meter.CreateObservableGauge("aebot.inbound.depth", depths.Inbound, "{request}", "Stored Slack and Teams requests not yet settled.");
    }

    /// <summary>Traces turns (and nothing else): a span per turn, tagged with its channel, intent and outcome.</summary>
    public ActivitySource Source { get; } = new(Name);

    public Activity? StartTurn(string channel) =>
        Source.StartActivity("aebot.turn", ActivityKind.Internal, default(ActivityContext), [new("aebot.channel", channel)]);

    /// <summary>A turn as the audit log records it: counted, timed, and its intent added to the turn's span.</summary>
    public void TurnRecorded(AuditRecord record)
    {
        var intent = record.Intent.Length <= 40 ? record.Intent : record.Intent[..40];
        var tags = new TagList { { "aebot.channel", record.Channel }, { "aebot.intent", intent }, { "aebot.outcome", record.Outcome.ToString() } };
        _turns.Add(1, tags);
        _turnDuration.Record(record.LatencyMs / 1000.0, tags);
        if (Activity.Current is { } span && span.Source == Source)
        {
            span.SetTag("aebot.intent", intent);
            span.SetTag("aebot.outcome", record.Outcome.ToString());
            if (record.Outcome == TurnOutcome.Failed)
                span.SetStatus(ActivityStatusCode.Error);
        }
    }

    public void NudgeSent(string rule) => _nudgesSent.Add(1, new KeyValuePair<string, object?>("aebot.rule", rule));

    public void NudgeFolded(string rule) => _nudgesFolded.Add(1, new KeyValuePair<string, object?>("aebot.rule", rule));

    public void Dispose() => Source.Dispose();
}
