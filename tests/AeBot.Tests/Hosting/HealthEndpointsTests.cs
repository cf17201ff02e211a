using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace AeBot.Tests.Hosting;

public sealed class HealthEndpointsTests(AeBotApplication app) : IClassFixture<AeBotApplication>
{
    [Fact]
    public async Task Live_answers_200_asking_nothing_of_the_database()
    {
        var response = await app.CreateClient().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Empty(body.GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task Ready_answers_200_once_the_database_answers_and_the_scheduler_beats()
    {
        var client = app.CreateClient();
        var (status, body) = await ReadyAsync(client, until: HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Empty(body.GetProperty("failing").EnumerateArray());
        var checks = body.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Contains("heartbeat", checks.GetProperty("scheduler").GetProperty("description").GetString());

        // /health keeps its meaning: the database only.
        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal(["database"], health.GetProperty("checks").EnumerateObject().Select(c => c.Name));
    }

    [Fact]
    public async Task Ready_answers_503_naming_the_database_when_it_is_gone_while_live_stays_200()
    {
        using var broken = new AeBotApplication();
        var client = broken.CreateClient();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(broken.DatabasePath)!, recursive: true);

        var response = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Contains("database", body.GetProperty("failing").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Ready_says_scheduling_is_off_when_it_is()
    {
        using var off = app.WithWebHostBuilder(b => b.UseSetting("Scheduling:Enabled", "false"));
        var body = await off.CreateClient().GetFromJsonAsync<JsonElement>("/health/ready");
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.StartsWith("Scheduling is off", body.GetProperty("checks").GetProperty("scheduler").GetProperty("description").GetString());
    }

    /// <summary>
    /// /health/ready until it answers <paramref name="until"/>: Hangfire's server registers itself a moment after the
    /// host starts. Polled, never slept on blindly; gives up after a minute with the last answer.
    /// </summary>
    internal static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(HttpClient client, HttpStatusCode until)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var response = await client.GetAsync("/health/ready");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (response.StatusCode == until || DateTime.UtcNow > deadline)
                return (response.StatusCode, body);
            await Task.Delay(100);
        }
    }
}
