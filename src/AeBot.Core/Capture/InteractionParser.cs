using System.Text.RegularExpressions;
using AeBot.Core.Interactions;
using AeBot.Core.Playbook;
using AeBot.Core.Understanding;

namespace AeBot.Core.Capture;

/// <summary>The parts of a one-sentence log entry, before names are matched against the data.</summary>
public sealed record ParsedInteraction(
    InteractionType? Type,
    IReadOnlyList<string> ContactNames,
    string? Summary,
    IReadOnlyList<ObjectionNote> Objections,
    string? NextStep,
    DateOnly? NextStepDue,
    bool Yesterday);

/// <summary>
/// Reads "Logged a call with Dana and Lee at Acme — pushback on price, next step revised quote by Friday": the
/// kind of interaction, who was there, what happened, the objections raised and the next step with its due date.
/// The account is found separately (by <see cref="AccountFinder.FindAccountsAsync"/>), so its name is passed in to
/// keep it out of the contacts.
/// </summary>
public static partial class InteractionParser
{
    public static ParsedInteraction Parse(string text, DateTime localNow, ObjectionPlaybook playbook, string? accountWords)
    {
        var type = TypeOf(text);
        var clauses = Clauses().Split(text).Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        var head = clauses.Count > 0 ? clauses[0] : text;

        // "…, next step revised quote by Friday" may share a clause with what came before it.
        string? nextStep = null;
        DateOnly? due = null;
        var rest = new List<string>();
        foreach (var clause in clauses.Skip(1).Prepend(head).Select((c, i) => (c, i)))
        {
            var m = NextStepCue().Match(clause.c);
            if (!m.Success)
            {
                if (clause.i > 0)
                    rest.Add(clause.c);
                continue;
            }
            var before = clause.c[..m.Index].Trim(' ', ',', ';');
            if (clause.i > 0 && before.Length > 0)
                rest.Add(before);
            var step = clause.c[(m.Index + m.Length)..].Trim(' ', ':', '-', '.', ',');
            if (MomentParser.Find(step, localNow) is { } moment)
            {
                due = moment.Date;
                step = RemoveWords(step, moment.Matched, ["by", "on", "before", "for", "due"]);
            }
            // "follow up in 3 days": the cue is the step.
            nextStep = step.Length > 0 ? Capitalise(step) : m.Value.Trim().StartsWith("follow", StringComparison.OrdinalIgnoreCase) ? "Follow up" : null;
            if (clause.i == 0)
                head = before;
        }

        // "had a call with Acme, concerns about the competitor": what follows the opening words is content, but
        // "with Dana, Lee and Sam" is a list of names — a part that starts in lower case is content.
        var headParts = head.Split(',', StringSplitOptions.TrimEntries);
        var firstContent = Array.FindIndex(headParts, 1, p => p.Length > 0 && char.IsLower(p[0]) && !p.StartsWith("and ", StringComparison.Ordinal));
        if (firstContent > 0)
        {
            rest.InsertRange(0, headParts[firstContent..].Where(p => p.Length > 0));
            head = string.Join(", ", headParts[..firstContent]);
        }
        var contacts = Contacts(head, accountWords);
        var objections = new List<ObjectionNote>();
        var summaryParts = new List<string>();
        foreach (var part in rest.SelectMany(r => r.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            summaryParts.Add(part);
            var cue = ObjectionCue().Match(part);
            var topic = playbook.Match(part);
            if (cue.Success || topic is not null)
                objections.Add(new ObjectionNote(Capitalise((cue.Success ? part[(cue.Index + cue.Length)..] : part).Trim(' ', ':', '-', '.')) is { Length: > 0 } o ? o : Capitalise(part), topic?.Topic));
        }
        var summary = summaryParts.Count > 0 ? Capitalise(string.Join(", ", summaryParts)) : null;
        return new ParsedInteraction(type, contacts, summary, objections, nextStep, due, YesterdayCue().IsMatch(head));
    }

    /// <summary>The interaction type a word names ("call", "met", "emailed"), if any.</summary>
    public static InteractionType? TypeOf(string text)
    {
        var lower = text.ToLowerInvariant();
        var m = TypeWord().Match(lower);
        if (!m.Success)
            return null;
        return m.Groups["call"].Success ? InteractionType.Call
            : m.Groups["meeting"].Success ? InteractionType.Meeting
            : m.Groups["email"].Success ? InteractionType.Email
            : InteractionType.Note;
    }

    /// <summary>Names after "with" in the opening clause, up to the account: "with Dana and Lee at Acme" → Dana, Lee.</summary>
    private static List<string> Contacts(string head, string? accountWords)
    {
        var m = WithNames().Match(head);
        if (!m.Success)
            return [];
        var names = new List<string>();
        foreach (var raw in NameSeparator().Split(m.Groups["names"].Value))
        {
            var name = raw.Trim(' ', '.', ';');
            if (name.Length == 0 || accountWords is not null && name.Equals(accountWords, StringComparison.OrdinalIgnoreCase))
                continue;
            // People are written with capitals; "the team", "them", "procurement" are not contacts.
            if (!char.IsUpper(name[0]) || NotPeople().IsMatch(name))
                continue;
            names.Add(name);
        }
        return names;
    }

    private static string RemoveWords(string text, string matched, string[] leading)
    {
        var index = text.IndexOf(matched, StringComparison.OrdinalIgnoreCase);
        if (index < 0)
            return text.Trim();
        var before = text[..index].TrimEnd();
        foreach (var word in leading)
            if (before.EndsWith(" " + word, StringComparison.OrdinalIgnoreCase) || before.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                before = before[..^word.Length].TrimEnd();
                break;
            }
        return (before + " " + text[(index + matched.Length)..]).Trim(' ', ',', '.');
    }

    internal static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    [GeneratedRegex(@"\s+[—–-]\s+|\s*[—–;]\s*|\.\s+|\n")]
    private static partial Regex Clauses();

    [GeneratedRegex(@"\b(?:next steps?|follow[- ]?up|action items?|to ?do|ns)\b\s*(?:is|are|will be|:|-|=)?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex NextStepCue();

    [GeneratedRegex(@"^(?:(?:big\s+|some\s+|strong\s+|a lot of\s+)?(?:pushback|push back|pushed back|objections?|concerns?|concerned|worried|worries|hesitant|hesitation|issue|issues|problem|problems|blocker|blockers|risk)(?:\s+(?:on|about|over|with|around|re|regarding|that))?\b\s*:?\s*|(?:they|he|she|customer|client|prospect)\s+(?:said|says|think|thinks|feel|feels)\s+)", RegexOptions.IgnoreCase)]
    private static partial Regex ObjectionCue();

    [GeneratedRegex(@"\b(?<call>call|called|calls|phone|phoned|rang|ring|voicemail|dialed|dialled)\b|\b(?<meeting>meeting|met|meet|demo|lunch|coffee|visit|visited|onsite|on-site|workshop|presentation|presented|zoom|teams call)\b|\b(?<email>email|e-mail|emailed|e-mailed|mailed|wrote to)\b|\b(?<note>note|notes)\b")]
    private static partial Regex TypeWord();

    [GeneratedRegex(@"\b(?:with|emailed|e-mailed|called|phoned|rang|pinged|texted|met(?!\s+with))\s+(?<names>.+?)(?=\s+(?:at|from|of|@|about|re|regarding|on|for|to|yesterday|today|this)\b|,|$)")]
    private static partial Regex WithNames();

    [GeneratedRegex(@"\s*(?:,|&|\band\b|\+)\s*")]
    private static partial Regex NameSeparator();

    [GeneratedRegex(@"^(The|Their|Them|They|Our|My|A|An|Procurement|Legal|Finance|IT|Team|Everyone|Someone|CFO|CEO|CTO|VP)\b")]
    private static partial Regex NotPeople();

    [GeneratedRegex(@"\byesterday\b", RegexOptions.IgnoreCase)]
    private static partial Regex YesterdayCue();
}
