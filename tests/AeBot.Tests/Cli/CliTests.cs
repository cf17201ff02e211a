using System.Diagnostics;
using System.Text.Json;
using AeBot.Cli;

namespace AeBot.Tests.Cli;

/// <summary>The operator commands, run in-process against a real SQLite file with the clock fixed.</summary>
public sealed class CliTests : IDisposable
{
    private const string Dana = "dana.reyes@northwind.example";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-cli-");

    private string Db => Path.Combine(_directory.FullName, "aebot.db");

    private async Task<(int Exit, string Out, string Err)> RunAsync(string[] args, string? input = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var config = new[] { $"--Storage:SqlitePath={Db}", "--Clock:Now=2026-11-28T09:00:00Z", "--Demo:Seed=true" };
        var exit = await CliApplication.RunAsync(CommandLine.Parse([.. args, .. config]), stdout, stderr, new StringReader(input ?? ""));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Ask_help_as_a_demo_rep_answers()
    {
        var (exit, output, _) = await RunAsync(["ask", "--as", Dana, "help"]);
        Assert.Equal(0, exit);
        Assert.StartsWith("Hi Dana!", output);
        Assert.Contains("what closes this month?", output);
    }

    [Fact]
    public async Task Ask_accepts_a_full_name_and_returns_json_on_request()
    {
        var (exit, output, _) = await RunAsync(["ask", "--as", "Marcus Johnson", "--json", "help"]);
        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("Help: what AeBot can do", json.GetProperty("summary").GetString());
        Assert.StartsWith("Hi Marcus!", json.GetProperty("blocks")[0].GetProperty("markdown").GetString());
        // The examples are buttons that ask them; a manager's include the team's.
        var examples = json.GetProperty("blocks")[1];
        Assert.Equal("actions", examples.GetProperty("type").GetString());
        Assert.Contains(examples.GetProperty("actions").EnumerateArray(), a => a.GetProperty("payload").GetString() == "ask:who is behind quota?");
    }

    [Fact]
    public async Task Unknown_user_gets_a_clear_message_and_a_non_zero_exit()
    {
        var (exit, output, error) = await RunAsync(["ask", "--as", "nobody@nowhere.example", "help"]);
        Assert.Equal(ExitCodes.UnknownUser, exit);
        Assert.Empty(output);
        Assert.Contains("nobody with the e-mail or full name 'nobody@nowhere.example'", error);
        Assert.Contains("northwind.example", error); // suggests real users
    }

    [Fact]
    public async Task Chat_answers_each_line_until_exit()
    {
        var (exit, output, _) = await RunAsync(["chat", "--as", Dana], "help\n\nexit\nhelp\n");
        Assert.Equal(0, exit);
        Assert.Equal(1, output.Split("Hi Dana!").Length - 1);
    }

    [Fact]
    public async Task Seed_demo_creates_the_company_once()
    {
        var first = await RunAsync(["seed-demo"]);
        Assert.Equal(0, first.Exit);
        Assert.Contains("1500 deals", first.Out);
        var second = await RunAsync(["seed-demo"]);
        Assert.Equal(ExitCodes.Failed, second.Exit);
        Assert.Contains("already has reps", second.Err);
    }

    [Fact]
    public async Task Import_prints_a_summary_and_fails_on_a_bad_file()
    {
        var exports = Path.Combine(AppContext.BaseDirectory, "Exports");
        var (exit, output, _) = await RunAsync(["import", exports]);
        Assert.Equal(0, exit);
        Assert.Contains("deals.csv: opportunities (delimiter ','", output);
        Assert.Contains("rows read 3: created 2, updated 0, unchanged 0, duplicates 0, rejected 1", output);
        Assert.Contains("deals.csv:4  no stage", output);

        var again = await RunAsync(["import", exports]);
        Assert.Contains("created 0, updated 0, unchanged 2", again.Out);

        var binary = Path.Combine(_directory.FullName, "export.csv");
        await File.WriteAllBytesAsync(binary, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]);
        var bad = await RunAsync(["import", binary]);
        Assert.Equal(ExitCodes.Failed, bad.Exit);
        Assert.Contains("export.csv: NOT IMPORTED — is not a text file", bad.Out);
    }

    [Fact]
    public async Task Import_dry_run_shows_how_each_file_and_column_is_read_and_writes_nothing()
    {
        var exports = Path.Combine(AppContext.BaseDirectory, "CrmExports", "list-prices");
        var (exit, output, _) = await RunAsync(["import", exports, "--dry-run"]);

        Assert.Equal(0, exit);
        Assert.StartsWith("Dry run: nothing was written.", output);
        Assert.Contains("deals.csv: opportunities — columns Amount, Stage, Close Date", output);
        Assert.Matches(@"Opportunity Owner\s+→ owner \(by its name and values\)", output);
        Assert.Matches(@"Created Date\s+→ created date \(by its name and values\)", output);
        Assert.Contains("users.csv: users (people and their managers)", output);
        Assert.Contains("rows read 5: would create 5, update 0, leave 0 unchanged, duplicates 0, would reject 0", output);
        Assert.Contains("Dry run — Total: 3 file(s)", output);
        // Nothing was written: the real import afterwards creates everything.
        var (_, real, _) = await RunAsync(["import", exports]);
        Assert.Contains("How the files were read:", real);
        Assert.Contains("rows read 5: created 5, updated 0", real);
    }

