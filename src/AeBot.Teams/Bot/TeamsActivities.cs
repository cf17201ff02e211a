using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AeBot.Core.Channels;
using AeBot.Core.Organization;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;

namespace AeBot.Teams.Bot;

/// <summary>Reading what AeBot needs from Teams activities.</summary>
internal static partial class TeamsActivities
{
    public const string ChannelId = "msteams";

    /// <summary>The tenant, from the conversation or (older payloads) the channel data; empty when neither says.</summary>
    public static string TenantId(IActivity activity)
    {
        if (activity.Conversation?.TenantId is { Length: > 0 } tenant)
            return tenant;
        try
        {
            return activity.GetChannelData<TeamsChannelData>()?.Tenant?.Id ?? "";
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or InvalidCastException or ArgumentException)
        {
            return "";
        }
    }

    /// <summary>
    /// The 1:1 chat between a user and AeBot. Older payloads carry no conversation type; there a channel or group
    /// conversation still shows itself by <c>isGroup</c> or its "19:" id (1:1 chats have "a:" ids).
    /// </summary>
    public static bool IsPersonal(IActivity activity) => activity.Conversation switch
    {
        null => false,
        { ConversationType: "personal" } => true,
        { ConversationType: not null } => false,
        { IsGroup: true } => false,
        { Id: { } id } => !id.StartsWith("19:", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>In channels and group chats AeBot only answers when @mentioned.</summary>
    public static bool MentionsBot(IMessageActivity activity) =>
        activity.GetMentions().Any(m => m.Mentioned?.Id is { } id && id == activity.Recipient?.Id);

    /// <summary>The text without the bot's mention (and without any leftover &lt;at&gt; tags), trimmed.</summary>
    public static string CleanText(IMessageActivity activity)
    {
        var text = activity.Text ?? "";
        foreach (var mention in activity.GetMentions().Where(m => m.Mentioned?.Id == activity.Recipient?.Id && m.Text is { Length: > 0 }))
            text = text.Replace(mention.Text, " ", StringComparison.OrdinalIgnoreCase);
        text = AtTag().Replace(text, m => m.Groups[1].Value);
        return Whitespace().Replace(System.Net.WebUtility.HtmlDecode(text), " ").Trim();
    }

    /// <summary>Users other than the bot mentioned in the message (for "link @Jane to …").</summary>
    public static IReadOnlyList<ChannelAccount> OtherMentions(IMessageActivity activity) =>
        activity.GetMentions().Where(m => m.Mentioned?.Id is { } id && id != activity.Recipient?.Id).Select(m => m.Mentioned).ToList();

    /// <summary>The core payload an Action.Submit (older clients) sent as the message's value.</summary>
    public static string? SubmittedPayload(IActivity activity) =>
        activity is IMessageActivity { Value: JObject value } && value.Value<string>("payload") is { Length: > 0 and <= 2000 } payload ? payload : null;

    /// <summary>The dialog key for a conversation: Teams ids can be long, the dialog table keeps 200 characters.</summary>
    public static string ConversationKey(string conversationId) =>
        conversationId.Length <= 190 ? conversationId : "h:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(conversationId)));

    /// <summary>Where this rep can be reached later; the conversation is kept only when it is the 1:1 chat.</summary>
    public static ChannelAddress Address(IActivity activity, long repId, DateTimeOffset now) => new(
        repId,
        ChatChannels.Teams,
        TenantId(activity),
        activity.From.Id,
        IsPersonal(activity) ? activity.Conversation.Id : null,
        activity.ServiceUrl,
        activity.Recipient?.Id,
        now);

    [GeneratedRegex("<at>(.*?)</at>", RegexOptions.IgnoreCase)]
    private static partial Regex AtTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
