using AeBot.Data.Import;

namespace AeBot.Cli;

/// <summary>
/// Import progress: a redrawn bar on a terminal; on a pipe or log file, a line at every tenth of the file,
/// so long imports are visibly alive either way.
/// </summary>
public sealed class ProgressBar(TextWriter output, bool isTerminal) : IProgress<ImportProgress>
{
    private const int Width = 30;
    private string? _file;
    private int _lastTenth = -1;
    private bool _drawn;

    public void Report(ImportProgress value)
    {
        var fraction = value.BytesTotal == 0 ? 1.0 : Math.Clamp((double)value.BytesRead / value.BytesTotal, 0, 1);
        var name = Path.GetFileName(value.File);
        if (name != _file)
        {
            if (_drawn)
                output.WriteLine();
            _file = name;
            _lastTenth = -1;
            _drawn = false;
        }
        if (isTerminal)
        {
            var filled = (int)(fraction * Width);
            output.Write($"\r{name} [{new string('#', filled)}{new string('.', Width - filled)}] {fraction:P0} {value.Rows:N0} rows ");
            _drawn = true;
            return;
        }
        var tenth = (int)(fraction * 10);
        if (tenth == _lastTenth)
            return;
        _lastTenth = tenth;
        output.WriteLine($"{name}: {fraction:P0} ({value.Rows:N0} rows)");
    }

    public void Finish()
    {
        if (_drawn)
            output.WriteLine();
    }
}
