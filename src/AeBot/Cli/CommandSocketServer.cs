using System.Collections.Concurrent;
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

    // Turns at once for commands: a script looping on `aebot ask` must not crowd out Slack and Teams. Past it the
    // command is told "busy" before anything runs, and answers in its own process.
    private const int MaxConcurrent = 4;
    private readonly SemaphoreSlim _slots = new(MaxConcurrent, MaxConcurrent);
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!OperatingSystem.IsLinux() || CommandSocketAddress.PathFor(configuration) is not { } path)
            return;
        // Nothing here may stop the server: commands answer in their own process without it.
        try
        {
            using var listener = await TryListenAsync(path, stoppingToken);
            if (listener is null)
                return;
            LogListening(path);
            try
            {
                await AcceptAsync(listener, stoppingToken);
            }
            finally
            {
                TryDelete(path);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogCannotListen(e, path);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Turns already asked finish (their writes are whole) within the host's shutdown time.
        await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task AcceptAsync(Socket listener, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(stoppingToken);
            }
            catch (SocketException e)
            {
                // Out of descriptors and the like: wait a moment and keep serving.
                LogConnectionLost(e);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                continue;
            }
            var serving = ServeAsync(connection, stoppingToken);
            _running.TryAdd(serving, 0);
            _ = serving.ContinueWith(done => _running.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    [SupportedOSPlatform("linux")]
    private async Task<Socket?> TryListenAsync(string path, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // Made now, or found: either way it must be a real folder that only this user can enter, or the socket could
        // be taken over or replaced by someone else.
        var info = new DirectoryInfo(directory);
        if (info.LinkTarget is not null || (info.UnixFileMode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)) != 0)
        {
            LogUnsafeFolder(directory);
            return null;
        }
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
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(16);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogConnectionLost(e);
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
            if (peer != PeerCredentials.Self)
            {
                LogRefusedUser(peer);
                return;
            }
            if (!_slots.Wait(0))
            {
                await CommandSocketProtocol.WriteAsync(stream, CommandResponse.Busy, CommandSocketJson.Default, stoppingToken);
                return;
            }
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(RequestTimeout);
                var line = await CommandSocketProtocol.ReadLineAsync(stream, CommandSocketProtocol.MaxRequestBytes, timeout.Token);
                // Once read, the turn runs to its end even if the server is stopping: a write is whole or not made.
                var response = await AnswerAsync(line, CancellationToken.None);
                await CommandSocketProtocol.WriteAsync(stream, response, CommandSocketJson.Default, stoppingToken);
            }
            finally
            {
                _slots.Release();
            }
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

    [LoggerMessage(LogLevel.Warning, "Not answering commands: {Folder} is a link or open to other users; each command will answer in its own process")]
    private partial void LogUnsafeFolder(string folder);

    [LoggerMessage(LogLevel.Warning, "Refused a command from user id {UserId}: only this server's own user may ask")]
    private partial void LogRefusedUser(uint userId);

    [LoggerMessage(LogLevel.Debug, "A command's connection ended early")]
    private partial void LogConnectionLost(Exception exception);

    [LoggerMessage(LogLevel.Error, "The command '{Command}' failed")]
    private partial void LogCommandFailed(Exception exception, string command);
}
