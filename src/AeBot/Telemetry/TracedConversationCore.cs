using AeBot.Core.Conversation;

namespace AeBot.Telemetry;

/// <summary>Every channel's turn runs inside a span of its own (the core and the channels stay free of telemetry).</summary>
internal sealed class TracedConversationCore(IConversationCore inner, AeBotMetrics metrics) : IConversationCore
{
    public async Task<Reply> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        using var span = metrics.StartTurn(message.Channel);
        return await inner.HandleAsync(message, cancellationToken);
    }
}
