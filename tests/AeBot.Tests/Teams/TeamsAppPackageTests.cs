using System.IO.Compression;
using System.Text.Json.Nodes;
using AeBot.Cli;
using AeBot.Teams.Package;
using NJsonSchema;
using SkiaSharp;

namespace AeBot.Tests.Teams;

public class TeamsAppPackageTests
{
    private const string AppId = "3f2a9c4e-1b7d-4e8a-9c2f-5d6e7f8a9b0c";

    private static async Task<JsonSchema> SchemaAsync() =>
        await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Teams", "Schema", "MicrosoftTeams.schema.json"));

    private static string RepositoryFile(params string[] path)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AeBot.sln")))
            directory = directory.Parent;
        return Path.Combine([directory!.FullName, .. path]);
    }

    [Fact]
    public async Task The_manifest_in_the_repository_is_valid_against_the_official_v1_29_schema()
    {
        var text = await File.ReadAllTextAsync(RepositoryFile("manifests", "teams", "manifest.json"));
        var errors = (await SchemaAsync()).Validate(text);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        var manifest = JsonNode.Parse(text)!;
        Assert.Equal("https://developer.microsoft.com/en-us/json-schemas/teams/v1.29/MicrosoftTeams.schema.json", manifest["$schema"]!.GetValue<string>());
        Assert.Equal("1.29", manifest["manifestVersion"]!.GetValue<string>());
        var bot = manifest["bots"]![0]!;
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.All(bot["commandLists"]!.AsArray(), list => Assert.NotEmpty(list!["commands"]!.AsArray()));

        // The validator is not vacuous: the same manifest without its id, or with a 31-character short name, fails.
        var broken = JsonNode.Parse(text)!.AsObject();
        broken.Remove("id");
        broken["name"]!["short"] = new string('A', 31);
        Assert.Equal(2, (await SchemaAsync()).Validate(broken.ToJsonString()).Count);
    }

    [Fact]
    public async Task The_package_fills_in_the_app_id_and_host_and_stays_valid()
    {
        using var zip = new MemoryStream();
        TeamsAppPackage.Write(zip, AppId, "https://AeBot.Contoso.com/api/messages");
        zip.Position = 0;
        using var archive = new ZipArchive(zip);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order());

        string text;
        using (var reader = new StreamReader(archive.GetEntry("manifest.json")!.Open()))
            text = await reader.ReadToEndAsync();
        var errors = (await SchemaAsync()).Validate(text);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        var manifest = JsonNode.Parse(text)!;
        Assert.Equal(AppId, manifest["id"]!.GetValue<string>());
        Assert.Equal(AppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal(["aebot.contoso.com"], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal("https://aebot.contoso.com/privacy", manifest["developer"]!["privacyUrl"]!.GetValue<string>());
        Assert.DoesNotContain("00000000-0000-0000-0000-000000000000", text);
    }

    [Theory]
    [InlineData("color.png", 192, false)]
    [InlineData("outline.png", 32, true)]
    public void The_icons_are_the_sizes_teams_requires_and_the_outline_is_white_on_transparent(string file, int size, bool outline)
    {
        using var bitmap = SKBitmap.Decode(RepositoryFile("manifests", "teams", file));
        Assert.Equal(size, bitmap.Width);
        Assert.Equal(size, bitmap.Height);
        var pixels = bitmap.Pixels;
        if (outline)
        {
            // Every pixel is white (any opacity) or fully transparent, and there is a drawing.
            Assert.All(pixels, p => Assert.True(p.Alpha == 0 || (p.Red > 240 && p.Green > 240 && p.Blue > 240), $"pixel {p} is not white or transparent"));
            Assert.True(pixels.Count(p => p.Alpha > 128) > size * size / 10);
            Assert.True(pixels.Count(p => p.Alpha == 0) > size * size / 3);
        }
        else
        {
            // A real picture: opaque background colour and a white mark on it, not a flat placeholder.
            Assert.True(pixels.Count(p => p.Alpha == 255) > size * size * 8 / 10);
            Assert.True(pixels.Count(p => p.Red > 240 && p.Green > 240 && p.Blue > 240 && p.Alpha == 255) > size * size / 20);
            Assert.True(pixels.Select(p => (p.Red, p.Green, p.Blue)).Distinct().Count() > 20);
        }
    }

    [Fact]
    public async Task The_command_writes_the_zip_and_refuses_a_bad_app_id()
    {
        var output = Path.Combine(Path.GetTempPath(), $"aebot-teams-{Guid.NewGuid():N}.zip");
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var exit = await CliApplication.RunAsync(CommandLine.Parse(["teams-package", "--app-id", AppId, "--host", "aebot.contoso.com", "--out", output]), stdout, stderr);
            Assert.Equal(0, exit);
            Assert.Contains("Wrote", stdout.ToString());
            using (var archive = ZipFile.OpenRead(output))
                Assert.Equal(3, archive.Entries.Count);

            stderr = new StringWriter();
            exit = await CliApplication.RunAsync(CommandLine.Parse(["teams-package", "--app-id", "not-a-guid", "--host", "aebot.contoso.com", "--out", output + ".2"]), new StringWriter(), stderr);
            Assert.Equal(ExitCodes.Usage, exit);
            Assert.Contains("--app-id", stderr.ToString());
            Assert.False(File.Exists(output + ".2"));

            exit = await CliApplication.RunAsync(CommandLine.Parse(["teams-package", "--app-id", AppId, "--host", "not a host!"]), new StringWriter(), stderr);
            Assert.Equal(ExitCodes.Usage, exit);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
