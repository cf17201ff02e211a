using System.Text.Json;
using System.Text.Json.Nodes;

namespace AeBot.Slack.Inbound;

/// <summary>
/// What AeBot looks at to decide whether an event is for it: the event's type, who sent it and where. Read by the
/// front door from the raw body (<see cref="SlackEnvelope"/>) and by the worker from the parsed event — one rule.
/// </summary>
internal sealed record SlackEventSummary(string? Type, bool FromBot, bool HasSubtype, string? User, string? ChannelType, string? Tab)
{
    /// <summary>
    /// False for what AeBot never answers: the bot's own posts and other bots' (bot_id), edits, deletions and
    /// joins (subtype), events it does not act on. Those are stored already settled and never reach a turn.
    /// </summary>
    public bool NeedsTurn => Type switch
    {
        "member_joined_channel" => true, // AeBot added to a channel says hello there
        // Someone opened an assistant thread: their prompts are set. The person is in assistant_thread.user_id, not
        // in user (docs.slack.dev/reference/events/assistant_thread_started).
        "assistant_thread_started" => true,
        // The channel beside an open assistant thread changed (…/events/assistant_thread_context_changed; agent_view's
        // …/events/app_context_changed). AeBot's answers do not depend on it, so it is stored settled — acknowledged.
        "assistant_thread_context_changed" or "app_context_changed" => false,
        _ when FromBot || HasSubtype || string.IsNullOrEmpty(User) => false,
        // The Home tab (published), or — with agent_view — the Messages tab (its prompts are set).
        "app_home_opened" => Tab is null or "home" or "messages",
        "message" => ChannelType == "im",
        "app_mention" => true,
        _ => false,
    };

    public static SlackEventSummary From(JsonObject e) => new(
        Str(e["type"]), e["bot_id"] is not null, e["subtype"] is not null, Str(e["user"]), Str(e["channel_type"]), Str(e["tab"]));

    private static string? Str(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>
/// The few fields of an Events API body the front door needs (type, event_id, the url_verification challenge, and
/// the event's <see cref="SlackEventSummary"/>), read in one forward pass over the UTF-8 bytes. The whole body is
/// still read, so malformed JSON is refused (400) here rather than found later by the worker.
/// </summary>
internal sealed record SlackEnvelope(string? Type, string? EventId, string? Challenge, SlackEventSummary? Event, string? TeamId = null)
{
    public static SlackEnvelope? Read(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            string? type = null, eventId = null, challenge = null, team = null;
            SlackEventSummary? summary = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("event"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                        summary = ReadEvent(ref reader);
                    else
                        reader.Skip();
                    continue;
                }
                var name = Name(ref reader);
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    switch (name)
                    {
                        case "type": type = reader.GetString(); break;
                        case "event_id": eventId = reader.GetString(); break;
                        case "challenge": challenge = reader.GetString(); break;
                        case "team_id": team = reader.GetString(); break;
                    }
                }
                reader.Skip(); // a nested object or array, read (and so checked) without being kept
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
                return null; // trailing content after the object
            return new SlackEnvelope(type, eventId, challenge, summary, team);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The event object's own fields; the reader ends on its closing brace.</summary>
    private static SlackEventSummary ReadEvent(ref Utf8JsonReader reader)
    {
        string? type = null, user = null, channelType = null, tab = null;
        bool fromBot = false, subtype = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref reader);
            reader.Read();
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            switch (name)
            {
                case "type": type = text; break;
                case "user": user = text; break;
                case "channel_type": channelType = text; break;
                case "tab": tab = text; break;
                case "bot_id": fromBot = reader.TokenType != JsonTokenType.Null; break;
                case "subtype": subtype = reader.TokenType != JsonTokenType.Null; break;
            }
            reader.Skip();
        }
        if (reader.TokenType != JsonTokenType.EndObject)
            throw new JsonException("The event object is not closed.");
        return new SlackEventSummary(type, fromBot, subtype, user, channelType, tab);
    }

    // The handful of names above, compared in place: nothing is allocated for the names that do not matter.
    private static readonly string[] Names = ["type", "event_id", "challenge", "team_id", "user", "channel_type", "tab", "bot_id", "subtype"];

    private static string? Name(ref Utf8JsonReader reader)
    {
        foreach (var name in Names)
            if (reader.ValueTextEquals(name))
                return name;
        return null;
    }
}
