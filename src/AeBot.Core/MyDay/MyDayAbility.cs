using AeBot.Core.Answers;
using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Text;
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
        return new TurnResult(Render(plan, c.Viewer, c.Today, c.Now, c.Zone, o, c.Language), "my-day", TurnOutcome.Answered,
            $"overdue={plan.OverdueTotal} today={plan.DueTodayTotal} renewals={plan.RenewalsTotal} stale={plan.StaleTotal} pastclose={plan.PastCloseTotal}");
    }

    /// <summary>The next page of one section, from <paramref name="offset"/> on: what its "More" button asks for.</summary>
    public async Task<TurnResult> PageAsync(TurnContext c, string section, int offset, CancellationToken ct)
    {
        var o = options.Value;
        var plan = await work.MyDayAsync(c.Viewer, c.Today, c.Now, new DayPlanSettings(o.StaleDays, o.RenewalDays, offset + MorePages.PageSize), ct);
        var l = c.Language;
        var part = Section(plan, section, c.Today, c.Zone, o, l);
        if (part is null)
            return new TurnResult(new Reply([new TextBlock(T(l, nameof(MyDayTexts.NoLongerPart)))]) { Summary = T(l, nameof(MyDayTexts.NoLongerPartSummary)) },
                "my-day-more", TurnOutcome.Answered, section);
        var (title, items, total) = part.Value;
        var page = items.Skip(offset).ToList();
        var range = MorePages.Range(offset, page.Count, total, l);
        var blocks = new List<ReplyBlock> { new ItemListBlock($"{title} ({range})", page) };
        if (page.Count > 0 && MorePages.Button(new MorePage(null, section, offset + page.Count), total, l) is { } more)
            blocks.Add(more);
        return new TurnResult(new Reply(blocks) { Summary = T(l, nameof(MyDayTexts.PageSummary), title.ToLowerInvariant(), range) }, "my-day-more", TurnOutcome.Answered,
            $"{section} from {offset}");
    }

    /// <summary>The plan as a reply: the answer to "my day", and the body of the daily digest.</summary>
    public static Reply Render(DayPlan plan, Sales.Viewer viewer, DateOnly today, DateTimeOffset now, TimeZoneInfo zone, CaptureOptions o) =>
        Render(plan, viewer, today, now, zone, o, ReplyLanguage.English);

    /// <summary>As above, in <paramref name="l"/> (the reply says which).</summary>
    public static Reply Render(DayPlan plan, Sales.Viewer viewer, DateOnly today, DateTimeOffset now, TimeZoneInfo zone, CaptureOptions o, ReplyLanguage l)
    {
        var first = viewer.Name.Split(' ')[0];
        var blocks = new List<ReplyBlock>();
        blocks.Add(new TextBlock(T(l, plan.IsEmpty ? nameof(MyDayTexts.NothingToday) : nameof(MyDayTexts.HereIsYourDay), first)));
        foreach (var section in Sections)
        {
            if (Section(plan, section, today, zone, o, l) is not { Items.Count: > 0 } part)
                continue;
            var (title, items, total) = part;
            blocks.Add(new ItemListBlock($"{title} ({MoneyFormat.OfTotal(items.Count, total, l)})", items));
            // The digest and "my day" show a few of each; "More" brings the next page of that one list.
            if (MorePages.Button(new MorePage(null, section, items.Count), total, l) is { } more)
                blocks.Add(more);
        }
        blocks.Add(new ContextBlock(T(l, nameof(MyDayTexts.Footer), o.StaleDays, DateFormat.AsOf(now, zone, l))));
        return Payloads.InLanguage(new Reply(blocks)
        {
            Summary = T(l, plan.RenewalsTotal == 1 ? nameof(MyDayTexts.Summary_One) : nameof(MyDayTexts.Summary_Other),
                plan.OverdueTotal, plan.DueTodayTotal, plan.UpcomingTotal, MoneyFormat.Number(plan.RenewalsTotal), plan.StaleTotal, plan.PastCloseTotal),
            Language = l.Code,
        });
    }

    private static string T(ReplyLanguage language, string key, params object?[] args) => language.Format(MyDayTexts.ResourceManager, key, args);

    private static (string Title, IReadOnlyList<ListItem> Items, int Total)? Section(DayPlan plan, string section, DateOnly today, TimeZoneInfo zone, CaptureOptions o, ReplyLanguage l)
    {
        ListItem FollowUp(FollowUpRef f) => new(f.Title,
            string.Join(" · ", new[] { f.AccountName, f.DealName, f.DueDate is { } d ? T(l, nameof(MyDayTexts.Due), DateFormat.Short(d, today, l)) : null }.Where(x => x is not null)),
            [
                new ReplyAction(T(l, nameof(MyDayTexts.ButtonDone)), Payloads.Act + "fu.done:" + f.Id, ActionStyle.Primary),
                new ReplyAction(T(l, nameof(MyDayTexts.ButtonSnooze)), Payloads.Act + "fu.snooze:" + f.Id),
                .. f.AccountName is { } a ? new[] { new ReplyAction(T(l, nameof(MyDayTexts.ButtonLog)), Payloads.Ask + "log a call with " + a) } : [],
            ]);
        ListItem Deal(DealRef d, string detail) => new($"{d.Name}{(d.Amount is { } a ? " · " + MoneyFormat.Compact(a, d.Currency, l) : "")}", detail,
        [
            new ReplyAction(T(l, nameof(MyDayTexts.ButtonPushDate)), Payloads.Act + "deal.push:" + d.Id),
            .. d.AccountName is { } acc ? new[] { new ReplyAction(T(l, nameof(MyDayTexts.ButtonLog)), Payloads.Ask + "log a call with " + acc) } : [],
        ]);
        string Left(DateOnly end) => end == today ? T(l, nameof(MyDayTexts.Today))
            : T(l, end.DayNumber - today.DayNumber == 1 ? nameof(MyDayTexts.InDays_One) : nameof(MyDayTexts.InDays_Other), MoneyFormat.Number(end.DayNumber - today.DayNumber));
        return section switch
        {
            "overdue" => (T(l, nameof(MyDayTexts.Overdue)), plan.Overdue.Select(FollowUp).ToList(), plan.OverdueTotal),
            "today" => (T(l, nameof(MyDayTexts.DueToday)), plan.DueToday.Select(FollowUp).ToList(), plan.DueTodayTotal),
            "upcoming" => (T(l, nameof(MyDayTexts.ComingUp)), plan.Upcoming.Select(FollowUp).ToList(), plan.UpcomingTotal),
            "renewals" => (T(l, nameof(MyDayTexts.Renewals), o.RenewalDays), plan.Renewals.Select(r => new ListItem(
                $"{r.AccountName}{(r.Product is null ? "" : " — " + r.Product)}",
                T(l, nameof(MyDayTexts.RenewalItem), DateFormat.Short(r.EndDate, today, l), Left(r.EndDate), MoneyFormat.Exact(r.AnnualValue, r.Currency),
                    T(l, r.AutoRenew ? nameof(MyDayTexts.AutoRenews) : nameof(MyDayTexts.NeedsRenewal))),
                [
                    new ReplyAction(T(l, nameof(MyDayTexts.ButtonBrief)), Payloads.Ask + "brief me on " + r.AccountName),
                    new ReplyAction(T(l, nameof(MyDayTexts.ButtonLog)), Payloads.Ask + "log a call with " + r.AccountName),
                ])).ToList(), plan.RenewalsTotal),
            "pastclose" => (T(l, nameof(MyDayTexts.PastClose)), plan.PastClose.Select(d => Deal(d, T(l, nameof(MyDayTexts.WasDue), d.Stage, DateFormat.Short(d.CloseDate, today, l)))).ToList(), plan.PastCloseTotal),
            "stale" => (T(l, nameof(MyDayTexts.Stale), o.StaleDays), plan.Stale.Select(s => Deal(s.Deal, s.LastEngagedAt is { } at
                ? T(l, nameof(MyDayTexts.LastTouched), s.Deal.Stage, DateFormat.Short(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime), today, l))
                : T(l, nameof(MyDayTexts.NeverTouched), s.Deal.Stage))).ToList(), plan.StaleTotal),
            _ => null,
        };
    }
}
