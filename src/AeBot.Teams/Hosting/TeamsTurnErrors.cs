using AeBot.Core.Dialogs;
using AeBot.Teams.Bot;
using AeBot.Teams.Cards;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AeBot.Teams.Hosting;

/// <summary>
/// The one place a failed turn ends: logged with the activity's ids (never its text), the user told in plain words,
/// and the dialog the turn was in cleared so the next message starts clean instead of failing the same way.
/// </summary>
internal sealed partial class TeamsTurnErrors(IServiceScopeFactory scopes, ILogger logger)
{
    public const string DialogKeyState = "AeBot.DialogKey";

    public async Task HandleAsync(ITurnContext turn, Exception exception)
    {
        LogFailed(logger, exception, turn.Activity.Type, turn.Activity.Id ?? "", turn.Activity.Conversation?.Id ?? "");
        try
        {
            if (turn.TurnState.Get<ConversationKey>(DialogKeyState) is { } key)
            {
                await using var scope = scopes.CreateAsyncScope();
                var dialogs = scope.ServiceProvider.GetRequiredService<IDialogStore>();
                if (await dialogs.LoadAsync(key, CancellationToken.None) is { State: not null } stored)
                    await dialogs.ClearAsync(key, stored.Version, CancellationToken.None);
            }
            // Said before (or instead of) the core's answer: the client's locale or the message's script decides.
            var language = AeBot.Core.Channels.ChannelTurns.LanguageOf(((Activity)turn.Activity).Locale, (turn.Activity as IMessageActivity)?.Text);
            var sorry = AeBot.Core.Channels.ChannelTurns.Apology(language);
            if (turn.Activity.Type == ActivityTypes.Invoke)
                await turn.SendActivityAsync(new Activity(TeamsBot.InvokeResponseType)
                {
                    // The adapter reads an InvokeResponse from here; its body is what Teams puts in place of the card.
                    Value = new InvokeResponse { Status = 200, Body = TeamsBot.CardInvoke(AdaptiveCardRenderer.TextCard(sorry, AeBot.Core.Channels.ChannelTurns.ApologySummary(language))) },
                });
            else
                await turn.SendActivityAsync(MessageFactory.Text(sorry));
        }
        catch (Exception e)
        {
            LogApologyFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams turn failed ({Type} {ActivityId} in {ConversationId})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string type, string activityId, string conversationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not tell the Teams user their turn failed")]
    private static partial void LogApologyFailed(ILogger logger, Exception exception);
}
