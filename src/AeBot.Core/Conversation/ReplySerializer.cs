using System.Text.Json;
using System.Text.Json.Serialization;

namespace AeBot.Core.Conversation;

/// <summary>Round-trips a <see cref="Reply"/> through JSON, for replies stored before they are shown (outbox, "More" pages).</summary>
public static class ReplySerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(Reply reply) => JsonSerializer.Serialize(reply, Options);

    /// <summary>The reply, or null when <paramref name="json"/> is not one (an old or damaged row).</summary>
    public static Reply? Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Reply>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
