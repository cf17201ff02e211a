using System.Text.RegularExpressions;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;

namespace AeBot.Core.Understanding;

/// <summary>
/// Turns a message into an <see cref="Understanding"/>: intent from <see cref="IntentClassifier"/>, period from
/// <see cref="PeriodParser"/>, thresholds from <see cref="AmountParser"/>, names from <see cref="EntityMatcher"/>
/// over what the viewer may see. A message that only names a period, a filter or a name refines the previous
/// question ("and last quarter?", "just GTX Pro").
/// </summary>
public sealed partial class Understander(PeriodParser periods, NameCatalog names, ISalesData data)
{
    /// <summary>Below this score an intent is a guess; the core asks back instead of answering.</summary>
    public const double ConfidentScore = 1.5;

    public async Task<Understanding> UnderstandAsync(string text, Viewer viewer, DateOnly today, Understanding? previous, CancellationToken cancellationToken)
    {
        var classified = IntentClassifier.Classify(text);
        var lower = IntentClassifier.Normalize(text);
        var intent = classified.Intent;
        var lean = intent is Intent.Pipeline or Intent.BiggestDeals or Intent.Forecast or Intent.Quota or Intent.WhatIf ? TimeLean.Future : TimeLean.Past;
        if (intent == Intent.Unknown && previous is not null)
            lean = previous.Intent is Intent.Pipeline or Intent.BiggestDeals or Intent.Forecast ? TimeLean.Future : TimeLean.Past;

        // Take the period and amounts out first, so "December" or "50k" is not mistaken for a name.
        var rest = text;
        var period = periods.Parse(text, today, lean);
        if (period is { } p)
            rest = Remove(rest, p.Matched);
        var (min, max, amountText) = AmountParser.Parse(rest);
        if (amountText is not null)
            rest = Remove(rest, amountText);
        int? top = TopPattern().Match(lower) is { Success: true } t ? int.Parse(t.Groups["n"].Success ? t.Groups["n"].Value : t.Groups["n2"].Value) : null;
        if (top is not null)
            rest = TopPattern().Replace(rest.ToLowerInvariant(), " ");

        var understanding = new Understanding
        {
            Intent = intent,
            Score = classified.Score,
            Evidence = classified.Evidence,
            Period = period?.Period,
            MinAmount = min,
            MaxAmount = max,
            Top = top is > 0 and <= 100 ? top : null,
            Type = TypeOf(lower),
        };

        understanding = await NamesAsync(understanding, rest, viewer, lower, cancellationToken);

        // A follow-up that only adds a period, a filter or a name keeps the previous question.
        var namesSomething = understanding.Period is not null || understanding.MinAmount is not null || understanding.MaxAmount is not null
            || understanding.Accounts.Count > 0 || understanding.Products.Count > 0 || understanding.Reps.Count > 0 || understanding.Stage is not null
            || understanding.Type is not null || understanding.Subject != Subject.Me;
        var refinement = RefineCue().IsMatch(lower) && classified.Score < 3;
        if (previous is not null && namesSomething && (intent == Intent.Unknown || refinement || classified.Score < ConfidentScore))
            return Merge(previous, understanding, lower);
        return understanding;
    }

