using AeBot.Core.Answers;
using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using Microsoft.Extensions.Options;
using AeBot.Core.Work;

namespace AeBot.Core.MyDay;

/// <summary>"My day": follow-ups due and overdue, renewals coming up, stale deals and deals past their close date — each with buttons that act.</summary>
public sealed class MyDayAbility(IWorkData work, IOptions<CaptureOptions> options)
{
    /// <summary>The sections of a day plan, as a "More" button names them.</summary>
    public static readonly IReadOnlyList<string> Sections = ["overdue", "today", "upcoming", "renewals", "pastclose", "stale"];

    public async Task<TurnResult> PlanAsync(TurnContext c, CancellationToken ct)
    {
        var o = options.Value;
        var plan = await work.MyDayAsync(c.Viewer, c.Today, c.Now, new DayPlanSettings(o.StaleDays, o.RenewalDays, MorePages.PageSize), ct);
        return new TurnResult(Render(plan, c.Viewer, c.Today, c.Now, c.Zone, o), "my-day", TurnOutcome.Answered,
            $"overdue={plan.OverdueTotal} today={plan.DueTodayTotal} renewals={plan.RenewalsTotal} stale={plan.StaleTotal} pastclose={plan.PastCloseTotal}");
    }

    /// <summary>The next page of one section, from <paramref name="offset"/> on: what its "More" button asks for.</summary>
    public async Task<TurnResult> PageAsync(TurnContext c, string section, int offset, CancellationToken ct)
    {
        var o = options.Value;
        var plan = await work.MyDayAsync(c.Viewer, c.Today, c.Now, new DayPlanSettings(o.StaleDays, o.RenewalDays, offset + MorePages.PageSize), ct);
        var part = Section(plan, section, c.Today, c.Zone, o);
        if (part is null)
            return new TurnResult(new Reply([new TextBlock("That list is no longer part of your day — say \"my day\" for the latest.")]) { Summary = "My day: unknown list" },
                "my-day-more", TurnOutcome.Answered, section);
        var (title, items, total) = part.Value;
        var page = items.Skip(offset).ToList();
        var blocks = new List<ReplyBlock> { new ItemListBlock($"{title} ({MorePages.Range(offset, page.Count, total)})", page) };
        if (page.Count > 0 && MorePages.Button(new MorePage(null, section, offset + page.Count), total) is { } more)
            blocks.Add(more);
        return new TurnResult(new Reply(blocks) { Summary = $"My day: {title.ToLowerInvariant()}, {MorePages.Range(offset, page.Count, total)}" }, "my-day-more", TurnOutcome.Answered,
            $"{section} from {offset}");
    }

    /// <summary>The plan as a reply: the answer to "my day", and the body of the daily digest.</summary>
    public static Reply Render(DayPlan plan, Sales.Viewer viewer, DateOnly today, DateTimeOffset now, TimeZoneInfo zone, CaptureOptions o)
    {
        var first = viewer.Name.Split(' ')[0];
        var blocks = new List<ReplyBlock>();
        blocks.Add(new TextBlock(plan.IsEmpty ? $"Good morning {first} — nothing needs you today. A good day to prospect!" : $"Here's your day, {first}:"));
        foreach (var section in Sections)
        {
            if (Section(plan, section, today, zone, o) is not { Items.Count: > 0 } part)
                continue;
            var (title, items, total) = part;
            blocks.Add(new ItemListBlock($"{title} ({MoneyFormat.OfTotal(items.Count, total)})", items));
            // The digest and "my day" show a few of each; "More" brings the next page of that one list.
            if (MorePages.Button(new MorePage(null, section, items.Count), total) is { } more)
                blocks.Add(more);
        }
        blocks.Add(new ContextBlock($"Your follow-ups, renewals and deals · stale = no logged interaction for {o.StaleDays} days, not counting deals past their close date (listed once, under that heading) · as of {DateFormat.AsOf(now, zone)}"));
        return new Reply(blocks)
        {
            Summary = $"My day: {plan.OverdueTotal} overdue, {plan.DueTodayTotal} due today, {plan.UpcomingTotal} this week, {MoneyFormat.Count(plan.RenewalsTotal, "renewal")}, {plan.StaleTotal} stale, {plan.PastCloseTotal} past close date",
        };
    }

    private static (string Title, IReadOnlyList<ListItem> Items, int Total)? Section(DayPlan plan, string section, DateOnly today, TimeZoneInfo zone, CaptureOptions o)
    {
        ListItem FollowUp(FollowUpRef f) => new(f.Title,
            string.Join(" · ", new[] { f.AccountName, f.DealName, f.DueDate is { } d ? "due " + DateFormat.Short(d, today) : null }.Where(x => x is not null)),
            [
                new ReplyAction("Done", Payloads.Act + "fu.done:" + f.Id, ActionStyle.Primary),
                new ReplyAction("Snooze", Payloads.Act + "fu.snooze:" + f.Id),
                .. f.AccountName is { } a ? new[] { new ReplyAction("Log", Payloads.Ask + "log a call with " + a) } : [],
            ]);
        ListItem Deal(DealRef d, string detail) => new($"{d.Name}{(d.Amount is { } a ? " · " + MoneyFormat.Compact(a, d.Currency) : "")}", detail,
        [
            new ReplyAction("Push date", Payloads.Act + "deal.push:" + d.Id),
            .. d.AccountName is { } acc ? new[] { new ReplyAction("Log", Payloads.Ask + "log a call with " + acc) } : [],
        ]);
        return section switch
        {
            "overdue" => ("Overdue follow-ups", plan.Overdue.Select(FollowUp).ToList(), plan.OverdueTotal),
            "today" => ("Due today", plan.DueToday.Select(FollowUp).ToList(), plan.DueTodayTotal),
            "upcoming" => ("Coming up this week", plan.Upcoming.Select(FollowUp).ToList(), plan.UpcomingTotal),
            "renewals" => ($"Renewals in the next {o.RenewalDays} days", plan.Renewals.Select(r => new ListItem(
                $"{r.AccountName}{(r.Product is null ? "" : " — " + r.Product)}",
                $"ends {DateFormat.Short(r.EndDate, today)} ({(r.EndDate == today ? "today" : "in " + MoneyFormat.Count(r.EndDate.DayNumber - today.DayNumber, "day"))}) · {MoneyFormat.Exact(r.AnnualValue, r.Currency)} a year · {(r.AutoRenew ? "auto-renews" : "needs renewal")}",
                [
                    new ReplyAction("Brief", Payloads.Ask + "brief me on " + r.AccountName),
                    new ReplyAction("Log", Payloads.Ask + "log a call with " + r.AccountName),
                ])).ToList(), plan.RenewalsTotal),
            "pastclose" => ("Past their close date", plan.PastClose.Select(d => Deal(d, $"{d.Stage} · was due {DateFormat.Short(d.CloseDate, today)}")).ToList(), plan.PastCloseTotal),
            "stale" => ($"No activity for {o.StaleDays}+ days", plan.Stale.Select(s => Deal(s.Deal,
                $"{s.Deal.Stage} · last touched {(s.LastEngagedAt is { } l ? DateFormat.Short(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(l, zone).DateTime), today) : "never")}")).ToList(), plan.StaleTotal),
            _ => null,
        };
    }
}
