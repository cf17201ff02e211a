using System.Text.Json.Nodes;
using AeBot.Core.Channels;
using AeBot.Core.Conversation;
using AeBot.Core.Organization;
using AeBot.Core.Sales;
using AeBot.Core.Text;
using AeBot.Core.Time;
using AeBot.Core.Work;
using AeBot.Slack.Api;
using AeBot.Slack.Identity;
using AeBot.Slack.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AeBot.Slack.Inbound;

/// <summary>
/// Slack's agent and assistant surfaces (manifest <c>features.agent_view</c>, or the older <c>assistant_view</c>):
/// when someone opens AeBot's DM or an assistant thread, prompts that fit
/// them — a rep's own pipeline and quota, a manager's team, and today's follow-ups when any are due; while a question
/// in one is answered, a status and the thread's title. The status and title are decoration: Slack refusing them is
/// logged, and the answer still goes out.
/// </summary>
internal sealed partial class SlackAssistant(
    SlackIdentityResolver identities,
    ChannelTurns turns,
    ISalesData sales,
    IWorkData work,
    IConversationStore conversations,
    SlackApiClient slack,
    IOptions<CaptureOptions> capture,
    TimeProvider clock,
    ILogger<SlackAssistant> logger)
{

    /// <summary>Slack shows at most four prompts (docs.slack.dev/reference/methods/assistant.threads.setSuggestedPrompts).</summary>
    public const int MaxPrompts = 4;

    public const int MaxTitleLength = 80;

    /// <summary>
    /// <c>assistant_thread_started</c>: the person, the DM and the thread are in <c>assistant_thread</c>
    /// (docs.slack.dev/reference/events/assistant_thread_started). Someone AeBot does not know gets the short
    /// "not set up" message in the thread, and no prompts that would only be answered with it.
    /// </summary>
    public async Task StartedAsync(string team, JsonObject e, CancellationToken cancellationToken)
    {
        var thread = e["assistant_thread"] as JsonObject; // anything else is not the documented shape
        if (Text(thread?["user_id"]) is not { } user || Text(thread?["channel_id"]) is not { } channel || Text(thread?["thread_ts"]) is not { } threadTs)
        {
            LogIncomplete(logger);
            return;
        }
        var rep = await identities.ResolveAsync(team, user, cancellationToken);
        if (rep is null)
        {
            await slack.PostMessageAsync(channel, new SlackMessage(SlackTurnProcessor.NotSetUp(SlackTurnProcessor.StrangerLanguage(identities, team, user, null)), null), cancellationToken, threadTs);
            return;
        }
        var language = await LanguageAsync(team, user, rep, cancellationToken);
        var prompts = await PromptsAsync(rep, language, cancellationToken);
        await DecorateAsync("assistant.threads.setSuggestedPrompts", () => slack.SetSuggestedPromptsAsync(channel, threadTs, T(language, nameof(SlackTexts.TryAsking)), prompts, cancellationToken));
    }

    /// <summary>
    /// The agent messaging experience (manifest <c>features.agent_view</c>): opening the DM's Messages tab arrives as
    /// <c>app_home_opened</c> with tab "messages" and replaces assistant_thread_started; the prompts are set for the
    /// DM, without a thread (docs.slack.dev/ai/migrating-to-agent-messaging). Someone AeBot does not know gets
    /// nothing here — they are told when they write — rather than a "not set up" message each time they look.
    /// </summary>
    public async Task OpenedAsync(string team, string user, string channel, CancellationToken cancellationToken)
    {
        if (await identities.ResolveAsync(team, user, cancellationToken) is not { } rep)
            return;
        var language = await LanguageAsync(team, user, rep, cancellationToken);
        var prompts = await PromptsAsync(rep, language, cancellationToken);
        await DecorateAsync("assistant.threads.setSuggestedPrompts", () => slack.SetSuggestedPromptsAsync(channel, null, T(language, nameof(SlackTexts.TryAsking)), prompts, cancellationToken));
    }

    /// <summary>
    /// A question in an assistant thread: "AeBot is thinking…" first (Slack clears it when AeBot answers), then the
    /// first question names the thread. "First" is read from the conversation store: the core remembers each
    /// thread's last question, so a thread with none remembered has not had one yet.
    /// </summary>
    public async Task ThinkingAsync(string team, string user, string channel, string threadTs, string text, CancellationToken cancellationToken)
    {
        // In the language the answer will come in (the rule ChannelTurns shares with the core: a Thai question from
        // someone who never chose is answered in Thai).
        var rep = await identities.ResolveAsync(team, user, cancellationToken);
        var locale = identities.KnownLocale(team, user);
        var language = rep is null ? ChannelTurns.LanguageOf(locale, text) : await turns.LanguageOfAsync(rep, locale, text, cancellationToken);
        await DecorateAsync("assistant.threads.setStatus", () => slack.SetAssistantStatusAsync(channel, threadTs, T(language, nameof(SlackTexts.Thinking)), cancellationToken));
        if (TitleOf(text) is not { } title || rep is null)
            return;
        if (await conversations.LoadAsync(ChatChannels.Slack, ConversationId(channel, threadTs), rep.RepId, cancellationToken) is not null)
            return;
        await DecorateAsync("assistant.threads.setTitle", () => slack.SetAssistantTitleAsync(channel, threadTs, title, cancellationToken));
    }

    /// <summary>
    /// Questions AeBot answers (each is in Help), by role: a rep's own numbers, a manager's team. "My day" leads when
    /// follow-ups are due or overdue today.
    /// </summary>
    /// <remarks>
    /// In Thai each prompt sends a Thai question (the one Help offers Thai readers), so the answer comes in Thai as a
    /// typed Thai question's does; in English the prompts are what they always were.
    /// </remarks>
    public async Task<IReadOnlyList<SlackPrompt>> PromptsAsync(RepIdentity rep, ReplyLanguage language, CancellationToken cancellationToken)
    {
        SlackPrompt P(string title, string ask) => new(T(language, title), T(language, ask));
        var prompts = new List<SlackPrompt>();
        if (await FollowUpsDueAsync(rep, cancellationToken))
            prompts.Add(P(nameof(SlackTexts.PromptMyDay), nameof(SlackTexts.PromptMyDayAsk)));
        if (rep.Role is RepRole.Manager or RepRole.Admin)
        {
            prompts.Add(P(nameof(SlackTexts.PromptTeamRollup), nameof(SlackTexts.PromptTeamRollupAsk)));
            prompts.Add(P(nameof(SlackTexts.PromptBehindQuota), nameof(SlackTexts.PromptBehindQuotaAsk)));
            prompts.Add(P(nameof(SlackTexts.PromptTeamSlipped), nameof(SlackTexts.PromptTeamSlippedAsk)));
            prompts.Add(P(nameof(SlackTexts.PromptTeamPipeline), nameof(SlackTexts.PromptTeamPipelineAsk)));
        }
        else
        {
            prompts.Add(P(nameof(SlackTexts.PromptClosesThisMonth), nameof(SlackTexts.PromptClosesThisMonthAsk)));
            prompts.Add(P(nameof(SlackTexts.PromptTracking), nameof(SlackTexts.PromptTrackingAsk)));
            prompts.Add(P(nameof(SlackTexts.PromptForecast), nameof(SlackTexts.PromptForecastAsk)));
            prompts.Add(P(nameof(SlackTexts.PromptBiggest), nameof(SlackTexts.PromptBiggestAsk)));
        }
        return prompts.Take(MaxPrompts).ToList();
    }

    /// <summary>
    /// The person's language for what AeBot shows unasked: their choice in chat, else their Slack's locale (read by
    /// the identity lookup just made), else the one stored.
    /// </summary>
    internal static async Task<ReplyLanguage> LanguageAsync(SlackIdentityResolver identities, ISalesData sales, string team, string user, RepIdentity rep, CancellationToken cancellationToken)
    {
        var stored = (await sales.ViewerAsync(rep.RepId, cancellationToken))?.Language;
        return ReplyLanguage.Of(stored?.Chosen, identities.KnownLocale(team, user) ?? stored?.Locale, stored?.BuddhistEra);
    }

    /// <summary>Anyone's language: a rep's as <see cref="LanguageAsync(string, string, RepIdentity, CancellationToken)"/>, else their Slack locale if known, else English.</summary>
    internal async Task<ReplyLanguage> LanguageOfAsync(string team, string? user, CancellationToken cancellationToken)
    {
        if (user is null)
            return ReplyLanguage.English;
        return await identities.ResolveAsync(team, user, cancellationToken) is { } rep
            ? await LanguageAsync(team, user, rep, cancellationToken)
            : ReplyLanguage.FromCode(identities.KnownLocale(team, user)) ?? ReplyLanguage.English;
    }

    private Task<ReplyLanguage> LanguageAsync(string team, string user, RepIdentity rep, CancellationToken cancellationToken) =>
        LanguageAsync(identities, sales, team, user, rep, cancellationToken);

    private static string T(ReplyLanguage language, string key) => language.Text(SlackTexts.ResourceManager, key);

    private async Task<bool> FollowUpsDueAsync(RepIdentity rep, CancellationToken cancellationToken)
    {
        if (await sales.ViewerAsync(rep.RepId, cancellationToken) is not { } viewer)
            return false;
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, RepTime.ZoneOf(viewer.TimeZoneId)).DateTime);
        var o = capture.Value;
        var plan = await work.MyDayAsync(viewer, today, now, new DayPlanSettings(o.StaleDays, o.RenewalDays, 10), cancellationToken);
        return plan.Overdue.Count + plan.DueToday.Count > 0;
    }

    /// <summary>The conversation id <see cref="SlackTurnProcessor"/> gives the core for a thread (cut as <see cref="ChannelTurns.MaxConversationLength"/> cuts it).</summary>
    internal static string ConversationId(string channel, string threadTs)
    {
        var id = $"{channel}:{threadTs}";
        return id.Length <= ChannelTurns.MaxConversationLength ? id : id[..ChannelTurns.MaxConversationLength];
    }

    /// <summary>The question on one line, cut to a title's length; null when there is nothing to name the thread by.</summary>
    internal static string? TitleOf(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length == 0)
            return null;
        return TextElements.Shorten(line, MaxTitleLength);
    }

    private async Task DecorateAsync(string method, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (e is SlackApiException or ChannelThrottledException or HttpRequestException or TaskCanceledException { InnerException: TimeoutException })
        {
            // Decoration only: refused, rate-limited or unreachable, the answer still goes out (and is not delayed).
            LogDecorationRefused(logger, method, e is SlackApiException api ? api.Error : e.GetType().Name);
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused {Method} ({Error}); the answer goes out without it")]
    private static partial void LogDecorationRefused(ILogger logger, string method, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An assistant_thread_started event without user, channel or thread; ignored")]
    private static partial void LogIncomplete(ILogger logger);
}
