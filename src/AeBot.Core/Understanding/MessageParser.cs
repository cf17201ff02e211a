using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AeBot.Core.Understanding.Thai;
using AeBot.Core.Opportunities;
using AeBot.Core.Sales;

namespace AeBot.Core.Understanding;

/// <summary>
/// The one parser every message goes through. Normalises the text once, corrects typos against the keywords (never
/// against the names in the data), then decides what kind of message it is — a command only for an imperative with
/// a deal reference, never for a question — and for a question reads each slot on its own: numbers and amounts,
/// names (scoped to what the asker may see), periods, then keyword phrases, assembled by a handful of written
/// precedence rules. A fragment with no measure or deal set of its own refines the previous query; text that fills
/// no slot is not understood, never the previous answer again.
/// </summary>
public sealed partial class MessageParser(PeriodParser periods, NameCatalog names, ISalesNames data, ThaiReader? thai = null)
{
    private readonly ThaiReader _thai = thai ?? new ThaiReader(new ThaiWordBreaker());

    public async Task<Reading> ReadAsync(string raw, Viewer viewer, DateOnly today, Query? previous, CancellationToken ct)
    {
        var normalized = TextNormalizer.Normalize(raw);
        if (LanguageRequests.Read(normalized) is { } language)
            return language with { Thai = ThaiScript.Contains(normalized) };
        // Thai is read as Thai only outside the names in the data: "log a call with บริษัท สยามเทค จำกัด" is English.
        if (ThaiScript.Contains(normalized) && ThaiScript.Contains(WithoutNames(normalized, await names.ThaiNamesAsync(ct))))
            return await ReadThaiAsync(normalized, viewer, today, previous, ct);
        return await ReadEnglishAsync(normalized, viewer, today, previous, ct);
    }

    /// <summary>
    /// Thai and Thai–English: a write (log, remind, mark won or lost, update a deal, nudge settings, cancel, undo) is
    /// told by its Thai phrasing (<see cref="ThaiCommands"/>) — the capture dialogs then read the message as written, so
    /// the record keeps the rep's Thai. Anything else reads through the Thai lexicon into the words the English rules
    /// take (<see cref="ThaiReader"/>), then the same assembly into one Query.
    /// </summary>
    private async Task<Reading> ReadThaiAsync(string normalized, Viewer viewer, DateOnly today, Query? previous, CancellationToken ct)
    {
        var read = _thai.Read(normalized, await names.ThaiNamesAsync(ct));
        var asks = read.Asks || normalized.TrimEnd().EndsWith('?');
        if (ThaiCommands.Kind(normalized, asks) is { } kind
            && (kind is not (CommandKind.MarkWon or CommandKind.MarkLost or CommandKind.UpdateDeal) || await HasThaiDealReferenceAsync(normalized, viewer, ct)))
            return new CommandReading(kind) { Evidence = [kind.ToString(), "thai: " + read.Words], Thai = true };
        // Latin names spelt in Thai ("ปรียา", "แอคมี"): read as the name when exactly one fits, else asked.
        var (latin, ambiguity) = await LatinNamesAsync(normalized, ct);
        if (ambiguity is not null)
            return new ChoiceReading(ambiguity) { Evidence = ["thai: transliterated " + ambiguity.Words], Thai = true };
        if (latin != normalized)
            read = _thai.Read(latin, await names.ThaiNamesAsync(ct));
        // "ทีม EMEA": a sales team by its name is a filter, as "EMEA pipeline" is, not the asker's own team.
        var words = read.Words;
        foreach (var team in (await names.SalesTeamsAsync(ct)).Names)
            words = words.Replace("team " + team.Name, team.Name, StringComparison.OrdinalIgnoreCase)
                .Replace(team.Name + "'s team", team.Name, StringComparison.OrdinalIgnoreCase);
        var reading = await ReadEnglishAsync(words, viewer, today, previous, ct);
        // A write the Thai phrasings did not see is not made on the lexicon's guess: declined, never written wrong.
        if (reading is CommandReading { Kind: CommandKind.Log or CommandKind.Remind or CommandKind.MarkWon or CommandKind.MarkLost or CommandKind.UpdateDeal or CommandKind.NudgeSettings })
            return Phrasings.Unsupported(read.Words.ToLowerInvariant()) is { } unsupported
                ? new UnsupportedReading(unsupported) { Evidence = ["thai: " + read.Words], Thai = true }
                : new NotUnderstoodReading { Evidence = ["thai: " + read.Words, "write not recognised"], Thai = true };
        // Thai words nobody knows, and nothing of a question's own core (no set, no measure): "อากาศวันนี้…" is not
        // "today's deals". Never an answer to a different question than the one asked.
        // The same for a name refused or asked about: "ส้มตำ" (papaya salad) sounds like "Summit", but a message with
        // words nobody knows is not a question about Summit.
        if (reading is QueryReading or OutOfScopeReading && read.Unknown.Count > 0)
            // …unless the word stands where Thai puts a person: after คุณ/พี่/น้อง or as the owner ("ยอดของสมศรี").
            // Someone AeBot has no record of is refused, as "Bob's pipeline" is in English — never answered as the asker.
            return UnknownPerson(normalized, read.Unknown) is { } person
                ? new OutOfScopeReading(person) { Evidence = ["thai: " + read.Words, "unknown person: " + person], Thai = true }
                : new NotUnderstoodReading { Evidence = ["thai: " + read.Words, "unknown: " + string.Join(" ", read.Unknown)], Thai = true };
        return reading with { Evidence = [.. reading.Evidence, "thai: " + read.Words], Thai = true };
    }

    /// <summary>The unknown words right after คุณ/พี่/น้อง/ของ, joined as written ("มิ้" + "นท์" → "มิ้นท์"), or null.</summary>
    private static string? UnknownPerson(string text, IReadOnlyList<string> unknown)
    {
        foreach (Match m in ThaiOwner().Matches(text))
        {
            var at = m.Index + m.Length;
            var name = "";
            for (var k = 0; k < unknown.Count; k++)
            {
                if (string.CompareOrdinal(text, at, unknown[k], 0, unknown[k].Length) != 0)
                    continue;
                name += unknown[k];
                at += unknown[k].Length;
                // The pieces of one word that ICU split follow each other in the list.
                while (++k < unknown.Count && string.CompareOrdinal(text, at, unknown[k], 0, unknown[k].Length) == 0)
                {
                    name += unknown[k];
                    at += unknown[k].Length;
                }
                break;
            }
            if (name.Length > 0)
                return name;
        }
        return null;
    }

