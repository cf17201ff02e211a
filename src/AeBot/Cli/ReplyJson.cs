using System.Text.Json;
using AeBot.Core.Conversation;

namespace AeBot.Cli;

/// <summary>The structured reply for <c>ask --json</c>: each block with a "type" discriminator.</summary>
public static class ReplyJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Serialize(Reply reply) => JsonSerializer.Serialize(new
    {
        summary = reply.Summary,
        blocks = reply.Blocks.Select(b => b switch
        {
            TextBlock t => (object)new { type = "text", markdown = t.Markdown },
            FactsBlock f => new { type = "facts", facts = f.Facts },
            _ => new { type = b.GetType().Name },
        }),
    }, Options);
}
