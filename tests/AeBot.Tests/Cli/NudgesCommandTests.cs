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
        Assert.Matches(@"daily-digest\s+Dana Reyes\s+Mon, Nov 30  \d+ overdue", preview);
        Assert.Matches(@"weekly-digest\s+Marcus Johnson\s+Mon, Nov 30  Weekly team digest: \d+ direct reports", preview);
        Assert.Contains("Nothing was recorded (--dry-run).", preview);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM NudgeLedger"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM Outbox"));
        var wouldSend = int.Parse(System.Text.RegularExpressions.Regex.Match(preview, @"(\d+) daily digest\(s\), ").Groups[1].Value);
        var weekly = int.Parse(System.Text.RegularExpressions.Regex.Match(preview, @"(\d+) weekly digest\(s\)").Groups[1].Value);
        Assert.True(wouldSend > 0);
        Assert.True(weekly > 0);

        var (_, first, _) = await RunAsync("nudges", "run");
        Assert.Contains($"Recorded for delivery: {wouldSend} daily digest(s)", first);
        Assert.Contains($"{weekly} weekly digest(s)", first);
        Assert.Equal(wouldSend, Count("SELECT COUNT(*) FROM Outbox WHERE Reason = 'daily-digest'"));
        Assert.Equal(weekly, Count("SELECT COUNT(*) FROM Outbox WHERE Reason = 'weekly-digest'"));
        var (_, second, _) = await RunAsync("nudges", "run");
        Assert.Contains("Recorded for delivery: 0 daily digest(s) (0 skipped as empty or missed), 0 weekly digest(s), 0 nudge(s) to send now and 0 held for digests (by rule: none), and 0 reminder(s)", second);
        Assert.Equal(wouldSend, Count("SELECT COUNT(*) FROM Outbox WHERE Reason = 'daily-digest'"));
    }

    [Fact]
    public async Task At_ten_in_new_york_the_dry_run_lists_every_rule_with_why_and_stats_count_what_was_sent_and_done()
    {
        Assert.Equal(ExitCodes.Ok, (await RunAsync("seed-demo")).Exit);
        var ten = "--Clock:Now=2026-11-30T15:05:00Z";
        var (_, preview, _) = await RunAtAsync(ten, "nudges", "run", "--dry-run");
        foreach (var rule in new[] { "renewal ", "renewal-escalation", "follow-up-due", "follow-up-overdue", "stale-deal", "past-close", "slipped" })
            Assert.Matches(@"(?m)^  " + System.Text.RegularExpressions.Regex.Escape(rule) + @"\s*\S.+\n(\s+(?!why:)\S.*\n)?\s+why: ", preview);
        Assert.Matches(@"Close date pushed from \w{3} \d+(, \d{4})? → \w{3} \d+(, \d{4})? → ", preview); // a slipped deal explains its dates
        Assert.Contains("held for the next digest: your daily limit of 3 nudges was reached", preview);
        // One date style in every nudge (month first; the year only when it isn't this one's): no "10 Mar 2027".
        Assert.DoesNotMatch(@"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", preview);
        Assert.Matches(@"close (Jan|Feb|Mar|Apr|May|Jun) \d{1,2}, 2027", preview);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM NudgeLedger"));

        var (_, run, _) = await RunAtAsync(ten, "nudges", "run");
        var nudges = int.Parse(System.Text.RegularExpressions.Regex.Match(run, @"(\d+) nudge\(s\)").Groups[1].Value);
        Assert.True(nudges > 0);
        Assert.Equal(nudges, Count("SELECT COUNT(*) FROM Outbox WHERE Reason NOT IN ('daily-digest', 'weekly-digest', 'reminder')"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM NudgeLedger GROUP BY RecipientRepId, LocalDate HAVING SUM(Sent) > 3 AND LocalDate IS NOT NULL UNION ALL SELECT 0 LIMIT 1"));

        // One of them acted on, one snoozed (as the buttons would), then the stats.
        using (var connection = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE NudgeLedger SET Action = 'done', ActedAt = 1 WHERE Id = (SELECT MIN(Id) FROM NudgeLedger WHERE Rule = 'follow-up-overdue' AND Sent);
                UPDATE NudgeLedger SET Action = 'snoozed', ActedAt = 1, SnoozedAt = 1 WHERE Id = (SELECT MIN(Id) FROM NudgeLedger WHERE Rule = 'renewal' AND Sent);
                UPDATE Outbox SET FailedAt = 1, LastError = 'slack: user_not_found' WHERE Id IN (SELECT Id FROM Outbox ORDER BY Id LIMIT 2);
                """;
            command.ExecuteNonQuery();
        }
        var (exit, stats, _) = await RunAtAsync(ten, "nudges", "stats", "--days", "7");
        Assert.Equal(ExitCodes.Ok, exit);
        var overdue = System.Text.RegularExpressions.Regex.Match(stats, @"(?m)^  follow-up-overdue\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\S+)");
        Assert.True(overdue.Success, stats);
        Assert.Equal(Count("SELECT COUNT(*) FROM NudgeLedger WHERE Rule = 'follow-up-overdue' AND Sent"), long.Parse(overdue.Groups[1].Value));
        Assert.True(overdue.Groups[3].Value == "1", stats);
        Assert.Matches(@"(?m)^  renewal\s+\d+\s+\d+\s+0\s+1\s", stats);
        Assert.Contains("Undelivered (stopped, not retried): 2 message(s):", stats);
        Assert.Matches(@"\s+2 to [12] person\(s\): slack: user_not_found", stats);
        Assert.Equal(ExitCodes.Usage, (await RunAtAsync(ten, "nudges", "stats", "--days", "zero")).Exit);
    }

    private async Task<(int Exit, string Out, string Err)> RunAtAsync(string clock, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] config = [$"--Storage:SqlitePath={Db}", clock, "--Demo:Seed=true"];
        var exit = await CliApplication.RunAsync(CommandLine.Parse([.. args, .. config]), stdout, stderr, new StringReader(""));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task A_dry_run_at_night_that_finds_nothing_says_why_and_a_due_reminder_says_who_when_and_what()
    {
        Assert.Equal(ExitCodes.Ok, (await RunAsync("seed-demo")).Exit);
        const string night = "--Clock:Now=2026-12-01T04:00:00Z"; // Mon 23:00 in New York, Tue 04:00 in London, 05:00 in Berlin
        Assert.Equal(ExitCodes.Ok, (await RunAtAsync("--Clock:Now=2026-11-30T15:05:00Z", "nudges", "run")).Exit); // the day's run happened

        var (exit, quiet, _) = await RunAtAsync(night, "nudges", "run", "--dry-run");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("Would record 0 daily digest(s), 0 weekly digest(s), 0 nudge(s)", quiet);
        var people = Count("SELECT COUNT(*) FROM Reps WHERE IsActive");
        Assert.Contains($"Nothing goes out at 04:00Z. Everything goes by each person's own time zone: daily digests at 08:30 on weekdays", quiet);
        Assert.Contains($"nothing in quiet hours (18:00–08:00 and weekends) — {people} of {people} people are in theirs now.", quiet);
        Assert.Contains("--Clock:Now=2026-12-02T15:00:00Z", quiet);

        // A reminder Dana asked for, due a minute ago: the preview names her, her local time and the text.
        var due = new DateTimeOffset(2026, 12, 1, 3, 59, 0, TimeSpan.Zero).UtcTicks;
        Count($"INSERT INTO Reminders (RepId, Text, DueAt, Channel, ConversationId, Status, CreatedAt) SELECT Id, 'Call Bob about the MSA', {due}, 'cli', 'c1', 0, {due} FROM Reps WHERE Email = 'dana.reyes@northwind.example'; SELECT changes()");
        var (_, reminder, _) = await RunAtAsync(night, "nudges", "run", "--dry-run");
        Assert.Matches(@"(?m)^  reminder\s+Dana Reyes\s+Mon, Nov 30 at 22:59 \(America/New_York\): Call Bob about the MSA$", reminder.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("Nothing goes out", reminder);
        Assert.DoesNotContain("#", reminder.Split('\n').Single(l => l.Contains("Call Bob", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Nudges_without_run_is_a_usage_error()
    {
        var (exit, _, error) = await RunAsync("nudges");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("aebot nudges run [--dry-run] | aebot nudges stats [--days N]", error);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TestDirectory.Delete(_directory);
    }
}
