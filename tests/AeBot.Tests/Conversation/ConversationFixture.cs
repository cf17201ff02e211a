using AeBot.Core.Conversation;
using AeBot.Core.Organization;
using AeBot.Data.Storage;
using AeBot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AeBot.Tests.Conversation;

/// <summary>
/// The real conversation core over a real SQLite database holding the demo company, with the clock fixed at
/// 28 Nov 2026 14:00 UTC (09:00 in New York). Shared by a test class; each test uses its own conversation id.
/// </summary>
public sealed class ConversationFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 14, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-conversation-");
    private IHost? _host;

    public IServiceProvider Services => _host!.Services;

    public async Task InitializeAsync() => _host = await TestHosts.StartAsync(new()
    {
        ["Storage:SqlitePath"] = Path.Combine(_directory.FullName, "aebot.db"),
        ["Clock:Now"] = Now.ToString("O"),
        ["Demo:Seed"] = "true",
    }, seedDemo: true);

    public async Task<Rep> RepAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IRepDirectory>().FindAsync(email, default) ?? throw new InvalidOperationException(email);
    }

    /// <summary>One turn, as a channel would send it.</summary>
    public Task<Reply> AskAsync(string email, string text, string? conversation = null, string? payload = null) =>
        TestHosts.AskAsync(Services, email, text, conversation ?? Guid.NewGuid().ToString("N"), payload);

    public async Task<T> QueryAsync<T>(Func<AeBotDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AeBotDbContext>());
    }

    public Task DisposeAsync()
    {
        _host?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }
}

internal static class ReplyText
{
    /// <summary>All text of a reply, blocks joined, markdown bold removed: what a person reads.</summary>
    public static string Read(this Reply reply) => AeBot.Rendering.PlainTextRenderer.Render(reply);
}
