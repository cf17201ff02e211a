using AeBot.Core.Conversation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AeBot.Teams.Bot;

/// <summary>
/// Runs the core for a Teams turn within the time Teams waits (about 15 s for a message, 5 s for a card button).
/// The core runs in its own scope, so when it takes longer the HTTP response goes back in time and the work carries
/// on; its answer then arrives through <paramref name="late"/> as a proactive message.
/// </summary>
internal sealed partial class TeamsTurnRunner(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<TeamsTurnRunner> logger)
{
    /// <summary>The reply, or null when the budget ran out first (the reply will go to <paramref name="late"/>).</summary>
    public async Task<Reply?> RunAsync(IncomingMessage message, TimeSpan budget, Func<Reply, Task> late)
    {
        var work = Task.Run(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IConversationCore>().HandleAsync(message, lifetime.ApplicationStopping);
        });
        // Wall-clock time on purpose: it is Teams' patience being measured, not the business clock (Clock:Now).
        if (await Task.WhenAny(work, Task.Delay(budget)) == work)
            return await work;

        LogSlow(logger, message.From.RepId, budget.TotalMilliseconds);
        _ = work.ContinueWith(async finished =>
        {
            Reply reply;
            try
            {
                reply = await finished;
            }
            catch (Exception e)
            {
                LogLateFailed(logger, e, message.From.RepId);
                reply = new Reply([new TextBlock("Sorry — something went wrong on my side and I couldn't finish that. Please try again.")]) { Summary = "Something went wrong" };
            }
            try
            {
                await late(reply);
            }
            catch (Exception e)
            {
                LogLateFailed(logger, e, message.From.RepId);
            }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Turn for rep {RepId} is taking longer than {BudgetMs} ms; answering when done")]
    private static partial void LogSlow(ILogger logger, long repId, double budgetMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "A slow turn for rep {RepId} failed or could not be delivered")]
    private static partial void LogLateFailed(ILogger logger, Exception exception, long repId);
}
