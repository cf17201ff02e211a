using AeBot.Crm.Sources;

namespace AeBot.Crm.Sync;

/// <summary>What one object type's read changed.</summary>
public sealed class CrmTypeCounts
{
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Deleted { get; set; }

    /// <summary>Linked records a full read no longer found and the CRM confirmed gone: removed as deletions are.</summary>
    public int Swept { get; set; }

    public int Skipped { get; set; }

    public int Changed => Created + Updated + Deleted + Swept;
}

/// <summary>What a sync run did: written back, read (by type), skipped records with their reasons, how it ended.</summary>
public sealed class CrmSyncReport
{
    public required string Provider { get; init; }
    public bool Full { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>ok, partial (records skipped), failed, auth, busy (another instance was syncing).</summary>
    public string Outcome { get; set; } = "running";

    public string? Error { get; set; }

    public SortedDictionary<string, CrmTypeCounts> Read { get; } = new(StringComparer.Ordinal);

    public int WritesSent { get; set; }
    public int WritesConflicted { get; set; }
    public int WritesDropped { get; set; }
    public int WritesFailed { get; set; }
    public int WritesWaiting { get; set; }

    public List<CrmSkipped> Skipped { get; } = [];

    /// <summary>
    /// CRM users (by CRM id) whose e-mail another CRM user shares: kept apart as people of their own, matched to nobody
    /// in AeBot by that e-mail.
    /// </summary>
    public SortedSet<string> SharedEmails { get; } = new(StringComparer.Ordinal);

    public long Requests { get; set; }

    public CrmTypeCounts For(string type) => Read.TryGetValue(type, out var c) ? c : Read[type] = new CrmTypeCounts();
}