    /// <summary>The text with each Thai spelling of a person's or an account's Latin name replaced by that name.</summary>
    private async Task<(string Text, Ambiguity? Ambiguity)> LatinNamesAsync(string text, CancellationToken ct)
    {
        var people = ThaiNames.FindTransliterated(text, await names.AllRepsAsync(ct), firstNames: true).Select(m => (Kind: "person", Match: m));
        var accounts = ThaiNames.FindTransliterated(text, await names.AccountsAsync(ct), firstNames: false).Select(m => (Kind: "account", Match: m));
        var thaiNames = await names.ThaiNamesAsync(ct);
        foreach (var piece in people.Concat(accounts).GroupBy(x => x.Match.Matched).OrderByDescending(g => g.Key.Length).ToList())
        {
            if (thaiNames.Any(n => n.Contains(piece.Key, StringComparison.Ordinal)) || !text.Contains(piece.Key, StringComparison.Ordinal))
                continue;
            var fits = piece.ToList();
            // Two people called Priya are one spelling: the person slot asks which, as it does in English.
            // "แอคมี" for "Acme" and "Acme Europe": the shared word, which the name slot then asks about like English.
            var words = fits.Select(f => f.Kind == "person" || fits.Count > 1 ? f.Match.Entity.Name.Split(' ')[0] : f.Match.Entity.Name).Distinct().ToList();
            // Several names fit: asked only when each sounds close; a short Thai word that merely echoes a few is no name.
            if (words.Count > 1 && piece.Key.Length >= 5 && fits.All(f => f.Match.Score >= 70))
                return (text, new Ambiguity(fits[0].Kind, piece.Key, fits.Select(f => f.Match.Entity).ToList()));
            if (words.Count > 1)
                continue;
            text = text.Replace(piece.Key, " " + words[0] + " ", StringComparison.Ordinal);
        }
        return (text, null);
    }

    /// <summary>A Thai change names a deal: "ดีลนี้", or an account the asker may see, spelt in any script.</summary>
    private async Task<bool> HasThaiDealReferenceAsync(string text, Viewer viewer, CancellationToken ct)
    {
        if (ThaiCommands.HasDealPronoun(text))
            return true;
        var index = await names.AccountsAsync(ct);
        var all = EntityMatcher.FindAll(text, index).Concat(ThaiNames.FindThaiScript(text, index)).ToList();
        if (all.Count == 0)
            all = [.. ThaiNames.FindTransliterated(text, index, firstNames: false)];
        if (all.Count == 0)
            return false;
        var visible = await data.VisibleAccountIdsAsync(viewer, all.Select(m => m.Entity.Id).ToList(), ct);
        return all.Any(m => visible.Contains(m.Entity.Id));
    }

    private static string WithoutNames(string text, IReadOnlyList<string> thaiNames)
    {
        foreach (var name in thaiNames.OrderByDescending(n => n.Length))
            text = text.Replace(name, " ", StringComparison.Ordinal);
        return text;
    }

    private async Task<Reading> ReadEnglishAsync(string normalized, Viewer viewer, DateOnly today, Query? previous, CancellationToken ct)
    {
        var plain = normalized.ToLowerInvariant();
        if (plain.Length == 0)
            return new NotUnderstoodReading();
        if (Phrasings.IsCancel(plain)) return new CommandReading(CommandKind.Cancel);
        if (Phrasings.IsUndo(plain)) return new CommandReading(CommandKind.Undo);
        if (Phrasings.IsResume(plain)) return new CommandReading(CommandKind.Resume);

        var text = Correct(normalized, await names.ProtectedWordsAsync(ct));
        var lower = text.ToLowerInvariant();
        // Commands are recognised on the words as typed: correcting keywords must not turn "slip" into "slips".
        var request = Phrasings.WithoutPoliteness(plain);
        var polite = request.Length != plain.Length;

        // Commands: only imperatives (a polite "can you…" is still one). Writes to a deal also need a deal reference.
        if (Phrasings.IsNudgeSettings(normalized))
            return new CommandReading(CommandKind.NudgeSettings) { Evidence = ["nudge settings"] };
        if (!Phrasings.StartsAsQuestion(request) && !request.TrimEnd().EndsWith('?'))
        {
            if (Phrasings.IsRemind(request)) return new CommandReading(CommandKind.Remind) { Evidence = ["remind"] };
            if (Phrasings.IsLog(request)) return new CommandReading(CommandKind.Log) { Evidence = ["log"] };
        }
        var asks = Phrasings.IsQuestion(request) && !(polite && !Phrasings.StartsAsQuestion(request));
        if (!asks)
        {
            CommandKind? write = Phrasings.IsMarkWon(request) ? CommandKind.MarkWon
                : Phrasings.IsMarkLost(request) ? CommandKind.MarkLost
                : Phrasings.IsUpdate(request) ? CommandKind.UpdateDeal
                : null;
            if (write is { } kind && await HasDealReferenceAsync(text, request, viewer, ct))
                return new CommandReading(kind) { Evidence = [kind.ToString()] };
        }

        // Abilities and requests AeBot doesn't do are recognised on the words as typed ("stock" must not become
        // "stuck"), then on the corrected ones ("brief me on…" misspelt).
        if ((Phrasings.Unsupported(plain) ?? Phrasings.Unsupported(lower)) is { } unsupported)
            return new UnsupportedReading(unsupported);
        var ability = Phrasings.Ability(plain) ?? Phrasings.Ability(lower);
        if (ability is AbilityKind.Greeting or AbilityKind.Thanks or AbilityKind.Help or AbilityKind.Playbook or AbilityKind.Commission or AbilityKind.MyDay)
            return new AbilityReading(ability.Value) { Evidence = [ability.Value.ToString()] };

        var reading = await QueryAsync(text, viewer, today, previous, ct);
        if (ability == AbilityKind.Brief && (reading is not QueryReading q || q.Query.Filters.Accounts.Count > 0 || !q.HasOwnCore))
            return new AbilityReading(AbilityKind.Brief) { Evidence = ["brief"] };
        return reading;
    }

    /// <summary>Whether free text answering a dialog is really a new message of its own (a question or a request).</summary>
    public static bool IsOwnMessage(string raw)
    {
        var lower = Phrasings.Lower(raw);
        if (lower.Length == 0)
            return false;
        if (Phrasings.IsCancel(lower) || Phrasings.IsUndo(lower) || Phrasings.IsResume(lower) || Phrasings.StartsAsQuestion(lower) || lower.EndsWith('?'))
            return true;
        var request = Phrasings.WithoutPoliteness(lower);
        return Phrasings.IsRemind(request) || Phrasings.IsLog(request) || Phrasings.IsMarkWon(request) || Phrasings.IsMarkLost(request)
            || Phrasings.Unsupported(lower) is not null || Phrasings.Ability(lower) is AbilityKind.MyDay or AbilityKind.Help or AbilityKind.Playbook;
    }

    // ---- the query ----

