using AeBot.Cli;

namespace AeBot.Tests.Cli;

public class CommandLineTests
{
    [Fact]
    public void No_command_means_serve_and_configuration_passes_through()
    {
        var invocation = CommandLine.Parse(["--Storage:Provider=Postgres", "--urls", "http://localhost:5000"]);
        Assert.Equal("serve", invocation.Command);
        Assert.Equal(["--Storage:Provider=Postgres", "--urls", "http://localhost:5000"], invocation.ConfigurationArgs);
    }

    [Fact]
    public void Ask_separates_its_own_options_from_configuration_and_text()
    {
        var invocation = CommandLine.Parse(["ask", "--as", "dana@x.example", "--json", "--Clock:Now=2026-01-01T00:00:00Z", "what", "closes?"]);
        Assert.Equal("ask", invocation.Command);
        Assert.Equal("dana@x.example", invocation.Options["as"]);
        Assert.True(invocation.Options.ContainsKey("json"));
        Assert.Equal(["what", "closes?"], invocation.Arguments);
        Assert.Equal(["--Clock:Now=2026-01-01T00:00:00Z"], invocation.ConfigurationArgs);
    }

    [Fact]
    public void Import_takes_a_mapping_file()
    {
        var invocation = CommandLine.Parse(["import", "exports/", "--mapping=m.json"]);
        Assert.Equal(("exports/", "m.json"), (invocation.Arguments.Single(), invocation.Options["mapping"]));
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    [InlineData(new[] { "ask", "--as" }, "--as needs a value")]
    public void Mistakes_are_reported(string[] args, string error) => Assert.Equal(error, CommandLine.Parse(args).Error);
}
