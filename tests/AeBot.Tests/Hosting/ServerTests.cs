using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AeBot.Core.Organization;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AeBot.Tests.Hosting;

public sealed class ServerTests : IClassFixture<AeBotApplication>
{
    private readonly AeBotApplication _app;

    public ServerTests(AeBotApplication app) => _app = app;

    [Fact]
    public async Task Health_endpoint_reports_a_healthy_database()
    {
        var response = await _app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task First_start_on_an_empty_database_creates_the_demo_company()
    {
        _ = _app.Server; // starts the host
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AeBotDbContext>();
        Assert.Equal(12, await db.Reps.CountAsync(r => r.Role == RepRole.Rep));
        Assert.Equal(1_500, await db.Opportunities.CountAsync());
        Assert.True(File.Exists(_app.DatabasePath));
    }

    [Fact]
    public async Task Clock_Now_fixes_the_time_everywhere()
    {
        _ = _app.Server;
        Assert.Equal(AeBotApplication.Now, _app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        var home = await _app.CreateClient().GetStringAsync("/");
        Assert.Contains("<title>AeBot — web chat</title>", home); // the web chat is on in Development
    }

    [Fact]
    public async Task Unknown_paths_are_404_not_500()
    {
        var response = await _app.CreateClient().PostAsync("/nope", new StringContent("{"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
