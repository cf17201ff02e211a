using System.ComponentModel.DataAnnotations;

namespace AeBot.Data.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>SQLite's durability setting (PRAGMA synchronous) in WAL mode.</summary>
public enum SqliteSynchronous
{
    /// <summary>Sync at checkpoints: safe against crashes of the process; a power cut may lose the last commits.</summary>
    Normal,

    /// <summary>Sync at every commit: the last commit survives a power cut too, at an fsync per write.</summary>
    Full,
}

/// <summary>Configuration section "Storage". The PostgreSQL connection string is <c>ConnectionStrings:AeBot</c>.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>SQLite file, relative to the working directory; ignored when <c>ConnectionStrings:AeBot</c> is set.</summary>
    public string SqlitePath { get; set; } = "data/aebot.db";

    /// <summary>Bound from <c>ConnectionStrings:AeBot</c>, not from this section.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite durability; see <see cref="SqliteSynchronous"/>.</summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Normal;

    /// <summary>Apply pending migrations at start-up (on by default; turn off where a DBA applies them).</summary>
    public bool MigrateOnStart { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
            yield return new ValidationResult(
                "Storage:Provider is Postgres but ConnectionStrings:AeBot is empty; set it (e.g. ConnectionStrings__AeBot=\"Host=localhost;Database=aebot;Username=aebot;Password=…\").",
                [nameof(ConnectionString)]);
        if (Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(SqlitePath))
            yield return new ValidationResult("Storage:SqlitePath is empty.", [nameof(SqlitePath)]);
    }

    /// <summary>The SQLite connection string in effect, creating the file's folder when needed.</summary>
    public string SqliteConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
            return ConnectionString;
        var path = Path.GetFullPath(SqlitePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // A generous busy timeout: the server, an import and a CLI turn may write at the same moment.
        return $"Data Source={path};Default Timeout=30;Pooling=True";
    }
}
