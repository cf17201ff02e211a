using System.ComponentModel.DataAnnotations;

namespace AeBot.Scheduling;

/// <summary>Configuration section "Scheduling": Hangfire, which runs reminders and (later) nudges and digests.</summary>
public sealed class SchedulingOptions : IValidatableObject
{
    public const string SectionName = "Scheduling";

    /// <summary>Off: nothing is scheduled by this instance (reminders wait in the database, `aebot reminders --due` lists them).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Hangfire's own SQLite file when the data store is SQLite — a separate file, so job polling never holds AeBot's
    /// write lock. Unset: beside AeBot's database (<c>data/aebot.db</c> → <c>data/aebot-jobs.db</c>).
    /// </summary>
    public string? SqlitePath { get; set; }

    public string JobsSqlitePath(string? dataSqlitePath) =>
        Path.GetFullPath(!string.IsNullOrWhiteSpace(SqlitePath) ? SqlitePath
            : string.IsNullOrWhiteSpace(dataSqlitePath) ? "data/aebot-jobs.db"
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dataSqlitePath))!, Path.GetFileNameWithoutExtension(dataSqlitePath) + "-jobs.db"));

    /// <summary>PostgreSQL schema for Hangfire's tables when the data store is PostgreSQL (shared by every instance).</summary>
    [RegularExpression("^[a-z_][a-z0-9_]*$")]
    public string PostgresSchema { get; set; } = "hangfire";

    [Range(1, 64)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often scheduled jobs are checked: a reminder fires at most this late.</summary>
    [Range(1, 60)]
    public int PollSeconds { get; set; } = 1;

    /// <summary>The dashboard's path. It answers local requests only unless <see cref="DashboardApiKey"/> is set.</summary>
    public string DashboardPath { get; set; } = "/hangfire";

    /// <summary>
    /// When set, a request from elsewhere is let in with <c>Authorization: Bearer {key}</c> (a reverse proxy or an
    /// SSH tunnel is the usual way in). At least 32 characters.
    /// </summary>
    public string? DashboardApiKey { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!DashboardPath.StartsWith('/') || DashboardPath.Length < 2 || DashboardPath.EndsWith('/'))
            yield return new ValidationResult("Scheduling:DashboardPath must start with '/' and not end with one (e.g. /hangfire).", [nameof(DashboardPath)]);
        if (DashboardApiKey is { } key && key.Trim().Length < 32)
            yield return new ValidationResult("Scheduling:DashboardApiKey must be at least 32 characters (e.g. `openssl rand -hex 32`).", [nameof(DashboardApiKey)]);
    }
}