    private async Task<Understanding> NamesAsync(Understanding u, string rest, Viewer viewer, string lower, CancellationToken cancellationToken)
    {
        var subject = TeamCue().IsMatch(lower) && viewer.HasTeam ? Subject.Team : Subject.Me;
        IReadOnlyList<NamedRef> reps = [];
        Ambiguity? ambiguity = null;

        if (viewer.HasTeam)
        {
            var team = await names.TeamAsync(viewer, cancellationToken);
            var repMatches = EntityMatcher.Find(rest, team, allowFirstName: true);
            if (repMatches.Count == 1)
            {
                reps = [repMatches[0].Entity];
                subject = Subject.Reps;
                rest = Remove(rest, repMatches[0].Matched);
            }
            else if (repMatches.Count > 1)
            {
                ambiguity = new Ambiguity("rep", repMatches[0].Matched, repMatches.Select(m => m.Entity).ToList());
            }
        }

        var accountIndex = await names.AccountsAsync(cancellationToken);
        var accounts = await VisibleAsync(EntityMatcher.FindAll(rest, accountIndex), viewer, cancellationToken);
        IReadOnlyList<NamedRef> accountRefs = [];
        if (u.Intent == Intent.WhatIf)
        {
            // "if Acme and Globex close": every account named counts.
            accountRefs = await AllNamedAsync(rest, accountIndex, viewer, cancellationToken);
        }
        else if (accounts.Count == 1)
        {
            accountRefs = [accounts[0].Entity];
            rest = Remove(rest, accounts[0].Matched);
        }
        else if (accounts.Count > 1 && ambiguity is null)
        {
            ambiguity = new Ambiguity("account", accounts[0].Matched, accounts.Select(m => m.Entity).ToList());
        }

        IReadOnlyList<NamedRef> productRefs = [];
        var products = EntityMatcher.Find(rest, await names.ProductsAsync(cancellationToken));
        if (products.Count == 1)
        {
            productRefs = [products[0].Entity];
            rest = Remove(rest, products[0].Matched);
        }
        else if (products.Count > 1 && ambiguity is null)
        {
            ambiguity = new Ambiguity("product", products[0].Matched, products.Select(m => m.Entity).ToList());
        }

        string? stage = null;
        var stageMatches = EntityMatcher.Find(rest, await names.StagesAsync(cancellationToken));
        if (stageMatches.Count >= 1)
        {
            stage = stageMatches[0].Entity.Name;
            rest = Remove(rest, stageMatches[0].Matched);
        }

        // A name the viewer has no record of — someone else's rep, another team's account, or nobody at all. The
        // answer must be the same in every case, so it reveals nothing about what exists outside their scope.
        string? unmatched = null;
        if (subject == Subject.Me && NamedPossessive().Match(rest) is { Success: true } possessive
            && !NotNames().IsMatch(possessive.Groups["name"].Value))
            unmatched = possessive.Groups["name"].Value;
        else if (accountRefs.Count == 0 && ambiguity is null && NamedAfterPreposition().Match(rest) is { Success: true } named
            && !NotNames().IsMatch(named.Groups["name"].Value))
            unmatched = named.Groups["name"].Value;

        return u with
        {
            Subject = subject,
            Reps = reps,
            Accounts = accountRefs,
            Products = productRefs,
            Stage = stage,
            Ambiguity = ambiguity,
            Unmatched = unmatched,
        };
    }

    /// <summary>The accounts a text names that the viewer may see, best first (several when the name fits several).</summary>
    public async Task<IReadOnlyList<EntityMatch>> FindAccountsAsync(string text, Viewer viewer, CancellationToken cancellationToken) =>
        await VisibleAsync(EntityMatcher.FindAll(text, await names.AccountsAsync(cancellationToken)), viewer, cancellationToken);

    /// <summary>Every account a text names that the viewer may see ("if Acme and Globex close").</summary>
    public async Task<IReadOnlyList<NamedRef>> FindAllAccountsAsync(string text, Viewer viewer, CancellationToken cancellationToken) =>
        await AllNamedAsync(text, await names.AccountsAsync(cancellationToken), viewer, cancellationToken);

    /// <summary>An account's name if the viewer may see it; null otherwise (the same for one that does not exist).</summary>
    public async Task<string?> AccountNameAsync(long accountId, Viewer viewer, CancellationToken cancellationToken)
    {
        var visible = await data.VisibleAccountIdsAsync(viewer, [accountId], cancellationToken);
        return visible.Contains(accountId) ? (await names.AccountsAsync(cancellationToken)).Names.FirstOrDefault(a => a.Id == accountId)?.Name : null;
    }

    /// <summary>The best of the matches the viewer may see; names outside their scope are dropped as if unknown.</summary>
    private async Task<IReadOnlyList<EntityMatch>> VisibleAsync(IReadOnlyList<EntityMatch> matches, Viewer viewer, CancellationToken cancellationToken)
    {
        if (matches.Count == 0)
            return [];
        var visible = await data.VisibleAccountIdsAsync(viewer, matches.Select(m => m.Entity.Id).ToList(), cancellationToken);
        return EntityMatcher.Top(matches.Where(m => visible.Contains(m.Entity.Id)).ToList());
    }

