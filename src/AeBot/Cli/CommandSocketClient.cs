using System.Net.Sockets;
using System.Text.Json;

namespace AeBot.Cli;

/// <summary>
/// <c>aebot ask</c>'s first try: a running server with this command's exact settings answers in a warm turn. When
/// there is none (or it isn't this user's), the command answers in its own process as before.
/// </summary>
internal static class CommandSocketClient
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    // A turn takes well under a second; a server that has not answered in this long is stuck, not busy.
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The command's exit code when a server answered, or null to answer in this process.</summary>
    public static async Task<int?> TryRunAsync(Invocation invocation, IConfiguration configuration, TextWriter stdout, TextWriter stderr, StartupTrace trace)
    {
        var path = CommandSocketAddress.PathFor(configuration);
        trace.Mark("configuration read (for a running server)");
        if (path is null || !File.Exists(path))
            return null;

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            using var connecting = new CancellationTokenSource(ConnectTimeout);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), connecting.Token);
            var owner = PeerCredentials.UserId(socket);
            if (owner != PeerCredentials.Self)
            {
                await stderr.WriteLineAsync($"aebot: ignoring {path}: it is served by another user (id {owner}).");
                return null;
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return null; // a socket left behind by a server that stopped: nothing was asked yet
        }

        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var request = new CommandRequest(invocation.Command, new Dictionary<string, string?>(invocation.Options), [.. invocation.Arguments]);
        CommandResponse? response;
        try
        {
            using var answering = new CancellationTokenSource(AnswerTimeout);
            await CommandSocketProtocol.WriteAsync(stream, request, CommandSocketJson.Default, answering.Token);
            var line = await CommandSocketProtocol.ReadLineAsync(stream, CommandSocketProtocol.MaxResponseBytes, answering.Token);
            response = line is null ? null : JsonSerializer.Deserialize(line, CommandSocketJson.Default.CommandResponse);
        }
        catch (Exception e) when (e is IOException or SocketException or JsonException or OperationCanceledException)
        {
            response = null;
        }
        if (response is { IsBusy: true })
            return null; // nothing was asked: answer here
        if (response is null)
        {
            // The question may have been answered (and logged, or a note saved): asking again could do it twice.
            await stderr.WriteLineAsync($"aebot: the AeBot server at {path} stopped before answering; not asked again. Run with --{CommandSocketAddress.SectionName}:Enabled=false to answer without it.");
            return ExitCodes.Failed;
        }
        await stdout.WriteAsync(response.Out);
        await stderr.WriteAsync(response.Error);
        trace.Mark($"answered by the running server ({path})");
        return response.ExitCode;
    }
}
