using AeBot.Data.Crm;

namespace AeBot.Crm.Sync;

/// <summary>The sync runs that worked: read by the status and by the "as of" line alike.</summary>
internal static class CrmRuns
{
    /// <summary>A run that read the CRM (ok, or partial: some records skipped and reported).</summary>
    public static IQueryable<CrmSyncRunRow> Succeeded(this IQueryable<CrmSyncRunRow> runs, string provider) =>
        runs.Where(r => r.Provider == provider && (r.Outcome == "ok" || r.Outcome == "partial"));
}
