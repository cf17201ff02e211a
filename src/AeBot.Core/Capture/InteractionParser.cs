using System.Text.RegularExpressions;
using AeBot.Core.Interactions;
using AeBot.Core.Playbook;
using AeBot.Core.Understanding;
using AeBot.Core.Work;

namespace AeBot.Core.Capture;

/// <summary>The parts of a one-sentence log entry, before names are matched against the data.</summary>
/// <param name="OccurredOn">The day it happened when the note says ("today", "yesterday", "this morning"); null when it doesn't.</param>
public sealed record ParsedInteraction(
    InteractionType? Type,
    IReadOnlyList<string> ContactNames,
    string? Summary,
    IReadOnlyList<ObjectionNote> Objections,
    string? NextStep,
    DateOnly? NextStepDue,
    DateOnly? OccurredOn);

/// <summary>
/// Reads what a rep typed after a call — "Logged a call with Dana and Lee at Acme — pushback on price, next step
/// revised quote by Friday", a terse "call w/ acme - pricing pushback - f/u fri", or a pasted recap with bullets and
/// "Next steps:" — into the kind of interaction, who was there, what happened, the objections raised and the next
/// step with its due date. The note is cut into clauses (lines, bullets, sentences, semicolons, dashes, colons);
/// labels ("Next steps:", "Attendees:", "Concerns:") say what the clauses under them are; the opening clause names
/// the interaction, the people and the account; every other clause is what happened. Nothing is dropped: what is
/// not a contact, the account, a date or the next step goes into the summary. The account is found separately (by
/// <see cref="AccountFinder.FindAccountsAsync"/>), so its words are passed in to keep them out of the contacts.
/// </summary>
public static partial class InteractionParser
{
    /// <summary>Reads a whole log entry, its opening words included.</summary>
    public static ParsedInteraction Parse(string text, DateTime localNow, ObjectionPlaybook playbook, string? accountWords) =>
        IsThai(text, accountWords) ? ReadThai(text, localNow, playbook, accountWords, head: true)
        : new NoteReader(localNow, playbook, accountWords, head: true).Read(text);

    /// <summary>Reads the answer to "what happened?": all of it is content, objections and next steps.</summary>
    public static ParsedInteraction ParseDetails(string text, DateTime localNow, ObjectionPlaybook playbook, string? accountWords) =>
        IsThai(text, accountWords) ? ReadThai(text, localNow, playbook, accountWords, head: false)
        : new NoteReader(localNow, playbook, accountWords, head: false).Read(text);

    /// <summary>The interaction type a word names ("call", "met", "emailed", "caled", "โทร", "ประชุม"), if any.</summary>
    public static InteractionType? TypeOf(string text) => (IsThai(text, null) ? ThaiTypeOf(text) : null) ?? TypeIn(Tidy(text), fuzzy: true);

    internal static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private enum Section { None, Steps, Objections, Contacts }

    /// <summary>A piece of the note: its text, which line it is on, and whether it ended with a colon (a label).</summary>
    private sealed record Clause(string Text, int Line, bool Label, bool FirstOnLine, bool LastOnLine);

    private sealed class NoteReader(DateTime localNow, ObjectionPlaybook playbook, string? accountWords, bool head)
    {
        private readonly DateOnly _today = DateOnly.FromDateTime(localNow);
        private readonly Regex? _account = AccountPattern(accountWords);
        private readonly List<string> _contacts = [];
        private readonly List<(string Text, bool Objection)> _content = [];
        private readonly List<string> _steps = [];
        private InteractionType? _type;
        private bool _noted;
        private bool _typeDecided;
        private DateOnly? _occurred;

