using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using AeBot.Crm.Fakes.Salesforce;
using AeBot.Crm.Salesforce;

namespace AeBot.Crm.Tests.Salesforce;

/// <summary>
/// A fake org with a connected app whose certificate is made here, the matching private key in a temporary PEM file
/// (as an admin would deploy it), and clients configured for it.
/// </summary>
internal sealed class SalesforceTestOrg : IAsyncDisposable
{
    public const string Username = "integration@aebot.example";
    public const string ConsumerKey = "3MVG9fake.consumer.key";

    private readonly List<HttpClient> _clients = [];

    private SalesforceTestOrg(RSA key, string keyPath, FakeSalesforce fake)
    {
        Key = key;
        KeyPath = keyPath;
        Fake = fake;
    }

    public RSA Key { get; }

    public string KeyPath { get; }

    public FakeSalesforce Fake { get; }

    public FakeSalesforceOrg Org => Fake.Org;

    public static async Task<SalesforceTestOrg> StartAsync(int batchSize = 2000)
    {
        var key = RSA.Create(2048);
        var path = WritePem(key);
        var fake = await FakeSalesforce.StartAsync(new FakeSalesforceOptions
        {
            ConsumerKey = ConsumerKey,
            CertificatePem = SelfSignedCertificatePem(key),
            PreAuthorizedUsers = [Username],
            BatchSize = batchSize,
        });
        fake.Org.DefineCustomField("Task", "AeBot_Key__c", externalIdUnique: true);
        fake.Org.DefineCustomField("Event", "AeBot_Key__c", externalIdUnique: true);
        return new SalesforceTestOrg(key, path, fake);
    }

    public SalesforceOptions Options(Action<SalesforceOptions>? configure = null)
    {
        var options = new SalesforceOptions
        {
            LoginUrl = Fake.Url,
            // Deliberately wrong: the token answer's instance_url must win.
            InstanceUrl = "http://127.0.0.1:9",
            ClientId = ConsumerKey,
            Username = Username,
            PrivateKeyPath = KeyPath,
        };
        configure?.Invoke(options);
        return options;
    }

    public SalesforceClient Client(Action<SalesforceOptions>? configure = null)
    {
        var http = new HttpClient();
        _clients.Add(http);
        return new SalesforceClient(http, Options(configure), Fake.Clock);
    }

    /// <summary>A raw HttpClient already logged in (Authorization set), for talking to the fake directly.</summary>
    public async Task<HttpClient> RawSessionAsync()
    {
        var http = new HttpClient { BaseAddress = new Uri(Fake.Url) };
        _clients.Add(http);
        using var response = await http.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
            ["assertion"] = SalesforceJwt.CreateAssertion(Key, ConsumerKey, Username, Fake.Url, Fake.Clock.Now),
        }));
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", doc.RootElement.GetProperty("access_token").GetString());
        return http;
    }

    public static string WritePem(RSA key)
    {
        var path = Path.Combine(Path.GetTempPath(), $"aebot-sf-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
        return path;
    }

    private static string SelfSignedCertificatePem(RSA key)
    {
        var request = new CertificateRequest("CN=AeBot Salesforce integration", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        return certificate.ExportCertificatePem();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients)
            c.Dispose();
        await Fake.DisposeAsync();
        Key.Dispose();
        File.Delete(KeyPath);
    }
}
