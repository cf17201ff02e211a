using AeBot.Core.Sales;

namespace AeBot.Core.Understanding;

/// <summary>What a message was read as: exactly one of a query, a command, an ability, or not understood.</summary>
public abstract record Reading
{
    /// <summary>The phrases that decided it, for the audit log and for "why did you read it that way".</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>The message was written in Thai (outside the names in the data): the asker's language for this turn.</summary>
    public bool Thai { get; init; }
}

/// <summary>
/// "ตอบเป็นภาษาไทย", "reply in English", "ใช้ปี ค.ศ.": the person's reply language or year style; null parts stay.
/// </summary>
public sealed record LanguageReading(string? Language, bool? BuddhistEra) : Reading;

/// <summary>A question about the numbers.</summary>
/// <param name="FollowUp">True when it refined the previous question ("and Q2?", "by product").</param>
public sealed record QueryReading(Query Query, bool FollowUp) : Reading
{
    /// <summary>Names a measure or a deal set of its own (not only filters, periods or names).</summary>
    public bool HasOwnCore { get; init; }
}

/// <summary>Something to change or record; always confirmed or undoable.</summary>
public sealed record CommandReading(CommandKind Kind) : Reading;

/// <summary>A read-only ability that is not a figure: my day, an account brief, the playbook, help.</summary>
public sealed record AbilityReading(AbilityKind Kind) : Reading;

/// <summary>A name fits several records: ask which one before answering.</summary>
public sealed record ChoiceReading(Ambiguity Ambiguity) : Reading;

/// <summary>A person, team or account the asker can't see (or that does not exist: the answer is the same).</summary>
public sealed record OutOfScopeReading(string Words) : Reading;

/// <summary>A request AeBot does not do (drafting e-mails, news): say so, with what it can do.</summary>
/// <param name="Reason">Which kind of request: each has its own whole sentence in every language (UnderstandingTexts).</param>
public sealed record UnsupportedReading(UnsupportedReason Reason) : Reading;

/// <summary>Nothing it can act on: never answered with the previous figures.</summary>
public sealed record NotUnderstoodReading : Reading;

/// <summary>The kinds of request AeBot declines, each answered by one whole sentence (<see cref="UnsupportedReasons"/>).</summary>
public enum UnsupportedReason
{
    /// <summary>Drafting e-mails, messages, proposals, posts.</summary>
    Drafting,

    /// <summary>Booking a meeting in someone's calendar.</summary>
    Calendar,

    /// <summary>Sending an e-mail on the rep's behalf.</summary>
    SendingEmail,

    /// <summary>Reading or summarising documents, reports, filings outside the CRM.</summary>
    Documents,

    /// <summary>Counting or listing calls and meetings (a brief shows the latest ones).</summary>
    ActivityCounts,

    /// <summary>News, weather, stock prices, jokes, translation: anything outside the CRM data.</summary>
    OutsideData,
}

/// <summary>Commands: the only readings that change anything.</summary>
public enum CommandKind
{
    Cancel,
    Undo,
    Resume,
    Remind,
    Log,
    MarkWon,
    MarkLost,
    UpdateDeal,
    NudgeSettings,
}

/// <summary>Read-only abilities that are not queries over deals.</summary>
public enum AbilityKind
{
    Help,
    Greeting,
    Thanks,
    MyDay,
    Brief,
    Playbook,
    Commission,
}

/// <summary>A name that fits several records of one kind.</summary>
public sealed record Ambiguity(string Kind, string Words, IReadOnlyList<NamedRef> Options);
