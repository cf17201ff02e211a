using System.Security.Cryptography;
using System.Text;

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

    /// <summary>The socket's path, or null when commands can't be served this way here (switched off, not Linux).</summary>
    public static string? PathFor(IConfiguration configuration)
    {
        // The peer check (SO_PEERCRED, PeerCredentials) is Linux's; elsewhere every command answers in its own process.
        if (!OperatingSystem.IsLinux() || !configuration.GetValue(SectionName + ":Enabled", true))
            return null;
        var configured = configuration[SectionName + ":Directory"];
        if (configured is { Length: > 0 } && !Path.IsPathRooted(configured))
            return null; // refused at the server's start (CommandSocketOptions); a command just answers by itself
        var directory = configured is { Length: > 0 }
            ? configured
            : Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && Path.IsPathRooted(runtime)
                ? Path.Combine(runtime, "aebot")
                : Path.Combine(Path.GetTempPath(), $"aebot-{PeerCredentials.EffectiveUserId()}");
        // 16 hex digits keep the path well inside the 108 bytes a socket address holds.
        return Path.Combine(directory, Fingerprint(configuration)[..16] + ".sock");
    }

    public static string Fingerprint(IConfiguration configuration)
    {
        var text = new StringBuilder(typeof(CommandSocketAddress).Assembly.ManifestModule.ModuleVersionId.ToString("N"));
        var settings = configuration.AsEnumerable()
            .Where(setting => setting.Value is not null && setting.Key.IndexOf(':') is > 0 and var colon && !HostOnlySections.Contains(setting.Key[..colon]))
            .Select(setting => (Key: setting.Key.ToUpperInvariant(), setting.Value))
            .OrderBy(setting => setting.Key, StringComparer.Ordinal);
        foreach (var (key, value) in settings)
            text.Append('\n').Append(key).Append('=').Append(value);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
