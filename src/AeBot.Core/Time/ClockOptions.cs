namespace AeBot.Core.Time;

/// <summary>Configuration section "Clock".</summary>
public sealed class ClockOptions
{
    public const string SectionName = "Clock";

    /// <summary>When set (ISO 8601), AeBot's "now" is fixed at this instant: for demos, tests and support.</summary>
    public DateTimeOffset? Now { get; set; }
}
