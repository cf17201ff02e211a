using System.ComponentModel.DataAnnotations;

namespace AeBot.WebChat;

/// <summary>Configuration section "WebChat": the local chat page and its JSON endpoint.</summary>
public sealed class WebChatOptions : IValidatableObject
{
    public const int MinimumKeyLength = 32;

    public const string SectionName = "WebChat";

    /// <summary>Serve the page at "/" and the endpoint; null means on in Development, off elsewhere.</summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// Required (header <c>X-AeBot-Key</c>) for <c>/api/chat</c> outside Development; without one the endpoint is
    /// closed there. The chat lets anyone speak as any rep, so it must never be open on a public server.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Requests larger than this are refused with 413 before they are read (a chat message is a few KB).</summary>
    [Range(1024, 1_048_576)]
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>Wrong keys one address may send in <see cref="FailedKeyWindowSeconds"/> before it gets 429.</summary>
    [Range(1, 1000)]
    public int MaxFailedKeyAttempts { get; set; } = 10;

    [Range(1, 86_400)]
    public int FailedKeyWindowSeconds { get; set; } = 300;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(ApiKey) && ApiKey.Trim().Length < MinimumKeyLength)
            yield return new($"WebChat:ApiKey must be at least {MinimumKeyLength} characters (a random secret, e.g. `openssl rand -hex 24`).");
    }
}
