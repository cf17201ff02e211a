using AeBot.Cli;
using Microsoft.Extensions.Configuration;

namespace AeBot.Tests.Cli;

/// <summary>A command finds a server only when both would answer alike: the socket's name says which settings those are.</summary>
public sealed class CommandSocketAddressTests
{
    private static string Fingerprint(params (string Key, string Value)[] settings) =>
        CommandSocketAddress.Fingerprint(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build());

    [Fact]
    public void Settings_that_decide_answers_change_the_name()
    {
        var baseline = Fingerprint(("Storage:SqlitePath", "/data/aebot.db"), ("Clock:Now", "2026-11-28T09:00:00Z"));

        Assert.NotEqual(baseline, Fingerprint(("Storage:SqlitePath", "/data/other.db"), ("Clock:Now", "2026-11-28T09:00:00Z")));
        Assert.NotEqual(baseline, Fingerprint(("Storage:SqlitePath", "/data/aebot.db")));
        Assert.NotEqual(baseline, Fingerprint(("Storage:SqlitePath", "/data/aebot.db"), ("Clock:Now", "2026-11-28T09:00:00Z"), ("AeBot:Currency", "EUR")));
    }

    [Fact]
    public void How_a_process_runs_and_its_shell_do_not_change_the_name()
    {
        var baseline = Fingerprint(("Storage:SqlitePath", "/data/aebot.db"));

        Assert.Equal(baseline, Fingerprint(
            ("Storage:SqlitePath", "/data/aebot.db"),
            ("PATH", "/usr/bin"), ("URLS", "http://+:8080"), ("environment", "Production"),
            ("Logging:LogLevel:Default", "Debug"), ("Kestrel:Limits:MaxRequestBodySize", "10"), ("CommandSocket:Directory", "/run/aebot")));
        // Configuration keys are case-insensitive, whichever source spelled them.
        Assert.Equal(baseline, Fingerprint(("STORAGE:SQLITEPATH", "/data/aebot.db")));
    }

    [Fact]
    public void Switched_off_there_is_no_socket()
    {
        var off = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("CommandSocket:Enabled", (string?)"false")]).Build();

        Assert.Null(CommandSocketAddress.PathFor(off));
    }

    [Theory]
    [InlineData("run/aebot", "must be an absolute path")]
    [InlineData("/var/run/a-folder-name-long-enough-that-the-socket-name-would-not-fit-in-108-bytes-of-address", "too long")]
    public void A_folder_that_cannot_hold_the_socket_is_refused_at_start_and_passed_over_by_commands(string directory, string error)
    {
        var options = new CommandSocketOptions { Directory = directory };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true));
        Assert.Contains(error, Assert.Single(results).ErrorMessage);
        if (!Path.IsPathRooted(directory))
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("CommandSocket:Directory", (string?)directory)]).Build();
            Assert.Null(CommandSocketAddress.PathFor(configuration));
        }
    }
}
