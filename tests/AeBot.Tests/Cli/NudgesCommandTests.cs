using AeBot.Cli;
using Microsoft.Data.Sqlite;

namespace AeBot.Tests.Cli;

/// <summary><c>aebot nudges run [--dry-run]</c> on the demo company with the clock at Monday 30 Nov 2026, 13:35Z (08:35 in New York).</summary>
public sealed class NudgesCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-nudges-cli-");

    private string Db => Path.Combine(_directory.FullName, "aebot.db");

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] config = [$"--Storage:SqlitePath={Db}", "--Clock:Now=2026-11-30T13:35:00Z", "--Demo:Seed=true"];
        var exit = await CliApplication.RunAsync(CommandLine.Parse([.. args, .. config]), stdout, stderr, new StringReader(""));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task A_dry_run_lists_what_is_due_and_records_nothing_then_a_run_records_each_once()
    {
        Assert.Equal(ExitCodes.Ok, (await RunAsync("seed-demo")).Exit);

        var (exit, preview, _) = await RunAsync("nudges", "run", "--dry-run");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("Would send what is due at 2026-11-30 13:35Z", preview);
        Assert.Matches(@"daily-digest  Dana Reyes\s+Mon 30 Nov  \d+ overdue", preview);
        Assert.Contains("Nothing was recorded (--dry-run).", preview);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM NudgeLedger"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM Outbox WHERE Reason = 'daily-digest'"));
        var wouldSend = int.Parse(System.Text.RegularExpressions.Regex.Match(preview, @"(\d+) digest\(s\) and").Groups[1].Value);
        Assert.True(wouldSend > 0);

        var (_, first, _) = await RunAsync("nudges", "run");
        Assert.Contains($"Recorded for delivery: {wouldSend} digest(s)", first);
        Assert.Equal(wouldSend, Count("SELECT COUNT(*) FROM Outbox WHERE Reason = 'daily-digest'"));
        var (_, second, _) = await RunAsync("nudges", "run");
        Assert.Contains("Recorded for delivery: 0 digest(s) (0 skipped as empty or missed) and 0 reminder(s)", second);
        Assert.Equal(wouldSend, Count("SELECT COUNT(*) FROM Outbox WHERE Reason = 'daily-digest'"));
    }

    [Fact]
    public async Task Nudges_without_run_is_a_usage_error()
    {
        var (exit, _, error) = await RunAsync("nudges");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("aebot nudges run [--dry-run]", error);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TestDirectory.Delete(_directory);
    }
}
