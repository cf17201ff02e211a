using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AeBot.Cli;

/// <summary>A command as the server is asked to run it: its name, options and arguments (configuration is the socket's).</summary>
internal sealed record CommandRequest(string Command, Dictionary<string, string?> Options, string[] Arguments);

/// <summary>What the command would have printed and returned in its own process.</summary>
internal sealed record CommandResponse(int ExitCode, string Out, string Error, bool IsBusy = false)
{
    /// <summary>Sent before anything runs when the server has as many command turns as it takes at once.</summary>
    public static readonly CommandResponse Busy = new(0, "", "", IsBusy: true);
}

[JsonSerializable(typeof(CommandRequest))]
[JsonSerializable(typeof(CommandResponse))]
internal sealed partial class CommandSocketJson : JsonSerializerContext;

/// <summary>One JSON line each way, then the connection closes: nothing to keep in step, nothing left half-read.</summary>
internal static class CommandSocketProtocol
{
    public const int MaxRequestBytes = 64 * 1024;
    public const int MaxResponseBytes = 16 * 1024 * 1024;

    public static async Task WriteAsync<T>(Stream stream, T message, JsonSerializerContext context, CancellationToken ct)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, typeof(T), context);
        await stream.WriteAsync(bytes, ct);
        await stream.WriteAsync("\n"u8.ToArray(), ct);
        await stream.FlushAsync(ct);
    }

    /// <summary>The next line, or null when the other end closed first or sent more than <paramref name="limit"/> bytes.</summary>
    public static async Task<string?> ReadLineAsync(Stream stream, int limit, CancellationToken ct)
    {
        var line = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            var read = await stream.ReadAsync(buffer, ct);
            if (read == 0)
                return null;
            var end = Array.IndexOf(buffer, (byte)'\n', 0, read);
            line.Write(buffer, 0, end < 0 ? read : end);
            if (line.Length > limit)
                return null;
            if (end >= 0)
                return Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length);
        }
    }
}
