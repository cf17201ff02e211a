using AeBot.Charts;
using AeBot.Core.Channels;
using AeBot.Core.Conversation;
using AeBot.Core.Text;
using AeBot.Slack.Api;

namespace AeBot.Slack.Blocks;

/// <summary>Posts a core reply into a Slack conversation: blocks (paged, "More" stored), then any charts as files.</summary>
internal sealed class SlackReplies(SlackApiClient slack, IReplyPages pages, ChartRenderer charts, TimeProvider clock)
{
    private static readonly TimeSpan PagesKeptFor = TimeSpan.FromDays(2);

    public async Task<SlackMessage> ToMessageAsync(Reply reply, long repId, CancellationToken cancellationToken)
    {
        var rendering = BlockKitRenderer.Render(reply);
        if (rendering.Rest is { } rest)
        {
            var id = await pages.SaveAsync(repId, rest, clock.GetUtcNow() + PagesKeptFor, cancellationToken);
            BlockKitRenderer.AddMore(rendering.Blocks, ReplyPaging.Payload(id), ReplyLanguage.FromCode(reply.Language) ?? ReplyLanguage.English);
        }
        return new SlackMessage(rendering.Text, rendering.Blocks);
    }

    public async Task PostAsync(string channel, Reply reply, long repId, CancellationToken cancellationToken, string? threadTs = null, string? answerTo = null)
    {
        var message = await ToMessageAsync(reply, repId, cancellationToken);
        var ts = await slack.PostMessageAsync(channel, message, cancellationToken, threadTs, answerTo);
        foreach (var chart in reply.Blocks.OfType<ChartBlock>())
            await slack.UploadFileAsync(channel, "chart.png", chart.Title, charts.RenderPng(chart), cancellationToken, threadTs ?? ts);
    }
}
