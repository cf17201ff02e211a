using AeBot.Core.Conversation;
using AeBot.Tests.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AeBot.Tests.Capture;

/// <summary>
/// Dialog state lives in the database: a dialog survives the process that started it, expires after the configured
/// inactivity, and "undo" only reaches back as far as its window. Each host here is a fresh process in all but name.
/// </summary>
public sealed class DialogPersistenceTests : IDisposable
{
    private const string Dana = "dana.reyes@northwind.example";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-dialogs-");

    private Task<IHost> HostAsync(DateTimeOffset now) => TestHosts.StartAsync(new()
    {
        ["Storage:SqlitePath"] = Path.Combine(_directory.FullName, "aebot.db"),
        ["Clock:Now"] = now.ToString("O"),
        ["Demo:Seed"] = "true",
        ["Capture:DialogTimeoutMinutes"] = "30",
        ["Capture:UndoWindowMinutes"] = "60",
    }, seedDemo: true);

    private static Task<Reply> AskAsync(IHost host, string text, string conversation, DateTimeOffset at, string? payload = null) =>
        TestHosts.AskAsync(host.Services, Dana, text, conversation, payload, at);

    [Fact]
    public async Task A_dialog_resumes_after_a_restart_and_expires_after_inactivity()
    {
        var start = ConversationFixture.Now;
        var conversation = "restart";
        using (var first = await HostAsync(start))
            Assert.Contains("Acme has 4 open deals of yours", (await AskAsync(first, "log a call with Acme", conversation, start)).Read());

        using (var second = await HostAsync(start.AddMinutes(5)))
        {
            var resumed = await AskAsync(second, "1", conversation, start.AddMinutes(5));
            Assert.Contains("What happened on the call with Acme?", resumed.Read());
        }

        using var third = await HostAsync(start.AddMinutes(40));
        var before = await Count(third);
        var late = await AskAsync(third, "They loved the demo", conversation, start.AddMinutes(40));
        Assert.DoesNotContain("Logged", late.Read());
        Assert.Equal(before, await Count(third));
        var expired = await AskAsync(third, "", conversation, start.AddMinutes(40), payload: "dlg:deal:1");
        Assert.Contains("That question has expired", expired.Read());
    }

    [Fact]
    public async Task Undo_reaches_back_only_as_far_as_its_window()
    {
        var start = ConversationFixture.Now;
        using (var first = await HostAsync(start))
            Assert.StartsWith("Got it", (await AskAsync(first, "remind me to call Bob tomorrow at 10am", "undo-window", start)).Read());
        using var later = await HostAsync(start.AddMinutes(61));
        var reply = await AskAsync(later, "undo", "undo-window", start.AddMinutes(61));
        Assert.Contains("nothing of yours to undo from the last 60 minutes", reply.Read());
        await using var scope = later.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AeBot.Data.Storage.AeBotDbContext>();
        Assert.Equal(AeBot.Core.Reminders.ReminderStatus.Pending, (await db.Reminders.SingleAsync()).Status);
    }

    [Fact]
    public async Task An_Undo_button_is_refused_once_its_window_has_passed()
    {
        var start = ConversationFixture.Now;
        string undo;
        using (var first = await HostAsync(start))
        {
            var set = await AskAsync(first, "remind me to call Bob tomorrow at 10am", "undo-button-window", start);
            undo = set.Blocks.OfType<ActionsBlock>().SelectMany(b => b.Actions).Single(a => a.Label == "Undo").Payload;
        }
        using var later = await HostAsync(start.AddMinutes(61));
        var reply = await AskAsync(later, "", "undo-button-window", start.AddMinutes(61), payload: undo);
        Assert.Contains("It's too late to undo the reminder \"Call Bob\" — Undo reaches back 60 minutes. Nothing was changed", reply.Read());
        await using var scope = later.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AeBot.Data.Storage.AeBotDbContext>();
        Assert.Equal(AeBot.Core.Reminders.ReminderStatus.Pending, (await db.Reminders.SingleAsync()).Status);
        Assert.Null((await db.BotChanges.SingleAsync()).UndoneAt);
    }

    private static async Task<int> Count(IHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AeBot.Data.Storage.AeBotDbContext>().Interactions.CountAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
