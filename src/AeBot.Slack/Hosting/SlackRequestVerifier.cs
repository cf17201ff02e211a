using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AeBot.Slack.Hosting;

/// <summary>Why a request failed verification; logged, never sent back.</summary>
internal enum SlackVerification
{
    Valid,
    MissingHeaders,
    BadTimestamp,
    Stale,
    BadSignature,
}

/// <summary>
/// Slack's request signing: HMAC-SHA256 with the signing secret over <c>v0:{timestamp}:{raw body}</c>, sent as
/// <c>X-Slack-Signature: v0={hex}</c>. Compared in constant time; the timestamp must be within the allowed skew of
/// now in either direction, so a captured request cannot be replayed later. "Now" is <paramref name="wallClock"/>: a
/// replay window is real time (Slack signs with its own clock), never business time (<c>Clock:Now</c>).
/// </summary>
internal sealed class SlackRequestVerifier(byte[] signingSecret, TimeSpan maxSkew, TimeProvider wallClock)
{
    /// <summary>Verifies against the wall clock's now.</summary>
    public SlackVerification Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body) =>
        Verify(timestamp, signature, body, wallClock.GetUtcNow());

    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";

    public SlackVerification Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
            return SlackVerification.MissingHeaders;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return SlackVerification.BadTimestamp;
        var sent = seconds is > 0 and < 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.MinValue;
        if (sent == DateTimeOffset.MinValue)
            return SlackVerification.BadTimestamp;
        if ((now - sent).Duration() > maxSkew)
            return SlackVerification.Stale;
        if (!signature.StartsWith("v0=", StringComparison.Ordinal) || signature.Length != 3 + 64)
            return SlackVerification.BadSignature;

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.AsSpan(3));
        }
        catch (FormatException)
        {
            return SlackVerification.BadSignature;
        }
        var prefix = Encoding.ASCII.GetBytes($"v0:{timestamp}:");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, signingSecret);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        Span<byte> expected = stackalloc byte[32];
        hmac.GetHashAndReset(expected);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SlackVerification.Valid : SlackVerification.BadSignature;
    }
}
