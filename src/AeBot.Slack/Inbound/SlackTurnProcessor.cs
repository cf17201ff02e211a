using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AeBot.Core.Channels;
using AeBot.Core.Conversation;
using AeBot.Core.Organization;
using AeBot.Slack.Api;
using AeBot.Slack.Blocks;
using AeBot.Slack.Identity;
using AeBot.Slack.Text;
using AeBot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeBot.Slack.Inbound;

/// <summary>
/// One stored Slack request, processed: a DM or an @mention (events), the slash command, or a button press
/// (block_actions) → the rep → the core → the answer posted back (DM, thread, or the command's response_url).
/// </summary>
/// <remarks>The inbound engine calls it through <see cref="SlackInboundHandler"/>, one scope per item.</remarks>
internal sealed partial class SlackTurnProcessor(
    SlackIdentityResolver identities,
    ChannelTurns turns,
    SlackReplies replies,
    SlackHome home,
    SlackAssistant assistant,
    SlackApiClient slack,
    IHttpClientFactory httpClients,
    IOptions<SlackOptions> options,
    TimeProvider clock,
    ILogger<SlackTurnProcessor> logger)
{
    public const string EventKind = "event";
    public const string CommandKind = "command";
    public const string ActionKind = "action";
    public const string SubmissionKind = "submission";

    /// <summary>What someone AeBot cannot match to a rep is told (Slack mrkdwn), in <paramref name="language"/>.</summary>
    internal static string NotSetUp(ReplyLanguage language) => language.Text(SlackTexts.ResourceManager, nameof(SlackTexts.NotSetUp));

    /// <summary>
    /// The language to tell someone who is no rep yet: what they wrote, else their Slack's locale read by the
    /// identity lookup just made (nothing stored can say: they are no rep).
    /// </summary>
    /// <summary>AeBot added to a channel says hello in the language of whoever invited it (the only person known).</summary>
    private async Task<string> ChannelHelloAsync(string team, string? inviter, CancellationToken cancellationToken) =>
        (await assistant.LanguageOfAsync(team, inviter, cancellationToken)).Text(SlackTexts.ResourceManager, nameof(SlackTexts.ChannelHello));

    internal static ReplyLanguage StrangerLanguage(SlackIdentityResolver identities, string team, string user, string? text) =>
        ChannelTurns.LanguageOf(identities.KnownLocale(team, user), text);

    // The item being processed (this service is scoped to one item): its answer is worked out once and kept, so a
    // retry — after a rate limit, a failed post — delivers the kept answer instead of running the turn again.
    private InboundTurn? _turn;

    public async Task ProcessAsync(InboundTurn turn, CancellationToken cancellationToken)
    {
        _turn = turn;
        var item = turn.Item;
        switch (item.Kind)
        {
            case EventKind:
                await EventAsync(JsonNode.Parse(item.Body)!.AsObject(), cancellationToken);
                break;
            case CommandKind:
                await CommandAsync(System.Web.HttpUtility.ParseQueryString(item.Body), cancellationToken);
                break;
            case ActionKind:
                await ActionAsync(JsonNode.Parse(item.Body)!.AsObject(), cancellationToken);
                break;
            case SubmissionKind:
                await SubmissionAsync(JsonNode.Parse(item.Body)!.AsObject(), cancellationToken);
                break;
        }
    }

    private async Task EventAsync(JsonObject envelope, CancellationToken cancellationToken)
    {
        var team = envelope["team_id"]?.GetValue<string>() ?? "";
        if (envelope["event"] is not JsonObject e || !SlackEventSummary.From(e).NeedsTurn)
            return;
        var type = e["type"]?.GetValue<string>();
        if (type == "member_joined_channel")
        {
            // AeBot added to a channel: say once how to use it there. People joining a channel get nothing (noise).
            if (e["user"]?.GetValue<string>() is { } joined && joined == await slack.BotUserIdAsync(cancellationToken) && e["channel"]?.GetValue<string>() is { } joinedChannel)
                await slack.PostMessageAsync(joinedChannel, new SlackMessage(await ChannelHelloAsync(team, e["inviter"]?.GetValue<string>(), cancellationToken), null), cancellationToken);
            return;
        }
        if (type == "assistant_thread_started")
        {
            await assistant.StartedAsync(team, e, cancellationToken);
            return;
        }
        var user = e["user"]!.GetValue<string>();
        var channel = e["channel"]?.GetValue<string>() ?? "";
        var text = e["text"]?.GetValue<string>() ?? "";
        switch (type)
        {
            case "app_home_opened" when e["tab"]?.GetValue<string>() == "messages":
                await assistant.OpenedAsync(team, user, channel, cancellationToken);
                break;
            case "app_home_opened":
                if (await identities.ResolveAsync(team, user, cancellationToken) is { } homeRep)
                    await home.PublishAsync(team, user, homeRep, cancellationToken);
                else
                    await slack.PublishHomeAsync(user, new { type = "home", blocks = new[] { new { type = "section", text = new { type = "mrkdwn", text = NotSetUp(StrangerLanguage(identities, team, user, null)) } } } }, cancellationToken);
                break;
            case "message":
                // In an assistant thread (or any thread of the DM) the answer goes in the thread, after its status.
                var dmThread = e["thread_ts"]?.GetValue<string>();
                if (dmThread is not null && _turn?.Item.Answer is null) // a retry's answer is ready: no "thinking" left behind
                    await assistant.ThinkingAsync(team, user, channel, dmThread, text.Trim(), cancellationToken);
                await AnswerAsync(team, user, channel, text.Trim(), null, dmThread, dm: true, cancellationToken);
                break;
            case "app_mention":
                var thread = e["thread_ts"]?.GetValue<string>() ?? e["ts"]?.GetValue<string>();
                await AnswerAsync(team, user, channel, LeadingMention().Replace(text, "").Trim(), null, thread, dm: false, cancellationToken);
                break;
        }
    }

    private async Task CommandAsync(System.Collections.Specialized.NameValueCollection form, CancellationToken cancellationToken)
    {
        var team = form["team_id"] ?? "";
        var user = form["user_id"] ?? "";
        var responseUrl = form["response_url"] ?? "";
        var text = (form["text"] ?? "").Trim();
        var person = await identities.PersonAsync(team, user, cancellationToken);
        var rep = person?.Rep;
        Reply reply;
        if (person is null || rep is null)
        {
            var language = StrangerLanguage(identities, team, user, text);
            reply = new Reply([new TextBlock(NotSetUp(language).Replace("*", "**"))])
            {
                Summary = language.Text(SlackTexts.ResourceManager, nameof(SlackTexts.NotSetUpSummary)),
                Language = language.Code,
            };
        }
        else
            reply = await turns.AnswerAsync(new ChannelRequest(rep, Address(rep, team, user, dmChannel: null), $"slash:{team}:{user}", text, null, person.Locale), _turn, cancellationToken);
        var message = await replies.ToMessageAsync(reply, rep?.RepId ?? 0, cancellationToken);
        await RespondAsync(responseUrl, message, cancellationToken);
    }

    private async Task ActionAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        var team = payload["team"]?["id"]?.GetValue<string>() ?? payload["user"]?["team_id"]?.GetValue<string>() ?? "";
        var user = payload["user"]?["id"]?.GetValue<string>() ?? "";
        var value = payload["actions"]?[0]?["value"]?.GetValue<string>();
        var channel = payload["channel"]?["id"]?.GetValue<string>() ?? payload["container"]?["channel_id"]?.GetValue<string>();
        if (value is null || user.Length == 0)
            return;
        var thread = payload["message"]?["thread_ts"]?.GetValue<string>();
        var fromHome = payload["view"]?["type"]?.GetValue<string>() == "home";
        if (channel is null)
        {
            // A button on the App Home: answer in the DM.
            channel = await slack.OpenDirectMessageAsync(user, cancellationToken);
        }
        await AnswerAsync(team, user, channel, "", value, thread, dm: channel.StartsWith('D'), cancellationToken);
        if (fromHome && await identities.ResolveAsync(team, user, cancellationToken) is { } rep)
            await home.PublishAsync(team, user, rep, cancellationToken); // the Home shows the change (task done, date pushed)
    }

    /// <summary>A modal's fields become the sentence a rep would type; the answer (with its Undo) goes to the DM.</summary>
    private async Task SubmissionAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        var team = payload["team"]?["id"]?.GetValue<string>() ?? payload["user"]?["team_id"]?.GetValue<string>() ?? "";
        var user = payload["user"]!["id"]!.GetValue<string>();
        var view = payload["view"]!.AsObject();
        var sentence = SlackModals.Sentence(view["callback_id"]!.GetValue<string>(), view["state"]!["values"]!.AsObject());
        var channel = await slack.OpenDirectMessageAsync(user, cancellationToken);
        await AnswerAsync(team, user, channel, sentence, null, threadTs: null, dm: true, cancellationToken);
    }

    private async Task AnswerAsync(string team, string user, string channel, string text, string? payload, string? threadTs, bool dm, CancellationToken cancellationToken)
    {
        var person = await identities.PersonAsync(team, user, cancellationToken);
        if (person is not { Rep: var rep })
        {
            await slack.PostMessageAsync(channel, new SlackMessage(NotSetUp(StrangerLanguage(identities, team, user, text)), null), cancellationToken, threadTs);
            return;
        }
        if (payload is null && LinkCommand().Match(text) is { Success: true } link)
        {
            await turns.RememberAsync(Address(rep, team, user, dm ? channel : null), cancellationToken);
            var language = await turns.LanguageOfAsync(rep, person.Locale, text, cancellationToken);
            var linked = await turns.LinkAsync(rep, "Slack", link.Groups["rep"].Value, language, async target =>
            {
                await identities.LinkAsync(team, link.Groups["user"].Value, target, cancellationToken);
                return language.Format(SlackTexts.ResourceManager, nameof(SlackTexts.Linked), $"<@{link.Groups["user"].Value}>", target.Name, target.Email);
            }, cancellationToken);
            await slack.PostMessageAsync(channel, new SlackMessage(linked, null), cancellationToken, threadTs);
            return;
        }
        var reply = await turns.AnswerAsync(
            new ChannelRequest(rep, Address(rep, team, user, dm ? channel : null), threadTs is null ? channel : $"{channel}:{threadTs}", text, payload, person.Locale), _turn, cancellationToken);
        var request = _turn is null ? null : _turn.Item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (request is not null && await AlreadyAnsweredAsync(channel, threadTs, request, cancellationToken))
            return;
        await replies.PostAsync(channel, reply, rep.RepId, cancellationToken, threadTs, answerTo: request);
    }

    /// <summary>
    /// A retry whose answer an earlier attempt worked out may follow a crash between the post and its record: the
    /// conversation is asked whether the answer is there (its metadata names the request) before posting again.
    /// When Slack cannot tell (no history scope in a channel), the answer is posted: at least once.
    /// </summary>
    private async Task<bool> AlreadyAnsweredAsync(string channel, string? threadTs, string request, CancellationToken cancellationToken)
    {
        // An answer kept by an earlier attempt may have been posted before that attempt ended (a crash, a stop, a
        // rate limit or failure on a later step): ask before posting it again. A first answer needs no question.
        if (_turn is not { Item.Answer: not null })
            return false;
        try
        {
            var found = await slack.HasAnswerAsync(channel, threadTs, request, cancellationToken);
            if (found)
                LogAlreadyAnswered(logger, request);
            return found;
        }
        catch (SlackApiException e)
        {
            LogHistoryUnavailable(logger, request, e.Error);
            return false;
        }
    }

    // The DM is where proactive messages go; from a channel only the user is learnt (kept only while no DM is known).
    private ChannelAddress Address(RepIdentity rep, string team, string user, string? dmChannel) =>
        new(rep.RepId, ChatChannels.Slack, team, user, dmChannel, null, null, clock.GetUtcNow());

    /// <summary>Answers a slash command through its response_url — only ever to Slack (or the configured API host).</summary>
    private async Task RespondAsync(string responseUrl, SlackMessage message, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var url) || !IsSlackHost(url))
        {
            LogBadResponseUrl(logger, url?.Host ?? "(invalid)");
            return;
        }
        using var response = await httpClients.CreateClient("SlackResponseUrl").PostAsJsonAsync(url, new { response_type = "ephemeral", text = message.Text, blocks = message.Blocks }, SlackApiClient.Json, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new SlackApiException("response_url", $"HTTP {(int)response.StatusCode}", response.StatusCode);
    }

    private bool IsSlackHost(Uri url)
    {
        var api = new Uri(options.Value.ApiBaseUrl);
        return url.Scheme == Uri.UriSchemeHttps && (url.Host == "hooks.slack.com" || url.Host.EndsWith(".slack.com", StringComparison.Ordinal))
            || url.Host == api.Host && url.Port == api.Port;
    }

    [GeneratedRegex(@"^\s*<@[UW][A-Z0-9]+(\|[^>]*)?>\s*")]
    private static partial Regex LeadingMention();

    [GeneratedRegex(@"^link\s+<@(?<user>[UW][A-Z0-9]+)(\|[^>]*)?>\s+(?:to|as|with)\s+(?:<mailto:[^|>]+\|)?(?<rep>[^\s@|<>]+@[^\s|<>]+?)>?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex LinkCommand();

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack request {Request} was already answered before a restart; not posted again")]
    private static partial void LogAlreadyAnswered(ILogger logger, string request);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack request {Request}: could not check for an earlier answer ({Error}); posting")]
    private static partial void LogHistoryUnavailable(ILogger logger, string request, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack command's response_url points at {Host}, not Slack; not answered")]
    private static partial void LogBadResponseUrl(ILogger logger, string host);
}

/// <summary>Slack's part of the inbound engine: its stored requests go to <see cref="SlackTurnProcessor"/>.</summary>
internal sealed partial class SlackInboundHandler(SlackTurnProcessor processor, SlackIdentityResolver identities, SlackApiClient slack, ILogger<SlackInboundHandler> logger) : IInboundHandler
{
    public string Channel => ChatChannels.Slack;

    public async Task HandleAsync(InboundTurn turn, CancellationToken cancellationToken)
    {
        try
        {
            await processor.ProcessAsync(turn, cancellationToken);
        }
        catch (Exception e) when (turn.IsLastAttempt && e is not ChannelThrottledException && !IsPermanent(e)
            && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // No retry follows: the person is told rather than left waiting (as Teams' users are), then the engine
            // records the failure.
            await ApologiseAsync(turn.Item, cancellationToken);
            throw;
        }
    }

    /// <summary>Where the request came from (a DM or a channel thread); null for a slash command or a form.</summary>
    private async Task ApologiseAsync(InboundItem item, CancellationToken cancellationToken)
    {
        try
        {
            string? channel = null, thread = null, team = null, user = null, text = null;
            switch (item.Kind)
            {
                case SlackTurnProcessor.EventKind when JsonNode.Parse(item.Body) is JsonObject envelope && envelope["event"] is JsonObject e:
                    channel = e["channel"]?.GetValue<string>();
                    thread = e["thread_ts"]?.GetValue<string>() ?? (e["type"]?.GetValue<string>() == "app_mention" ? e["ts"]?.GetValue<string>() : null);
                    (team, user, text) = (envelope["team_id"]?.GetValue<string>(), e["user"]?.GetValue<string>(), e["text"]?.GetValue<string>());
                    break;
                case SlackTurnProcessor.ActionKind when JsonNode.Parse(item.Body) is JsonObject p:
                    channel = p["channel"]?["id"]?.GetValue<string>();
                    thread = p["message"]?["thread_ts"]?.GetValue<string>();
                    (team, user) = (p["team"]?["id"]?.GetValue<string>() ?? p["user"]?["team_id"]?.GetValue<string>(), p["user"]?["id"]?.GetValue<string>());
                    break;
            }
            // Their Slack's locale if the failed turn had read it (no new call to Slack here), or what they wrote.
            var locale = team is not null && user is not null ? identities.KnownLocale(team, user) : null;
            if (channel is not null)
                await slack.PostMessageAsync(channel, new SlackMessage(ChannelTurns.Apology(ChannelTurns.LanguageOf(locale, text)), null), cancellationToken, thread);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogApologyFailed(logger, e, item.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the Slack user that request {ItemId} failed")]
    private static partial void LogApologyFailed(ILogger logger, Exception exception, long itemId);

    /// <summary>
    /// The user or conversation is gone, the app removed, or the stored body unreadable or not the documented shape
    /// (a missing field, a field of the wrong JSON type): retrying cannot help.
    /// </summary>
    public bool IsPermanent(Exception exception) =>
        exception is SlackApiException { IsPermanentForRecipient: true } or System.Text.Json.JsonException or NullReferenceException or FormatException
        || exception is InvalidOperationException { Source: "System.Text.Json" };
}
