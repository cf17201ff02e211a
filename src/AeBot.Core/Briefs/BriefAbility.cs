using System.Globalization;
using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Formatting;
using AeBot.Core.Interactions;
using AeBot.Core.Text;
using AeBot.Core.Understanding;
using AeBot.Core.Work;

namespace AeBot.Core.Briefs;

/// <summary>"Brief me on Acme": an account on one screen before a meeting.</summary>
public sealed class BriefAbility(AccountFinder understander, IWorkData work)
{
    public async Task<TurnResult> BriefAsync(TurnContext c, string text, CancellationToken ct)
    {
        var l = c.Language;
        var accounts = await understander.FindAccountsAsync(text, c.Viewer, ct);
        if (accounts.Count != 1)
        {
            var options = accounts.Count > 1 ? accounts.Take(8).Select(a => a.Entity).ToList() : await work.RecentAccountsAsync(c.Viewer, 6, ct);
            var prompt = accounts.Count > 1 ? T(l, nameof(BriefTexts.WhichAccountMeant), accounts[0].Matched) : T(l, nameof(BriefTexts.WhichAccount));
            return new TurnResult(new Reply([new ChoiceBlock(prompt, options.Select(a => new ReplyAction(a.Name, Payloads.Ask + "brief me on " + a.Name)).ToList())]) { Summary = prompt },
                "brief", accounts.Count > 1 ? TurnOutcome.Clarified : TurnOutcome.Asked);
        }
        var brief = await work.BriefAsync(c.Viewer, accounts[0].Entity.Id, c.Today, ct);
        if (brief is null)
            return new TurnResult(new Reply([new TextBlock(T(l, nameof(BriefTexts.NotYours)))]) { Summary = T(l, nameof(BriefTexts.NotYoursSummary)) }, "brief", TurnOutcome.Refused);
        return new TurnResult(Render(brief, c), "brief", TurnOutcome.Answered, "account=" + brief.Name);
    }

    private static string T(ReplyLanguage language, string key, params object?[] args) => language.Format(BriefTexts.ResourceManager, key, args);

    private static string TypeName(InteractionType type, ReplyLanguage l) => type switch
    {
        InteractionType.Call => T(l, nameof(BriefTexts.TypeCall)),
        InteractionType.Meeting => T(l, nameof(BriefTexts.TypeMeeting)),
        InteractionType.Email => T(l, nameof(BriefTexts.TypeEmail)),
        InteractionType.Note => T(l, nameof(BriefTexts.TypeNote)),
        _ => type.ToString(),
    };

