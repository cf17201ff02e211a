using AeBot.Core.Channels;
using AeBot.Core.Handoff;
using AeBot.Core.Organization;

namespace AeBot.Tests.Nudges;

/// <summary>A channel that records what it was asked to send (the narrow seam where a real one would post).</summary>
internal sealed class RecordingChannel(string channel = ChatChannels.Slack) : IChannelMessenger
{
    public List<ProactiveMessage> Sent { get; } = [];

    public string Channel => channel;

    public Task SendAsync(ProactiveMessage message, CancellationToken cancellationToken)
    {
        lock (Sent)
            Sent.Add(message);
        return Task.CompletedTask;
    }
}
