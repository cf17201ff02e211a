using AeBot.Cli;

namespace AeBot.Tests.Cli;

public sealed class HealthCommandTests(AeBotApplication app) : IClassFixture<AeBotApplication>
{
    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await HealthCommand.RunAsync(CommandLine.Parse(["health", .. args]), stdout, stderr, app.Server.CreateHandler());
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task A_healthy_endpoint_exits_0_and_prints_its_answer()
    {
        var (exit, output, _) = await RunAsync("http://localhost/health/live");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.StartsWith("200 {\"status\":\"Healthy\"", output);
    }

    [Fact]
    public async Task An_unhealthy_or_missing_endpoint_exits_1()
    {
        var (exit, _, error) = await RunAsync("http://localhost/health/nope");
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.StartsWith("404", error);
    }

    [Fact]
    public async Task Nothing_listening_exits_1_with_the_reason()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await HealthCommand.RunAsync(CommandLine.Parse(["health", "http://127.0.0.1:1/health/live"]), stdout, stderr);
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("did not answer", stderr.ToString());
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://localhost/health/live")]
    public async Task A_bad_url_is_a_usage_error(string url)
    {
        var (exit, _, error) = await RunAsync(url);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("not an http(s) URL", error);
    }

    [Fact]
    public async Task It_runs_before_any_configuration_is_read()
    {
        // Through the whole command line, with a configuration that would stop every other command.
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await CliApplication.RunAsync(CommandLine.Parse(["health", "ftp://x", "--Storage:Provider=Nonsense"]), stdout, stderr);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("not an http(s) URL", stderr.ToString());
    }
}
