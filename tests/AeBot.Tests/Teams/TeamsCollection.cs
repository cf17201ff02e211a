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

    public FakeBotConnector Connector { get; private set; } = null!;
    public TeamsApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connector = await FakeBotConnector.StartAsync();
        // The personal-message fixture's user (Megan Bowen) signs in to Teams as Dana, a rep of the demo company.
        Connector.Members[MeganId] = (MeganAad, "dana.reyes@northwind.example", "Megan Bowen");
        App = new TeamsApplication(Connector);
        _ = App.Server; // start now: migrations and the demo company
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
