using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Core.Text;
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

    /// <summary>"your", "your team's", "Dana Reyes's"; in Thai the owner as a noun ("คุณ", "ทีมของคุณ"), placed by each sentence.</summary>
    public string Whose => Language.IsThai ? ThaiWho : Kind switch
    {
        SubjectKind.People => string.Join(" and ", People.Select(r => r.Name)) + "'s",
        SubjectKind.TeamOf => string.Join(" and ", People.Select(r => r.Name + "'s")) + " team's",
        SubjectKind.Team when Query.Filters.Teams.Count > 0 => "the " + string.Join(" and ", Query.Filters.Teams.Select(t => t.Name)) + " team's",
        SubjectKind.Team => Viewer.SeesEverything ? "the company's" : "your team's",
        _ => Query.Filters.Teams.Count > 0 ? "the " + string.Join(" and ", Query.Filters.Teams.Select(t => t.Name)) + " team's"
            : Query.Filters.Accounts.Count > 0 ? "your visible" : "your",
    };

    /// <summary>"you", "your team", "Dana Reyes".</summary>
    public string Who => Language.IsThai ? ThaiWho : Kind switch
    {
        SubjectKind.People => string.Join(" and ", People.Select(r => r.Name)),
        SubjectKind.TeamOf => string.Join(" and ", People.Select(r => r.Name + "'s")) + " team",
        SubjectKind.Team when Query.Filters.Teams.Count > 0 => "the " + string.Join(" and ", Query.Filters.Teams.Select(t => t.Name)) + " team",
        SubjectKind.Team => Viewer.SeesEverything ? "the company" : "your team",
        _ => Query.Filters.Teams.Count > 0 ? "the " + string.Join(" and ", Query.Filters.Teams.Select(t => t.Name)) + " team" : "you",
    };

    // Thai has no possessive form: "ไปป์ไลน์ของคุณ" and "คุณปิดได้" take the same noun, so Whose and Who are one.
    private string ThaiWho => Kind switch
    {
        SubjectKind.People => Names(People),
        SubjectKind.TeamOf => T(nameof(AnswerTexts.Who_TeamOf), Names(People)),
        SubjectKind.Team when Query.Filters.Teams.Count > 0 => T(nameof(AnswerTexts.Who_NamedTeam), Names(Query.Filters.Teams)),
        SubjectKind.Team => T(Viewer.SeesEverything ? nameof(AnswerTexts.Who_Company) : nameof(AnswerTexts.Who_YourTeam)),
        _ => Query.Filters.Teams.Count > 0 ? T(nameof(AnswerTexts.Who_NamedTeam), Names(Query.Filters.Teams)) : T(nameof(AnswerTexts.Who_You)),
    };

    private string Names(IEnumerable<NamedRef> refs) => string.Join(T(nameof(AnswerTexts.And)), refs.Select(r => r.Name));

    /// <summary>One whole sentence of the answers in the answer's language.</summary>
    public string T(string key, params object?[] args) => Language.Format(AnswerTexts.ResourceManager, key, args);

    /// <summary>The sentence for one or for several: English "1 deal" / "3 deals"; Thai has one form for both.</summary>
    public string Plural(int count, string one, string other, params object?[] args) =>
        T(count == 1 ? one : other, [MoneyFormat.Number(count), .. args]);

    /// <summary>"12 deals" / "12 ดีล".</summary>
    public string Deals(int count) => Plural(count, nameof(AnswerTexts.Count_Deal_One), nameof(AnswerTexts.Count_Deal_Other));

    /// <summary>A period named for the reader: the asker's words in English, dates-derived names in Thai.</summary>
    public string Label(Period period) => PeriodFormat.Label(period, Fiscal, Today, Language);

    public string Compact(decimal amount, string currency) => MoneyFormat.Compact(amount, currency, Language);

    public string Date(DateOnly? date) => DateFormat.Short(date, Today, Language);

    public string Range(DateOnly from, DateOnly to) => DateFormat.Range(from, to, Language);

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
        var parts = new List<string> { T(nameof(AnswerTexts.Prov_WhoseWhat), Capitalize(Whose), what) };
        if (Query.Filters.Accounts.Count > 0) parts.Add(T(nameof(AnswerTexts.Prov_Account), string.Join(", ", Query.Filters.Accounts.Select(a => a.Name))));
        if (Query.Filters.Products.Count > 0) parts.Add(T(nameof(AnswerTexts.Prov_Product), string.Join(", ", Query.Filters.Products.Select(p => p.Name))));
        if (Query.Filters.Stages.Count > 0) parts.Add(T(nameof(AnswerTexts.Prov_Stage), string.Join(", ", Query.Filters.Stages)));
        if (Query.Filters.Type is not null) parts.Add(T(nameof(AnswerTexts.Prov_Type), TypeName(Query.Filters.Type.Value, Language)));
        if (Query.Filters.MinAmount is not null) parts.Add(T(nameof(AnswerTexts.Prov_Over), Compact(Query.Filters.MinAmount.Value, Currency)));
        if (Query.Filters.MaxAmount is not null) parts.Add(T(nameof(AnswerTexts.Prov_Under), Compact(Query.Filters.MaxAmount.Value, Currency)));
        if (period is not null)
            parts.Add(T(Query.DateField == DateField.Created ? nameof(AnswerTexts.Prov_CreatedDates) : nameof(AnswerTexts.Prov_Dates),
                DateFormat.Full(period.From, Language), DateFormat.Full(period.To, Language)));
        var currencies = totals?.ByCurrency.Select(c => c.Currency).Where(c => c != Currency).ToList() ?? [];
        parts.Add(currencies.Count == 0 ? T(nameof(AnswerTexts.Prov_AmountsIn), Currency) : T(nameof(AnswerTexts.Prov_AmountsInOthers), Currency, string.Join(", ", currencies)));
        parts.Add(T(nameof(AnswerTexts.Prov_AsOf), DateFormat.AsOf(Now, Zone, Language)));
        var read = Query with { Period = Query.Period ?? period };
        return new ContextBlock(T(nameof(AnswerTexts.Prov_ReadAs), string.Join(" · ", parts), QueryWords.Describe(read, Language, Fiscal, Today)));
    }

    /// <summary>"$1.2M" in the reporting currency, plus "+ €30K" for deals in other currencies.</summary>
    public string Money(DealTotals totals, bool weighted = false)
    {
        var main = Compact(weighted ? totals.WeightedIn(Currency) : totals.AmountIn(Currency), Currency);
        var others = totals.ByCurrency.Where(c => c.Currency != Currency && (weighted ? c.Weighted : c.Amount) != 0)
            .Select(c => Compact(weighted ? c.Weighted : c.Amount, c.Currency)).ToList();
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

    public static string TypeName(OpportunityType type, ReplyLanguage language) => !language.IsThai ? TypeName(type) : language.Text(AnswerTexts.ResourceManager, type switch
    {
        OpportunityType.Renewal => nameof(AnswerTexts.Type_Renewal),
        OpportunityType.Upsell => nameof(AnswerTexts.Type_Upsell),
        _ => nameof(AnswerTexts.Type_NewBusiness),
    });

    public static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
