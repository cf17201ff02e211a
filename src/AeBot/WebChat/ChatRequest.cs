namespace AeBot.WebChat;

/// <summary>A web chat turn: who speaks (e-mail or rep id), in which conversation, saying or clicking what.</summary>
public sealed record ChatRequest(string? As, string? ConversationId, string? Text, string? Payload);

/// <summary>The reply as an HTML fragment for the page and as structured blocks for scripts and tests.</summary>
public sealed record ChatResponse(string Summary, string Html, object Reply);

/// <summary>The landing greeting, and the language ("en", "th") the page's own words are in for this person.</summary>
public sealed record GreetingResponse(string Summary, string Html, object Reply, string Language);

/// <summary>Someone the web chat can speak as.</summary>
public sealed record ChatUser(string Name, string Email, string Role);