    private async Task<Reading> QueryAsync(string text, Viewer viewer, DateOnly today, Query? previous, CancellationToken ct)
    {
        var work = new Workspace(text);
        var evidence = new List<string>();

        // Numbers first, so "top 5" and "over 50k" are not read as dates or names.
        int? rankN = null;
        if (RankNumber().Match(work.Lower) is { Success: true } rn)
        {
            rankN = ParseNumber(rn.Groups["n"].Success ? rn.Groups["n"].Value : rn.Groups["n2"].Value);
            work.Consume(rn.Groups["n"].Success ? rn.Groups["n"] : rn.Groups["n2"]);
        }
        var (min, max, amountText) = AmountParser.Parse(work.Lower);
        if (amountText is not null)
            foreach (var piece in amountText.Split(" | ", StringSplitOptions.RemoveEmptyEntries))
                if (Regex.Match(work.Lower, @"(?<![\w$€£])" + Regex.Escape(piece) + @"(?!\w)") is { Success: true } at)
                    work.Consume(at.Index, at.Length);

        // Names, scoped to what the asker may see.
        var found = await NamesAsync(work, viewer, ct);
        if (found.Ambiguity is { } ambiguity)
            return new ChoiceReading(ambiguity);
        if (found.OutOfScope is { } outside)
            return new OutOfScopeReading(outside);

        // "last month's won revenue": the period, without the possessive the recogniser stumbles on.
        foreach (Match m in PeriodPossessive().Matches(work.Lower))
            work.Consume(m.Index + m.Length - 2, 2);

        // "haven't moved in 30 days": the quiet spell that makes a deal stale, not a period to filter by.
        var staleSpell = false;
        if (StaleSpell().Match(work.Lower) is { Success: true } spell)
        {
            staleSpell = true;
            work.Consume(spell.Groups["spell"]);
        }

        // "compared to the quarter before": the previous period.
        var previousPeriod = false;
        if (PeriodBefore().Match(work.Lower) is { Success: true } before)
        {
            previousPeriod = true;
            work.Consume(before.Index, before.Length);
        }

        // "vs last year", "year over year": a comparison, not a second period.
        var lastYear = false;
        if (SameTimeLastYear().Match(work.Lower) is { Success: true } ly)
        {
            lastYear = true;
            work.Consume(ly.Index, ly.Length);
        }

        // "and the quarter after that?": a step from the previous question's period.
        Period? stepped = null;
        if (previous?.Period is { } was && StepFromThat().Match(work.Lower) is { Success: true } step)
        {
            stepped = step.Groups["dir"].Value == "after" ? was.Next($"the {step.Groups["unit"].Value} after") : was.Previous($"the {step.Groups["unit"].Value} before");
            work.Consume(step.Index, step.Length);
        }

        // Keywords on what is left, to learn which way dates lean; then the periods; then keywords again without them.
        var provisional = Lexicon.Find(Tokens(work.Lower));
        var lean = Leans(provisional);
        // "and Q2?" after a question about wins leans to the past, after one about pipeline to the future.
        var saysWhen = provisional.Any(t => t.Tags.Any(x => x.Kind is TagKind.Set or TagKind.Closing or TagKind.PastTense or TagKind.FutureTense or TagKind.WeakWon
            or TagKind.Created or TagKind.Measure));
        if (previous is not null && !saysWhen && Tokens(work.Lower).Count <= 7)
            lean = previous.Set is DealSet.Open or DealSet.Renewals || previous.Measure == Measure.Forecast ? TimeLean.Future : TimeLean.Past;
        // "compare Priya and Tom in Q2": people are compared on results, which lie in the past.
        else if (!saysWhen && (found.People.Count + found.TeamOf.Count > 1 || provisional.Any(t => t.Tags.Any(x => x.Kind == TagKind.Compare))))
            lean = TimeLean.Past;
        var found2 = new List<(int Index, Period Period)>();
        // A second period only where a comparison can name one ("Q3 vs Q2", "this year and last"): reading dates
        // is the costliest step of a turn.
        var periodsWanted = SecondPeriodCue().IsMatch(work.Lower) ? 2 : 1;
        for (var i = 0; i < periodsWanted; i++)
        {
            if ((ParseHalf(work.Lower, today, lean) ?? periods.Parse(work.Lower, today, lean)) is not { } p)
                break;
            var index = work.Lower.IndexOf(p.Matched, StringComparison.Ordinal);
            if (index < 0)
                break;
            work.Consume(index, p.Matched.Length);
            found2.Add((index, p.Period));
        }
        found2.Sort((a, b) => a.Index.CompareTo(b.Index));
        if (stepped is not null)
            found2.Insert(0, (0, stepped));

        var tokens = Tokens(work.Lower);
        var tags = Lexicon.Find(tokens);
        evidence.AddRange(tags.Select(t => t.Phrase));
        bool Has(TagKind kind) => tags.Any(t => t.Tags.Any(x => x.Kind == kind));
        List<T> Values<T>(TagKind kind) where T : struct, Enum =>
            tags.SelectMany(t => t.Tags).Where(x => x.Kind == kind).Select(x => (T)(object)x.Value).ToList();

        var sets = Values<DealSet>(TagKind.Set);
        if (staleSpell && !sets.Contains(DealSet.Stale))
            sets.Add(DealSet.Stale);
        var measures = Values<Measure>(TagKind.Measure);
        var groups = Values<GroupBy>(TagKind.Group);
        var types = Values<OpportunityType>(TagKind.Type);
        var closing = Has(TagKind.Closing);
        var past = Has(TagKind.PastTense);
        var created = Has(TagKind.Created);

        // The measure: the most specific one named wins; "by value" turns a win rate into one by value.
        var measure = Pick(measures, [Measure.WinRateByValue, Measure.WinRate, Measure.CycleDays, Measure.AverageSize, Measure.Forecast, Measure.Attainment, Measure.WeightedAmount, Measure.Count, Measure.Amount, Measure.List]);
        if (measure == Measure.WinRate && Has(TagKind.ByValue))
            measure = Measure.WinRateByValue;

        // The deal set: from the words, then from the measure, then from "close" and the tense.
        // "how much renewal business did I close": won renewal deals, not contracts coming up.
        if (sets.Count > 0 && sets.All(x => x == DealSet.Renewals) && past)
        {
            sets.Clear();
            types.Insert(0, OpportunityType.Renewal);
        }
        var set = PickSet(sets, out var renewalWord);
        OpportunityType? type = types.Count > 0 ? types[0] : null;
        if (renewalWord && set is not null and not DealSet.Renewals)
            type ??= OpportunityType.Renewal;
        if (set is null && !closing && Has(TagKind.WeakWon))
            set = DealSet.Won;
        // "how long does it take me to close a deal": a cycle is measured on won deals, whatever the verb.
        if (set is null && closing && measure is Measure.CycleDays or Measure.WinRate or Measure.WinRateByValue)
            set = measure == Measure.CycleDays ? DealSet.Won : DealSet.Closed;
        if (set is null && closing)
            set = past || found2.Count > 0 && found2[0].Period.To < today && !Has(TagKind.FutureTense) ? DealSet.Won : DealSet.Open;
        set ??= measure switch
        {
            Measure.WinRate or Measure.WinRateByValue => DealSet.Closed,
            Measure.CycleDays or Measure.AverageSize or Measure.Attainment => DealSet.Won,
            Measure.Forecast => DealSet.Open,
            _ => created ? DealSet.All : null,
        };
        if (measure is Measure.WinRate or Measure.WinRateByValue && set is DealSet.Won or DealSet.Lost)
            set = DealSet.Closed;

        // Whose.
        var subject = QuerySubject.Me;
        var teamWord = tags.Any(t => t.Tags.Any(x => x.Kind == TagKind.Team) && t.Phrase is not ("we" or "our" or "us" or "we've" or "reps"));
        var weakTeam = Has(TagKind.Team) && !teamWord;
        if (found.TeamOf.Count > 0)
            subject = new QuerySubject(SubjectKind.TeamOf, found.TeamOf);
        else if (found.People.Count > 0)
            subject = new QuerySubject(SubjectKind.People, found.People);
        else if (viewer.HasTeam && (teamWord || weakTeam || groups.Contains(GroupBy.Rep) || Has(TagKind.BehindPace)))
            subject = QuerySubject.Team;
        else if (!viewer.HasTeam && teamWord && !Has(TagKind.Me))
            subject = QuerySubject.Team;
        if (found.SelfNamed && subject.Kind == SubjectKind.Me)
            subject = QuerySubject.Me;

        // Grouping: an explicit "by X" or "which X"; a bare noun ("products") only with a ranking word.
        var rankTop = Has(TagKind.RankTop);
        var rankBottom = Has(TagKind.RankBottom);
        var group = GroupBy.None;
        var groupFromWho = false;
        foreach (var t in tags)
        {
            var g = t.Tags.Where(x => x.Kind == TagKind.Group).Select(x => (GroupBy)x.Value).FirstOrDefault();
            if (g == GroupBy.None)
                continue;
            var bare = t.Phrase is "product" or "products" or "account" or "accounts" or "customer" or "customers" or "rep" or "reps" or "month" or "quarter" or "stage" or "seller" or "sellers";
            if (bare && !(rankTop || rankBottom))
                continue;
            // "who…" from someone without a team asks about other people: the answer says team figures are for managers.
            if (t.Phrase == "who" && subject.Kind is SubjectKind.Me && !viewer.HasTeam)
                subject = QuerySubject.Team;
            // "top 3 reps", "bottom rep": a manager's people.
            if (g == GroupBy.Rep && subject.Kind == SubjectKind.Me && viewer.HasTeam)
                subject = QuerySubject.Team;
            groupFromWho = t.Phrase == "who";
            group = g;
            break;
        }
        if (Has(TagKind.BehindPace) && subject.Kind is SubjectKind.Team or SubjectKind.TeamOf && group == GroupBy.None)
            group = GroupBy.Rep;

        // Ranking binds to the measure; "most deals" ranks by count, otherwise by amount unless the measure is a rate.
        Rank? rank = null;
        if (rankTop || rankBottom || rankN is not null)
        {
            var top = !rankBottom;
            if (rankTop && rankBottom)
                top = tags.First(t => t.Tags.Any(x => x.Kind is TagKind.RankTop or TagKind.RankBottom)).Tags.Any(x => x.Kind == TagKind.RankTop);
            var by = measure is Measure.List or Measure.Amount ? (group != GroupBy.None && RankedByCount(tokens, tags) ? Measure.Count : Measure.Amount) : measure;
            // "which of Marcus's reps has the lowest…" asks for one, however plural the group is.
            var plural = WhichOf().IsMatch(work.Lower) ? false
                : group != GroupBy.None ? PluralGroup().IsMatch(work.Lower) : PluralDeals().IsMatch(work.Lower) || !SingularDeal().IsMatch(work.Lower);
            // "top reps" five, "top rep" / "who has the best…" one.
            var n = rankN ?? (plural ? 5 : 1);
            rank = new Rank(top, Math.Clamp(n, 1, 100), by);
            if (measure == Measure.Amount && group == GroupBy.None && sets.Count == 0 && !Has(TagKind.Measure) && !past)
                measure = Measure.List;
            if (group == GroupBy.None && measure is Measure.Amount or Measure.Count && !measures.Contains(measure))
                measure = Measure.List;
        }

        // Default measure for what was asked: "show/which" lists, "how many" counts, results show the amount.
        if (measures.Count == 0)
            measure = group != GroupBy.None ? rank?.By ?? Measure.Amount
                : Measure.List;

        // Periods and comparison.
        var compareWord = Has(TagKind.Compare);
        Period? period = found2.Count > 0 ? found2[0].Period : null;
        Comparison? compare = null;
        if (lastYear || Has(TagKind.CompareLastYear))
            compare = new Comparison(CompareKind.LastYear);
        else if (previousPeriod || Has(TagKind.ComparePrevious))
            compare = new Comparison(CompareKind.PreviousPeriod);
        else if (found2.Count == 2 && (compareWord || Has(TagKind.Refine)))
            compare = new Comparison(CompareKind.NamedPeriod, found2[1].Period);
        else if (found2.Count == 1 && compareWord && CompareBefore(work, found2[0].Index) && found.People.Count + found.TeamOf.Count < 2)
        {
            compare = new Comparison(CompareKind.NamedPeriod, found2[0].Period);
            period = null;
        }
        if (found.Teams.Count > 1 && compare is null && !Together().IsMatch(text.ToLowerInvariant()))
            compare = new Comparison(CompareKind.People);
        if (subject.Kind is SubjectKind.People or SubjectKind.TeamOf && subject.People.Count > 1 && (compareWord || compare is null) && !Together().IsMatch(text.ToLowerInvariant()))
        {
            compare = new Comparison(CompareKind.People);
            if (group == GroupBy.Rep && groupFromWho)
                group = GroupBy.None;
            if (group == GroupBy.None && rankN is null)
                rank = null;
        }
        // "what did I win in March?" asks how much; "did I win Acme?", "won deals", "which deals…" ask for the deals.
        if (set is DealSet.Won or DealSet.Lost && measures.Count == 0 && group == GroupBy.None && rank is null && AmountQuestion().IsMatch(text.ToLowerInvariant())
            && !DealListWords().IsMatch(text.ToLowerInvariant()))
            measure = Measure.Amount;

        // With nothing said about which deals, a comparison or a period already over asks about results.
        if (set is null && found.Stages.Count == 0 && (compare is not null || period is { } over && over.To < today))
            set = DealSet.Won;
        if (compare is not null && measures.Count == 0 && group == GroupBy.None)
            measure = Measure.Amount;

        if (set == DealSet.Renewals && group == GroupBy.Account && rank is null)
        {
            group = GroupBy.None;
            if (measures.Count == 0)
                measure = Measure.List;
        }
        var dateField = created ? DateField.Created : set == DealSet.Renewals ? DateField.ContractEnd : DateField.Close;
        // "if Acme and Globex close, where do I land?": those accounts' open deals counted as won against quota.
        var whatIf = Has(TagKind.Assume) && found.Accounts.Count > 0 && (closing || measure == Measure.Attainment || sets.Contains(DealSet.Won));
        if (whatIf)
        {
            measure = Measure.Attainment;
            set = DealSet.Won;
        }
        var assume = whatIf ? found.Accounts : [];

        var filters = new QueryFilters
        {
            Accounts = assume.Count > 0 ? [] : found.Accounts,
            Products = found.Products,
            Stages = found.Stages,
            Teams = found.Teams,
            Type = type,
            MinAmount = min,
            MaxAmount = max,
        };
        if (found.Stages.Count > 0)
            set ??= DealSet.Open;

        // A whole question ("compare Dana and Lee this year", "how is Lee doing?") is fresh even without a measure of
        // its own; only fragments ("and Q2?", "what about Lee?", "by product") refine the previous one.
        var wholeQuestion = WholeQuestion().IsMatch(text.ToLowerInvariant()) && !RefineStart().IsMatch(text.ToLowerInvariant());
        var hasCore = measures.Count > 0 || sets.Count > 0 || closing || created || Has(TagKind.BehindPace) || rank is not null && group == GroupBy.None && tokens.Contains("deals")
            || wholeQuestion;
        var fillsSlots = period is not null || !filters.IsEmpty || found.People.Count > 0 || found.TeamOf.Count > 0 || group != GroupBy.None || rank is not null
            || compare is not null || Has(TagKind.Team) || Has(TagKind.Me) || found.SelfNamed || assume.Count > 0;

        var query = new Query
        {
            Measure = measure,
            Set = set ?? DealSet.Open,
            Subject = subject,
            Filters = filters,
            Period = period,
            DateField = dateField,
            GroupBy = group,
            Rank = rank,
            Compare = compare,
            BehindPaceOnly = Has(TagKind.BehindPace),
            Assume = assume,
        };

        // A fragment with no measure or set of its own refines the previous question.
        var shortRefinement = Has(TagKind.Refine) && tags.Count > 0 && tags[0].Start == 0 && tags[0].Tags.Any(t => t.Kind == TagKind.Refine) && tokens.Count <= 7;
        // "how many?", "in dollars?", "win rate?", "won only": a few words that change only the measure or the set.
        var namesNothing = period is null && filters.IsEmpty && found.People.Count == 0 && found.TeamOf.Count == 0 && !found.SelfNamed;
        var measureOnly = measures.Count > 0 && sets.Count == 0 && !closing;
        var setOnly = sets.Count > 0 && measures.Count == 0 && tokens.Count <= 3 && !wholeQuestion;
        var measureOrSetOnly = namesNothing && tokens.Count <= 6 && tokens.All(t => Lexicon.IsKnownWord(t)) && (measureOnly || setOnly)
            && group == GroupBy.None && rank is null && !Has(TagKind.Team);
        if (previous is not null && (fillsSlots && (!hasCore || shortRefinement) || shortRefinement && hasCore || measureOrSetOnly))
            return new QueryReading(FollowUps.Refine(previous, query, new FollowUps.Named(period is not null, found2.Count > 1 ? found2[1].Period : null,
                found.People.Count > 0 || found.TeamOf.Count > 0 || Has(TagKind.Team) || Has(TagKind.Me) || found.SelfNamed, found.Accounts.Count > 0, found.Products.Count > 0,
                found.Stages.Count > 0, type is not null, min is not null || max is not null, group != GroupBy.None, rank is not null, compare is not null,
                hasCore ? measures.Count > 0 ? measure : null : null, hasCore && (sets.Count > 0 || closing) ? set : null, found.Teams.Count > 0), today), true)
            {
                Evidence = ["follow-up of the previous question", .. evidence],
            };
        if (!hasCore && !fillsSlots)
            return new NotUnderstoodReading { Evidence = evidence };
        // "is it raining?", "what's for lunch today?": a question word and words AeBot doesn't know, about nothing it
        // holds — not "your open deals today".
        var onlyAsks = wholeQuestion && measures.Count == 0 && sets.Count == 0 && !closing && !created && !Has(TagKind.BehindPace) && rank is null && group == GroupBy.None
            && filters.IsEmpty && found.People.Count == 0 && found.TeamOf.Count == 0 && !found.SelfNamed && compare is null;
        if (onlyAsks && tokens.Any(t => t.Any(char.IsLetter) && !Lexicon.IsKnownWord(t) && !Lexicon.IsKnownWord(Lexicon.Correct(t))))
            return new NotUnderstoodReading { Evidence = [.. evidence, "unknown words"] };
        // "what?", "what's up?", "มีไรไหม": question words and nothing to ask about.
        if (onlyAsks && period is null && !Has(TagKind.Me) && !Has(TagKind.Team) && tags.All(t => t.Tags.All(x => x.Kind == TagKind.Question)))
            return new NotUnderstoodReading { Evidence = [.. evidence, "nothing asked about"] };
        if (!hasCore && previous is null && !(fillsSlots || DealNoun().IsMatch(text.ToLowerInvariant())))
            return new NotUnderstoodReading { Evidence = evidence };
        return new QueryReading(query, false) { Evidence = evidence, HasOwnCore = hasCore };
    }

