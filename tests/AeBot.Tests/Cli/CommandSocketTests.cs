using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using AeBot.Cli;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AeBot.Tests.Cli;

/// <summary>
/// <c>aebot ask</c> beside a running server: the real server (hosted through the ASP.NET Core pipeline) listening on
/// a real Unix socket, and the real command, each with the settings a deployment would give them.
/// </summary>
[SupportedOSPlatform("linux")] // commands are served on a socket on Linux only (SO_PEERCRED)
public sealed class CommandSocketTests : IDisposable
{
    private const string Dana = "dana.reyes@northwind.example";
    private const string Answered = "answered by the running server";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-sock-");

    private string[] Settings(string clock = "2026-11-28T09:00:00Z") =>
    [
        "--environment=Development",
        $"--Storage:SqlitePath={Path.Combine(_directory.FullName, "aebot.db")}",
        $"--Clock:Now={clock}",
        "--Demo:Seed=true",
        $"--CommandSocket:Directory={Path.Combine(_directory.FullName, "run")}",
    ];

    [Fact]
    public async Task Ask_is_answered_by_the_running_server_exactly_as_it_would_answer_itself()
    {
        await using var server = await StartServerAsync();

        var delegated = await AskAsync(["ask", "--as", Dana, "what closes this month?"]);
        var itself = await AskAsync(["ask", "--as", Dana, "what closes this month?", "--CommandSocket:Enabled=false"]);

        Assert.Equal(ExitCodes.Ok, delegated.Exit);
        Assert.Contains(Answered, delegated.Trace);
        Assert.DoesNotContain(Answered, itself.Trace);
        Assert.Contains("closing November 2026", delegated.Out);
        Assert.Equal(itself.Out, delegated.Out);
    }

    [Fact]
    public async Task The_server_gives_the_commands_own_exit_codes_and_errors()
    {
        await using var server = await StartServerAsync();

        var unknown = await AskAsync(["ask", "--as", "nobody@nowhere.example", "help"]);
        var json = await AskAsync(["ask", "--as", Dana, "--json", "help"]);

        Assert.Contains(Answered, unknown.Trace);
        Assert.Equal(ExitCodes.UnknownUser, unknown.Exit);
        Assert.Contains("nobody with the e-mail or full name 'nobody@nowhere.example'", unknown.Err);
        Assert.Equal(ExitCodes.Ok, json.Exit);
        Assert.StartsWith("{", json.Out);
    }

    [Fact]
    public async Task A_command_with_other_settings_answers_by_itself()
    {
        await using var server = await StartServerAsync();

        // Another clock is another "today": the server would answer a different question.
        var other = await AskAsync(["ask", "--as", Dana, "what closes this month?"], Settings(clock: "2026-12-15T09:00:00Z"));

        Assert.Equal(ExitCodes.Ok, other.Exit);
        Assert.DoesNotContain(Answered, other.Trace);
        Assert.Contains("closing December 2026", other.Out);
    }

    [Fact]
    public async Task A_socket_left_by_a_stopped_server_is_passed_over()
    {
        var path = CommandSocketAddress.PathFor(CliConfiguration.Build(Settings()))!;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // A crashed server's socket: the file is there, nobody listens, connecting is refused. (Closed cleanly,
        // .NET would remove the file, so it stays open, bound and not listening.)
        using var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        dead.Bind(new UnixDomainSocketEndPoint(path));
        Assert.True(File.Exists(path));

        var answer = await AskAsync(["ask", "--as", Dana, "help"]);

        Assert.Equal(ExitCodes.Ok, answer.Exit);
        Assert.DoesNotContain(Answered, answer.Trace);
        Assert.StartsWith("Hi Dana!", answer.Out);
    }

    [Fact]
    public async Task A_server_starting_over_a_stale_socket_takes_its_place()
    {
        var path = CommandSocketAddress.PathFor(CliConfiguration.Build(Settings()))!;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        dead.Bind(new UnixDomainSocketEndPoint(path));

        await using var server = await StartServerAsync();
        var answer = await AskAsync(["ask", "--as", Dana, "help"]);

        Assert.Contains(Answered, answer.Trace);
    }

