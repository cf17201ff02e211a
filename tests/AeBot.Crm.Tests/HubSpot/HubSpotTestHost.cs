using AeBot.Crm.Fakes.HubSpot;
using AeBot.Crm.HubSpot;
using AeBot.Crm.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace AeBot.Crm.Tests.HubSpot;

/// <summary>The client as the app gets it (AddHubSpotCrm), pointed at a fake, with pacing loose enough for tests.</summary>
internal sealed class HubSpotTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private HubSpotTestHost(FakeHubSpot fake, ServiceProvider services)
    {
        Fake = fake;
        _services = services;
    }

    public FakeHubSpot Fake { get; }

    public HubSpotClient Client => _services.GetRequiredService<HubSpotClient>();

    public ICrmSource Source => _services.GetRequiredService<ICrmSource>();

    public ICrmWriter Writer => _services.GetRequiredService<ICrmWriter>();

    /// <summary>A scope as the app makes one per sync run: its own client, read and written through.</summary>
    public AsyncServiceScope NewRun() => _services.CreateAsyncScope();

    public static async Task<HubSpotTestHost> StartAsync(Action<HubSpotOptions>? configure = null)
    {
        var fake = await FakeHubSpot.StartAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<CrmOptions>().Configure(o =>
        {
            o.Provider = "HubSpot";
            o.HubSpot.AccessToken = fake.Token;
            o.HubSpot.BaseUrl = fake.BaseUrl;
            o.HubSpot.RequestsPer10Seconds = 1000;
            o.HubSpot.SearchRequestsPerSecond = 1000;
            configure?.Invoke(o.HubSpot);
        });
        services.AddHubSpotCrm();
        return new HubSpotTestHost(fake, services.BuildServiceProvider());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Fake.DisposeAsync();
    }
}

internal static class CrmPages
{
    public static async Task<(List<T> Records, List<CrmSkipped> Skipped, int Pages)> AllAsync<T>(IAsyncEnumerable<CrmPage<T>> pages)
    {
        var records = new List<T>();
        var skipped = new List<CrmSkipped>();
        var count = 0;
        await foreach (var page in pages)
        {
            count++;
            records.AddRange(page.Records);
            skipped.AddRange(page.Skipped);
        }
        return (records, skipped, count);
    }
}
