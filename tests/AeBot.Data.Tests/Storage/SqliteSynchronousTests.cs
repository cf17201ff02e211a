using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AeBot.Data.Tests.Storage;

public sealed class SqliteSynchronousTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-sync-");

    [Theory]
    [InlineData("Normal", 1)]
    [InlineData("Full", 2)]
    public async Task Every_connection_gets_the_configured_durability(string setting, long expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(_directory.FullName, $"{setting}.db"),
            ["Storage:SqliteSynchronous"] = setting,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddAeBotStorage(configuration).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AeBotDbContext>();

        var value = await db.Database.SqlQueryRaw<long>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync();

        Assert.Equal(expected, value);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}