    [Theory]
    [InlineData("""{"Command":"import","Options":{},"Arguments":["/etc"]}""", "does not run 'import'")]
    [InlineData("""{"Command":"ask","Options":{"mapping":"x"},"Arguments":["help"]}""", "does not run 'ask' with those options")]
    [InlineData("""{"Command":"ask"}""", "could not read that request")]
    [InlineData("not json", "could not read that request")]
    public async Task The_server_refuses_what_a_command_line_could_not_say(string request, string error)
    {
        await using var server = await StartServerAsync();

        var response = await RawAsync(server.SocketPath, Encoding.UTF8.GetBytes(request + "\n"));

        Assert.Equal(ExitCodes.Usage, response.ExitCode);
        Assert.Contains(error, response.Error);
        Assert.Empty(response.Out);
    }

    [Fact]
    public async Task An_oversized_request_is_refused_without_being_read_to_the_end()
    {
        await using var server = await StartServerAsync();

        var response = await RawAsync(server.SocketPath, Encoding.UTF8.GetBytes(new string('x', CommandSocketProtocol.MaxRequestBytes + 10) + "\n"));

        Assert.Contains("could not read that request", response.Error);
    }

    [Fact]
    public async Task The_socket_is_open_to_its_own_user_only_and_removed_when_the_server_stops()
    {
        string path;
        await using (var server = await StartServerAsync())
        {
            path = server.SocketPath;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
            Assert.Equal(PeerCredentials.Self, PeerCredentials.UserId(socket));
        }
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_socket_folder_others_can_enter_is_not_used()
    {
        var folder = Path.Combine(_directory.FullName, "run");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111); // 0777: anyone could put a socket of their own there

        // The folder is checked while the host starts (before the service's first wait): once started, it has decided.
        await using var server = new Server(Settings());
        server.StartServer();
        var answer = await AskAsync(["ask", "--as", Dana, "help"]);

        Assert.False(File.Exists(CommandSocketAddress.PathFor(CliConfiguration.Build(Settings()))));
        Assert.DoesNotContain(Answered, answer.Trace);
        Assert.StartsWith("Hi Dana!", answer.Out);
    }

    private async Task<(int Exit, string Out, string Err, string Trace)> AskAsync(string[] args, string[]? settings = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var trace = new StringWriter();
        var exit = await CliApplication.RunAsync(CommandLine.Parse([.. args, .. settings ?? Settings()]), stdout, stderr, TextReader.Null, StartupTrace.To(trace));
        return (exit, stdout.ToString(), stderr.ToString(), trace.ToString());
    }

    private static async Task<CommandResponse> RawAsync(string path, byte[] request)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        await using var stream = new NetworkStream(socket);
        try
        {
            await stream.WriteAsync(request);
        }
        catch (IOException)
        {
            // The server may stop reading (and close) before an oversized request is all sent.
        }
        using var reader = new StreamReader(stream);
        return JsonSerializer.Deserialize(await reader.ReadToEndAsync(), CommandSocketJson.Default.CommandResponse)!;
    }

    private async Task<Server> StartServerAsync()
    {
        var server = new Server(Settings());
        server.StartServer();
        var path = CommandSocketAddress.PathFor(CliConfiguration.Build(Settings()))!;
        // Listening starts with the host's background services: wait for it (a condition, not a fixed sleep).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await IsListeningAsync(path))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the server never listened at {path}");
            await Task.Delay(20);
        }
        server.SocketPath = path;
        return server;
    }

    private static async Task<bool> IsListeningAsync(string path)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose() => TestDirectory.Delete(_directory);

    /// <summary>The server with the same settings a command gets on its command line.</summary>
    private sealed class Server(string[] settings) : WebApplicationFactory<Program>
    {
        public string SocketPath { get; set; } = "";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var setting in settings)
            {
                var (key, value) = (setting[2..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
                if (key == "environment")
                    builder.UseEnvironment(value);
                else
                    builder.UseSetting(key, value);
            }
        }
    }
}
