using AeBot.Cli;
using AeBot.Hosting;
using AeBot.Scheduling;
using AeBot.Slack;
using AeBot.Teams;
using AeBot.WebChat;

// One executable: "aebot serve" (the default) runs the server; the other commands are operator tools that read
// the same configuration (appsettings, environment variables, --Key=Value).
var trace = StartupTrace.FromEnvironment(Console.Error);
var invocation = CommandLine.Parse(args);
if (invocation.Command != "serve")
    return await CliApplication.RunAsync(invocation, trace: trace);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = invocation.ConfigurationArgs,
    ContentRootPath = ContentRoot.Locate(),
});
builder.AddAeBotServices();
builder.Services.AddWebChat(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddCommandSocket();

var app = builder.Build();
if (ConfigurationCheck.Problems(app.Services) is { Count: > 0 } problems)
{
    foreach (var problem in problems)
    {
        await Console.Error.WriteLineAsync($"aebot: {problem}");
        app.Logger.LogCritical("Configuration problem: {Problem}", problem); // for log collectors (and hosted tests)
    }
    return ExitCodes.Configuration;
}
await app.Services.InitializeDatabaseAsync(seedDemo: true);

// Malformed requests (bad JSON, wrong content type) are the client's fault: their own 4xx, never a 500.
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePages();

app.MapHealth();
app.MapWebChat(app.Environment);
app.MapTeams(app.Environment);
app.MapSlack();
app.MapScheduling();

app.LogWhenReady();
app.Run();
return 0;

public partial class Program;