    [Fact]
    public async Task Import_names_the_nearest_field_and_the_mapping_line_for_a_column_it_cannot_place()
    {
        var file = Path.Combine(_directory.FullName, "deals.csv");
        await File.WriteAllTextAsync(file, "Opportunity Name,Stage,Amount,Closing Day\nNimbus renewal,Proposal,48000,2026-12-15\n");
        var (_, output, _) = await RunAsync(["import", file, "--dry-run"]);
        Assert.Matches(@"Closing Day\s+not used — did you mean close date\? mapping line: ""columns"": \{ ""Closing Day"": ""close_date"" \}", output);
    }

    [Fact]
    public async Task Invalid_configuration_stops_the_command_with_the_reason()
    {
        var (exit, _, error) = await RunAsync(["ask", "--as", Dana, "help", "--AeBot:Currency=dollars"]);
        Assert.Equal(ExitCodes.Configuration, exit);
        Assert.Contains("ISO 4217", error);
    }

    [Fact]
    public async Task Audit_lists_the_turns_since_a_time()
    {
        await RunAsync(["ask", "--as", Dana, "what closes this month?"]);
        await RunAsync(["ask", "--as", "Marcus Johnson", "team pipeline"]);

        var (exit, output, _) = await RunAsync(["audit", "--since", "2026-11-28"]);
        Assert.Equal(0, exit);
        Assert.Contains("Dana Reyes", output);
        Assert.Contains("query", output);
        Assert.Contains("\"what closes this month?\"", output);
        Assert.Contains("2 turn(s) since 2026-11-28 00:00Z.", output);

        var onlyDana = await RunAsync(["audit", "--since", "1d", "--as", Dana]);
        Assert.Contains("1 turn(s)", onlyDana.Out);
        Assert.Equal(ExitCodes.Usage, (await RunAsync(["audit"])).Exit);
    }

    [Fact]
    public async Task Capture_works_one_turn_per_process_with_the_dialog_kept_in_the_database()
    {
        // Each RunAsync builds a new host: nothing survives between calls but the database, as with `aebot ask`.
        var (exit, logged, _) = await RunAsync(["ask", "--as", Dana, "log a call with Acme"]);
        Assert.Equal(0, exit);
        Assert.Contains("Acme has 4 open deals of yours", logged);
        (_, logged, _) = await RunAsync(["ask", "--as", Dana, "2"]);
        Assert.Contains("What happened on the call with Acme?", logged);
        (_, logged, _) = await RunAsync(["ask", "--as", Dana, "Pushback on price, next step revised quote by Friday"]);
        Assert.Contains("Logged ✓ — call with Acme", logged);

        var (_, brief, _) = await RunAsync(["ask", "--as", Dana, "brief me on Acme"]);
        Assert.Contains("Pushback on price", brief);
        var (_, day, _) = await RunAsync(["ask", "--as", Dana, "my day"]);
        Assert.Contains("Revised quote", day);

        var (_, confirm, _) = await RunAsync(["ask", "--as", Dana, "move Acme security add-on to negotiation"]);
        Assert.Contains("Update Acme – Security Add-on?", confirm);
        var (_, updated, _) = await RunAsync(["ask", "--as", Dana, "yes"]);
        Assert.Contains("Updated ✓", updated);
        var (_, undone, _) = await RunAsync(["ask", "--as", Dana, "undo"]);
        Assert.Contains("Undone: the change on Acme – Security Add-on", undone);

        var (_, reminder, _) = await RunAsync(["ask", "--as", Dana, "remind me to call Bob tomorrow at 10am"]);
        Assert.Contains("I'll remind you Sun, Nov 29 at 10:00", reminder);
        var (_, listed, _) = await RunAsync(["reminders", "--as", Dana]);
        Assert.Contains("2026-11-29 15:00Z", listed);
        Assert.Contains("Call Bob", listed);
        var (_, dueNow, _) = await RunAsync(["reminders", "--due"]);
        Assert.Contains("0 pending reminder(s) due by", dueNow);

        var (_, playbook, _) = await RunAsync(["ask", "--as", Dana, "how do I handle 'too expensive'?"]);
        Assert.Contains("It's too expensive", playbook);
        var (_, commission, _) = await RunAsync(["ask", "--as", Dana, "what would I earn if Acme closes?"]);
        Assert.Contains("more —", commission);
    }

    [Fact]
    public async Task Unknown_command_prints_usage()
    {
        var (exit, _, error) = await RunAsync(["frobnicate"]);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("Usage: aebot", error);
    }

    [Fact]
    public async Task The_real_executable_reads_environment_variables_like_the_server()
    {
        var (exit, output, error) = await AskExecutableAsync(Dana);

        Assert.True(exit == 0, error);
        Assert.StartsWith("Hi Dana!", output);
        Assert.True(File.Exists(Db));
    }