    private static bool CompareBefore(Workspace work, int periodIndex)
    {
        var before = work.Lower[..periodIndex];
        return CompareWordBefore().IsMatch(before);
    }

    private static bool RankedByCount(IReadOnlyList<string> tokens, IReadOnlyList<TaggedPhrase> tags)
    {
        foreach (var t in tags.Where(t => t.Tags.Any(x => x.Kind is TagKind.RankTop or TagKind.RankBottom)))
        {
            for (var next = t.Start + t.Length; next < tokens.Count && next <= t.Start + t.Length + 2; next++)
            {
                if (tokens[next] is "deals" or "opportunities" or "opps" or "wins" or "losses" or "renewals" or "deal")
                    return true;
                if (tokens[next] is not ("open" or "won" or "lost" or "closed" or "new" or "stale" or "upsell" or "renewal" or "number" or "of"))
                    break;
            }
        }
        return false;
    }

    private static TimeLean Leans(IReadOnlyList<TaggedPhrase> tags)
    {
        var all = tags.SelectMany(t => t.Tags).ToList();
        if (all.Any(t => t.Kind == TagKind.Set && (DealSet)t.Value is DealSet.Won or DealSet.Lost or DealSet.Closed)
            || all.Any(t => t.Kind == TagKind.Measure && (Measure)t.Value is Measure.WinRate or Measure.WinRateByValue or Measure.CycleDays or Measure.AverageSize)
            || all.Any(t => t.Kind is TagKind.PastTense or TagKind.Created or TagKind.WeakWon))
            return TimeLean.Past;
        return TimeLean.Future;
    }

