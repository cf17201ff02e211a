using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace AeBot.Cli;

/// <summary>
/// Who is at the other end of a Unix socket, from the kernel (Linux SO_PEERCRED, socket(7)): a server answers only
/// its own user, and a command trusts only a server of its own user — the same people who can read the database
/// file or its connection string anyway, so the socket gives nobody more than they have.
/// </summary>
internal static class PeerCredentials
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    private static readonly Lazy<uint> SelfId = new(EffectiveUserId);

    /// <summary>This process's effective user id, read once.</summary>
    public static uint Self => SelfId.Value;

    /// <summary>The user id of the process at the other end (struct ucred { pid_t pid; uid_t uid; gid_t gid; }).</summary>
    public static uint UserId(Socket socket)
    {
        var ucred = new byte[12];
        // The option's number and the struct's layout are the generic Linux ones (x64, Arm64); anything else fails closed.
        if (RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
            throw new SocketException((int)SocketError.OperationNotSupported);
        var length = socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
        if (length != 12)
            throw new SocketException((int)SocketError.ProtocolNotSupported);
        return MemoryMarshal.Read<uint>(ucred.AsSpan(4, 4)); // the kernel's own byte order
    }

    /// <summary>This process's effective user id, from /proc/self/status ("Uid: real effective saved fs").</summary>
    public static uint EffectiveUserId()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith("Uid:", StringComparison.Ordinal))
                continue;
            var ids = line[4..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return uint.Parse(ids[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException("/proc/self/status has no Uid line.");
    }
}
