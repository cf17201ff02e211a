using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text.Json;

namespace AeBot.Cli;

/// <summary>
/// Answers <c>aebot ask</c> for commands run beside a running server, so a question costs a warm turn instead of a
/// new process setting up EF Core and the recogniser (docs/performance.md, "CLI start-up"). The command runs here
/// exactly as it would in its own process — same parsing, same command code, same configuration (the socket's
/// name says so, <see cref="CommandSocketAddress"/>) — and only for the user this server runs as.
/// </summary>
internal sealed partial class CommandSocketServer(IServiceProvider services, IConfiguration configuration, ILogger<CommandSocketServer> logger)
    : BackgroundService
{
    // Commands that only read or act through the conversation core; the rest (import, seed-demo…) stay in their
    // own process, where their progress and cancellation belong.
    private static readonly HashSet<string> Served = ["ask"];

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!OperatingSystem.IsLinux() || CommandSocketAddress.PathFor(configuration) is not { } path)
            return;
        using var listener = await TryListenAsync(path, stoppingToken);
        if (listener is null)
            return;
        LogListening(path);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var connection = await listener.AcceptAsync(stoppingToken);
                _ = ServeAsync(connection, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SupportedOSPlatform("linux")]
    private async Task<Socket?> TryListenAsync(string path, CancellationToken ct)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (File.Exists(path))
            {
                if (await IsAnsweredAsync(path, ct))
                {
                    // Another instance with the same database and settings on this machine serves it already.
                    LogServedElsewhere(path);
                    return null;
                }
                File.Delete(path); // left by a server that did not stop cleanly
            }
            var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            listener.Listen(16);
            return listener;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SocketException)
        {
            // Commands still work without it, each in its own process: worth a warning, not a failed start.
            LogCannotListen(e, path);
            return null;
        }
    }

    private static async Task<bool> IsAnsweredAsync(string path, CancellationToken ct)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await probe.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task ServeAsync(Socket connection, CancellationToken stoppingToken)
    {
        using var _ = connection;
        await using var stream = new NetworkStream(connection, ownsSocket: false);
        try
        {
            var peer = PeerCredentials.UserId(connection);
            if (peer != PeerCredentials.EffectiveUserId())
            {
                LogRefusedUser(peer);
                return;
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(RequestTimeout);
            var line = await CommandSocketProtocol.ReadLineAsync(stream, CommandSocketProtocol.MaxRequestBytes, timeout.Token);
            var response = await AnswerAsync(line, stoppingToken);
            await CommandSocketProtocol.WriteAsync(stream, response, CommandSocketJson.Default, stoppingToken);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            LogConnectionLost(e);
        }
    }

    private async Task<CommandResponse> AnswerAsync(string? line, CancellationToken ct)
    {
        CommandRequest? request = null;
        try
        {
            request = line is null ? null : JsonSerializer.Deserialize(line, CommandSocketJson.Default.CommandRequest);
        }
        catch (JsonException)
        {
        }
        if (request?.Command is not { } command || request.Options is null || request.Arguments is null)
            return new CommandResponse(ExitCodes.Usage, "", "aebot: the server could not read that request.\n");
        if (!Served.Contains(command) || !CommandLine.Commands.TryGetValue(command, out var known)
            || request.Options.Keys.Any(option => !known.Contains(option)))
            return new CommandResponse(ExitCodes.Usage, "", $"aebot: the server does not run '{command}' with those options.\n");

        var invocation = new Invocation(command, request.Options, request.Arguments, [], null);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(services, invocation, stdout, stderr, TextReader.Null, ct);
        try
        {
            var exitCode = await AskCommand.RunAsync(context);
            return new CommandResponse(exitCode, stdout.ToString(), stderr.ToString());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCommandFailed(e, command);
            return new CommandResponse(ExitCodes.Failed, stdout.ToString(), "aebot: the server failed to answer; its log says why.\n");
        }
    }

    [LoggerMessage(LogLevel.Information, "Commands beside this server are answered at {Path}")]
    private partial void LogListening(string path);

    [LoggerMessage(LogLevel.Information, "Another AeBot with the same settings answers commands at {Path}; this one does not")]
    private partial void LogServedElsewhere(string path);

    [LoggerMessage(LogLevel.Warning, "Cannot answer commands at {Path}; each command will answer in its own process")]
    private partial void LogCannotListen(Exception exception, string path);

    [LoggerMessage(LogLevel.Warning, "Refused a command from user id {UserId}: only this server's own user may ask")]
    private partial void LogRefusedUser(uint userId);

    [LoggerMessage(LogLevel.Debug, "A command's connection ended early")]
    private partial void LogConnectionLost(Exception exception);

    [LoggerMessage(LogLevel.Error, "The command '{Command}' failed")]
    private partial void LogCommandFailed(Exception exception, string command);
}
