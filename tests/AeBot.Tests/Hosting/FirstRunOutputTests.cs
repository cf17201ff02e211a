using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AeBot.Tests.Hosting;

/// <summary>
/// What a new user's terminal shows when the server starts for the first time: AeBot's own lines, no library chatter,
/// no stack trace, and a last line that says what to open. The real executable, as `dotnet run` starts it.
/// </summary>
public sealed partial class FirstRunOutputTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-first-run-");

    [Fact]
    public async Task The_first_start_says_what_it_does_and_ends_with_where_to_open_the_web_chat()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "aebot.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory.FullName,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development"; // as the launch profile sets it
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Storage__SqlitePath"] = Path.Combine(_directory.FullName, "aebot.db");
        start.Environment["Clock__Now"] = "2026-11-28T14:00:00Z";
        start.Environment["Logging__Console__FormatterName"] = "simple";

        using var process = Process.Start(start)!;
        var lines = new List<string>();
        var errors = process.StandardError.ReadToEndAsync();
        string? ready = null;
        bool answers;
        try
        {
            using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3))) // seeds the demo company first
            {
                while (ready is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                {
                    lines.Add(line);
                    if (Ready().Match(line) is { Success: true } match)
                        ready = match.Groups["address"].Value;
                }
            }
            Assert.True(ready is not null, "no ready line:\n" + string.Join('\n', lines));
            using var http = new HttpClient();
            answers = (await http.GetAsync(ready + "/health/ready")).IsSuccessStatusCode;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var output = string.Join('\n', lines);

        Assert.True(answers, "the ready line's address does not answer:\n" + output + "\n" + await errors);
        Assert.Contains("Demo company created", output);
        Assert.DoesNotContain("Hangfire", output.Replace("Hangfire dashboard at", "", StringComparison.Ordinal), StringComparison.Ordinal); // its INFO lines stay out
        Assert.DoesNotContain("   at ", output); // no stack trace
        Assert.DoesNotContain("fail:", output);
        Assert.DoesNotMatch(@"(?m)^warn: (?!AeBot\.)", output); // only AeBot's own warnings (the Development-only notices)
    }

    [GeneratedRegex(@"AeBot is ready: open (?<address>http://127\.0\.0\.1:\d+)/ for the web chat")]
    private static partial Regex Ready();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TestDirectory.Delete(_directory);
    }
}