    [Fact]
    public async Task Asking_by_full_name_logs_no_warning_and_a_missing_as_is_a_usage_error()
    {
        var (exit, output, error) = await AskExecutableAsync("Dana Reyes");
        Assert.True(exit == 0, error);
        Assert.StartsWith("Hi Dana!", output);
        // EF Core's 10102: a row limit without an order gives unpredictable results — the name look-up orders now.
        Assert.DoesNotContain("10102", error);
        Assert.DoesNotContain("Warning", error);

        var (missing, _, usage) = await RunAsync(["ask", "help"]);
        Assert.Equal(ExitCodes.Usage, missing);
        Assert.Contains("say who is asking with --as", usage);
    }

    [Fact]
    public async Task The_server_with_invalid_configuration_exits_4_with_one_line_per_problem_before_touching_the_database()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "aebot.dll"), "serve"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory.FullName,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Storage__SqlitePath"] = Db;
        start.Environment["Slack__BotToken"] = "xoxb-0000-test"; // and no signing secret
        start.Environment["WebChat__Enabled"] = "true";
        start.Environment["WebChat__ApiKey"] = "short";

        var (exit, _, error) = await RunExecutableAsync(start);

        Assert.Equal(ExitCodes.Configuration, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("aebot: Slack:SigningSecret is required", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("aebot: WebChat:ApiKey must be at least 32 characters", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", error); // no stack trace
        Assert.False(File.Exists(Db)); // checked before the migrations
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_stops_the_server_with_exit_4_and_the_key_named()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "aebot.dll"), "serve"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory.FullName,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Storage__SqlitePath"] = Db;
        start.Environment["WebChat__MaxRequestBytes"] = "64KB"; // not a number

        var (exit, _, error) = await RunExecutableAsync(start);

        Assert.Equal(ExitCodes.Configuration, exit);
        Assert.Contains("aebot: Failed to convert configuration value '64KB' at 'WebChat:MaxRequestBytes'", error);
        Assert.DoesNotContain("   at ", error);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public async Task Ask_json_on_stdout_is_json_from_its_first_byte_and_logs_are_plain_lines_on_stderr()
    {
        // Production and the executable's own appsettings.json, whose console log format is JSON for the server's
        // collectors; AeBot's informational logs on, so a fresh database logs its migrations.
        var (exit, output, error) = await RunExecutableAsync(Executable("ask", "--as", Dana, "--json", "what closes this month?", "--Logging:Console:LogLevel:AeBot=Information"));

        Assert.True(exit == 0, error);
        Assert.Equal('{', output[0]);
        Assert.Matches(@"^\d+ open deals closing November 2026", JsonDocument.Parse(output).RootElement.GetProperty("summary").GetString());
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("aebot: info: AeBot.Data.Storage.DatabaseInitializer: Applying ", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.StartsWith("aebot: ", l));
        Assert.DoesNotContain(lines, l => l.StartsWith('{'));
    }

    [Fact]
    public async Task A_warning_goes_to_stderr_as_one_plain_line_and_not_to_stdout()
    {
        Assert.Equal(0, (await AskExecutableAsync(Dana)).Exit); // creates and migrates the database

        var (exit, output, error) = await RunExecutableAsync(Executable("ask", "--as", Dana, "help", "--Storage:MigrateOnStart=false"));

        Assert.True(exit == 0, error);
        Assert.StartsWith("Hi Dana!", output);
        Assert.DoesNotContain("MigrateOnStart", output);
        Assert.Equal(
            ["aebot: warning: AeBot.Data.Storage.DatabaseInitializer: Storage:MigrateOnStart is off; the schema is assumed current"],
            error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Ctrl_C_at_the_chat_prompt_ends_the_command_with_exit_130()
    {
        var start = Executable("chat", "--as", Dana);
        start.RedirectStandardInput = true; // left open: the command waits at its prompt
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            var banner = await process.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.StartsWith("AeBot — talking as Dana Reyes", banner);
            using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await interrupt.WaitForExitAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        Assert.Equal(ExitCodes.Cancelled, process.ExitCode);
        Assert.Contains("aebot: cancelled", await process.StandardError.ReadToEndAsync());
    }

    // A real process, never waited on forever: killed (and the test failed) after a minute.
    /// <summary>"help" asked through the real executable, configured by environment variables as a server would be.</summary>
    private Task<(int Exit, string Output, string Error)> AskExecutableAsync(string who) =>
        RunExecutableAsync(Executable("ask", "--as", who, "help"));

    /// <summary>The real executable with these arguments, configured by environment variables as a server would be.</summary>
    private ProcessStartInfo Executable(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "aebot.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory.FullName, // no appsettings.json here: the executable's own is used
        };
        start.Environment["Storage__SqlitePath"] = Db;
        start.Environment["Clock__Now"] = "2026-11-28T09:00:00Z";
        start.Environment["Demo__Seed"] = "true";
        return start;
    }

    private static async Task<(int Exit, string Output, string Error)> RunExecutableAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"aebot {string.Join(' ', start.ArgumentList.Skip(1))} did not exit within a minute");
        }
        return (process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}
