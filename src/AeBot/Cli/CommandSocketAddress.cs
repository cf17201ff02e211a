using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;
using AeBot.Hosting;

namespace AeBot.Cli;

/// <summary>
/// Where a running server takes <c>aebot ask</c> questions: a Unix socket whose name is a fingerprint of everything
/// that decides an answer — the build of aebot.dll and every setting of the sections AeBot reads (database, clock,
/// currency, quotas…). A command finds a server only when that server would answer exactly as the command would
/// in its own process; another database, another clock or another build is another name, and the command answers
/// by itself.
/// </summary>
internal static class CommandSocketAddress
{
    public const string SectionName = "CommandSocket";

    // Sections that shape how a process runs, not what it answers. Keys without a section (PATH, HOME, URLS, …:
    // every environment variable becomes one) never count, so two shells with different environments still match.
    private static readonly HashSet<string> HostOnlySections = new(StringComparer.OrdinalIgnoreCase) { "Logging", "Kestrel", SectionName };

    /// <summary>The socket's path, or null when commands can't be served this way here (switched off, not Linux, no private folder).</summary>
    public static string? PathFor(IConfiguration configuration)
    {
        // The peer check (SO_PEERCRED, PeerCredentials) is Linux's; elsewhere every command answers in its own process.
        if (!OperatingSystem.IsLinux() || !configuration.GetValue(SectionName + ":Enabled", true))
            return null;
        var configured = configuration[SectionName + ":Directory"];
        if (configured is { Length: > 0 } && !Path.IsPathRooted(configured))
            return null; // refused at the server's start (CommandSocketOptions); a command just answers by itself
        var directory = configured is { Length: > 0 } ? configured : DefaultDirectory();
        if (directory is null)
            return null;
        // 16 hex digits of the fingerprint; a socket address holds 108 bytes with its terminating zero.
        var path = Path.Combine(directory, Fingerprint(configuration)[..16] + ".sock");
        return Encoding.UTF8.GetByteCount(path) < 108 ? path : null;
    }

    /// <summary>
    /// A folder only this user can have made: $XDG_RUNTIME_DIR (per user, 0700, made by the login manager), else
    /// ~/.local/state — never a shared /tmp, where another user could make the folder first.
    /// </summary>
    private static string? DefaultDirectory() =>
        Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && Path.IsPathRooted(runtime)
            ? Path.Combine(runtime, "aebot")
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home && Path.IsPathRooted(home)
                ? Path.Combine(home, ".local", "state", "aebot")
                : null;

    /// <summary>
    /// What decides an answer: every AeBot assembly of this build (an edit to the data layer alone is another
    /// build), the working directory and content root (a relative SQLite path resolves against them), and every
    /// setting of the sections AeBot reads.
    /// </summary>
    public static string Fingerprint(IConfiguration configuration)
    {
        var text = new StringBuilder();
        foreach (var assembly in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
                     .Where(f => Path.GetFileName(f) is var name && (name.StartsWith("AeBot", StringComparison.Ordinal) || name == "aebot.dll"))
                     .Order(StringComparer.Ordinal))
            text.Append(Path.GetFileName(assembly)).Append('=').Append(ModuleVersionId(assembly)).Append('\n');
        text.Append("cwd=").Append(Directory.GetCurrentDirectory()).Append('\n');
        text.Append("root=").Append(ContentRoot.Locate()).Append('\n');
        var settings = configuration.AsEnumerable()
            .Where(setting => setting.Value is not null && setting.Key.IndexOf(':') is > 0 and var colon && !HostOnlySections.Contains(setting.Key[..colon]))
            .Select(setting => (Key: setting.Key.ToUpperInvariant(), setting.Value))
            .OrderBy(setting => setting.Key, StringComparer.Ordinal);
        foreach (var (key, value) in settings)
            text.Append(key).Append('=').Append(value).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    // The module version id is new for every compilation: read from the file's metadata, nothing loaded.
    private static string ModuleVersionId(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
                return "none";
            var metadata = pe.GetMetadataReader();
            return metadata.GetGuid(metadata.GetModuleDefinition().Mvid).ToString("N");
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            return "unreadable";
        }
    }
}
