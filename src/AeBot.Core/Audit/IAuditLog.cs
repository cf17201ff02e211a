namespace AeBot.Core.Audit;

/// <summary>Every turn is recorded: who, where, what was asked, what it was taken to mean, what was answered.</summary>
public interface IAuditLog
{
    Task RecordAsync(AuditRecord record, CancellationToken cancellationToken);

    Task<IReadOnlyList<(AuditRecord Record, string RepName)>> SinceAsync(DateTimeOffset since, long? repId, int take, CancellationToken cancellationToken);
}
