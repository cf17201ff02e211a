using AeBot.Core.Conversation;
using AeBot.Core.Organization;
using AeBot.Core.Text;
using AeBot.Core.Understanding.Thai;

namespace AeBot.Core.Channels;

/// <summary>
/// A chat request from a person a channel has already identified: where they can be reached (remembered for
/// proactive messages), what they said or pressed, and in which conversation (dialogs are kept per conversation).
/// </summary>
public sealed record ChannelRequest(RepIdentity Rep, ChannelAddress Address, string Conversation, string Text, string? Payload, string? Locale = null);

/// <summary>
/// The part of a chat turn every channel does alike, once a channel adapter has verified the request and identified
/// the person: remember where they can be reached, page through a long answer ("More"), run the core — once per
/// stored request, so a retry delivers the kept answer — and the admin's <c>link</c> command's checks. The adapters
/// keep what is theirs: reading the platform's payload, finding the person, rendering and sending.
/// </summary>
public sealed class ChannelTurns(IConversationCore core, IChannelAddressBook addresses, IReplyPages pages, IRepDirectory directory, TimeProvider clock)
{
    /// <summary>What a person is told when their request failed and no retry follows (every channel says the same).</summary>
    public static string FailedApology => Apology(ReplyLanguage.English);

    /// <summary><see cref="FailedApology"/> in <paramref name="language"/>.</summary>
    public static string Apology(ReplyLanguage language) => language.Text(ChannelTexts.ResourceManager, nameof(ChannelTexts.FailedApology));

    /// <summary>The short form of <see cref="Apology"/> (a card's fallback text).</summary>
    public static string ApologySummary(ReplyLanguage language) => language.Text(ChannelTexts.ResourceManager, nameof(ChannelTexts.FailedApologySummary));

    /// <summary>
    /// The language to speak to someone AeBot cannot read a stored choice for (not a rep yet, or before the core ran):
    /// what they wrote in Thai is answered in Thai, as the core answers it; else their chat client's locale; else English.
    /// </summary>
    public static ReplyLanguage LanguageOf(string? locale, string? text) =>
        text is not null && ThaiScript.Contains(text) ? ReplyLanguage.Thai : ReplyLanguage.FromCode(locale) ?? ReplyLanguage.English;

    /// <summary>
    /// The language of a known rep outside a core turn (an expired page, the link command): their choice in chat,
    /// else the client's locale (this request's, else the one last stored), else Thai when they wrote in Thai.
    /// </summary>
    public async Task<ReplyLanguage> LanguageOfAsync(RepIdentity rep, string? locale, string? text, CancellationToken cancellationToken)
    {
        var stored = await directory.FindByIdAsync(rep.RepId, cancellationToken);
        if (stored?.Language is null && text is not null && ThaiScript.Contains(text))
            return ReplyLanguage.Thai with { BuddhistEra = stored?.BuddhistEra ?? true };
        return ReplyLanguage.Of(stored?.Language, locale ?? stored?.Locale, stored?.BuddhistEra);
    }

    /// <summary>Dialog conversation ids are kept short (a channel's thread ids can be long).</summary>
    public const int MaxConversationLength = 190;

    /// <summary>The answer to <paramref name="request"/>; with <paramref name="inbound"/>, worked out once and kept with the stored request.</summary>
    public async Task<Reply> AnswerAsync(ChannelRequest request, InboundTurn? inbound, CancellationToken cancellationToken)
    {
        await RememberAsync(request.Address, cancellationToken);
        if (ReplyPaging.TryParse(request.Payload, out var pageId))
            return await pages.FindAsync(pageId, request.Rep.RepId, clock.GetUtcNow(), cancellationToken)
                ?? ReplyPaging.ExpiredIn(await LanguageOfAsync(request.Rep, request.Locale, null, cancellationToken));
        var message = Message(request);
        return inbound is null
            ? await core.HandleAsync(message, cancellationToken)
            : await inbound.AnswerOnceAsync(() => core.HandleAsync(message, cancellationToken), cancellationToken);
    }

    /// <summary>The message the core sees: an empty text (a bare @mention, an empty DM) asks for help.</summary>
    public IncomingMessage Message(ChannelRequest request)
    {
        var conversation = request.Conversation.Length <= MaxConversationLength ? request.Conversation : request.Conversation[..MaxConversationLength];
        var text = request.Payload is null && request.Text.Length == 0 ? "help" : request.Payload is null ? request.Text : "";
        return new IncomingMessage(request.Address.Channel, request.Rep, conversation, text, request.Payload, request.Locale, clock.GetUtcNow());
    }

    /// <summary>Where the rep can be reached (the address book keeps a known 1:1 conversation over a channel sighting).</summary>
    public Task RememberAsync(ChannelAddress address, CancellationToken cancellationToken) => addresses.SaveAsync(address, cancellationToken);

    /// <summary>
    /// An admin links a chat user to the rep with <paramref name="repEmail"/>: refused for anyone but an admin or for an
    /// e-mail no rep has; otherwise <paramref name="link"/> does the channel's part and returns what to say (a link the
    /// channel cannot make is its own sentence, in the same language).
    /// </summary>
    public Task<string> LinkAsync(RepIdentity admin, string channelName, string repEmail, Func<Rep, Task<string>> link, CancellationToken cancellationToken) =>
        LinkAsync(admin, channelName, repEmail, ReplyLanguage.English, link, cancellationToken);

    /// <summary><see cref="LinkAsync(RepIdentity, string, string, Func{Rep, Task{string}}, CancellationToken)"/>, its refusals said in <paramref name="language"/>.</summary>
    public async Task<string> LinkAsync(RepIdentity admin, string channelName, string repEmail, ReplyLanguage language, Func<Rep, Task<string>> link, CancellationToken cancellationToken)
    {
        if (admin.Role != RepRole.Admin)
            return language.Format(ChannelTexts.ResourceManager, nameof(ChannelTexts.LinkAdminOnly), channelName);
        var rep = await directory.FindAsync(repEmail, cancellationToken);
        if (rep is null)
            return language.Format(ChannelTexts.ResourceManager, nameof(ChannelTexts.LinkNoRep), repEmail);
        // The channel's own refusals (a member the platform will not name) come back as text in the same language;
        // anything thrown is a failure, answered by the channel's apology like any other turn.
        return await link(rep);
    }
}
