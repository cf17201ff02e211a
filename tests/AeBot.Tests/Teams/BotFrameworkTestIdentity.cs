using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.IdentityModel.Tokens;

namespace AeBot.Tests.Teams;

/// <summary>
/// A local stand-in for the Bot Framework token service: RSA signing keys generated here, published as OpenID
/// metadata and a JWKS (with Bot Framework's "endorsements") through an in-memory handler, and tokens minted with
/// them. The SDK caches metadata per URL in a static for the whole process, so the cache is seeded once, here, with
/// a client that lives as long as the process.
/// </summary>
public static class BotFrameworkTestIdentity
{
    public const string MetadataUrl = "https://login.botframework.test/v1/.well-known/openidconfiguration";
    public const string KeysUrl = "https://login.botframework.test/v1/.well-known/keys";
    public const string Issuer = "https://api.botframework.com";

    /// <summary>Published and endorsed for Teams.</summary>
    public static readonly RsaSecurityKey TeamsKey = NewKey("aebot-test-msteams");

    /// <summary>Published, but endorsed only for another channel.</summary>
    public static readonly RsaSecurityKey OtherChannelKey = NewKey("aebot-test-webchat");

    /// <summary>Never published.</summary>
    public static readonly RsaSecurityKey UnknownKey = NewKey("aebot-test-unknown");

    private static readonly Lazy<bool> Seeded = new(Seed, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void EnsureSeeded() => _ = Seeded.Value;

    public static string Mint(
        string audience,
        string serviceUrl,
        RsaSecurityKey? key = null,
        string issuer = Issuer,
        DateTime? notBefore = null,
        DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(30),
            IssuedAt = (notBefore ?? now.AddMinutes(-1)),
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            SigningCredentials = new SigningCredentials(key ?? TeamsKey, SecurityAlgorithms.RsaSha256),
        };
        var handler = new JwtSecurityTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.WriteToken(handler.CreateToken(descriptor));
    }

    /// <summary>An unsigned token ("alg": "none") with otherwise valid claims.</summary>
    public static string MintUnsigned(string audience, string serviceUrl)
    {
        var now = DateTimeOffset.UtcNow;
        var header = Base64Url(JsonSerializer.Serialize(new { alg = "none", typ = "JWT" }));
        var payload = Base64Url(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = audience, ["serviceurl"] = serviceUrl,
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(), ["exp"] = now.AddMinutes(30).ToUnixTimeSeconds(),
        }));
        return $"{header}.{payload}.";
    }

    /// <summary>A token signed with a shared secret (HS256) — never acceptable from the Bot Framework.</summary>
    public static string MintHs256(string audience, string serviceUrl)
    {
        var now = DateTime.UtcNow;
        var key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = TeamsKey.KeyId };
        var handler = new JwtSecurityTokenHandler();
        return handler.WriteToken(handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer, Audience = audience, NotBefore = now.AddMinutes(-1), Expires = now.AddMinutes(30),
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        }));
    }

    private static bool Seed()
    {
        // Constructing an extractor for the metadata URL fills the SDK's static per-URL caches (OpenID config and
        // endorsements) with this client; every extractor the SDK makes later for that URL reuses them.
        var client = new HttpClient(new LoginHandler());
        _ = new JwtTokenExtractor(client, new TokenValidationParameters(), MetadataUrl, new HashSet<string> { SecurityAlgorithms.RsaSha256 });
        return true;
    }

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    private static object Jwk(RsaSecurityKey key, string[] endorsements)
    {
        var p = key.Rsa.ExportParameters(false);
        return new
        {
            kty = "RSA", use = "sig", kid = key.KeyId,
            n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent),
            endorsements,
        };
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    /// <summary>Serves the metadata and keys; anything else is not found.</summary>
    private sealed class LoginHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri!.ToString();
            string? body = url switch
            {
                MetadataUrl => JsonSerializer.Serialize(new
                {
                    issuer = Issuer,
                    authorization_endpoint = "https://invalid.botframework.test",
                    jwks_uri = KeysUrl,
                    id_token_signing_alg_values_supported = new[] { "RS256" },
                    token_endpoint_auth_methods_supported = new[] { "private_key_jwt" },
                }),
                KeysUrl => JsonSerializer.Serialize(new
                {
                    keys = new[] { Jwk(TeamsKey, ["msteams", "webchat"]), Jwk(OtherChannelKey, ["webchat", "slack"]) },
                }),
                _ => null,
            };
            return Task.FromResult(body is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
