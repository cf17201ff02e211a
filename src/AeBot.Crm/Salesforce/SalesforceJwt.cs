using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AeBot.Crm.Salesforce;

/// <summary>
/// The assertion of the OAuth 2.0 JWT bearer flow ("OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration",
/// help.salesforce.com remoteaccess_oauth_jwt_flow): header {"alg":"RS256"}, claims iss (consumer key), sub
/// (username), aud (login server), exp (at most three minutes ahead), signed RS256 with the key whose certificate is
/// uploaded to the connected app.
/// </summary>
internal static class SalesforceJwt
{
    /// <summary>Under the three minutes Salesforce allows, leaving room for a clock a little ahead of ours.</summary>
    internal static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2.5);

    public static string CreateAssertion(RSA key, string clientId, string username, string audience, DateTimeOffset now)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "RS256" });
        var claims = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = clientId,
            ["sub"] = username,
            ["aud"] = audience,
            ["exp"] = now.Add(Lifetime).ToUnixTimeSeconds(),
        });
        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(claims);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Reads the PEM private key (PKCS#1 "RSA PRIVATE KEY" or PKCS#8 "PRIVATE KEY"; not encrypted).</summary>
    public static RSA LoadPrivateKey(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new Sources.CrmAuthException("Crm:Salesforce:PrivateKeyPath is not set: the JWT bearer login needs the connected app's private key.");
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Sources.CrmAuthException($"The Salesforce private key {path} cannot be read: {e.Message}");
        }
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new Sources.CrmAuthException($"The Salesforce private key {path} is not an unencrypted PEM RSA private key: {e.Message}");
        }
    }
}
