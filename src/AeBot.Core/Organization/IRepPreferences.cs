namespace AeBot.Core.Organization;

/// <summary>A person's own settings that are not about nudges: the language AeBot answers them in.</summary>
public interface IRepPreferences
{
    /// <summary>Stores the language the rep chose in chat ("th"/"en"; null keeps it) and their year style (null keeps it).</summary>
    Task SetLanguageAsync(long repId, string? language, bool? buddhistEra, CancellationToken cancellationToken);

    /// <summary>Remembers the locale the rep's chat client reported, when it changed: it decides until they choose.</summary>
    Task NoteLocaleAsync(long repId, string locale, CancellationToken cancellationToken);
}
