using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Core.Understanding;

namespace AeBot.Core.Answers;

/// <summary>Everything an answer needs besides the data: who asks, what they asked, their "today", the calendar and currency.</summary>
/// <param name="ResolvedOwners">
/// The owners a team-shaped subject stands for, looked up before answering ("Marcus's team", "the EMEA team"); null
/// when the subject needs no look-up.
/// </param>
/// <param name="Offset">
/// How many rows of a shortened list earlier pages already showed: 0 for the question itself, more when its "More"
/// button asks for the next page.
/// </param>
public sealed record AnswerContext(
    Viewer Viewer,
    Query Query,
    DateOnly Today,
    DateTimeOffset Now,
    TimeZoneInfo Zone,
    FiscalCalendar Fiscal,
    string Currency,
    IReadOnlyList<long>? ResolvedOwners = null,
    int Offset = 0)
{
    /// <summary>The language the answer is written in (figures are the same in every language).</summary>
    public Text.ReplyLanguage Language { get; init; } = Text.ReplyLanguage.English;

    public SubjectKind Kind => Query.Subject.Kind;

    public IReadOnlyList<NamedRef> People => Query.Subject.People;

    /// <summary>The owners the question is about; null means every deal the viewer may see.</summary>
    public IReadOnlyList<long>? Owners => ResolvedOwners ?? Kind switch
    {
        SubjectKind.People => People.Select(r => r.Id).ToList(),
        SubjectKind.Team => null,
        // Asking about an account means every deal on it the viewer may see, not only their own.
        _ => Query.Filters.Accounts.Count > 0 ? null : [Viewer.RepId],
    };

    /// <summary>"your", "your team's", "Dana Reyes's".</summary>
    public string Whose => Kind switch
    {
        SubjectKind.People => string.Join(" and ", People.Select(r => r.Name)) + "'s",
        SubjectKind.TeamOf => string.Join(" and ", People.Select(r => r.Name + "'s")) + " team's",
        SubjectKind.Team when Query.Filters.Teams.Count > 0 => "the " + string.Join(" and ", Query.Filters.Teams.Select(t => t.Name)) + " team's",
        SubjectKind.Team => Viewer.SeesEverything ? "the company's" : "your team's",
        _ => Query.Filters.Teams.Count > 0 ? "the " + string.Join(" and ", Query.Filters.Teams.Select(t => t.Name)) + " team's"
            : Query.Filters.Accounts.Count > 0 ? "your visible" : "your",
    };

    /// <summary>"you", "your team", "Dana Reyes".</summary>
    public string Who => Kind switch
    {
        SubjectKind.People => string.Join(" and ", People.Select(r => r.Name)),
        SubjectKind.TeamOf => string.Join(" and ", People.Select(r => r.Name + "'s")) + " team",
        SubjectKind.Team when Query.Filters.Teams.Count > 0 => "the " + string.Join(" and ", Query.Filters.Teams.Select(t => t.Name)) + " team",
        SubjectKind.Team => Viewer.SeesEverything ? "the company" : "your team",
        _ => Query.Filters.Teams.Count > 0 ? "the " + string.Join(" and ", Query.Filters.Teams.Select(t => t.Name)) + " team" : "you",
    };

    public DealFilter Filter(StageCategory? category, Period? period) => new()
    {
        OwnerIds = Owners,
        AccountIds = Query.Filters.Accounts.Count > 0 ? Query.Filters.Accounts.Select(a => a.Id).ToList() : null,
        ProductIds = Query.Filters.Products.Count > 0 ? Query.Filters.Products.Select(p => p.Id).ToList() : null,
        Category = category,
        Stages = Query.Filters.Stages.Count > 0 ? Query.Filters.Stages : null,
        CloseFrom = Query.DateField == DateField.Created ? null : period?.From,
        CloseTo = Query.DateField == DateField.Created ? null : period?.To,
        CreatedFrom = Query.DateField == DateField.Created && period is not null ? StartOf(period.From) : null,
        CreatedBefore = Query.DateField == DateField.Created && period is not null ? StartOf(period.To.AddDays(1)) : null,
        MinAmount = Query.Filters.MinAmount,
        MaxAmount = Query.Filters.MaxAmount,
        Type = Query.Filters.Type,
    };

    /// <summary>Midnight of a day in the viewer's zone, as an instant.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
            local = local.AddMinutes(30);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>
    /// What a figure covers, in small print: whose data, filters, period, currency, as of when — and how the
    /// question was read, slot by slot, so a misreading is plain to see.
    /// </summary>
    public ContextBlock Provenance(string what, Period? period, DealTotals? totals = null)
    {
        var parts = new List<string> { $"{Capitalize(Whose)} {what}" };
        if (Query.Filters.Accounts.Count > 0) parts.Add("account: " + string.Join(", ", Query.Filters.Accounts.Select(a => a.Name)));
        if (Query.Filters.Products.Count > 0) parts.Add("product: " + string.Join(", ", Query.Filters.Products.Select(p => p.Name)));
        if (Query.Filters.Stages.Count > 0) parts.Add("stage: " + string.Join(", ", Query.Filters.Stages));
        if (Query.Filters.Type is not null) parts.Add($"type: {TypeName(Query.Filters.Type.Value)}");
        if (Query.Filters.MinAmount is not null) parts.Add($"over {MoneyFormat.Compact(Query.Filters.MinAmount.Value, Currency)}");
        if (Query.Filters.MaxAmount is not null) parts.Add($"under {MoneyFormat.Compact(Query.Filters.MaxAmount.Value, Currency)}");
        if (period is not null) parts.Add($"{(Query.DateField == DateField.Created ? "created " : "")}{period.From:MMM d, yyyy} – {period.To:MMM d, yyyy}");
        var currencies = totals?.ByCurrency.Select(c => c.Currency).Where(c => c != Currency).ToList() ?? [];
        parts.Add(currencies.Count == 0 ? $"amounts in {Currency}" : $"amounts in {Currency}; {string.Join(", ", currencies)} shown separately, not converted");
        parts.Add($"as of {DateFormat.AsOf(Now, Zone)}");
        var read = Query with { Period = Query.Period ?? period };
        return new ContextBlock(string.Join(" · ", parts) + $" — read as: {read.Describe()}");
    }

    /// <summary>"$1.2M" in the reporting currency, plus "+ €30K" for deals in other currencies.</summary>
    public string Money(DealTotals totals, bool weighted = false)
    {
        var main = MoneyFormat.Compact(weighted ? totals.WeightedIn(Currency) : totals.AmountIn(Currency), Currency);
        var others = totals.ByCurrency.Where(c => c.Currency != Currency && (weighted ? c.Weighted : c.Amount) != 0)
            .Select(c => MoneyFormat.Compact(weighted ? c.Weighted : c.Amount, c.Currency)).ToList();
        if (others.Count == 0)
            return main;
        // Only foreign-currency deals: "€30K", not "$0 + €30K".
        var hasMain = totals.ByCurrency.Any(c => c.Currency == Currency);
        return hasMain ? $"{main} + {string.Join(" + ", others)}" : string.Join(" + ", others);
    }

    public static string TypeName(OpportunityType type) => type switch
    {
        OpportunityType.Renewal => "renewals",
        OpportunityType.Upsell => "upsell",
        _ => "new business",
    };

    public static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
