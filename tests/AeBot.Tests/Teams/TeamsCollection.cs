namespace AeBot.Tests.Teams;

/// <summary>
/// Every test that goes through Bot Framework authentication shares one process-wide metadata cache (a static in
/// the SDK), one fake connector and one server; they run one after another.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TeamsCollection : ICollectionFixture<TeamsFixture>
{
    public const string Name = "Teams";
}

public sealed class TeamsFixture : IAsyncLifetime
{
    public const string MeganId = "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw";
    public const string MeganAad = "7faf8ab2-3d56-4244-b585-20c8a42ed2b8";

    public const string RidoChannelId = "29:17bUvCasIPKfQIXHvNzcPjD86fwm6GkWc1PvCGP2-NSkNb7AyGYpjQ7Xw-XgTwaHW5JxZ4KMNDxn1kcL8fwX1Nw";
    public const string RidoInvokeId = "29:1uMVvhoAyfTqdMsyvHL0qlJTTfQF9MOUSI8_cQts2kdSWEZVDyJO2jz-CsNOhQcdYq1Bw4cHT0__O6XDj4AZ-Jw";
    public const string WebChatKey = "teams-test-web-key-0123456789abcdef";
    public const string PublicBaseUrl = "https://aebot.test";

    public FakeBotConnector Connector { get; private set; } = null!;
    public TeamsApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connector = await FakeBotConnector.StartAsync();
        // The personal-message fixture's user (Megan Bowen) signs in to Teams as Dana, a rep of the demo company.
        Connector.Members[MeganId] = (MeganAad, "dana.reyes@northwind.example", "Megan Bowen");
        // The channel fixture's user is the sales manager; the invoke fixture's user is Lee, another rep.
        Connector.Members[RidoChannelId] = ("b15a9416-0ad3-4172-9210-7beb711d3f70", "marcus.johnson@northwind.example", "rido");
        Connector.Members[RidoInvokeId] = ("c5e99701-2a32-49c1-a660-4629ceeb8c61", "lee.chen@northwind.example", "Rido");
        App = new TeamsApplication(Connector, new Dictionary<string, string?> { ["WebChat:Enabled"] = "true", ["WebChat:ApiKey"] = WebChatKey, ["Teams:PublicBaseUrl"] = PublicBaseUrl });
        _ = App.Server; // start now: migrations and the demo company
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
