namespace AeBot.Core.Conversation;

/// <summary>The core's channel-neutral answer; each channel renders the blocks its own way.</summary>
public sealed record Reply(IReadOnlyList<ReplyBlock> Blocks)
{
    /// <summary>One line that stands for the whole reply in notifications and the audit log.</summary>
    public required string Summary { get; init; }
}

/// <summary>One part of a reply.</summary>
public abstract record ReplyBlock;

/// <summary>Text in a small markdown subset: **bold**, _italic_, `code`, "- " bullets, line breaks.</summary>
public sealed record TextBlock(string Markdown) : ReplyBlock;

/// <summary>Label/value pairs ("Owner: Dana Reyes").</summary>
public sealed record FactsBlock(IReadOnlyList<Fact> Facts) : ReplyBlock;

public sealed record Fact(string Label, string Value);
