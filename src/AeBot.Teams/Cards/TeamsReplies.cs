using System.Text.Json.Nodes;
using AeBot.Core.Channels;
using AeBot.Charts;
using AeBot.Core.Conversation;
using AeBot.Core.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace AeBot.Teams.Cards;

/// <summary>Turns a core reply into a Teams activity (or an in-place card), storing any overflow page for "More".</summary>
internal sealed class TeamsReplies(
    AdaptiveCardRenderer renderer, IReplyPages pages, IChartImages images, ChartRenderer charts, IOptions<TeamsOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan PagesKeptFor = TimeSpan.FromDays(2);

    /// <summary>Cards stay in the chat history; their pictures should outlive most scrolling back.</summary>
    private static readonly TimeSpan ChartsKeptFor = TimeSpan.FromDays(90);

    public async Task<Activity> ToActivityAsync(Reply reply, long repId, CancellationToken cancellationToken)
    {
        var rendering = renderer.Render(reply, chartUrls: await ChartUrlsAsync(reply, cancellationToken));
        if (rendering.Text is { } text)
        {
            var message = (Activity)MessageFactory.Text(text);
            message.TextFormat = TextFormatTypes.Markdown;
            message.Summary = reply.Summary;
            message.Locale = Locale(reply);
            return message;
        }
        var card = await WithMoreAsync(rendering, repId, AdaptiveCardRenderer.LanguageOf(reply), cancellationToken);
        var activity = (Activity)MessageFactory.Attachment(ToAttachment(card));
        activity.Summary = reply.Summary; // what notifications and screen readers show for a card
        activity.Locale = Locale(reply);
        return activity;
    }

    /// <summary>The card that replaces the clicked one (Universal Actions refresh in place).</summary>
    public async Task<JObject> ToCardAsync(Reply reply, long repId, CancellationToken cancellationToken)
    {
        var rendering = renderer.Render(reply, asCard: true, await ChartUrlsAsync(reply, cancellationToken));
        return ToJObject(await WithMoreAsync(rendering, repId, AdaptiveCardRenderer.LanguageOf(reply), cancellationToken));
    }

    public static Attachment ToAttachment(JsonObject card) => new() { ContentType = AdaptiveCardRenderer.ContentType, Content = ToJObject(card) };

    public static JObject ToJObject(JsonObject card) => JObject.Parse(card.ToJsonString());

    /// <summary>With a public address configured, each chart is stored and shown by URL: the card stays small.</summary>
    private async Task<IReadOnlyDictionary<ChartBlock, string>?> ChartUrlsAsync(Reply reply, CancellationToken cancellationToken)
    {
        var baseUrl = options.Value.PublicBaseUrl?.TrimEnd('/');
        if (string.IsNullOrEmpty(baseUrl) || !reply.Blocks.OfType<ChartBlock>().Any())
            return null;
        var urls = new Dictionary<ChartBlock, string>(ReferenceEqualityComparer.Instance);
        foreach (var chart in reply.Blocks.OfType<ChartBlock>())
        {
            var png = charts.RenderPng(chart, AdaptiveCardRenderer.ChartWidth, AdaptiveCardRenderer.ChartHeight);
            var id = await images.SaveAsync(png, clock.GetUtcNow() + ChartsKeptFor, cancellationToken);
            urls[chart] = $"{baseUrl}{TeamsServiceCollectionExtensions.ChartsPath}/{id}.png";
        }
        return urls;
    }

    /// <summary>
    /// The language the activity is written in, for Teams ("th-TH"): the client reads the text and the card's own
    /// words (dates it formats, screen readers) in it.
    /// </summary>
    public static string Locale(Reply reply) => AdaptiveCardRenderer.LanguageOf(reply).IsThai ? "th-TH" : "en-US";

    private async Task<JsonObject> WithMoreAsync(TeamsRendering rendering, long repId, ReplyLanguage language, CancellationToken cancellationToken)
    {
        var card = rendering.Card!;
        if (rendering.Rest is { } rest)
        {
            var id = await pages.SaveAsync(repId, rest, clock.GetUtcNow() + PagesKeptFor, cancellationToken);
            AdaptiveCardRenderer.AddMore(card, ReplyPaging.Payload(id), language);
        }
        return card;
    }
}
