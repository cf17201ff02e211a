using System.Globalization;
using System.Text.RegularExpressions;
using AeBot.Core.Interactions;
using AeBot.Core.Text;
using AeBot.Core.Understanding;

namespace AeBot.Core.Capture;

// How a note is cut into clauses, and the words that say who, when, what kind and what next.
public static partial class InteractionParser
{
    /// <summary>One spelling for what phones and mail clients vary: quotes, line ends, "w/", "f/u", "→".</summary>
    private static string Tidy(string text)
    {
        var t = text.Replace('’', '\'').Replace('‘', '\'').Replace('ʼ', '\'').Replace('“', '"').Replace('”', '"')
            .Replace('\u00A0', ' ').Replace('\t', ' ').Replace("\r\n", "\n").Replace('\r', '\n');
        t = WithSlash().Replace(t, "with ");
        t = LoneW().Replace(t, "with");
        t = FollowUpShort().Replace(t, "follow up");
        t = MidLineRe().Replace(t, "re ");
        return Arrow().Replace(t, ": ");
    }

    /// <summary>The note's clauses in order; null marks a blank line. E-mail headers, greetings and signatures are left out.</summary>
    private static List<Clause?> Clauses(string text)
    {
        var lines = text.Split('\n');
        var lastFilled = Array.FindLastIndex(lines, l => l.Trim().Length > 0);
        var result = new List<Clause?>();
        var closing = false;
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0)
            {
                result.Add(null);
                continue;
            }
            if (SignatureRule().IsMatch(line))
                break;
            line = Bullet().Replace(QuoteMarker().Replace(line, ""), "").Trim();
            if (line.Length == 0 || Header().IsMatch(line) || Forwarded().IsMatch(line))
                continue;
            line = Subject().Replace(line, "").Trim();
            if (closing && SignatureName().IsMatch(line))
                continue;
            closing = Closing().IsMatch(line);
            if (closing || Greeting().IsMatch(line))
                continue;
            // "…\n\nDana": a name alone at the end, after a blank line, is who wrote it.
            if (n == lastFilled && n > 0 && lines[n - 1].Trim().Length == 0 && SignatureName().IsMatch(line))
                continue;
            var pieces = Pieces(line).Where(p => !Salutation().IsMatch(p.Text)).ToList();
            for (var i = 0; i < pieces.Count; i++)
                result.Add(new Clause(pieces[i].Text, n, pieces[i].Label, i == 0, i == pieces.Count - 1));
        }
        return result;
    }

    private static List<(string Text, bool Label)> Pieces(string line)
    {
        var result = new List<(string, bool)>();
        foreach (var numbered in InlineNumber().Split(line))
            foreach (var sentence in Sentences(numbered))
                foreach (var part in Breaks().Split(sentence))
                {
                    var rest = part;
                    while (LabelColon().Match(rest) is { Success: true } colon)
                    {
                        var label = TrimClause(rest[..colon.Index]);
                        if (label.Length > 0)
                            result.Add((label, true));
                        rest = rest[(colon.Index + 1)..];
                    }
                    if (TrimClause(rest) is { Length: > 0 } clause)
                        result.Add((clause, false));
                }
        return result;
    }

    /// <summary>Sentences, not broken after "Dec." or "Michael B.".</summary>
    private static List<string> Sentences(string text)
    {
        var parts = new List<string>();
        var start = 0;
        foreach (Match m in SentenceBreak().Matches(text))
        {
            var before = text[start..m.Index];
            if (text[m.Index] == '.' && LastWord().Match(before) is { Success: true } last && (last.Value.Length == 1 || Abbreviations.Contains(last.Value.ToLowerInvariant())))
                continue;
            parts.Add(before);
            start = m.Index + m.Length;
        }
        parts.Add(text[start..]);
        return parts;
    }

    private static string TrimClause(string text)
    {
        var t = text.Trim().TrimStart('.', ',', '!', '?', ';', ' ').TrimEnd(',', '!', '?', ';', ' ');
        // "Peter, Samir, Michael B." keeps the initial's full stop.
        return (InitialAtEnd().IsMatch(t) ? t : t.TrimEnd('.', ' ')).Trim();
    }

    private static IEnumerable<string> WordsOf(string text) => WordPattern().Matches(text).Select(m => m.Value);

    /// <summary>Words that only open a note ("logged a quick call with"); anything else is something that happened.</summary>
    private static bool IsFiller(string word)
    {
        var w = word.ToLowerInvariant().Trim('\'');
        return Filler.Contains(w) || !ContentTypeWords.Contains(w) && TypeIn(w, fuzzy: true) is not null;
    }

    /// <summary>The first kind of interaction named, preferring a call, meeting or e-mail over "notes".</summary>
    private static InteractionType? TypeIn(string text, bool fuzzy)
    {
        var words = WordsOf(text.ToLowerInvariant()).ToList();
        var noted = false;
        for (var i = 0; i < words.Count; i++)
        {
            var type = i + 1 < words.Count && TypeWords.TryGetValue(words[i] + " " + words[i + 1], out var pair) ? pair
                : TypeWords.TryGetValue(words[i], out var single) ? single
                : fuzzy && words[i].Length >= 5 ? FuzzyType(words[i]) : (InteractionType?)null;
            if (type == InteractionType.Note)
                noted = true;
            else if (type is not null)
                return type;
        }
        return noted ? InteractionType.Note : null;
    }

    /// <summary>"caled", "meting", "emial": one slip from a verb or noun that names the kind.</summary>
    private static InteractionType? FuzzyType(string word)
    {
        if (CommonWords.Contains(word))
            return null;
        foreach (var (target, type) in FuzzyTargets)
            if (EditDistance.Within(word, target, 1))
                return type;
        return null;
    }

    private static Regex? AccountPattern(string? words)
    {
        // The account finder's words may carry the punctuation next to them ("Brightpath Labs —"); the name is the words.
        var parts = (words ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Any(char.IsLetterOrDigit)).ToList();
        if (parts.Count == 0)
            return null;
        var name = string.Join(@"\s+", parts.Select(Regex.Escape));
        return new Regex(@"\(?(?<![\p{L}\p{N}])" + name + @"(?:'s|s')?(?![\p{L}\p{N}])\)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    /// <summary>
    /// The people in the opening words: after "with", "to", "from", "for" or "called" ("with Dana and Lee at Acme",
    /// "with Sam, Priya & Tom", "to Jim Halpert", "vm for raj"), and in brackets ("Acme (Dana, Lee)"). In a note
    /// written in lower case, names are the words that are not ordinary words ("with mike at acme").
    /// </summary>
    private static IEnumerable<(string Name, int Start, int Length)> NamesIn(string text, bool lower, IReadOnlyList<(int Start, int Length)> skip)
    {
        var tokens = TokenPattern().Matches(text).Select(m => (Text: m.Value, m.Index, m.Length, Skip: skip.Any(s => m.Index >= s.Start && m.Index < s.Start + s.Length))).ToList();
        var found = new List<(string, int, int)>();
        var i = 0;
        while (i < tokens.Count)
        {
            var word = tokens[i].Text.ToLowerInvariant();
            var opens = word == "(" || (NameIntro.Contains(word) || word.Length >= 5 && FuzzyType(word) is not null && word.EndsWith('d'))
                && !(word == "met" && i + 1 < tokens.Count && tokens[i + 1].Text.Equals("with", StringComparison.OrdinalIgnoreCase));
            // "Per my call with Gilfoyle, they're comparing us to Splunk": after the opening words, no more names.
            if (word == "," && !(i + 1 < tokens.Count && LogVerbStart().IsMatch(tokens[i + 1].Text)))
                break;
            if (tokens[i].Skip || !opens)
            {
                i++;
                continue;
            }
            var inBrackets = word == "(";
            var j = i + 1;
            var names = new List<(string, int, int)>();
            // Whether only names (and separators) came since the opening word: then their span takes those in too.
            var afterName = true;
            while (j < tokens.Count)
            {
                while (j < tokens.Count && (tokens[j].Skip || tokens[j].Text is "'s"))
                {
                    j++;
                    afterName = false;
                }
                if (j >= tokens.Count)
                    break;
                // A role ("their CFO", "IT") is no one's name, but the list goes on after it.
                var k = j;
                if (Determiners.Contains(tokens[k].Text.ToLowerInvariant()) && k + 1 < tokens.Count && RoleWord().IsMatch(tokens[k + 1].Text))
                    k += 2;
                else if (RoleWord().IsMatch(tokens[k].Text) && !Determiners.Contains(tokens[k].Text.ToLowerInvariant()))
                    k++;
                if (k > j)
                {
                    j = k;
                    afterName = false;
                }
                else
                {
                    var max = lower ? 2 : 3;
                    while (k < tokens.Count && k - j < max && !tokens[k].Skip && IsNameToken(tokens[k].Text, lower))
                        k++;
                    if (k == j)
                        break;
                    var name = string.Join(' ', tokens.Skip(j).Take(k - j).Select(t => lower ? Capitalise(t.Text) : t.Text));
                    // The span runs back to the list's opening preposition or the previous name, separators included.
                    var from = afterName && names.Count > 0 ? names[^1].Item2 + names[^1].Item3
                        : afterName && Prepositions.Contains(word) ? tokens[i].Index : tokens[j].Index;
                    names.Add((name, from, tokens[k - 1].Index + tokens[k - 1].Length - from));
                    afterName = true;
                    j = k;
                    // "Charlie Bucket (buyer)": what is in brackets after a name is about that person.
                    if (!inBrackets && j < tokens.Count && tokens[j].Text == "(")
                    {
                        var close = tokens.FindIndex(j, t => t.Text == ")");
                        if (close > j && close - j <= 4)
                            j = close + 1;
                    }
                }
                var separated = false;
                while (j < tokens.Count && Separators.Contains(tokens[j].Text.ToLowerInvariant()))
                {
                    separated = true;
                    j++;
                }
                if (!separated)
                    break;
            }
            if (inBrackets && !(j < tokens.Count && tokens[j].Text == ")"))
                names.Clear(); // "(list is 20% above their budget)": not a list of people
            found.AddRange(names);
            i = Math.Max(j, i + 1);
        }
        return found;
    }

    private static bool IsNameToken(string token, bool lower)
    {
        var w = token.ToLowerInvariant();
        if (NotPeople.Contains(w) || TypeWords.ContainsKey(w) || Calendar.Contains(w))
            return false;
        if (lower)
            return LowerName().IsMatch(token) && !CommonWords.Contains(w) && FuzzyType(w) is null;
        // "Michael B." is a name; "CFO", "GTX" and "IT" are not.
        return Initial().IsMatch(token) || CapitalName().IsMatch(token) && !(token.Length > 1 && token.All(c => !char.IsLetter(c) || char.IsUpper(c)));
    }

    /// <summary>A person's name standing alone ("Eldon", "Norman Osborn"), as opposed to a word that starts a sentence.</summary>
    private static string? PersonName(string text)
    {
        var words = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is 0 or > 3 || words.Any(w => !IsNameToken(w, lower: false) || CommonWords.Contains(w.ToLowerInvariant())) ? null : string.Join(' ', words);
    }

    /// <summary>What is left of the opening words once people, the account and "today" are taken out.</summary>
    private static string Residual(string text, IEnumerable<(int Start, int Length)> spans)
    {
        var chars = text.ToCharArray();
        foreach (var (start, length) in spans)
            for (var i = start; i < start + length && i < chars.Length; i++)
                chars[i] = '\u0001';
        var t = new string(chars).Replace("\u0001", " ");
        t = RepeatedSeparators().Replace(t, ", ");
        t = EmptyBrackets().Replace(t, " ");
        t = BracketEdge().Replace(t, m => m.Value.Contains('(') ? "(" : ")");
        t = LoneAt().Replace(t, " ");
        for (var pass = 0; pass < 3; pass++)
            t = DanglingPreposition().Replace(t, " ");
        t = Spaces().Replace(t, " ");
        t = LeadingJoiners().Replace(t, "");
        t = TrailingJoiners().Replace(t, "");
        return t.Trim(' ', ',', ';', ':', '-', '&', '+', '/', '@');
    }

    /// <summary>
    /// The due date of a next step: after "by", "due", "on" when there is one ("a proposal timed for their March
    /// renewal by 12/15"), otherwise the first date said — never a bare year or a length of time ("a 30 min demo").
    /// </summary>
    private static Moment? Due(string text, DateTime localNow)
    {
        var anchors = DueAnchor().Matches(text);
        for (var i = anchors.Count - 1; i >= 0; i--)
            if (MomentParser.Find(text[anchors[i].Index..], localNow) is { } anchored && Plausible(anchored))
                return anchored;
        var rest = text;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var moment = MomentParser.Find(rest, localNow);
            if (moment is null)
                return null;
            if (Plausible(moment))
                return moment;
            var at = rest.IndexOf(moment.Matched, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
                return null;
            rest = rest.Remove(at, moment.Matched.Length);
        }
        return null;
    }

    private static bool Plausible(Moment moment) => !NotADate().IsMatch(moment.Matched.Trim());

    /// <summary>The step without its date: "send a revised quote by Friday" → "send a revised quote".</summary>
    private static string WithoutDate(string step, string matched)
    {
        var at = step.IndexOf(matched, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
            return step;
        var before = DateLead().Replace(InBefore().Replace(step[..at], ""), "");
        return Spaces().Replace(before + " " + step[(at + matched.Length)..].TrimStart(' ', ','), " ").Trim();
    }

    private static Section? LabelKind(string label)
    {
        var l = label.Trim().ToLowerInvariant();
        return StepLabel().IsMatch(l) ? Section.Steps
            : ObjectionLabel().IsMatch(l) ? Section.Objections
            : ContactLabel().IsMatch(l) ? Section.Contacts
            : null;
    }

    private static readonly Dictionary<string, InteractionType> TypeWords = new(StringComparer.Ordinal)
    {
        ["call"] = InteractionType.Call, ["calls"] = InteractionType.Call, ["called"] = InteractionType.Call, ["calling"] = InteractionType.Call,
        ["cal"] = InteractionType.Call, ["phone"] = InteractionType.Call, ["phoned"] = InteractionType.Call, ["rang"] = InteractionType.Call,
        ["voicemail"] = InteractionType.Call, ["vm"] = InteractionType.Call, ["lvm"] = InteractionType.Call, ["dialed"] = InteractionType.Call,
        ["dialled"] = InteractionType.Call, ["spoke"] = InteractionType.Call, ["talked"] = InteractionType.Call, ["convo"] = InteractionType.Call,
        ["no answer"] = InteractionType.Call,
        ["meeting"] = InteractionType.Meeting, ["meetings"] = InteractionType.Meeting, ["mtg"] = InteractionType.Meeting, ["mtng"] = InteractionType.Meeting,
        ["met"] = InteractionType.Meeting, ["meet"] = InteractionType.Meeting, ["demo"] = InteractionType.Meeting, ["demoed"] = InteractionType.Meeting,
        ["lunch"] = InteractionType.Meeting, ["dinner"] = InteractionType.Meeting, ["breakfast"] = InteractionType.Meeting, ["coffee"] = InteractionType.Meeting,
        ["visit"] = InteractionType.Meeting, ["visited"] = InteractionType.Meeting, ["onsite"] = InteractionType.Meeting, ["on-site"] = InteractionType.Meeting,
        ["in person"] = InteractionType.Meeting, ["workshop"] = InteractionType.Meeting, ["presentation"] = InteractionType.Meeting, ["presented"] = InteractionType.Meeting,
        ["qbr"] = InteractionType.Meeting, ["ebr"] = InteractionType.Meeting, ["briefing"] = InteractionType.Meeting, ["zoom"] = InteractionType.Meeting,
        ["webex"] = InteractionType.Meeting, ["sync"] = InteractionType.Meeting, ["catch-up"] = InteractionType.Meeting, ["catchup"] = InteractionType.Meeting,
        ["kickoff"] = InteractionType.Meeting, ["kick-off"] = InteractionType.Meeting, ["no show"] = InteractionType.Meeting, ["no-show"] = InteractionType.Meeting,
        ["f2f"] = InteractionType.Meeting,
        ["email"] = InteractionType.Email, ["emails"] = InteractionType.Email, ["emailed"] = InteractionType.Email, ["e-mail"] = InteractionType.Email,
        ["e-mailed"] = InteractionType.Email, ["mailed"] = InteractionType.Email, ["inmail"] = InteractionType.Email,
        ["note"] = InteractionType.Note, ["notes"] = InteractionType.Note,
    };

    private static readonly (string Target, InteractionType Type)[] FuzzyTargets =
    [
        ("called", InteractionType.Call), ("phoned", InteractionType.Call), ("spoke", InteractionType.Call),
        ("meeting", InteractionType.Meeting), ("email", InteractionType.Email), ("emailed", InteractionType.Email),
    ];

    // Kinds of interaction that also say what happened: "Left a voicemail", "Demo went well", "discovery call".
    private static readonly HashSet<string> ContentTypeWords = ["vm", "lvm", "voicemail", "demo", "demoed", "lunch", "dinner", "breakfast", "coffee", "visit", "visited",
        "onsite", "on-site", "workshop", "presentation", "presented", "qbr", "ebr", "briefing", "kickoff", "kick-off", "f2f"];

    private static readonly HashSet<string> Filler = ["logged", "log", "logging", "logs", "had", "have", "did", "held", "just", "quick", "short", "brief", "i", "we", "my",
        "our", "a", "an", "the", "with", "at", "from", "for", "to", "of", "and", "on", "per", "fyi", "please", "pls", "this", "recap", "video", "teams", "phone",
        "e-mail", "mail", "chat", "up", "today's", "todays", "re", "about"];

    private static readonly HashSet<string> NameIntro = ["with", "to", "from", "for", "called", "emailed", "e-mailed", "phoned", "rang", "met", "pinged", "texted", "cc"];

    private static readonly HashSet<string> Separators = [",", "&", "+", "/", "and", "plus"];

    private static readonly HashSet<string> Prepositions = ["with", "to", "from", "for", "cc"];

    private static readonly HashSet<string> Determiners = ["their", "the", "our", "his", "her", "its", "someone", "somebody"];

    private static readonly HashSet<string> Abbreviations = ["dec", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "inc", "corp", "co",
        "ltd", "llc", "mr", "mrs", "ms", "dr", "vs", "approx", "est", "st", "jr", "sr"];

    // Words that are no one's name even when written with a capital after "with".
    private static readonly HashSet<string> NotPeople = ["the", "their", "them", "they", "our", "my", "a", "an", "his", "her", "its", "us", "him", "me", "you", "everyone",
        "someone", "somebody", "all", "both", "team", "procurement", "legal", "finance", "it", "hr", "ops", "security", "engineering", "product", "marketing", "sales",
        "board", "exec", "execs", "management", "leadership", "corporate", "customer", "client", "prospect", "buyer", "champion", "admin", "people", "folks", "cfo", "ceo",
        "cto", "coo", "cio", "ciso", "cmo", "cro", "vp", "svp", "evp", "se", "pm", "csm", "about", "re", "regarding", "at", "from", "on", "for", "to", "of", "by", "in",
        "today", "yesterday", "tomorrow", "this", "that", "last", "next", "earlier", "and", "plus", "or", "but", "so", "then", "also", "again", "who", "no", "new", "per"];

    private static readonly HashSet<string> Calendar = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu",
        "thurs", "fri", "sat", "sun", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "eow", "eom", "eod", "q1", "q2", "q3", "q4"];

    /// <summary>Ordinary words of call notes: in a note written in lower case, what follows "with" is a name only if it is none of these.</summary>
    private static readonly HashSet<string> CommonWords =
    [
        "a", "about", "above", "after", "again", "against", "all", "also", "an", "and", "any", "are", "as", "ask", "asked", "asking", "at", "back", "bad", "be", "been",
        "before", "being", "below", "best", "better", "between", "big", "both", "brief", "budget", "busy", "but", "by", "call", "called", "can", "cant", "case", "cc",
        "check", "close", "closed", "come", "concern", "concerns", "concerned", "confirmed", "contract", "cost", "could", "current", "date", "deal", "deals", "deck",
        "decision", "demo", "did", "discount", "discussed", "do", "does", "done", "down", "during", "each", "early", "email", "end", "even", "every", "everyone",
        "everything", "expensive", "few", "fine", "first", "follow", "for", "from", "further", "get", "go", "going", "good", "great", "had", "happy", "has", "have",
        "having", "he", "her", "here", "him", "his", "how", "i", "if", "in", "into", "intro", "is", "issue", "it", "its", "just", "keen", "know", "last", "late",
        "later", "left", "legal", "less", "like", "liked", "little", "long", "loved", "lunch", "made", "make", "many", "may", "maybe", "me", "meeting", "message",
        "met", "might", "more", "most", "much", "must", "my", "need", "needs", "new", "next", "no", "none", "nor", "not", "note", "notes", "nothing", "now", "of",
        "off", "ok", "okay", "old", "on", "once", "one", "only", "or", "other", "our", "out", "over", "own", "pain", "per", "pilot", "plan", "please", "positive",
        "price", "pricing", "process", "procurement", "product", "proposal", "pushback", "quick", "quote", "re", "really", "recap", "renewal", "review", "said",
        "same", "says", "security", "see", "seems", "send", "sent", "she", "should", "sign", "signed", "so", "some", "someone", "soon", "spoke", "start", "status",
        "still", "such", "summary", "support", "sure", "sync", "take", "talked", "team", "than", "that", "the", "their", "them", "then", "there", "these", "they",
        "think", "thinks", "this", "those", "through", "till", "timing", "to", "today", "tomorrow", "too", "took", "try", "under", "until", "up", "update", "us",
        "very", "via", "vm", "want", "wants", "was", "we", "week", "well", "went", "were", "what", "when", "where", "which", "while", "who", "why", "will", "with",
        "worried", "would", "yes", "yesterday", "yet", "you", "your", "approved", "answer", "objections", "pricey", "competitor", "overall", "usage", "adoption",
        "current", "pending", "risk", "rollout", "timeline", "terms", "options", "references", "studies", "finance", "cfo", "ceo", "cto", "it", "ops", "exec",
        "board", "committee", "corporate", "vendor", "vendors", "tight", "frozen", "agreed", "interested", "supportive", "only", "discovery", "renewal", "admin",
        "buyer", "champion", "right", "wrong", "closing", "move", "ahead", "forward", "back", "nurture", "positive", "fast", "slow", "lost", "won", "win", "they're", "we're", "it's", "he's", "she's", "there's", "that's",
    ];

    [GeneratedRegex(@"\bw/(?!o\b)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex WithSlash();

    [GeneratedRegex(@"(?<=\s)w(?=\s+[\p{L}])")]
    private static partial Regex LoneW();

    [GeneratedRegex(@"\b(?:f/u|f-u|fu|fup)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FollowUpShort();

    [GeneratedRegex(@"(?<=\S[ ]+)\bre:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex MidLineRe();

    [GeneratedRegex(@"\s*(?:→|->|=>)\s*")]
    private static partial Regex Arrow();

    [GeneratedRegex(@"^(?:--|__|—)\s*$")]
    private static partial Regex SignatureRule();

    [GeneratedRegex(@"^(?:>\s*)+")]
    private static partial Regex QuoteMarker();

    [GeneratedRegex(@"^(?:[-*•·▪◦‣–—]|\(?\d{1,2}[.)])\s+")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^(?:from|to|cc|bcc|sent|date)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex Header();

    [GeneratedRegex(@"^-{2,}.*forwarded|^begin forwarded|^-+\s*original message", RegexOptions.IgnoreCase)]
    private static partial Regex Forwarded();

    [GeneratedRegex(@"^(?:(?:subject|subj)\s*:\s*)?(?:(?:re|fwd?|fw)\s*:\s*)*", RegexOptions.IgnoreCase)]
    private static partial Regex Subject();

    [GeneratedRegex(@"^(?:thanks|thank you|many thanks|thx|ty|cheers|best|best regards|kind regards|regards|br|talk soon)(?:\s+(?:all|team|everyone|again|so much))?\s*[!.,]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Closing();

    [GeneratedRegex(@"^[A-Z][\p{L}'-]+(?:\s+[A-Z][\p{L}'-]*\.?){0,2}\s*$")]
    private static partial Regex SignatureName();

    [GeneratedRegex(@"^(?:hi|hey|hello|dear|hiya)\b[\w\s]{0,20}[,!.:]*\s*$|^(?:team|all|folks|everyone|guys)\s*[,!:.]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Greeting();

    [GeneratedRegex(@"^(?:hi|hey|hello|dear)(?:\s+\w+){0,2}$|^(?:team|all|folks|everyone|guys|fyi|thanks|thank you|thx|cheers|ty)(?:\s+(?:all|team|everyone|again))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Salutation();

    [GeneratedRegex(@"\s*\(\d{1,2}\)\s+|(?<=\s)\d{1,2}\)\s+")]
    private static partial Regex InlineNumber();

    [GeneratedRegex(@"[.!?]+\s+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"[\p{L}]+$")]
    private static partial Regex LastWord();

    [GeneratedRegex(@"\s*;\s*|\s+[-–—]{1,2}\s+|\s*—\s*|\s+–|–\s+|\s+[•·]\s+")]
    private static partial Regex Breaks();

    [GeneratedRegex(@":(?=\s|$)")]
    private static partial Regex LabelColon();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'\-]*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-]*(?:'(?!s\b)[\p{L}]+)*\.?|'s\b|[(),&+/@]")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^[A-Z][\p{L}'\-]*$")]
    private static partial Regex CapitalName();

    [GeneratedRegex(@"^[A-Z]\.$")]
    private static partial Regex Initial();

    [GeneratedRegex(@"\s[A-Z]\.$")]
    private static partial Regex InitialAtEnd();

    [GeneratedRegex(@"^[a-z][a-z'\-]+$")]
    private static partial Regex LowerName();

    [GeneratedRegex(@"\b[A-Z][a-z]")]
    private static partial Regex TitleWord();

    [GeneratedRegex(@"^(?:cfo|ceo|cto|coo|cio|ciso|cmo|cro|vp|svp|evp|it|hr|ops|se|pm|csm|legal|finance|procurement|security|engineering|product|marketing|sales|board|exec|execs|team|buyer|champion|admin|boss|manager|director|head)$", RegexOptions.IgnoreCase)]
    private static partial Regex RoleWord();

    [GeneratedRegex(@"\b(?:(?<today>(?:earlier\s+)?today(?:'s)?|todays|this\s+(?:morning|afternoon|evening)|tonight|just now)|(?<yesterday>yesterday(?:'s)?(?:\s+(?:morning|afternoon|evening))?|last night))\b", RegexOptions.IgnoreCase)]
    private static partial Regex When();

    [GeneratedRegex(@"^(?:(?:i|we)\s+)?(?:just\s+)?(?:logged|log|met|spoke|talked|called|emailed|e-mailed|phoned|rang|caught up|left)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LogVerbStart();

    [GeneratedRegex(@"^(?:next\s+steps?|ns|n/s|action\s+items?|to[- ]?dos?|attendees|participants|objections|concerns|notes|summary|recap)$", RegexOptions.IgnoreCase)]
    private static partial Regex BareLabel();

    [GeneratedRegex(@"^(?:notes?|summary|recap|what|discussed|discussion|details|context|outcome|background|overview|update|updates|highlights|call notes|meeting notes|fyi)$", RegexOptions.IgnoreCase)]
    private static partial Regex GenericLabel();

    [GeneratedRegex(@"^(?:next\s+steps?|ns|n/s|action\s+items?|ais?|to[- ]?dos?|todo|tasks?|follow[- ]?ups?|followups?|next|plan|owners?)$")]
    private static partial Regex StepLabel();

    [GeneratedRegex(@"^(?:objections?|concerns?|push ?back|blockers?|issues?|bad|cons|negatives?|red flags?)$")]
    private static partial Regex ObjectionLabel();

    [GeneratedRegex(@"^(?:attendees?|who|present|participants|people|contacts?|on the call|in the room)$")]
    private static partial Regex ContactLabel();

    [GeneratedRegex(@"(?:^|(?<=[,;]\s*)|(?<=\s))(?:(?:next\s+steps?|ns|action\s+items?|todo|to-do)\b\s*(?:is\b|are\b|will\s+be\b|[:=\-–])?|follow[- ]?up\s*(?:[:=\-–]|is\b|will\s+be\b)|(?<verb>follow[- ]?up|followup|circle\s+back)\b|i\s*'d\b|(?:i|we)(?:\s*'ll|\s+will|\s+would|\s+am\s+going\s+to|\s*'m\s+going\s+to|\s+are\s+going\s+to|\s*'re\s+going\s+to|\s+need\s+to|\s+have\s+to|\s+must|\s+plan\s+to|\s+should)\b|^(?:need|have|plan)\s+to\b)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex StepCue();

    [GeneratedRegex(@"(?:^|,\s*)\S")]
    private static partial Regex CommaPart();

    [GeneratedRegex(@"\b(?:no|a|the|another|any)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex NegatedCue();

    [GeneratedRegex(@"^(?:send|sending|schedule|scheduling|book|booking|set\s+up|setting\s+up|share|sharing|get|getting|prepare|preparing|draft|drafting|loop\s+in|intro|introduce|call|email|ping|pinging|confirm|review|update|deliver|chase|chasing|escalate|resched\w*|try|put\s+together|follow|meet|present|propose|finali[sz]e|submit|arrange|organi[sz]e|invite|provide|circle\s+back|check\s+in|check\s+back|touch\s+base|reach\s+out|revisit|nudge)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Imperative();

    [GeneratedRegex(@"^(?:call|email|meet|meeting)\s+(?:with|to|at|from)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TypeNoun();

    [GeneratedRegex(@"^(?:(?:i|we)\s*(?:'ll|'d|\s+will|\s+would|\s+am\s+going\s+to|'m\s+going\s+to|\s+are\s+going\s+to|'re\s+going\s+to|\s+need\s+to|\s+have\s+to|\s+must|\s+plan\s+to|\s+should)|(?:need|have|plan)\s+to|to)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex FirstPerson();

    [GeneratedRegex(@"\b(?:by|due|before|no later than|nlt|target|eta|on|until)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DueAnchor();

    [GeneratedRegex(@"^(?:\d{4}|\d+[\s-]*(?:min|mins|minutes?|hours?|hrs?|h|seconds?|secs?|days?|weeks?|months?|years?|yrs?))$", RegexOptions.IgnoreCase)]
    private static partial Regex NotADate();

    [GeneratedRegex(@"(?:\s*(?:,|-|–|\b(?:by|on|before|due|due\s+on|due\s+by|no\s+later\s+than|nlt|target|targeting|eta|until|till|for|around|the|the\s+week\s+of|week\s+of)\b))+\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DateLead();

    // "circle back in January" loses "in"; "check in on Dec 14" keeps it.
    [GeneratedRegex(@"(?<!\b(?:check|loop|sign|log|fill|drop|call|phone|dial|chime|swing|opt|come|stop|pop|touch|plug|factor|lock|bring|pencil))\s+(?:in|within)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex InBefore();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Annotated();

    [GeneratedRegex(@"\(\s*(?:[,&+/]\s*|\band\b\s*)*\)")]
    private static partial Regex EmptyBrackets();

    [GeneratedRegex(@"\(\s*(?:[,&+/]|\band\b)\s*|\s*(?:[,&+/]|\band\b)\s*\)")]
    private static partial Regex BracketEdge();

    [GeneratedRegex(@"(?:\s*(?:[,&+/]|\band\b|\bplus\b)\s*){2,}")]
    private static partial Regex RepeatedSeparators();

    [GeneratedRegex(@"(?:\b(?:with|at|from|of|for|to)\b|@)\s*(?=(?:with|at|from|of|for|to|about|re|regarding|on|and)\b|@|[,;:)&+]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex DanglingPreposition();

    /// <summary>Someone speaking at the start of a part: "Jill raised…", "Charlie's concerned…", "Harry: …", "Norman Osborn said no".</summary>
    [GeneratedRegex(@"(?:^|(?<=[,;]\s*)|(?<=\b(?:but|and|while)\s+))(?<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?:'s)?(?::|\s+(?:said|says|thinks|think|feels|felt|wants|wanted|needs|needed|asked|mentioned|raised|confirmed|agreed|pushed|loved|liked|likes|hates|doesn't|didn't|isn't|wasn't|will|would|can't|won't|worried|concerned|is\s+(?:concerned|worried|checking|happy|fine|ok|okay|keen|skeptical|not|on\s+board)|concerned|worried|fine|happy|keen|ok|okay|checking|skeptical)\b|'s\s+out\b)")]
    private static partial Regex Speaker();

    [GeneratedRegex(@"(?<=^|\s)@(?=\s|$)")]
    private static partial Regex LoneAt();

    [GeneratedRegex(@"(?:\b(?:at|from|of|for|with|to)\b|@)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PrepositionBefore();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?:\s*(?:[,&+/@]|\b(?:and|plus)\b))+\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingJoiners();

    [GeneratedRegex(@"(?:\s*(?:[,&+/@]|\b(?:and|plus|with|at|from|for|to|of)\b))+\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingJoiners();
}
