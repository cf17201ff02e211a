using System.Text.Json;
using System.Text.Json.Serialization;
using AeBot.Core.Conversation;

namespace AeBot.Rendering;

/// <summary>The structured reply (for <c>ask --json</c> and the web chat): each block with a "type" discriminator.</summary>
public static class ReplyJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(Reply reply) => JsonSerializer.Serialize(ToJson(reply), Options);

    public static object ToJson(Reply reply) => new
    {
        summary = reply.Summary,
        blocks = reply.Blocks.Select(Block),
    };

    private static object Block(ReplyBlock block) => block switch
    {
        TextBlock t => new { type = "text", markdown = t.Markdown },
        FactsBlock f => new { type = "facts", facts = f.Facts },
        TableBlock t => new { type = "table", title = t.Title, columns = t.Columns, rows = t.Rows, align = t.Align },
        ItemListBlock l => new { type = "list", title = l.Title, items = l.Items },
        ActionsBlock a => new { type = "actions", actions = a.Actions },
        ChoiceBlock c => new { type = "choice", prompt = c.Prompt, options = c.Options },
        ChartBlock c => new { type = "chart", title = c.Title, kind = c.Kind, categories = c.Categories, series = c.Series, unit = c.Unit },
        ContextBlock c => new { type = "context", text = c.Text },
        _ => new { type = block.GetType().Name },
    };
}