    private static Reply Render(AccountBrief b, TurnContext c)
    {
        var l = c.Language;
        var today = c.Today;
        var blocks = new List<ReplyBlock>();
        var about = string.Join(" · ", new[] { b.Industry, b.Segment, b.Employees is { } e ? T(l, nameof(BriefTexts.Employees), e.ToString("#,0", CultureInfo.InvariantCulture)) : null }.Where(x => x is not null));
        blocks.Add(new TextBlock($"**{b.Name}**{(about.Length > 0 ? " — " + about : "")}"));
        blocks.Add(new FactsBlock([
            new Fact(T(l, nameof(BriefTexts.AccountExecutive)), b.Owner?.Name ?? "—"),
            new Fact(T(l, nameof(BriefTexts.AccountManager)), b.AccountManager?.Name ?? "—"),
        ]));
        if (b.Contacts.Count > 0)
            blocks.Add(new TableBlock(T(l, nameof(BriefTexts.Contacts)), [T(l, nameof(BriefTexts.ColName)), T(l, nameof(BriefTexts.ColTitle)), T(l, nameof(BriefTexts.ColEmail)), T(l, nameof(BriefTexts.ColLastMet))],
                b.Contacts.Select(x => (IReadOnlyList<string>)[x.Name, x.Title ?? "", x.Email ?? "", x.LastMet is { } m ? DateFormat.Short(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(m, c.Zone).DateTime), today, l) : "—"]).ToList(),
                [false, false, false, false]));
        if (b.OpenDeals.Count > 0)
            blocks.Add(new TableBlock(T(l, nameof(BriefTexts.OpenDeals)),
                [T(l, nameof(BriefTexts.ColDeal)), T(l, nameof(BriefTexts.ColStage)), T(l, nameof(BriefTexts.ColAmount)), T(l, nameof(BriefTexts.ColClose)), T(l, nameof(BriefTexts.ColNextStep))],
                b.OpenDeals.Select(d => (IReadOnlyList<string>)[d.Name, d.Stage, d.Amount is { } a ? MoneyFormat.Exact(a, d.Currency) : "—", DateFormat.Short(d.CloseDate, today, l),
                    d.NextStep is null ? "—" : d.NextStep + (d.NextStepDue is { } due ? $" ({DateFormat.Short(due, today, l)})" : "")]).ToList(),
                [false, false, true, false, false]));
        else
            blocks.Add(new TextBlock(T(l, nameof(BriefTexts.NoOpenDeals))));
        if (b.LastInteractions.Count > 0)
            blocks.Add(new ItemListBlock(T(l, nameof(BriefTexts.LastInteractions)), b.LastInteractions.Select(i => new ListItem(
                $"{DateFormat.Short(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(i.OccurredAt, c.Zone).DateTime), today, l)} · {TypeName(i.Type, l)} · {i.Summary}",
                // "by" names the author, so a channel that runs title and detail together never reads the summary
                // into the name ("…about GTX Pro Dana Reyes").
                string.Join(" · ", new[]
                {
                    i.RepName is { } author ? T(l, nameof(BriefTexts.By), author) : null,
                    i.Contacts.Count > 0 ? T(l, nameof(BriefTexts.With), string.Join(", ", i.Contacts)) : null,
                    i.NextStep is { } n ? T(l, nameof(BriefTexts.Next), n) : null,
                }.Where(x => x is not null)),
                [])).ToList()));
        if (b.Contracts.Count > 0)
            blocks.Add(new TableBlock(T(l, nameof(BriefTexts.ContractsTitle)),
                [T(l, nameof(BriefTexts.ColProduct)), T(l, nameof(BriefTexts.ColEnds)), T(l, nameof(BriefTexts.ColAnnualValue)), T(l, nameof(BriefTexts.ColRenewal))],
                // A contract that has ended says so, with its year: "needs renewal" on one that ended months ago read
                // as if it were coming up.
                b.Contracts.Select(x => (IReadOnlyList<string>)[x.Product ?? "—",
                    x.EndDate < today ? T(l, nameof(BriefTexts.Ended), DateFormat.Full(x.EndDate, l))
                        : x.EndDate <= today.AddDays(90) ? T(l, x.EndDate.DayNumber - today.DayNumber == 1 ? nameof(BriefTexts.InDays_One) : nameof(BriefTexts.InDays_Other),
                            DateFormat.Short(x.EndDate, today, l), MoneyFormat.Number(x.EndDate.DayNumber - today.DayNumber))
                        : DateFormat.Short(x.EndDate, today, l),
                    MoneyFormat.Exact(x.AnnualValue, x.Currency),
                    T(l, x.EndDate < today ? nameof(BriefTexts.EndedNotRenewed) : x.AutoRenew ? nameof(BriefTexts.AutoRenews) : nameof(BriefTexts.NeedsRenewal))]).ToList(),
                [false, false, true, false]));
        if (b.OpenFollowUps.Count > 0)
            blocks.Add(new ItemListBlock(T(l, nameof(BriefTexts.OpenFollowUps)), b.OpenFollowUps.Select(f => new ListItem(f.Title, f.DueDate is { } d ? T(l, nameof(BriefTexts.Due), DateFormat.Short(d, today, l)) : null,
                [new ReplyAction(T(l, nameof(BriefTexts.ButtonDone)), Payloads.Act + "fu.done:" + f.Id)])).ToList()));
        if (b.Objections.Count > 0)
        {
            // The topic is the playbook entry's name, as stored.
            var byTopic = b.Objections.GroupBy(o => o.Topic ?? "other").Select(g =>
                T(l, nameof(BriefTexts.ObjectionLine), g.Key, g.Count(), g.OrderByDescending(o => o.RaisedAt).First().Text));
            blocks.Add(new TextBlock(T(l, nameof(BriefTexts.ObjectionsTitle)) + "\n" + string.Join('\n', byTopic)));
        }
        if (b.CrossSell.Count > 0)
            blocks.Add(new TextBlock(T(l, nameof(BriefTexts.CrossSellTitle)) + "\n" + string.Join('\n', b.CrossSell.Select(x => x.Examples.Count > 0
                ? T(l, nameof(BriefTexts.CrossSellLineExamples), x.Product, x.SimilarWithProduct, x.SimilarAccounts, x.Similarity, string.Join(", ", x.Examples))
                : T(l, nameof(BriefTexts.CrossSellLine), x.Product, x.SimilarWithProduct, x.SimilarAccounts, x.Similarity)))));
        blocks.Add(new ActionsBlock([
            new ReplyAction(T(l, nameof(BriefTexts.ButtonLogCall)), Payloads.Ask + $"log a call with {b.Name}"),
            new ReplyAction(T(l, nameof(BriefTexts.ButtonLogMeeting)), Payloads.Ask + $"log a meeting with {b.Name}"),
        ]));
        blocks.Add(new ContextBlock(T(l, nameof(BriefTexts.Footer), b.Name, DateFormat.AsOf(c.Now, c.Zone, l))));
        var deals = T(l, b.OpenDeals.Count == 1 ? nameof(BriefTexts.OpenDealCount_One) : nameof(BriefTexts.OpenDealCount_Other), MoneyFormat.Number(b.OpenDeals.Count));
        var contracts = T(l, b.Contracts.Count == 1 ? nameof(BriefTexts.ContractCount_One) : nameof(BriefTexts.ContractCount_Other), MoneyFormat.Number(b.Contracts.Count));
        return new Reply(blocks) { Summary = T(l, nameof(BriefTexts.Summary), b.Name, deals, contracts) };
    }
}
