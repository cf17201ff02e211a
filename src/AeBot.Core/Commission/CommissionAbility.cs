using AeBot.Core.Answers;
using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
using AeBot.Core.Text;
using AeBot.Core.Understanding;
using Microsoft.Extensions.Options;

namespace AeBot.Core.Commission;

/// <summary>
/// "What have I earned this quarter?" and "what would I earn if Acme closes?": the plan applied to the rep's won
/// bookings in a quota period, and again with the named deals added. An estimate, and it says so.
/// </summary>
public sealed class CommissionAbility(
    ISalesData data,
    AccountFinder understander,
    PeriodParser periods,
    QuotaAnswers quota,
    IOptions<CommissionOptions> plan,
    IOptions<AeBotOptions> options)
{
    public async Task<TurnResult> AnswerAsync(TurnContext c, string text, CancellationToken ct)
    {
        var o = options.Value;
        var fiscal = new FiscalCalendar(o.FiscalYearStartMonth);
        var period = periods.Parse(text, c.Today, TimeLean.Future)?.Period ?? fiscal.ThisQuarter(c.Today);
        var context = new AnswerContext(c.Viewer, new Query { Measure = Measure.Attainment, Set = DealSet.Won }, c.Today, c.Now, c.Zone, fiscal, o.Currency) { Language = c.Language };
        var standing = await quota.StandingAsync(context, [c.Viewer.RepId], period, ct);
        var now = CommissionCalculator.Calculate(plan.Value, standing.Won, standing.HasQuota ? standing.Quota : null, c.Language);
        var label = PeriodFormat.Label(period, fiscal, c.Today, c.Language);
        string T(string key, params object?[] args) => c.Language.Format(CommissionTexts.ResourceManager, key, args);

        var accounts = IfCue(text) ? await understander.FindAllAccountsAsync(text, c.Viewer, ct) : [];
        var blocks = new List<ReplyBlock>();
        string summary;
        if (accounts.Count > 0)
        {
            var deals = await data.DealsAsync(c.Viewer, new DealFilter { OwnerIds = [c.Viewer.RepId], AccountIds = accounts.Select(a => a.Id).ToList(), Category = StageCategory.Open },
                DealOrder.AmountDescending, 20, ct);
            var counted = deals.Where(d => d.Amount is not null && d.Currency == o.Currency).ToList();
            if (counted.Count == 0)
                return new TurnResult(new Reply([new TextBlock(T(nameof(CommissionTexts.IfNone), o.Currency, string.Join(T(nameof(CommissionTexts.Or)), accounts.Select(a => a.Name))))]) { Summary = T(nameof(CommissionTexts.IfNoneSummary)) },
                    "commission", TurnOutcome.Answered);
            var added = counted.Sum(d => d.Amount!.Value);
            var then = CommissionCalculator.Calculate(plan.Value, standing.Won + added, standing.HasQuota ? standing.Quota : null, c.Language);
            var delta = then.Commission - now.Commission;
            var named = counted.Select(d => d.Account ?? d.Name).Distinct().ToList();
            blocks.Add(new TextBlock(T(named.Count == 1 ? nameof(CommissionTexts.If_One) : nameof(CommissionTexts.If_Other), string.Join(T(nameof(CommissionTexts.And)), named), label,
                MoneyFormat.Exact(delta, o.Currency), MoneyFormat.Exact(then.Commission, o.Currency))));
            blocks.Add(new TableBlock(T(nameof(CommissionTexts.DealsCounted)), [T(nameof(CommissionTexts.Col_Deal)), T(nameof(CommissionTexts.Col_Account)), T(nameof(CommissionTexts.Col_Amount))],
                counted.Select(d => (IReadOnlyList<string>)[d.Name, d.Account ?? "—", MoneyFormat.Exact(d.Amount!.Value, d.Currency)]).ToList(), [false, false, true]));
            blocks.Add(Breakdown(then, o.Currency, c.Language));
            summary = T(nameof(CommissionTexts.IfSummary), string.Join(", ", accounts.Select(a => a.Name)), MoneyFormat.Exact(delta, o.Currency));
        }
        else
        {
            blocks.Add(new TextBlock(now.AttainmentPercent is { } pct
                ? T(nameof(CommissionTexts.Earned), label, MoneyFormat.Exact(now.Commission, o.Currency), MoneyFormat.Exact(now.Bookings, o.Currency), pct.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture))
                : T(nameof(CommissionTexts.EarnedNoQuota), label, MoneyFormat.Exact(now.Commission, o.Currency), MoneyFormat.Exact(now.Bookings, o.Currency))));
            blocks.Add(Breakdown(now, o.Currency, c.Language));
            summary = T(nameof(CommissionTexts.EarnedSummary), label, MoneyFormat.Exact(now.Commission, o.Currency));
        }
        var p = plan.Value;
        static string Percent(decimal value) => value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        var ladder = string.Join(", ", p.EffectiveAccelerators.Select(a => T(nameof(CommissionTexts.Ladder_Step), Percent(a.Rate * 100), Percent(a.FromAttainmentPercent))));
        var range = DateFormat.Range(period.From, period.To, c.Language);
        var asOf = DateFormat.AsOf(c.Now, c.Zone, c.Language);
        blocks.Add(new ContextBlock(p.CapPerPeriod is { } cap
            ? T(nameof(CommissionTexts.Plan_Capped), Percent(p.BaseRate * 100), ladder, o.Currency, range, asOf, MoneyFormat.Exact(cap, o.Currency))
            : T(nameof(CommissionTexts.Plan), Percent(p.BaseRate * 100), ladder, o.Currency, range, asOf)));
        return new TurnResult(new Reply(blocks) { Summary = summary }, "commission", TurnOutcome.Answered, $"period={period.From:yyyy-MM-dd}..{period.To:yyyy-MM-dd} accounts={accounts.Count}");
    }

    private static TableBlock Breakdown(CommissionResult r, string currency, ReplyLanguage language)
    {
        string T(string key) => language.Text(CommissionTexts.ResourceManager, key);
        return new(T(nameof(CommissionTexts.HowItAddsUp)), [T(nameof(CommissionTexts.Col_Band)), T(nameof(CommissionTexts.Col_Bookings)), T(nameof(CommissionTexts.Col_Rate)), T(nameof(CommissionTexts.Col_Commission))],
            [.. r.Bands.Select(b => (IReadOnlyList<string>)[b.Label, MoneyFormat.Exact(b.Bookings, currency), $"{b.Rate * 100:0.#}%", MoneyFormat.Exact(b.Commission, currency)]),
                .. r.Capped ? [(IReadOnlyList<string>)[T(nameof(CommissionTexts.CapApplied)), "", "", MoneyFormat.Exact(r.Commission, currency)]] : Array.Empty<IReadOnlyList<string>>()],
            [false, true, true, true]);
    }

    private static bool IfCue(string text) => System.Text.RegularExpressions.Regex.IsMatch(text, @"\b(if|when|once|should)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
}