    private async Task<IReadOnlyList<NamedRef>> AllNamedAsync(string text, NameIndex candidates, Viewer viewer, CancellationToken cancellationToken)
    {
        var found = new List<NamedRef>();
        var rest = text;
        while (found.Count < 10)
        {
            var match = await VisibleAsync(EntityMatcher.FindAll(rest, candidates), viewer, cancellationToken);
            if (match.Count == 0)
                break;
            found.Add(match[0].Entity);
            rest = Remove(rest, match[0].Matched);
        }
        return found;
    }

    private static Understanding Merge(Understanding previous, Understanding now, string lower)
    {
        // "just GTX Pro" narrows; a new account or product replaces the old one of the same kind.
        return previous with
        {
            Score = now.Score,
            Evidence = ["follow-up of the previous question", .. now.Evidence],
            Period = now.Period ?? previous.Period,
            MinAmount = now.MinAmount ?? previous.MinAmount,
            MaxAmount = now.MaxAmount ?? previous.MaxAmount,
            Top = now.Top ?? previous.Top,
            Subject = now.Subject != Subject.Me || now.Reps.Count > 0 ? now.Subject : MeCue().IsMatch(lower) ? Subject.Me : previous.Subject,
            Reps = now.Reps.Count > 0 ? now.Reps : now.Subject == Subject.Team || MeCue().IsMatch(lower) ? [] : previous.Reps,
            Accounts = now.Accounts.Count > 0 ? now.Accounts : previous.Accounts,
            Products = now.Products.Count > 0 ? now.Products : previous.Products,
            Stage = now.Stage ?? previous.Stage,
            Type = now.Type ?? previous.Type,
            Ambiguity = now.Ambiguity,
            Unmatched = now.Unmatched,
        };
    }

    private static OpportunityType? TypeOf(string lower) =>
        RenewalCue().IsMatch(lower) ? OpportunityType.Renewal
        : UpsellCue().IsMatch(lower) ? OpportunityType.Upsell
        : NewBusinessCue().IsMatch(lower) ? OpportunityType.NewBusiness
        : null;

    private static string Remove(string text, string matched)
    {
        var index = text.IndexOf(matched, StringComparison.OrdinalIgnoreCase);
        return index < 0 ? text : text.Remove(index, matched.Length).Insert(index, " ");
    }

    [GeneratedRegex(@"\btop\s+(?<n>\d{1,3})\b|\b(?<n2>\d{1,3})\s+(biggest|largest|top)\b")]
    private static partial Regex TopPattern();

    [GeneratedRegex(@"\b(team|my reps|our|we|everyone|everybody|by rep|per rep|each rep|the org|company|rollup|roll up|leaderboard)\b")]
    private static partial Regex TeamCue();

    [GeneratedRegex(@"^(and|what about|how about|just|only|now|same for|same but|but|ok and|and for|for)\b")]
    private static partial Regex RefineCue();

    [GeneratedRegex(@"\b(me|my|mine|i)\b")]
    private static partial Regex MeCue();

    [GeneratedRegex(@"\brenewals?\b")]
    private static partial Regex RenewalCue();

    [GeneratedRegex(@"\b(upsells?|expansions?|cross[- ]?sells?|upgrades?)\b")]
    private static partial Regex UpsellCue();

    [GeneratedRegex(@"\bnew (business|logos?|customers?|deals only)\b")]
    private static partial Regex NewBusinessCue();

    [GeneratedRegex(@"\b(?<name>[A-Z][a-z]+)'s\b")]
    private static partial Regex NamedPossessive();

    [GeneratedRegex(@"\b(?:for|at|on|with|from|about|of)\s+(?<name>[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*)*)")]
    private static partial Regex NamedAfterPreposition();

    // Capitalised words that are not names: sentence starters, calendar words, forecast terms.
    [GeneratedRegex(@"^(What|Who|It|That|Where|Here|There|Let|How|I|Me|My|The|This|Last|Next|Q[1-4].*|FY.*|YTD|QTD|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Tomorrow|Yesterday|Commit|Best|Pipeline|Renewals?|Upsell|New)(\s.*)?$")]
    private static partial Regex NotNames();
}
