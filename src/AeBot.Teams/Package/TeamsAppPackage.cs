using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AeBot.Teams.Package;

/// <summary>
/// The installable Teams app: manifests/teams/manifest.json with the bot's app id and public host filled in, and
/// its two icons, zipped flat as Teams expects. The template ships inside this assembly so the command works from
/// a published build.
/// </summary>
public static partial class TeamsAppPackage
{
    /// <summary>The manifest template as shipped (placeholder id and host).</summary>
    public static string Template() => ReadText("AeBot.Teams.manifest.json");

    /// <summary>The manifest for one bot. The Teams app id is the bot's app id: one registration, one id.</summary>
    public static string Manifest(string appId, string host, string? privacyUrl = null, string? termsUrl = null)
    {
        if (!Guid.TryParse(appId, out var id))
            throw new ArgumentException("--app-id must be the bot's Microsoft App ID (a GUID).", nameof(appId));
        host = NormalizeHost(host);
        var manifest = JsonNode.Parse(Template())!.AsObject();
        var appIdText = id.ToString("D");
        manifest["id"] = appIdText;
        foreach (var bot in manifest["bots"]!.AsArray())
            bot!["botId"] = appIdText;
        var developer = manifest["developer"]!.AsObject();
        developer["websiteUrl"] = $"https://{host}/";
        developer["privacyUrl"] = privacyUrl ?? $"https://{host}/privacy";
        developer["termsOfUseUrl"] = termsUrl ?? $"https://{host}/terms";
        manifest["validDomains"] = new JsonArray(host);
        return manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>Writes the zip: manifest.json, color.png, outline.png at its root.</summary>
    public static void Write(Stream output, string appId, string host, string? privacyUrl = null, string? termsUrl = null)
    {
        var manifest = Manifest(appId, host, privacyUrl, termsUrl);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        using (var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open()))
            writer.Write(manifest);
        foreach (var icon in new[] { "color.png", "outline.png" })
        {
            using var entry = zip.CreateEntry(icon).Open();
            using var resource = Resource("AeBot.Teams." + icon);
            resource.CopyTo(entry);
        }
    }

    /// <summary>"bot.contoso.com" from "https://bot.contoso.com/api/messages" or "bot.contoso.com".</summary>
    public static string NormalizeHost(string host)
    {
        var value = host.Trim();
        if (Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "https" or "http")
            value = url.Host;
        value = value.TrimEnd('/').ToLowerInvariant();
        if (!HostName().IsMatch(value))
            throw new ArgumentException($"--host must be the public host name AeBot is reached at, e.g. aebot.contoso.com (was '{host}').", nameof(host));
        return value;
    }

    private static string ReadText(string name)
    {
        using var reader = new StreamReader(Resource(name));
        return reader.ReadToEnd();
    }

    private static Stream Resource(string name) =>
        typeof(TeamsAppPackage).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Resource {name} is missing from the build.");

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$")]
    private static partial Regex HostName();
}
