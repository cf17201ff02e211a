using System.Security.Cryptography;
using System.Text;
using AeBot.Core.Accounts;

namespace AeBot.Data.Import;

/// <summary>
/// An external id for rows that have none, made from what identifies them (a deal's name and account, a contact's
/// e-mail): re-importing the same export then finds the same records. Marked with a leading "~" so a later file
/// with real CRM ids can adopt the record instead of duplicating it.
/// </summary>
internal static class NaturalKey
{
    public const char Marker = '~';

    public static string For(ImportKind kind, params string?[] parts)
    {
        var text = kind + "|" + string.Join("|", parts.Select(p => NameNormalizer.Normalize(p)));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Marker + Convert.ToHexStringLower(hash, 0, 12);
    }

    public static bool IsNatural(string? externalId) => externalId is { Length: > 0 } && externalId[0] == Marker;

    /// <summary>64-bit fingerprint for spotting repeated ids within a file without keeping the strings.</summary>
    public static long Fingerprint(string externalId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(externalId), hash);
        return BitConverter.ToInt64(hash);
    }
}
