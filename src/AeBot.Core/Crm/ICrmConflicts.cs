namespace AeBot.Core.Crm;

/// <summary>
/// A deal change made in chat that the CRM changed differently meanwhile waits for the rep's answer (the buttons of
/// the question AeBot sent). <see cref="ResolveAsync"/> records it; the next sync carries it out.
/// </summary>
public interface ICrmConflicts
{
    /// <summary>
    /// The rep's answer to write-back <paramref name="writeBackId"/>: keep the CRM's value(s) or set theirs anyway.
    /// Returns what it did (<see cref="CrmConflictQuestion.Answer"/> says it in their language); null when there is
    /// no such question of theirs.
    /// </summary>
    Task<CrmConflictAnswer?> ResolveAsync(long repId, long writeBackId, bool setMine, CancellationToken cancellationToken);
}

/// <summary>No CRM connected: there is never a question to answer.</summary>
public sealed class NoCrmConflicts : ICrmConflicts
{
    public Task<CrmConflictAnswer?> ResolveAsync(long repId, long writeBackId, bool setMine, CancellationToken cancellationToken) =>
        Task.FromResult<CrmConflictAnswer?>(null);
}
