using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Understanding;
using AeBot.Core.Work;

namespace AeBot.Core.Briefs;

/// <summary>"Brief me on Acme": an account on one screen before a meeting.</summary>
public sealed class BriefAbility(AccountFinder understander, IWorkData work)
{
    public async Task<TurnResult> BriefAsync(TurnContext c, string text, CancellationToken ct)
    {
        var accounts = await understander.FindAccountsAsync(text, c.Viewer, ct);
        if (accounts.Count != 1)
        {
            var options = accounts.Count > 1 ? accounts.Take(8).Select(a => a.Entity).ToList() : await work.RecentAccountsAsync(c.Viewer, 6, ct);
            var prompt = accounts.Count > 1 ? $"Which account do you mean by \"{accounts[0].Matched}\"?" : "Which account should I brief you on?";
            return new TurnResult(new Reply([new ChoiceBlock(prompt, options.Select(a => new ReplyAction(a.Name, Payloads.Ask + "brief me on " + a.Name)).ToList())]) { Summary = prompt },
                "brief", accounts.Count > 1 ? TurnOutcome.Clarified : TurnOutcome.Asked);
        }
        var brief = await work.BriefAsync(c.Viewer, accounts[0].Entity.Id, c.Today, ct);
        if (brief is null)
            return new TurnResult(new Reply([new TextBlock("I don't see that account among the ones you can see.")]) { Summary = "Refused: account outside the asker's scope" }, "brief", TurnOutcome.Refused);
        return new TurnResult(Render(brief, c), "brief", TurnOutcome.Answered, "account=" + brief.Name);
    }

    private static Reply Render(AccountBrief b, TurnContext c)
    {
        var today = c.Today;
        var blocks = new List<ReplyBlock>();
        var about = string.Join(" · ", new[] { b.Industry, b.Segment, b.Employees is { } e ? $"{e:#,0} employees" : null }.Where(x => x is not null));
        blocks.Add(new TextBlock($"**{b.Name}**{(about.Length > 0 ? " — " + about : "")}"));
        blocks.Add(new FactsBlock([
            new Fact("Account executive", b.Owner?.Name ?? "—"),
            new Fact("Account manager", b.AccountManager?.Name ?? "—"),
        ]));
        if (b.Contacts.Count > 0)
            blocks.Add(new TableBlock("Contacts", ["Name", "Title", "Email", "Last met"],
                b.Contacts.Select(x => (IReadOnlyList<string>)[x.Name, x.Title ?? "", x.Email ?? "", x.LastMet is { } m ? DateFormat.Short(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(m, c.Zone).DateTime), today) : "—"]).ToList(),
                [false, false, false, false]));
        if (b.OpenDeals.Count > 0)
            blocks.Add(new TableBlock("Open deals", ["Deal", "Stage", "Amount", "Close", "Next step"],
                b.OpenDeals.Select(d => (IReadOnlyList<string>)[d.Name, d.Stage, d.Amount is { } a ? MoneyFormat.Exact(a, d.Currency) : "—", DateFormat.Short(d.CloseDate, today),
                    d.NextStep is null ? "—" : d.NextStep + (d.NextStepDue is { } due ? $" ({DateFormat.Short(due, today)})" : "")]).ToList(),
                [false, false, true, false, false]));
        else
            blocks.Add(new TextBlock("No open deals you can see."));
        if (b.LastInteractions.Count > 0)
            blocks.Add(new ItemListBlock("Last interactions", b.LastInteractions.Select(i => new ListItem(
                $"{DateFormat.Short(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(i.OccurredAt, c.Zone).DateTime), today)} · {i.Type} · {i.Summary}",
                // "by" names the author, so a channel that runs title and detail together never reads the summary
                // into the name ("…about GTX Pro Dana Reyes").
                string.Join(" · ", new[] { i.RepName is { } author ? "by " + author : null, i.Contacts.Count > 0 ? "with " + string.Join(", ", i.Contacts) : null, i.NextStep is { } n ? "next: " + n : null }.Where(x => x is not null)),
                [])).ToList()));
        if (b.Contracts.Count > 0)
            blocks.Add(new TableBlock("Contracts", ["Product", "Ends", "Annual value", "Renewal"],
                // A contract that has ended says so, with its year: "needs renewal" on one that ended months ago read
                // as if it were coming up.
                b.Contracts.Select(x => (IReadOnlyList<string>)[x.Product ?? "—",
                    x.EndDate < today ? $"{DateFormat.Full(x.EndDate)} (ended)"
                        : DateFormat.Short(x.EndDate, today) + (x.EndDate <= today.AddDays(90) ? $" (in {MoneyFormat.Count(x.EndDate.DayNumber - today.DayNumber, "day")})" : ""),
                    MoneyFormat.Exact(x.AnnualValue, x.Currency), x.EndDate < today ? "ended, not renewed" : x.AutoRenew ? "auto-renews" : "needs renewal"]).ToList(),
                [false, false, true, false]));
        if (b.OpenFollowUps.Count > 0)
            blocks.Add(new ItemListBlock("Open follow-ups", b.OpenFollowUps.Select(f => new ListItem(f.Title, f.DueDate is { } d ? "due " + DateFormat.Short(d, today) : null,
                [new ReplyAction("Done", Payloads.Act + "fu.done:" + f.Id)])).ToList()));
        if (b.Objections.Count > 0)
        {
            var byTopic = b.Objections.GroupBy(o => o.Topic ?? "other").Select(g => $"- {g.Key}: {g.Count()}× — latest \"{g.OrderByDescending(o => o.RaisedAt).First().Text}\"");
            blocks.Add(new TextBlock("**Objections raised so far**\n" + string.Join('\n', byTopic)));
        }
        if (b.CrossSell.Count > 0)
            blocks.Add(new TextBlock("**Upsell / cross-sell ideas**\n" + string.Join('\n', b.CrossSell.Select(x =>
                $"- {x.Product}: {x.SimilarWithProduct} of {x.SimilarAccounts} {x.Similarity} accounts have it"
                + (x.Examples.Count > 0 ? $" (e.g. {string.Join(", ", x.Examples)})" : "")))));
        blocks.Add(new ActionsBlock([
            new ReplyAction("Log a call", Payloads.Ask + $"log a call with {b.Name}"),
            new ReplyAction("Log a meeting", Payloads.Ask + $"log a meeting with {b.Name}"),
        ]));
        blocks.Add(new ContextBlock($"Account brief for {b.Name} · what you can see · as of {DateFormat.AsOf(c.Now, c.Zone)}"));
        return new Reply(blocks) { Summary = $"Account brief: {b.Name} ({MoneyFormat.Count(b.OpenDeals.Count, "open deal")}, {MoneyFormat.Count(b.Contracts.Count, "contract")})" };
    }
}
