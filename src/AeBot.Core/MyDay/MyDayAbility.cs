using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using Microsoft.Extensions.Options;
using AeBot.Core.Work;

namespace AeBot.Core.MyDay;

/// <summary>"My day": follow-ups due and overdue, renewals coming up, stale deals and deals past their close date — each with buttons that act.</summary>
public sealed class MyDayAbility(IWorkData work, IOptions<CaptureOptions> options)
{
    public async Task<TurnResult> PlanAsync(TurnContext c, CancellationToken ct)
    {
        var o = options.Value;
        var plan = await work.MyDayAsync(c.Viewer, c.Today, c.Now, new DayPlanSettings(o.StaleDays, o.RenewalDays, 10), ct);
        return new TurnResult(Render(plan, c.Viewer, c.Today, c.Now, c.Zone, o), "my-day", TurnOutcome.Answered,
            $"overdue={plan.OverdueTotal} today={plan.DueTodayTotal} renewals={plan.RenewalsTotal} stale={plan.StaleTotal} pastclose={plan.PastCloseTotal}");
    }

    /// <summary>The plan as a reply: the answer to "my day", and the body of the daily digest.</summary>
    public static Reply Render(DayPlan plan, Sales.Viewer viewer, DateOnly today, DateTimeOffset now, TimeZoneInfo zone, CaptureOptions o)
    {
        var first = viewer.Name.Split(' ')[0];
        var blocks = new List<ReplyBlock>();
        blocks.Add(new TextBlock(plan.IsEmpty ? $"Good morning {first} — nothing needs you today. A good day to prospect!" : $"Here's your day, {first}:"));

        ListItem FollowUp(FollowUpRef f) => new(f.Title,
            string.Join(" · ", new[] { f.AccountName, f.DealName, f.DueDate is { } d ? "due " + DateFormat.Short(d, today) : null }.Where(x => x is not null)),
            [
                new ReplyAction("Done", Payloads.Act + "fu.done:" + f.Id, ActionStyle.Primary),
                new ReplyAction("Snooze", Payloads.Act + "fu.snooze:" + f.Id),
                .. f.AccountName is { } a ? new[] { new ReplyAction("Log", Payloads.Ask + "log a call with " + a) } : [],
            ]);
        if (plan.Overdue.Count > 0)
            blocks.Add(new ItemListBlock($"Overdue follow-ups ({MoneyFormat.OfTotal(plan.Overdue.Count, plan.OverdueTotal)})", plan.Overdue.Select(FollowUp).ToList()));
        if (plan.DueToday.Count > 0)
            blocks.Add(new ItemListBlock($"Due today ({MoneyFormat.OfTotal(plan.DueToday.Count, plan.DueTodayTotal)})", plan.DueToday.Select(FollowUp).ToList()));
        if (plan.Upcoming.Count > 0)
            blocks.Add(new ItemListBlock($"Coming up this week ({MoneyFormat.OfTotal(plan.Upcoming.Count, plan.UpcomingTotal)})", plan.Upcoming.Select(FollowUp).ToList()));
        if (plan.Renewals.Count > 0)
            blocks.Add(new ItemListBlock($"Renewals in the next {o.RenewalDays} days ({MoneyFormat.OfTotal(plan.Renewals.Count, plan.RenewalsTotal)})", plan.Renewals.Select(r => new ListItem(
                $"{r.AccountName}{(r.Product is null ? "" : " — " + r.Product)}",
                $"ends {DateFormat.Short(r.EndDate, today)} ({(r.EndDate == today ? "today" : "in " + MoneyFormat.Count(r.EndDate.DayNumber - today.DayNumber, "day"))}) · {MoneyFormat.Exact(r.AnnualValue, r.Currency)} a year · {(r.AutoRenew ? "auto-renews" : "needs renewal")}",
                [
                    new ReplyAction("Brief", Payloads.Ask + "brief me on " + r.AccountName),
                    new ReplyAction("Log", Payloads.Ask + "log a call with " + r.AccountName),
                ])).ToList()));
        ListItem Deal(DealRef d, string detail) => new($"{d.Name}{(d.Amount is { } a ? " · " + MoneyFormat.Compact(a, d.Currency) : "")}", detail,
        [
            new ReplyAction("Push date", Payloads.Act + "deal.push:" + d.Id),
            .. d.AccountName is { } acc ? new[] { new ReplyAction("Log", Payloads.Ask + "log a call with " + acc) } : [],
        ]);
        if (plan.PastClose.Count > 0)
            blocks.Add(new ItemListBlock($"Past their close date ({MoneyFormat.OfTotal(plan.PastClose.Count, plan.PastCloseTotal)})", plan.PastClose.Select(d => Deal(d, $"{d.Stage} · was due {DateFormat.Short(d.CloseDate, today)}")).ToList()));
        if (plan.Stale.Count > 0)
            blocks.Add(new ItemListBlock($"No activity for {o.StaleDays}+ days ({MoneyFormat.OfTotal(plan.Stale.Count, plan.StaleTotal)})", plan.Stale.Select(s => Deal(s.Deal,
                $"{s.Deal.Stage} · last touched {(s.LastEngagedAt is { } l ? DateFormat.Short(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(l, zone).DateTime), today) : "never")}")).ToList()));
        blocks.Add(new ContextBlock($"Your follow-ups, renewals and deals · stale = no logged interaction for {o.StaleDays} days, not counting deals past their close date (listed once, under that heading) · as of {DateFormat.AsOf(now, zone)}"));
        return new Reply(blocks)
        {
            Summary = $"My day: {plan.OverdueTotal} overdue, {plan.DueTodayTotal} due today, {plan.UpcomingTotal} this week, {MoneyFormat.Count(plan.RenewalsTotal, "renewal")}, {plan.StaleTotal} stale, {plan.PastCloseTotal} past close date",
        };
    }
}
