using AeBot.Core.Opportunities;
using AeBot.Core.Sales;

namespace AeBot.Core.Understanding;

/// <summary>Whose numbers a question is about.</summary>
public enum Subject
{
    /// <summary>The asker's own deals ("my pipeline", or no one named).</summary>
    Me,

    /// <summary>The asker's reporting subtree ("team pipeline").</summary>
    Team,

    /// <summary>Named reps ("Dana's pipeline").</summary>
    Reps,
}

/// <summary>
/// What a message means: the intent and everything it names. Stored (as <see cref="RememberedQuestion"/>) so a
/// follow-up such as "and last quarter?" can refine it.
/// </summary>
public sealed record Understanding
{
    public required Intent Intent { get; init; }
    public double Score { get; init; }
    public IReadOnlyList<string> Evidence { get; init; } = [];
    public Period? Period { get; init; }
    public decimal? MinAmount { get; init; }
    public decimal? MaxAmount { get; init; }
    public int? Top { get; init; }
    public Subject Subject { get; init; }
    public IReadOnlyList<NamedRef> Reps { get; init; } = [];
    public IReadOnlyList<NamedRef> Accounts { get; init; } = [];
    public IReadOnlyList<NamedRef> Products { get; init; } = [];
    public string? Stage { get; init; }
    public OpportunityType? Type { get; init; }

    /// <summary>Names that fit more than one record: the core asks which one before answering.</summary>
    public Ambiguity? Ambiguity { get; init; }

    /// <summary>The words that named something the viewer has no such record of ("Contoso" when they have none).</summary>
    public string? Unmatched { get; init; }

    /// <summary>A one-line account of the entities, for the audit log.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Period is not null) parts.Add($"period={Period.From:yyyy-MM-dd}..{Period.To:yyyy-MM-dd}");
        if (Subject != Subject.Me) parts.Add($"subject={Subject}");
        if (Reps.Count > 0) parts.Add("reps=" + string.Join("|", Reps.Select(r => r.Name)));
        if (Accounts.Count > 0) parts.Add("accounts=" + string.Join("|", Accounts.Select(a => a.Name)));
        if (Products.Count > 0) parts.Add("products=" + string.Join("|", Products.Select(p => p.Name)));
        if (Stage is not null) parts.Add($"stage={Stage}");
        if (Type is not null) parts.Add($"type={Type}");
        if (MinAmount is not null) parts.Add($"min={MinAmount}");
        if (MaxAmount is not null) parts.Add($"max={MaxAmount}");
        if (Top is not null) parts.Add($"top={Top}");
        return string.Join(" ", parts);
    }
}

/// <summary>A name that fits several records of one kind.</summary>
public sealed record Ambiguity(string Kind, string Words, IReadOnlyList<NamedRef> Options);
