using AeBot.Core.Answers;
using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;
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
        var context = new AnswerContext(c.Viewer, new Query { Measure = Measure.Attainment, Set = DealSet.Won }, c.Today, c.Now, c.Zone, fiscal, o.Currency);
        var standing = await quota.StandingAsync(context, [c.Viewer.RepId], period, ct);
        var now = CommissionCalculator.Calculate(plan.Value, standing.Won, standing.HasQuota ? standing.Quota : null);

        var accounts = IfCue(text) ? await understander.FindAllAccountsAsync(text, c.Viewer, ct) : [];
        var blocks = new List<ReplyBlock>();
        string summary;
        if (accounts.Count > 0)
        {
            var deals = await data.DealsAsync(c.Viewer, new DealFilter { OwnerIds = [c.Viewer.RepId], AccountIds = accounts.Select(a => a.Id).ToList(), Category = StageCategory.Open },
                DealOrder.AmountDescending, 20, ct);
            var counted = deals.Where(d => d.Amount is not null && d.Currency == o.Currency).ToList();
            if (counted.Count == 0)
                return new TurnResult(new Reply([new TextBlock($"You have no open deals with an amount in {o.Currency} at {string.Join(" or ", accounts.Select(a => a.Name))}, so there's nothing to add to your commission.")]) { Summary = "Commission what-if: no open deals" },
                    "commission", TurnOutcome.Answered);
            var added = counted.Sum(d => d.Amount!.Value);
            var then = CommissionCalculator.Calculate(plan.Value, standing.Won + added, standing.HasQuota ? standing.Quota : null);
            var delta = then.Commission - now.Commission;
            var named = counted.Select(d => d.Account ?? d.Name).Distinct().ToList();
            blocks.Add(new TextBlock($"If {string.Join(" and ", named)} close{(named.Count == 1 ? "s" : "")} in {period.Label}, you'd earn about **{MoneyFormat.Exact(delta, o.Currency)}** more — **{MoneyFormat.Exact(then.Commission, o.Currency)}** in total."));
            blocks.Add(new TableBlock("Deals counted", ["Deal", "Account", "Amount"], counted.Select(d => (IReadOnlyList<string>)[d.Name, d.Account ?? "—", MoneyFormat.Exact(d.Amount!.Value, d.Currency)]).ToList(), [false, false, true]));
            blocks.Add(Breakdown(then, o.Currency));
            summary = $"Commission if {string.Join(", ", accounts.Select(a => a.Name))} close: +{MoneyFormat.Exact(delta, o.Currency)}";
        }
        else
        {
            blocks.Add(new TextBlock($"In {period.Label} you've earned an estimated **{MoneyFormat.Exact(now.Commission, o.Currency)}** on {MoneyFormat.Exact(now.Bookings, o.Currency)} of bookings"
                + (now.AttainmentPercent is { } pct ? $" ({pct:0.0}% of quota)." : " (no quota set for this period).")));
            blocks.Add(Breakdown(now, o.Currency));
            summary = $"Commission {period.Label}: {MoneyFormat.Exact(now.Commission, o.Currency)}";
        }
        var p = plan.Value;
        var ladder = string.Join(", ", p.EffectiveAccelerators.Select(a => $"{a.Rate * 100:0.#}% above {a.FromAttainmentPercent:0.#}%"));
        blocks.Add(new ContextBlock($"Estimate from the commission plan: {p.BaseRate * 100:0.#}% up to quota, {ladder}{(p.CapPerPeriod is { } cap ? $", capped at {MoneyFormat.Exact(cap, o.Currency)}" : "")} · won deals in {o.Currency} closing {DateFormat.Range(period.From, period.To)} · your deals · as of {DateFormat.AsOf(c.Now, c.Zone)} · payroll has the final word"));
        return new TurnResult(new Reply(blocks) { Summary = summary }, "commission", TurnOutcome.Answered, $"period={period.From:yyyy-MM-dd}..{period.To:yyyy-MM-dd} accounts={accounts.Count}");
    }

    private static TableBlock Breakdown(CommissionResult r, string currency) => new("How it adds up", ["Band", "Bookings", "Rate", "Commission"],
        [.. r.Bands.Select(b => (IReadOnlyList<string>)[b.Label, MoneyFormat.Exact(b.Bookings, currency), $"{b.Rate * 100:0.#}%", MoneyFormat.Exact(b.Commission, currency)]),
            .. r.Capped ? [(IReadOnlyList<string>)["cap applied", "", "", MoneyFormat.Exact(r.Commission, currency)]] : Array.Empty<IReadOnlyList<string>>()],
        [false, true, true, true]);

    private static bool IfCue(string text) => System.Text.RegularExpressions.Regex.IsMatch(text, @"\b(if|when|once|should)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
}
