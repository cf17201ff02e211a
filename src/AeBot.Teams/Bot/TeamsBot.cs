using System.Text.RegularExpressions;
using AeBot.Core.Channels;
using AeBot.Core.Conversation;
using AeBot.Core.Dialogs;
using AeBot.Core.Organization;
using AeBot.Teams.Cards;
using AeBot.Teams.Hosting;
using AeBot.Teams.Identity;
using AeBot.Teams.Text;
using AeBot.Core.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace AeBot.Teams.Bot;

/// <summary>
/// Teams activities in, core replies out. Personal chats answer everything; channels and group chats only messages
/// that @mention AeBot (answered in the thread). Card buttons arrive as Universal Action invokes and refresh the card
/// in place; older clients' Action.Submit arrives as a message carrying the same payload. Every turn resolves the rep
/// again — card data is never trusted for who may do what; the core checks access on every action.
/// </summary>
internal sealed partial class TeamsBot(
    TeamsIdentityResolver identities,
    IChannelAddressBook addresses,
    TeamsReplies replies,
    TeamsTurnRunner runner,
    ChannelTurns turns,
    TeamsAdapter adapter,
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    IOptions<TeamsOptions> options,
    TimeProvider clock) : TeamsActivityHandler
{
    public const string InvokeResponseType = "invokeResponse";

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var payload = TeamsActivities.SubmittedPayload(activity);
        if (!TeamsActivities.IsPersonal(activity) && payload is null && !TeamsActivities.MentionsBot(activity))
            return; // channel chatter not meant for AeBot

        var rep = await identities.ResolveAsync(turn, cancellationToken);
        if (rep is null)
        {
            await turn.SendActivityAsync(MessageFactory.Text(Onboarding(activity)), cancellationToken);
            return;
        }
        var text = TeamsActivities.CleanText(activity);
        if (payload is null && LinkCommand().Match(text) is { Success: true } link)
        {
            await RememberAsync(activity, rep.RepId, cancellationToken);
            await turn.SendActivityAsync(MessageFactory.Text(await LinkAsync(turn, rep, link, cancellationToken)), cancellationToken);
            return;
        }

        var key = DialogKey(activity, rep);
        turn.TurnState.Add(TeamsTurnErrors.DialogKeyState, key);
        var request = new ChannelRequest(rep, TeamsActivities.Address(activity, rep.RepId, clock.GetUtcNow()), key.ConversationId, text, payload, activity.Locale);
        Reply? reply;
        if (turn.TurnState.Get<InboundTurn>(TeamsInboundHandler.TurnState) is { } inbound)
            reply = await turns.AnswerAsync(request, inbound, cancellationToken); // from the inbound engine: nobody waits on HTTP
        else if (ReplyPaging.TryParse(payload, out _))
            reply = await turns.AnswerAsync(request, null, cancellationToken);
        else
            reply = await WithinBudgetAsync(request, activity, options.Value.MessageBudgetMilliseconds, cancellationToken); // no activity id: not queued
        if (reply is null)
        {
            await turn.SendActivityAsync(MessageFactory.Text(AdaptiveCardRenderer.T(LanguageOf(activity), nameof(TeamsTexts.WorkingOnIt))), cancellationToken);
            return;
        }
        await turn.SendActivityAsync(await replies.ToActivityAsync(reply, rep.RepId, cancellationToken), cancellationToken);
    }

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext<IInvokeActivity> turn, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        var payload = invokeValue.Action?.Verb is { Length: > 0 and <= 2000 } verb ? verb
            : (invokeValue.Action?.Data as JObject)?.Value<string>("payload");
        if (payload is null)
            return CardInvoke(AdaptiveCardRenderer.TextCard(AdaptiveCardRenderer.T(LanguageOf(turn.Activity), nameof(TeamsTexts.UnknownButton)), AdaptiveCardRenderer.T(LanguageOf(turn.Activity), nameof(TeamsTexts.UnknownButtonSummary))));

        var rep = await identities.ResolveAsync(turn, cancellationToken);
        if (rep is null)
            return CardInvoke(AdaptiveCardRenderer.TextCard(Onboarding(turn.Activity), AdaptiveCardRenderer.T(StrangerLanguage(turn.Activity), nameof(TeamsTexts.OnboardingSummary))));
        var key = DialogKey(turn.Activity, rep);
        turn.TurnState.Add(TeamsTurnErrors.DialogKeyState, key);
        var request = new ChannelRequest(rep, TeamsActivities.Address(turn.Activity, rep.RepId, clock.GetUtcNow()), key.ConversationId, "", payload, ((Activity)turn.Activity).Locale);
        var reply = ReplyPaging.TryParse(payload, out _)
            ? await turns.AnswerAsync(request, null, cancellationToken)
            : await WithinBudgetAsync(request, turn.Activity, options.Value.InvokeBudgetMilliseconds, cancellationToken);
        if (reply is null)
            return CardInvoke(AdaptiveCardRenderer.TextCard(AdaptiveCardRenderer.T(LanguageOf(turn.Activity), nameof(TeamsTexts.WorkingOnItCard)), AdaptiveCardRenderer.T(LanguageOf(turn.Activity), nameof(TeamsTexts.WorkingOnItSummary))));
        return CardResponse(await replies.ToCardAsync(reply, rep.RepId, cancellationToken));
    }

    /// <summary>Installed in a chat or team, or someone joined: remember the 1:1 address and say hello once.</summary>
    protected override async Task OnConversationUpdateActivityAsync(ITurnContext<IConversationUpdateActivity> turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var botAdded = activity.MembersAdded?.Any(m => m.Id == activity.Recipient?.Id) == true;
        if (!TeamsActivities.IsPersonal(activity))
        {
            if (botAdded)
                // In the language of whoever added AeBot (the activity's locale): the only person known at this point.
                await turn.SendActivityAsync(MessageFactory.Text(AdaptiveCardRenderer.T(LanguageOf(activity), nameof(TeamsTexts.ChannelHello))), cancellationToken);
            return;
        }
        var rep = await identities.ResolveAsync(turn, cancellationToken);
        if (rep is not null)
            await RememberAsync(activity, rep.RepId, cancellationToken);
        if (botAdded)
            await turn.SendActivityAsync(MessageFactory.Text(rep is null ? Onboarding(activity) : Welcome(rep, LanguageOf(activity))), cancellationToken);
    }

    protected override async Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turn, CancellationToken cancellationToken)
    {
        if (!TeamsActivities.IsPersonal(turn.Activity))
            return;
        if (await identities.ResolveAsync(turn, cancellationToken) is { } rep)
            await RememberAsync(turn.Activity, rep.RepId, cancellationToken);
    }

    protected override async Task OnInstallationUpdateRemoveAsync(ITurnContext<IInstallationUpdateActivity> turn, CancellationToken cancellationToken)
    {
        if (TeamsActivities.IsPersonal(turn.Activity) && await identities.ResolveAsync(turn, cancellationToken) is { } rep)
            await addresses.MarkUnreachableAsync(rep.RepId, ChatChannels.Teams, "the rep uninstalled AeBot in Teams", clock.GetUtcNow(), cancellationToken);
    }

    public static AdaptiveCardInvokeResponse CardInvoke(System.Text.Json.Nodes.JsonObject card) => CardResponse(TeamsReplies.ToJObject(card));

    public static AdaptiveCardInvokeResponse CardResponse(JObject card) =>
        new() { StatusCode = 200, Type = AdaptiveCardRenderer.ContentType, Value = card };

    /// <summary>The answer to an invoke delivered twice: the first delivery already did the work.</summary>
    public static InvokeResponse AlreadyHandled() => new()
    {
        Status = 200,
        Body = new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = "Already done." },
    };

    private static ConversationKey DialogKey(IActivity activity, RepIdentity rep) =>
        new(ChatChannels.Teams, TeamsActivities.ConversationKey(activity.Conversation.Id), rep.RepId);

    /// <summary>
    /// A turn Teams is waiting for on HTTP (a card button, a message that could not be queued): the answer, or null
    /// when the budget ran out first — it then follows as a message.
    /// </summary>
    private async Task<Reply?> WithinBudgetAsync(ChannelRequest request, IActivity activity, int budgetMilliseconds, CancellationToken cancellationToken)
    {
        await turns.RememberAsync(request.Address, cancellationToken);
        return await runner.RunAsync(turns.Message(request), TimeSpan.FromMilliseconds(budgetMilliseconds),
            late => SendLateAsync(activity.GetConversationReference(), late, request.Rep.RepId));
    }

    /// <summary>Stores where the rep can be reached (the address book keeps a known 1:1 chat over a channel sighting).</summary>
    private Task RememberAsync(IActivity activity, long repId, CancellationToken cancellationToken) =>
        turns.RememberAsync(TeamsActivities.Address(activity, repId, clock.GetUtcNow()), cancellationToken);

    /// <summary>A reply that missed Teams' wait: posted into the same conversation (and thread) when ready.</summary>
    private async Task SendLateAsync(ConversationReference reference, Reply reply, long repId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var activity = await scope.ServiceProvider.GetRequiredService<TeamsReplies>().ToActivityAsync(reply, repId, lifetime.ApplicationStopping);
        await adapter.ContinueConversationAsync(adapter.BotIdentity(), reference, null!, Proactive.TeamsMessenger.Post(activity, null, out var failure), lifetime.ApplicationStopping);
        failure.ThrowIfFailed();
    }

    private async Task<string> LinkAsync(ITurnContext<IMessageActivity> turn, RepIdentity admin, Match link, CancellationToken cancellationToken)
    {
        var language = await turns.LanguageOfAsync(admin, turn.Activity.Locale, TeamsActivities.CleanText(turn.Activity), cancellationToken);
        return await turns.LinkAsync(admin, "Teams", link.Groups["rep"].Value, language, async rep =>
        {
            var mentioned = TeamsActivities.OtherMentions(turn.Activity).FirstOrDefault();
            var who = link.Groups["who"].Value.Trim();
            if (mentioned is null && !who.Contains('@'))
                return AdaptiveCardRenderer.T(language, nameof(TeamsTexts.LinkWho));
            var shown = await identities.LinkAsync(turn, TeamsActivities.TenantId(turn.Activity), mentioned?.Id, mentioned is null ? who : null, rep, cancellationToken);
            return shown is null
                ? AdaptiveCardRenderer.T(language, nameof(TeamsTexts.LinkUnknownMember))
                : AdaptiveCardRenderer.T(language, nameof(TeamsTexts.Linked), shown, rep.Name, rep.Email);
        }, cancellationToken);
    }

    /// <summary>
    /// What someone AeBot cannot match to a rep is told, in the language of their Teams client or of what they wrote
    /// (nothing stored can say: they are no rep yet).
    /// </summary>
    private static string Onboarding(IActivity activity) =>
        AdaptiveCardRenderer.T(StrangerLanguage(activity), nameof(TeamsTexts.Onboarding));

    private static ReplyLanguage StrangerLanguage(IActivity activity) =>
        ChannelTurns.LanguageOf(((Activity)activity).Locale, (activity as IMessageActivity)?.Text);

    private static string Welcome(RepIdentity rep, ReplyLanguage language) =>
        AdaptiveCardRenderer.T(language, nameof(TeamsTexts.Welcome), rep.Name.Split(' ')[0]);

    /// <summary>
    /// The language of what AeBot says before the core has answered (a wait note, a welcome): the Teams client's
    /// locale, as the core would take it for someone who hasn't chosen.
    /// </summary>
    private static ReplyLanguage LanguageOf(IActivity activity) => ReplyLanguage.FromCode(((Activity)activity).Locale) ?? ReplyLanguage.English;

    [GeneratedRegex(@"^link\s+(?<who>.+?)\s+(?:to|as|with)\s+(?<rep>[^\s@]+@[^\s@]+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex LinkCommand();
}