        public ParsedInteraction Read(string text)
        {
            var section = Section.None;
            var sectionLine = -1;
            var sectionRestOfLine = false;
            string? carry = null;
            var expectNames = false;
            var index = 0;

            void StartSection(Section kind, Clause at) => (section, sectionLine, sectionRestOfLine) = (kind, at.Line, !at.LastOnLine);

            foreach (var clause in Clauses(Tidy(text)))
            {
                if (clause is null)
                {
                    // A blank line ends a section that ran over several lines.
                    if (!sectionRestOfLine)
                        section = Section.None;
                    FlushCarry(ref carry);
                    expectNames = false;
                    continue;
                }
                if (sectionRestOfLine && clause.Line != sectionLine)
                    (section, sectionRestOfLine) = (Section.None, false);
                var body = clause.Text;
                if (clause.Label || BareLabel().IsMatch(body))
                {
                    FlushCarry(ref carry);
                    var kind = LabelKind(body);
                    if (kind is not null)
                    {
                        StartSection(kind.Value, clause);
                        // "Concerns: price" keeps its label in the summary; "Next steps:" and "Attendees:" only sort.
                        if (kind == Section.Objections)
                            carry = body + ": ";
                        continue;
                    }
                    if (GenericLabel().IsMatch(body))
                    {
                        _noted |= index == 0 && body.StartsWith("note", StringComparison.OrdinalIgnoreCase);
                        section = Section.None;
                        continue;
                    }
                    // "had a call with Acme, concerns about the competitor, action item: reference call by Dec 10"
                    var (lead, cued, bare) = SplitStep(body, clauseStart: index > 0 || !head);
                    if (cued is not null && bare)
                    {
                        if (lead.Length > 0)
                            index = Take(lead, clause, index, ref expectNames, ref carry);
                        StartSection(Section.Steps, clause);
                        continue;
                    }
                    if (head && IsIntro(body, index))
                    {
                        Intro(body);
                        index++;
                        section = Section.None;
                        expectNames = true;
                        continue;
                    }
                    if (PersonName(body) is { } person)
                        AddContact(person);
                    carry = body + ": ";
                    continue;
                }

                if (section == Section.Steps)
                {
                    _steps.Add(body);
                    continue;
                }
                if (section == Section.Contacts)
                {
                    if (!AddNameList(body))
                        _content.Add((body, false));
                    continue;
                }
                if (carry is not null)
                {
                    // "3 people from their side: Peter, Samir, Michael B."
                    if (IsNameList(body))
                        AddNameList(body);
                    (body, carry) = (carry + body, null);
                }
                if (section == Section.Objections)
                {
                    _content.Add((body, true));
                    continue;
                }

                var (before, step, stepIsBare) = SplitStep(body, clauseStart: index > 0 || !head);
                if (step is not null && stepIsBare)
                    StartSection(Section.Steps, clause);
                else if (step is not null)
                    _steps.Add(step);
                if (before.Length > 0)
                    index = Take(before, clause, index, ref expectNames, ref carry);
            }
            FlushCarry(ref carry);

            var objections = _content.SelectMany(c => Objections(c.Text, c.Objection, playbook)).ToList();
            var summary = _content.Count == 0 ? null : Capitalise(string.Join("; ", _content.Select(c => c.Text.Trim(' ', ',', ';', '-'))));
            var (nextStep, due) = NextStep();
            return new ParsedInteraction(_type ?? (_noted ? InteractionType.Note : null), Contacts(), string.IsNullOrWhiteSpace(summary) ? null : summary,
                objections, nextStep, due, _occurred);
        }

        /// <summary>A clause that is not a label or under one: the opening words, a list of names, or what happened.</summary>
        private int Take(string text, Clause clause, int index, ref bool expectNames, ref string? carry)
        {
            if (head && IsIntro(text, index))
            {
                Intro(text);
                expectNames = true;
                return index + 1;
            }
            // "— Peter Gibbons and Samir", "Eldon — supportive": a clause that is only names, after the opening words or
            // at the start of its line, says who was there.
            if ((expectNames || clause.FirstOnLine && !clause.LastOnLine) && IsNameList(text))
            {
                AddNameList(text);
                if (Annotated().IsMatch(text))
                    _content.Add((text, false));
                else if (clause.FirstOnLine && !clause.LastOnLine)
                    carry = text + ": ";
                return index + 1;
            }
            expectNames = false;
            SpeakerContacts(text);
            _content.Add((text, false));
            return index + 1;
        }

        private void FlushCarry(ref string? carry)
        {
            if (carry is not null && !GenericLabel().IsMatch(carry.TrimEnd(' ', ':')))
                _content.Add((carry.TrimEnd(' ', ':'), false));
            carry = null;
        }

        /// <summary>The opening words: "Logged a call with Dana and Lee at Acme today", "acme call", "Per my call with Gilfoyle…".</summary>
        private static bool IsIntro(string text, int index) =>
            index < 4 && (index == 0 || LogVerbStart().IsMatch(text) || TypeIn(string.Join(' ', WordsOf(text).Take(5)), fuzzy: true) is not null);

