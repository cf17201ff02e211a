namespace AeBot.Data.Demo;

/// <summary>Configuration section "Demo".</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Create the demo company at start-up when the database is empty (on in Development).</summary>
    public bool Seed { get; set; }

    /// <summary>Seed of the generator: the same value and the same clock give the same company.</summary>
    public int RandomSeed { get; set; } = 4242;
}
