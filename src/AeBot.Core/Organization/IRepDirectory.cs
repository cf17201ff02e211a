namespace AeBot.Core.Organization;

/// <summary>Finds the rep behind a login: by e-mail, or by full name for operators at the command line.</summary>
public interface IRepDirectory
{
    /// <summary>The rep with this e-mail or full name (case-insensitive); null when none or more than one fits.</summary>
    Task<Rep?> FindAsync(string emailOrName, CancellationToken cancellationToken);

    /// <summary>The active rep with this id; null when none.</summary>
    Task<Rep?> FindByIdAsync(long id, CancellationToken cancellationToken);

    /// <summary>A few reps, for "did you mean" hints.</summary>
    Task<IReadOnlyList<Rep>> SampleAsync(int count, CancellationToken cancellationToken);
}
