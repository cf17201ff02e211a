using System.Text.Json.Serialization;

namespace AeBot.Core.Conversation;

/// <summary>The core's channel-neutral answer; each channel renders the blocks its own way.</summary>
public sealed record Reply(IReadOnlyList<ReplyBlock> Blocks)
{
    /// <summary>One line that stands for the whole reply in notifications, screen readers and the audit log.</summary>
    public required string Summary { get; init; }

    /// <summary>
    /// The language the reply is written in ("en", "th"): channels write their own few words (a "More" note, a
    /// modal's labels) in it and tell the client (Teams' <c>locale</c>). Stored replies without it are English.
    /// </summary>
    public string Language { get; init; } = "en";
}

/// <summary>One part of a reply. The discriminators are stored (outbox, reply pages): never rename them.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "text")]
[JsonDerivedType(typeof(FactsBlock), "facts")]
[JsonDerivedType(typeof(TableBlock), "table")]
[JsonDerivedType(typeof(ItemListBlock), "list")]
[JsonDerivedType(typeof(ActionsBlock), "actions")]
[JsonDerivedType(typeof(ChoiceBlock), "choice")]
[JsonDerivedType(typeof(ChartBlock), "chart")]
[JsonDerivedType(typeof(ContextBlock), "context")]
public abstract record ReplyBlock;

/// <summary>Text in a small markdown subset: **bold**, _italic_, `code`, "- " bullets, line breaks.</summary>
public sealed record TextBlock(string Markdown) : ReplyBlock;

/// <summary>Label/value pairs ("Owner: Dana Reyes").</summary>
public sealed record FactsBlock(IReadOnlyList<Fact> Facts) : ReplyBlock;

public sealed record Fact(string Label, string Value);

/// <summary>A table: exact figures, one row per record.</summary>
/// <param name="Align">Per column, whether numbers are right-aligned; same length as <paramref name="Columns"/>.</param>
public sealed record TableBlock(string? Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<bool> Align) : ReplyBlock;

/// <summary>A list of items, each with its own buttons (a deal with "Open" and "Push date").</summary>
public sealed record ItemListBlock(string? Title, IReadOnlyList<ListItem> Items) : ReplyBlock;

public sealed record ListItem(string Title, string? Detail, IReadOnlyList<ReplyAction> Actions);

/// <summary>A row of buttons.</summary>
public sealed record ActionsBlock(IReadOnlyList<ReplyAction> Actions) : ReplyBlock;

/// <summary>"Which one did you mean?": the user picks one option, which is sent back as its payload.</summary>
public sealed record ChoiceBlock(string Prompt, IReadOnlyList<ReplyAction> Options) : ReplyBlock;

/// <summary>A chart as data; channels render it (as an image where they must) from these series.</summary>
public sealed record ChartBlock(string Title, ChartKind Kind, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series, string Unit) : ReplyBlock;

public sealed record ChartSeries(string Name, IReadOnlyList<decimal> Values);

public enum ChartKind
{
    Bar,
    StackedBar,
    Line,
}

/// <summary>Small print: what a figure covers — period, filters, whose data, as of when.</summary>
public sealed record ContextBlock(string Text) : ReplyBlock;

/// <summary>A button. <paramref name="Payload"/> is sent back to the core as the message's action payload.</summary>
public sealed record ReplyAction(string Label, string Payload, ActionStyle Style = ActionStyle.Default);

public enum ActionStyle
{
    Default,
    Primary,
    Danger,
}