    private static T Pick<T>(List<T> found, T[] order) where T : struct, Enum
    {
        foreach (var candidate in order)
            if (found.Contains(candidate))
                return candidate;
        return order[^1];
    }

    private static DealSet? PickSet(List<DealSet> sets, out bool renewalWord)
    {
        renewalWord = sets.Contains(DealSet.Renewals);
        if (sets.Count == 0)
            return null;
        if (sets.Contains(DealSet.Closed) || sets.Contains(DealSet.Won) && sets.Contains(DealSet.Lost))
            return DealSet.Closed;
        foreach (var s in new[] { DealSet.PastClose, DealSet.Stale, DealSet.Slipped, DealSet.Won, DealSet.Lost })
            if (sets.Contains(s))
                return s;
        if (renewalWord && !sets.Contains(DealSet.Open))
            return DealSet.Renewals;
        return sets.Contains(DealSet.Open) ? DealSet.Open : sets.Contains(DealSet.All) ? DealSet.All : sets[0];
    }

    // ---- halves: "first half", "H2 2026", "second half of next year" ----

    private (Period Period, string Matched)? ParseHalf(string lower, DateOnly today, TimeLean lean)
    {
        var m = HalfPattern().Match(lower);
        if (!m.Success)
            return null;
        var fiscal = periods.Calendar;
        var year = fiscal.FiscalYearOf(today);
        if (m.Groups["rel"].Success)
            year += m.Groups["rel"].Value switch { "last" or "previous" => -1, "next" => 1, _ => 0 };
        else if (m.Groups["y"].Success)
            year = m.Groups["y"].Value.Length == 2 ? 2000 + int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) : int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        var second = m.Groups["h"].Value == "2" || m.Groups["which"].Value is "second" or "2nd" or "back" or "latter";
        var start = fiscal.YearStart(year).AddMonths(second ? 6 : 0);
        // "H1" with no year: the coming one for pipeline once this year's is over, the last one for results.
        if (!m.Groups["rel"].Success && !m.Groups["y"].Success && !m.Value.Contains("year", StringComparison.Ordinal))
        {
            if (lean == TimeLean.Future && start.AddMonths(6) <= today)
                (year, start) = (year + 1, start.AddYears(1));
            else if (lean == TimeLean.Past && start > today)
                (year, start) = (year - 1, start.AddYears(-1));
        }
        var label = $"{(second ? "H2" : "H1")} {(fiscal.StartMonth == 1 ? year.ToString(CultureInfo.InvariantCulture) : "FY" + year.ToString(CultureInfo.InvariantCulture))}";
        return (new Period(start, start.AddMonths(6).AddDays(-1), label), m.Value);
    }

    // ---- names ----

    private sealed record Names(
        IReadOnlyList<NamedRef> People,
        IReadOnlyList<NamedRef> TeamOf,
        bool SelfNamed,
        IReadOnlyList<NamedRef> Accounts,
        IReadOnlyList<NamedRef> Products,
        IReadOnlyList<string> Stages,
        IReadOnlyList<NamedRef> Teams,
        Ambiguity? Ambiguity,
        string? OutOfScope);

    private async Task<Names> NamesAsync(Workspace work, Viewer viewer, CancellationToken ct)
    {
        var people = new List<NamedRef>();
        var teamOf = new List<NamedRef>();
        var selfNamed = false;
        var accounts = new List<NamedRef>();
        var products = new List<NamedRef>();
        var stages = new List<string>();
        var teams = new List<NamedRef>();

        // People: matched against everyone, so a name outside the asker's reach is recognised and refused.
        var everyone = await names.AllRepsAsync(ct);
        // A rep sees only themself: no look-up (it would be a query on most turns, reps being many and caches per person).
        var visibleReps = viewer.Role is Organization.RepRole.Manager or Organization.RepRole.Admin
            ? (await names.TeamAsync(viewer, ct)).Names.Select(r => r.Id).Append(viewer.RepId).ToHashSet()
            : [viewer.RepId];
        for (var i = 0; i < 6; i++)
        {
            // No fuzzy pass over everyone's full names on every turn: misspelt first names are matched below, cheaply.
            var matches = EntityMatcher.FindAll(work.Text, everyone, allowFirstName: true, fuzzy: false, KeywordsOnly).Where(m => m.Score >= 88 && IsNameLike(m, work)).ToList();
            var best = EntityMatcher.Top(matches);
            if (best.Count == 0)
                break;
            var words = best[0].Matched;
            // "Lee vs Tom": two names of the same length are two people, not two readings of one name.
            best = best.Where(m => string.Equals(m.Matched, words, StringComparison.OrdinalIgnoreCase)).ToList();
            var visible = best.Where(m => visibleReps.Contains(m.Entity.Id)).ToList();
            if (visible.Count == 0)
                return Refused(words);
            if (visible.Count > 1 && visible.Any(v => v.Entity.Id == viewer.RepId) is false)
                return Ask("person", words, visible.Select(v => v.Entity).ToList());
            var person = visible.FirstOrDefault(v => v.Entity.Id == viewer.RepId)?.Entity ?? visible[0].Entity;
            var at = work.IndexOf(words);
            work.Consume(words);
            if (person.Id == viewer.RepId)
            {
                selfNamed = true;
                continue;
            }
            // "Marcus's team", "Marcus team": his subtree.
            if (at >= 0 && TeamAfter().Match(work.Lower, Math.Min(work.Lower.Length, at + words.Length)) is { Success: true } team)
            {
                if (team.Value.Contains("team", StringComparison.Ordinal) || team.Value.Contains("org", StringComparison.Ordinal))
                    work.Consume(team.Index, team.Length);
                teamOf.Add(person);
            }
            else if (!people.Any(p => p.Id == person.Id))
            {
                people.Add(person);
            }
        }

        // Sales teams by name ("Enterprise", "EMEA team").
        var teamIndex = await names.SalesTeamsAsync(ct);
        for (var i = 0; i < 4; i++)
        {
            // "revenue" is a keyword even where a team is called "Revenue Operations".
            var match = EntityMatcher.Find(work.Text, teamIndex).FirstOrDefault(m => m.Score >= 88 && IsNameLike(m, work) && !teams.Contains(m.Entity));
            if (match is null)
                break;
            // A team is shown whole or not at all: "the EMEA team" must not quietly mean the part of it one can see.
            var members = await data.TeamMembersAsync(viewer, match.Entity.Id, ct);
            if (members.Count == 0 || members.Count < await data.TeamSizeAsync(match.Entity.Id, ct))
                return Refused(match.Matched);
            teams.Add(match.Entity);
            work.Consume(match.Matched);
        }

        // Products before accounts: "GTX Pro" is a product even where an account shares a word with it.
        var productIndex = await names.ProductsAsync(ct);
        for (var i = 0; i < 5; i++)
        {
            var found = EntityMatcher.Find(work.Text, productIndex, allowFirstName: true).Where(m => IsNameLike(m, work)).ToList();
            found = found.Where(f => string.Equals(f.Matched, found.FirstOrDefault()?.Matched, StringComparison.OrdinalIgnoreCase)).ToList();
            if (found.Count == 0)
                break;
            if (found.Count > 1)
                return Ask("product", found[0].Matched, found.Select(f => f.Entity).ToList());
            products.Add(found[0].Entity);
            work.Consume(found[0].Matched);
        }

        // Accounts: every account is matched, then what the asker may see is checked on the few found.
        var accountIndex = await names.AccountsAsync(ct);
        for (var i = 0; i < 10; i++)
        {
            var all = EntityMatcher.FindAll(work.Text, accountIndex, keywordsOnly: KeywordsOnly).Where(m => IsNameLike(m, work)).Select(Shortened).ToList();
            if (all.Count == 0)
                break;
            var visibleIds = await data.VisibleAccountIdsAsync(viewer, all.Select(m => m.Entity.Id).ToList(), ct);
            var best = EntityMatcher.Top(all);
            var visible = EntityMatcher.Top(all.Where(m => visibleIds.Contains(m.Entity.Id)).ToList());
            visible = visible.Where(v => string.Equals(v.Matched, visible.FirstOrDefault()?.Matched, StringComparison.OrdinalIgnoreCase)).ToList();
            // "Wonka" is an account of its own the asker can't see: not "Wonka Systems", which they can.
            if (visible.Count == 0 || visible[0].Matched.Length < best[0].Matched.Length && best[0].Score == 100
                || best[0].Score == 100 && visible[0].Score < 100 && !visibleIds.Contains(best[0].Entity.Id))
                return Refused(Trimmed(best[0].Matched));
            if (visible.Count > 1)
                return Ask("account", visible[0].Matched, visible.Select(v => v.Entity).ToList());
            accounts.Add(visible[0].Entity);
            work.Consume(visible[0].Matched);
        }

        // Stages ("in Negotiation"); won and lost stages are deal sets, not filters.
        var stageIndex = await names.StagesAsync(ct);
        for (var i = 0; i < 4; i++)
        {
            var match = EntityMatcher.Find(work.Text, stageIndex).FirstOrDefault(m => m.Score == 100 || m.Score >= 88 && IsNameLike(m, work));
            if (match is null || WonOrLostStage().IsMatch(match.Entity.Name) || stages.Contains(match.Entity.Name))
                break;
            stages.Add(match.Entity.Name);
            work.Consume(match.Matched);
        }

        var nameWords = await names.ProtectedWordsAsync(ct);
        // A first name misspelt by a letter or two ("Zophia", "Bethanny"): the one person it can be, or nobody.
        foreach (Match m in WordPattern().Matches(work.Text))
        {
            // "Zofia's", "Zofias": the name without its possessive ending ("Thomas" keeps its s when it is a name).
            var word = m.Value.EndsWith("'s", StringComparison.Ordinal) ? m.Value[..^2]
                : m.Value.EndsWith('s') && m.Value.Length > 4 && !nameWords.Contains(m.Value.ToLowerInvariant()) && !Lexicon.IsKnownWord(m.Value.ToLowerInvariant()) ? m.Value[..^1]
                : m.Value;
            if (word.Length < 4 || Lexicon.IsKnownWord(word.ToLowerInvariant()) || nameWords.Contains(word.ToLowerInvariant())
                || !char.IsUpper(word[0]) && !PersonSlot().IsMatch(work.Text))
                continue;
            var lower = word.ToLowerInvariant();
            var allowed = lower.Length >= 6 ? 2 : 1;
            var fits = everyone.Names.Where(r => r.Name.Split(' ')[0].ToLowerInvariant() is var first && first != lower
                && Math.Abs(first.Length - lower.Length) <= allowed && Text.EditDistance.Capped(first, lower, allowed) <= allowed).ToList();
            if (fits.Count == 0 || fits.Select(f => f.Name.Split(' ')[0]).Distinct().Count() > 1)
                continue;
            var visible = fits.Where(f => visibleReps.Contains(f.Id)).ToList();
            if (visible.Count == 0)
                return Refused(word);
            if (visible.Count > 1)
                return Ask("person", word, visible);
            work.Consume(m.Index, m.Length);
            if (visible[0].Id == viewer.RepId)
                selfNamed = true;
            else if (!people.Any(p => p.Id == visible[0].Id))
                people.Add(visible[0]);
        }

        // A capitalised name that is none of the above: someone or something the asker has no record of.
        if (UnknownName(work) is { } unknown)
            return Refused(unknown);

        return new Names(people, teamOf, selfNamed, accounts, products, stages, teams, null, null);

        Names Refused(string words) => new([], [], false, [], [], [], [], null, Trimmed(words));
        Names Ask(string kind, string words, IReadOnlyList<NamedRef> options) => new([], [], false, [], [], [], [], new Ambiguity(kind, words, options), null);
    }

    /// <summary>"Blue Harbor" for "Blue Harbor Corp": the legal suffix makes it exact, but it fits every "Blue Harbor …".</summary>
    private static EntityMatch Shortened(EntityMatch m) =>
        m.Score == 100 && m.Matched.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < m.Entity.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length
            ? m with { Score = 88 }
            : m;

    /// <summary>The words of a name without the keywords around them ("Aperture as" → "Aperture").</summary>
    private static string Trimmed(string words)
    {
        var parts = words.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.All(char.IsLower) ? char.ToUpperInvariant(w[0]) + w[1..] : w).ToList();
        while (parts.Count > 1 && Lexicon.IsKnownWord(parts[^1].ToLowerInvariant()))
            parts.RemoveAt(parts.Count - 1);
        while (parts.Count > 1 && Lexicon.IsKnownWord(parts[0].ToLowerInvariant()))
            parts.RemoveAt(0);
        return string.Join(' ', parts);
    }

    /// <summary>A match made of keywords only ("open", "pipeline") is not a name, unless it is a whole name spelt exactly.</summary>
    private static bool IsNameLike(EntityMatch match, Workspace work)
    {
        var words = match.Matched.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!words.All(Lexicon.IsKnownWord))
            return true;
        // Keywords can still be a name when written with capitals mid-sentence ("Summit", "Horizon").
        return match.Score == 100 && char.IsUpper(match.Matched[0]) && work.IndexOf(match.Matched) > 0 && words.Length > 1;
    }

    // The same test IsNameLike starts with, for EntityMatcher to skip what IsNameLike would drop.
    private static bool KeywordsOnly(string words) =>
        words.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).All(Lexicon.IsKnownWord);

    private static string? UnknownName(Workspace work)
    {
        foreach (Match m in NamedAfterPreposition().Matches(work.Text))
        {
            var name = m.Groups["name"].Value.Trim();
            if (!NotNames().IsMatch(name) && !Lexicon.IsKnownWord(name.ToLowerInvariant()))
                return name;
        }
        // "Bob's pipeline", "how is bob doing", "what about Kim": a person's place in the sentence, whatever the case.
        foreach (var pattern in new[] { NamedPossessive(), PersonSlot() })
            foreach (Match m in pattern.Matches(work.Text))
            {
                var name = m.Groups["name"].Value;
                if (!NotNames().IsMatch(name) && !Lexicon.IsKnownWord(name.ToLowerInvariant()) && !Lexicon.IsKnownWord(Lexicon.Correct(name.ToLowerInvariant())))
                    return char.ToUpperInvariant(name[0]) + name[1..];
            }
        return null;
    }

    private async Task<bool> HasDealReferenceAsync(string text, string request, Viewer viewer, CancellationToken ct)
    {
        if (Phrasings.HasDealPronoun(request))
            return true;
        var all = EntityMatcher.FindAll(text, await names.AccountsAsync(ct));
        if (all.Count == 0)
            return false;
        var visible = await data.VisibleAccountIdsAsync(viewer, all.Select(m => m.Entity.Id).ToList(), ct);
        return all.Any(m => visible.Contains(m.Entity.Id));
    }

    // ---- text ----

    /// <summary>Corrects misspelt keywords in place, keeping capitals and punctuation ("Pipline" → "Pipeline").</summary>
    internal static string Correct(string text, IReadOnlySet<string> protectedWords) =>
        WordPattern().Replace(text, m =>
        {
            var word = m.Value;
            var lower = word.ToLowerInvariant();
            var fixedWord = Lexicon.Correct(lower, protectedWords);
            if (fixedWord == lower)
                return word;
            return char.IsUpper(word[0]) ? char.ToUpperInvariant(fixedWord[0]) + fixedWord[1..] : fixedWord;
        });

    internal static List<string> Tokens(string lower)
    {
        var tokens = new List<string>();
        foreach (Match m in TokenPattern().Matches(lower))
        {
            var token = m.Value.Trim('\'');
            if (token.EndsWith("'s", StringComparison.Ordinal) && token.Length > 2 && token != "what's" && token != "it's" && token != "who's" && token != "that's")
                token = token[..^2];
            if (token.Length > 0)
                tokens.Add(token);
        }
        return tokens;
    }

    private static int ParseNumber(string s) => s switch
    {
        "one" => 1, "two" => 2, "three" => 3, "four" => 4, "five" => 5, "six" => 6, "seven" => 7, "eight" => 8, "nine" => 9, "ten" => 10, "twenty" => 20,
        _ => int.TryParse(s, CultureInfo.InvariantCulture, out var n) ? n : 5,
    };

    /// <summary>The message being read, with the parts already understood blanked out.</summary>
    private sealed class Workspace(string text)
    {
        private readonly StringBuilder _text = new(text);

        public string Text => _text.ToString();
        public string Lower => Text.ToLowerInvariant();

        public int IndexOf(string words) => Text.IndexOf(words, StringComparison.OrdinalIgnoreCase);

        public void Consume(string words)
        {
            var index = IndexOf(words);
            if (index >= 0)
            {
                Consume(index, words.Length);
                return;
            }
            // Matched words are rebuilt without symbols ("Ember Oak" for "Ember & Oak"): blank from the first word
            // to the last.
            var parts = words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
                return;
            var start = IndexOf(parts[0]);
            var end = start < 0 ? -1 : Text.IndexOf(parts[^1], start, StringComparison.OrdinalIgnoreCase);
            if (start >= 0 && end >= start)
                Consume(start, end + parts[^1].Length - start);
        }

        public void Consume(Group group) => Consume(group.Index, group.Length);

        public void Consume(int index, int length)
        {
            for (var i = index; i < index + length && i < _text.Length; i++)
                _text[i] = ' ';
        }
    }

    [GeneratedRegex(@"[A-Za-z][A-Za-z']*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"(?:คุณ|พี่|น้อง|ของ)\s*")]
    private static partial Regex ThaiOwner();

    [GeneratedRegex(@"[a-z0-9$#][a-z0-9'%]*|%")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"\b(?:top|bottom|best|worst|biggest|largest|smallest|highest|lowest|first)\s+(?<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twenty)\b|\b(?<n2>\d{1,3}|two|three|four|five|ten)\s+(?:biggest|largest|top|best|worst|smallest|highest|lowest|largest)\b")]
    private static partial Regex RankNumber();

    [GeneratedRegex(@"\b(?:(?<which>first|1st|second|2nd|back|front|latter)\s+half|h(?<h>[12]))(?:\s+(?:of\s+)?(?:(?:the\s+)?(?<rel>this|last|previous|next)\s+(?:fiscal\s+)?year|(?:the\s+)?year|(?:fy\s*)?'?(?<y>20\d{2}|\d{2})\b))?")]
    private static partial Regex HalfPattern();

    [GeneratedRegex(@"\G\s*(?:'s\s*)?(?:'\s*)?(?:sub-?team|team|reps|people|direct reports|org)\b")]
    private static partial Regex TeamAfter();

    [GeneratedRegex(@"^\W*(compare|what|what's|whats|which|how|who|whose|when|where|did|do|does|is|are|was|were|have|has|can|could|will|would)\b")]
    private static partial Regex WholeQuestion();

    [GeneratedRegex(@"^\W*(and|what about|how about|what if|just|only|same|now|but|ok and|okay and|also|then)\b")]
    private static partial Regex RefineStart();

    [GeneratedRegex(@"\b(?:(?:vs\.?|versus|compared (?:to|with)|than|against)\s+(?:the\s+)?(?:same\s+(?:period|time|quarter|month)\s+|(?:q[1-4]|that|this quarter|this month)\s+(?:of\s+)?)?last year|year over year|year-over-year|yoy|same (?:period|time|quarter|month) last year)\b")]
    private static partial Regex SameTimeLastYear();

    [GeneratedRegex(@"\b(deals|opportunities|opps|pipeline|pipe|wins|losses|renewals|contracts)\b")]
    private static partial Regex DealNoun();

    [GeneratedRegex(@"\b(deals|opportunities|opps|wins|losses|ones)\b")]
    private static partial Regex PluralDeals();

    [GeneratedRegex(@"\b(deal|opportunity|opp|win|loss|one)\b")]
    private static partial Regex SingularDeal();

    [GeneratedRegex(@"\b(?:haven'?t|hasn'?t|have not|has not|not|no|isn'?t|aren'?t)\s+(?:been\s+)?(?:moved|moving|updated|touched|changed|progressed|activity|updates?)(?<spell>\s+(?:in|for)\s+(?:\d+\s+(?:days?|weeks?|months?)|a\s+(?:while|week|month|bit)|weeks|months|ages|a long time))?")]
    private static partial Regex StaleSpell();

    [GeneratedRegex(@"\b(?:compared (?:to|with)|vs\.?|versus|than|against)\s+(?:the\s+)?(?:quarter|month|period|year|week)\s+before\b")]
    private static partial Regex PeriodBefore();

    [GeneratedRegex(@"\b(?:vs\.?|versus|compare[ds]?|comparison|than|against|and|or|to|through|thru|until|till|from)\b|\bH[12]\b|[-–]")]
    private static partial Regex SecondPeriodCue();

    [GeneratedRegex(@"\b(?:the\s+)?(?<unit>quarter|month|year|week)\s+(?<dir>after|before)\s+(?:that|this|it)\b")]
    private static partial Regex StepFromThat();

    [GeneratedRegex(@"\b(?:day|week|month|quarter|year|today|yesterday)'s\b")]
    private static partial Regex PeriodPossessive();

    // Greedy on purpose: the lazy form of this pattern made the generated matcher throw IndexOutOfRangeException
    // (.NET 10 regex source generator) on "what did I win last quarter?".
    [GeneratedRegex(@"\bwhat\s+(?:(?:did|has|have|'ve|had)\s+)?(?:[a-z']+\s+){0,2}(?:win|won|close|closed|sell|sold|book|booked|bring|brought|land|landed|lose|lost|sign|signed)\b(?!\s+(?:won|lost)\b)")]
    private static partial Regex AmountQuestion();

    [GeneratedRegex(@"\b(deals?|opportunities|opps|wins|losses|anything|list|which|ones)\b")]
    private static partial Regex DealListWords();

    [GeneratedRegex(@"\bwhich\s+(?:one\s+)?of\b")]
    private static partial Regex WhichOf();

    [GeneratedRegex(@"\b(together|combined|between them|in total|altogether|added up)\b")]
    private static partial Regex Together();

    [GeneratedRegex(@"\b(?:products|accounts|customers|reps|sellers|people|stages|months|quarters|teams)\b")]
    private static partial Regex PluralGroup();

    [GeneratedRegex(@"\b(vs|versus|compared? (to|with)|against|than|relative to)\s*$")]
    private static partial Regex CompareWordBefore();

    [GeneratedRegex(@"\b(won|lost|closed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WonOrLostStage();

    [GeneratedRegex(@"\b(?<name>[A-Za-z][a-z]+)'s\b")]
    private static partial Regex NamedPossessive();

    [GeneratedRegex(@"(?i:\b(?:how(?:'s| is| are)|what about|how about|and what about)\s+)(?<name>[A-Za-z][a-z]+)(?=\s+(?:doing|tracking|pacing|performing|trending|looking)\b|\s*\??\s*$)")]
    private static partial Regex PersonSlot();

    [GeneratedRegex(@"\b(?:for|at|on|with|from|about|of|to)\s+(?<name>[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*)*)")]
    private static partial Regex NamedAfterPreposition();

    // Capitalised words that are not names: sentence starters, calendar words, forecast terms.
    [GeneratedRegex(@"^(What|Who|It|That|Where|Here|There|Let|How|I|Me|My|The|This|Last|Next|Q[1-4].*|H[12].*|FY.*|YTD|QTD|MTD|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Tomorrow|Yesterday|Commit|Best|Pipeline|Renewals?|Upsell|New|USD|EUR|GBP|CRM|AeBot|Team|Quota|Forecast|Won|Lost|Open|Closed|All|Any|Each|Every|Our|We|Us|You|Your)(\s.*)?$")]
    private static partial Regex NotNames();
}
