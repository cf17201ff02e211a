using AeBot.Data.Demo;
using AeBot.Data.Storage;
using AeBot.Hosting;

namespace AeBot.Cli;

public static class SeedDemoCommand
{
    public static async Task<int> RunAsync(CliContext context)
    {
        await context.Services.InitializeDatabaseAsync(seedDemo: false, context.CancellationToken);
        await using var scope = context.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<DemoCompany>().SeedAsync(context.CancellationToken);
        if (!created)
        {
            await context.Error.WriteLineAsync("aebot: the database already has reps; the demo company is only created in an empty database.");
            return ExitCodes.Failed;
        }
        var db = scope.ServiceProvider.GetRequiredService<AeBotDbContext>();
        await context.Out.WriteLineAsync(
            $"Demo company created: {db.Reps.Count()} people, {db.Accounts.Count()} accounts, {db.Contacts.Count()} contacts, " +
            $"{db.Opportunities.Count()} deals, {db.Contracts.Count()} contracts, {db.Interactions.Count()} interactions, {db.FollowUpTasks.Count()} follow-ups.");
        await context.Out.WriteLineAsync($"Try: aebot ask --as dana.reyes@northwind.example \"help\"");
        return ExitCodes.Ok;
    }
}
