using Icu;

namespace AeBot.Core.Understanding.Thai;

/// <summary>
/// Word breaks inside a run of Thai (written without spaces) from ICU's dictionary-based break iterator, over the
/// system's libicu — the library .NET itself loads for globalisation, so nothing extra to install. AeBot's own words
/// and the names in the data are matched first (<see cref="ThaiReader"/>); ICU only splits what is left.
/// </summary>
public sealed class ThaiWordBreaker
{
    private static readonly Locale Thai = new("th");

    // ICU's wrapper finds and loads libicu once per process; a machine without it still reads Thai, a run at a time.
    private readonly Lazy<bool> _available = new(() =>
    {
        try
        {
            Wrapper.Init();
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException or FileLoadException)
        {
            return false;
        }
    });

    public bool Available => _available.Value;

    public IReadOnlyList<string> Words(string run) =>
        run.Length == 0 ? []
        : Available ? [.. BreakIterator.Split(BreakIterator.UBreakIteratorType.WORD, Thai, run).Where(w => w.Length > 0)]
        : [run];
}