        private void Intro(string text)
        {
            var lower = !TitleWord().IsMatch(text.Length > 1 ? text[1..] : "");
            // The first opening clause that names a kind decides it: "Logged a note for Acme: renewal kickoff…" is a note.
            if (!_typeDecided && TypeIn(text, fuzzy: true) is { } type)
            {
                (_type, _typeDecided) = (type == InteractionType.Note ? null : type, true);
                _noted |= type == InteractionType.Note;
            }

            var spans = new List<(int Start, int Length)>();
            foreach (Match when in When().Matches(text))
            {
                _occurred ??= when.Groups["yesterday"].Success ? _today.AddDays(-1) : _today;
                spans.Add((when.Index, when.Length));
            }
            var accounts = _account is null ? [] : _account.Matches(text).Select(m => (Start: m.Index, m.Length)).ToList();
            spans.AddRange(accounts);
            foreach (var (name, start, length) in NamesIn(text, lower, spans))
            {
                AddContact(name);
                spans.Add((start, length));
            }
            // "at Acme", "w/ Soylent", "@ massive": the account's preposition goes with it.
            foreach (var (start, _) in accounts)
                if (PrepositionBefore().Match(text[..start]) is { Success: true } preposition)
                    spans.Add((preposition.Index, start - preposition.Index));

            var residual = Residual(text, spans);
            // "had a call with Acme, concerns about the competitor": what follows the opening words is content.
            var parts = residual.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .SkipWhile(p => WordsOf(p).All(IsFiller)).ToList();
            if (parts.Count > 0)
            {
                var content = string.Join(", ", parts);
                SpeakerContacts(content);
                _content.Add((content, false));
            }
        }

        /// <summary>
        /// Splits "pushback on price, next step revised quote by Friday" at its next-step cue. A cue with nothing after
        /// it ("action item:", "NS -") is bare: the clauses after it are the steps.
        /// </summary>
        private (string Before, string? Step, bool Bare) SplitStep(string text, bool clauseStart)
        {
            // "send revised terms by Dec 4", "…, try again tmrw": an order with a date is a step too.
            foreach (Match part in CommaPart().Matches(text))
            {
                var at = part.Index + part.Length - 1;
                if (at == 0 && !clauseStart)
                    continue;
                var rest = text[at..];
                if (Imperative().IsMatch(rest) && !TypeNoun().IsMatch(rest) && Due(rest, localNow) is not null)
                    return (text[..at].TrimEnd(' ', ','), rest, false);
            }
            foreach (Match m in StepCue().Matches(text))
            {
                var before = text[..m.Index].TrimEnd(' ', ',', ';', '-');
                if (NegatedCue().IsMatch(before))
                    continue;
                var rest = text[(m.Index + m.Length)..].Trim();
                if (m.Groups["verb"].Success)
                    return (before, m.Groups["verb"].Value + (rest.Length > 0 ? " " + rest : ""), false);
                return rest.Length > 0 ? (before, rest, false) : (before, "", true);
            }
            return (text, null, false);
        }

        private (string? Title, DateOnly? Due) NextStep()
        {
            if (_steps.Count == 0)
                return (null, null);
            DateOnly? due = null;
            var titles = new List<string>();
            foreach (var raw in _steps)
            {
                var step = FirstPerson().Replace(raw.Trim(), "");
                if (Due(step, localNow) is { } moment)
                {
                    due ??= moment.Date;
                    step = WithoutDate(step, moment.Matched);
                }
                step = step.Trim(' ', ',', '.', ';', ':', '-', '–');
                if (step.Length > 0)
                    titles.Add(step);
            }
            var title = titles.Count == 0 ? "Follow up" : Capitalise(string.Join("; ", titles));
            return (title.Equals("follow up", StringComparison.OrdinalIgnoreCase) ? "Follow up" : title, due);
        }

        private void AddContact(string name)
        {
            if (!_contacts.Contains(name, StringComparer.OrdinalIgnoreCase))
                _contacts.Add(name);
        }

        /// <summary>The contacts, without a first name said again for someone already named in full ("Peter" after "Peter Gibbons").</summary>
        private List<string> Contacts() =>
            _contacts.Where(c => c.Contains(' ') || !_contacts.Any(o => o.Contains(' ') && o.StartsWith(c + " ", StringComparison.OrdinalIgnoreCase))).ToList();

        private bool AddNameList(string text)
        {
            var lower = !TitleWord().IsMatch(text);
            var names = NamesIn("with " + text, lower, []).ToList();
            foreach (var (name, _, _) in names)
                AddContact(name);
            return names.Count > 0;
        }

        private bool IsNameList(string text)
        {
            var spans = new List<(int Start, int Length)>();
            var probe = "with " + text;
            if (_account is not null)
                foreach (Match account in _account.Matches(probe))
                    spans.Add((account.Index, account.Length));
            var names = NamesIn(probe, lower: false, spans).ToList();
            spans.AddRange(names.Select(n => (n.Start, n.Length)));
            return names.Count > 0 && WordsOf(Residual(probe, spans)).All(w => IsFiller(w) || RoleWord().IsMatch(w));
        }

        private void SpeakerContacts(string text)
        {
            foreach (Match m in Speaker().Matches(text))
                if (PersonName(m.Groups["name"].Value) is { } name && (_account is null || !_account.IsMatch(name)))
                    AddContact(name);
        }
    }
}
