using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AeBot.Tests;

/// <summary>The real server pipeline over a fresh SQLite file, with the clock fixed and the demo company seeded.</summary>
public sealed class AeBotApplication : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-host-");

    public string DatabasePath => Path.Combine(_directory.FullName, "aebot.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:SqlitePath", DatabasePath);
        builder.UseSetting("Clock:Now", Now.ToString("O"));
        builder.UseSetting("Demo:Seed", "true");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        TestDirectory.Delete(_directory);
    }
}
