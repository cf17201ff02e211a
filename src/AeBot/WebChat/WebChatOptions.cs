namespace AeBot.WebChat;

/// <summary>Configuration section "WebChat": the local chat page and its JSON endpoint.</summary>
public sealed class WebChatOptions
{
    public const string SectionName = "WebChat";

    /// <summary>Serve the page at "/" and the endpoint; null means on in Development, off elsewhere.</summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// Required (header <c>X-AeBot-Key</c>) for <c>/api/chat</c> outside Development; without one the endpoint is
    /// closed there. The chat lets anyone speak as any rep, so it must never be open on a public server.
    /// </summary>
    public string? ApiKey { get; set; }
}
