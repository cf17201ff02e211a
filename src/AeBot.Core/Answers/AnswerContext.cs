using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Core.Understanding;

namespace AeBot.Core.Answers;

/// <summary>Everything an answer needs besides the data: who asks, their "today", the company's calendar and currency.</summary>
public sealed record AnswerContext(
    Viewer Viewer,
    Understanding.Understanding Question,
    DateOnly Today,
    DateTimeOffset Now,
    TimeZoneInfo Zone,
    FiscalCalendar Fiscal,
    string Currency)
{
    /// <summary>The owners the question is about; null means every deal the viewer may see.</summary>
    public IReadOnlyList<long>? Owners => Question.Subject switch
    {
        Subject.Reps => Question.Reps.Select(r => r.Id).ToList(),
        Subject.Team => null,
        // Asking about an account means every deal on it the viewer may see, not only their own.
        _ => Question.Accounts.Count > 0 ? null : [Viewer.RepId],
    };

    /// <summary>"your", "your team's", "Dana Reyes's".</summary>
    public string Whose => Question.Subject switch
    {
        Subject.Reps => string.Join(" and ", Question.Reps.Select(r => r.Name)) + "'s",
        Subject.Team => Viewer.SeesEverything ? "the company's" : "your team's",
        _ => Question.Accounts.Count > 0 ? "your visible" : "your",
    };

    public DealFilter Filter(StageCategory? category, Period? period) => new()
    {
        OwnerIds = Owners,
        AccountIds = Question.Accounts.Count > 0 ? Question.Accounts.Select(a => a.Id).ToList() : null,
        ProductIds = Question.Products.Count > 0 ? Question.Products.Select(p => p.Id).ToList() : null,
        Category = category,
        Stage = Question.Stage,
        CloseFrom = period?.From,
        CloseTo = period?.To,
        MinAmount = Question.MinAmount,
        MaxAmount = Question.MaxAmount,
        Type = Question.Type,
    };

    /// <summary>What a figure covers, in small print: whose data, filters, period, currency, as of when.</summary>
    public ContextBlock Provenance(string what, Period? period, DealTotals? totals = null)
    {
        var parts = new List<string> { $"{Capitalize(Whose)} {what}" };
        if (Question.Accounts.Count > 0) parts.Add("account: " + string.Join(", ", Question.Accounts.Select(a => a.Name)));
        if (Question.Products.Count > 0) parts.Add("product: " + string.Join(", ", Question.Products.Select(p => p.Name)));
        if (Question.Stage is not null) parts.Add($"stage: {Question.Stage}");
        if (Question.Type is not null) parts.Add($"type: {TypeName(Question.Type.Value)}");
        if (Question.MinAmount is not null) parts.Add($"over {MoneyFormat.Compact(Question.MinAmount.Value, Currency)}");
        if (Question.MaxAmount is not null) parts.Add($"under {MoneyFormat.Compact(Question.MaxAmount.Value, Currency)}");
        if (period is not null) parts.Add($"{period.From:MMM d, yyyy} – {period.To:MMM d, yyyy}");
        var currencies = totals?.ByCurrency.Select(c => c.Currency).Where(c => c != Currency).ToList() ?? [];
        parts.Add(currencies.Count == 0 ? $"amounts in {Currency}" : $"amounts in {Currency}; {string.Join(", ", currencies)} shown separately, not converted");
        parts.Add($"as of {DateFormat.AsOf(Now, Zone)}");
        return new ContextBlock(string.Join(" · ", parts));
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
