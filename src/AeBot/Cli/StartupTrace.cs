using System.Diagnostics;

namespace AeBot.Cli;

/// <summary>
/// Where a command's start-up time goes: with <c>AEBOT_TRACE_STARTUP=1</c> each phase writes one line to stderr,
/// "+N ms phase (T ms since the process started)". Off by default, when it costs nothing.
/// </summary>
public sealed class StartupTrace
{
    public const string Variable = "AEBOT_TRACE_STARTUP";

    private readonly TextWriter? _sink;
    private readonly DateTime _processStart;
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private TimeSpan _last;

    private StartupTrace(TextWriter? sink)
    {
        _sink = sink;
        if (sink is null)
            return;
        _processStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        _last = _stopwatch.Elapsed;
        Mark("main entered (runtime start-up)");
    }

    public static StartupTrace Off { get; } = new(null);

    /// <summary>A trace into <paramref name="sink"/> whatever the environment says (tests read where a command went).</summary>
    internal static StartupTrace To(TextWriter sink) => new(sink);

    public static StartupTrace FromEnvironment(TextWriter sink) =>
        Environment.GetEnvironmentVariable(Variable) is "1" or "true" ? new StartupTrace(sink) : Off;

    /// <summary>The assemblies the command loaded: what a light path should not need shows up here.</summary>
    public void Loaded()
    {
        if (_sink is null)
            return;
        var names = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).Order(StringComparer.Ordinal).ToList();
        _sink.WriteLine($"startup: {names.Count} assemblies loaded: {string.Join(", ", names)}");
    }

    public void Mark(string phase)
    {
        if (_sink is null)
            return;
        var now = _stopwatch.Elapsed;
        var sinceStart = DateTime.UtcNow - _processStart;
        _sink.WriteLine($"startup: +{(now - _last).TotalMilliseconds,6:0} ms  {phase}  ({sinceStart.TotalMilliseconds:0} ms since the process started)");
        _last = now;
    }
}
