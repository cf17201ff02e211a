namespace AeBot.Cli;

/// <summary>
/// The command line's log: one plain line per entry on stderr — "aebot: warning: Category: message" — never JSON
/// and never on stdout, so a command's output (and <c>--json</c>) is all stdout carries. Written at once, not from
/// a background queue like the console logger's, so nothing is lost when the command exits. The alias keeps
/// <c>Logging:Console:LogLevel</c> settings working for commands.
/// </summary>
[ProviderAlias("Console")]
internal sealed class CliLoggerProvider(TextWriter stderr) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new CliLogger(this, categoryName);

    public void Dispose()
    {
    }

    internal static string Format(LogLevel level, string category, string message, Exception? exception)
    {
        var line = $"aebot: {Name(level)}: {category}: {message}";
        for (var e = exception; e is not null; e = e.InnerException)
            line += $" ({e.GetType().Name}: {e.Message})";
        // One entry, one line: a multi-line message or exception text would read as several entries.
        return line.ReplaceLineEndings(" ");
    }

    private static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        _ => "critical",
    };

    private void Write(string line)
    {
        lock (_gate)
        {
            stderr.WriteLine(line);
            stderr.Flush();
        }
    }

    private sealed class CliLogger(CliLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            provider.Write(Format(logLevel, category, formatter(state, exception), exception));
        }
    }
}
