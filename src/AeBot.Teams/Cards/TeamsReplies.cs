using System.Text.Json.Nodes;
using AeBot.Core.Channels;
using AeBot.Core.Conversation;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace AeBot.Teams.Cards;

/// <summary>Turns a core reply into a Teams activity (or an in-place card), storing any overflow page for "More".</summary>
internal sealed class TeamsReplies(AdaptiveCardRenderer renderer, IReplyPages pages, TimeProvider clock)
{
    private static readonly TimeSpan PagesKeptFor = TimeSpan.FromDays(2);

    public async Task<Activity> ToActivityAsync(Reply reply, long repId, CancellationToken cancellationToken)
    {
        var rendering = renderer.Render(reply);
        if (rendering.Text is { } text)
        {
            var message = (Activity)MessageFactory.Text(text);
            message.TextFormat = TextFormatTypes.Markdown;
            message.Summary = reply.Summary;
            return message;
        }
        var card = await WithMoreAsync(rendering, repId, cancellationToken);
        var activity = (Activity)MessageFactory.Attachment(ToAttachment(card));
        activity.Summary = reply.Summary; // what notifications and screen readers show for a card
        return activity;
    }

    /// <summary>The card that replaces the clicked one (Universal Actions refresh in place).</summary>
    public async Task<JObject> ToCardAsync(Reply reply, long repId, CancellationToken cancellationToken)
    {
        var rendering = renderer.Render(reply, asCard: true);
        return ToJObject(await WithMoreAsync(rendering, repId, cancellationToken));
    }

    public static Attachment ToAttachment(JsonObject card) => new() { ContentType = AdaptiveCardRenderer.ContentType, Content = ToJObject(card) };

    public static JObject ToJObject(JsonObject card) => JObject.Parse(card.ToJsonString());

    private async Task<JsonObject> WithMoreAsync(TeamsRendering rendering, long repId, CancellationToken cancellationToken)
    {
        var card = rendering.Card!;
        if (rendering.Rest is { } rest)
        {
            var id = await pages.SaveAsync(repId, rest, clock.GetUtcNow() + PagesKeptFor, cancellationToken);
            AdaptiveCardRenderer.AddMore(card, ReplyPaging.Payload(id));
        }
        return card;
    }
}
