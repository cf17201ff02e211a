using AeBot.Cli;
using AeBot.Hosting;

// One executable: "aebot serve" (the default) runs the server; the other commands are operator tools that read
// the same configuration (appsettings, environment variables, --Key=Value).
var invocation = CommandLine.Parse(args);
if (invocation.Command != "serve")
    return await CliApplication.RunAsync(invocation);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = invocation.ConfigurationArgs,
    ContentRootPath = ContentRoot.Locate(),
});
builder.AddAeBotServices();

var app = builder.Build();
await app.Services.InitializeDatabaseAsync(seedDemo: true);

app.MapHealth();
app.MapHome();

app.Run();
return 0;

public partial class Program;
