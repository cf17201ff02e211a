using System.Text.RegularExpressions;
using AeBot.Core.Playbook;
using AeBot.Core.Work;

namespace AeBot.Core.Capture;

// Which parts of what happened are objections, and which playbook topics they are about.
public static partial class InteractionParser
{
    /// <summary>
    /// The objections in one clause. A clause is cut where its thoughts change ("fine with the price but legal needs
    /// two weeks"); a part is an objection when it says so (pushback, worried, too expensive, a competitor) or when it
    /// names a playbook topic in someone's words (wants a discount, needs sign-off, said no budget); "budget
    /// approved", "no pushback" and "fine with the price" are not. Under a "Concerns:" label every part is one.
    /// </summary>
    private static IEnumerable<ObjectionNote> Objections(string clause, bool flagged, ObjectionPlaybook playbook)
    {
        var previous = false;
        foreach (var piece in ObjectionPieces(clause))
        {
            var quoted = QuotedSpeech().IsMatch(piece);
            var plain = piece.Replace("\"", "", StringComparison.Ordinal);
            if (Neutral().IsMatch(plain))
            {
                previous = false;
                continue;
            }
            var topics = Topics(plain, playbook);
            // "worried about price & timing": a short part after an objection goes on with it.
            var objection = flagged || StrongCue().IsMatch(plain)
                || topics.Count > 0 && (WeakCue().IsMatch(plain) || quoted || previous && WordsOf(plain).Count() <= 3);
            previous = objection;
            if (!objection)
                continue;
            var text = ObjectionText(plain);
            if (topics.Count == 0)
                yield return new ObjectionNote(text, null);
            foreach (var topic in topics)
                yield return new ObjectionNote(text, topic);
        }
    }

    /// <summary>The parts of a clause, cut at commas and conjunctions outside brackets ("price (list is 20% above budget), timing").</summary>
    private static List<string> ObjectionPieces(string clause)
    {
        var masked = clause.ToCharArray();
        var depth = 0;
        for (var i = 0; i < masked.Length; i++)
        {
            if (masked[i] == '(')
                depth++;
            else if (masked[i] == ')')
                depth = Math.Max(0, depth - 1);
            else if (depth > 0)
                masked[i] = '\u0002';
        }
        var pieces = new List<string>();
        var start = 0;
        foreach (Match m in PieceBreak().Matches(new string(masked)))
        {
            pieces.Add(clause[start..m.Index]);
            start = m.Index + m.Length;
        }
        pieces.Add(clause[start..]);
        return pieces.Select(p => p.Trim(' ', ',', ';', '.')).Where(p => p.Length > 0).ToList();
    }

    /// <summary>
    /// The playbook topics a part is about, each from its own words: "lost to a competitor on price" is about both,
    /// "over budget" is about price and not about "budget". Words in brackets count only when nothing outside does.
    /// </summary>
    private static List<string> Topics(string piece, ObjectionPlaybook playbook)
    {
        var topics = PlaybookTopics(Annotated().Replace(piece, " "), playbook);
        if (topics.Count == 0)
            topics = PlaybookTopics(piece, playbook);
        if (topics.Count == 0)
            foreach (var (topic, hint) in Hints)
                if (hint.IsMatch(piece) && playbook.Entries.Any(e => e.Topic == topic) && !topics.Contains(topic))
                    topics.Add(topic);
        return topics;
    }

    private static List<string> PlaybookTopics(string text, ObjectionPlaybook playbook)
    {
        var words = WordsOf(text).Select(w => w.EndsWith("'s", StringComparison.OrdinalIgnoreCase) ? w[..^2] : w).ToList();
        var spans = new List<(int Start, int Length, string Topic)>();
        for (var n = 1; n <= 4; n++)
            for (var i = 0; i + n <= words.Count; i++)
            {
                if (playbook.Match(string.Join(' ', words.Skip(i).Take(n))) is not { } entry)
                    continue;
                // Only the smallest run of words that names the topic: "pushback on price" is "price".
                if (spans.Any(s => s.Topic == entry.Topic && s.Start >= i && s.Start + s.Length <= i + n))
                    continue;
                spans.Add((i, n, entry.Topic));
            }
        return spans.Where(s => !spans.Any(o => o.Topic != s.Topic && o.Length > s.Length && o.Start <= s.Start && o.Start + o.Length >= s.Start + s.Length))
            .OrderBy(s => s.Start).Select(s => s.Topic).Distinct().ToList();
    }

    private static string ObjectionText(string piece)
    {
        var t = PieceLead().Replace(LabelPrefix().Replace(piece.Trim(), ""), "");
        var stripped = ObjectionLead().Replace(t, "").Trim(' ', '"', '\'', '.', ',', ':', '-');
        return Capitalise(stripped.Length > 0 ? stripped : t.Trim(' ', '"', '\'', '.', ',', ':', '-'));
    }

    // What reps write for a topic that the default playbook's phrases miss; used only when no phrase matched, and
    // only for topics the playbook in use has.
    private static readonly (string Topic, Regex Hint)[] Hints =
    [
        ("price", new(@"\b(?:pricey|overpriced|price\s+tag|increase|uplift|\d+\s*%\s*off|costly|too\s+high|rate\s+card)\b", RegexOptions.IgnoreCase)),
        ("timing", new(@"\b(?:too\s+(?:soon|early)|reorg|freeze|on\s+hold|not\s+ready|bandwidth|postpone\w*|delay\w*|busiest|(?:can't|cannot|won't)\s+(?:start|begin|go\s+live|kick\s+off)|not\s+(?:until|till|before)|mid-\w+)\b", RegexOptions.IgnoreCase)),
        ("competitor", new(@"\b(?:[Ee]valuating|[Ll]ooking\s+at|[Tt]alking\s+(?:to|with)|in\s+talks\s+with|[Pp]iloting|[Ss]hortlist\w*|[Bb]ake-?off)\s+(?:a\s+|an\s+|the\s+)?[A-Z]")),
        ("no-budget", new(@"\b(?:funds|funding|no\s+money)\b", RegexOptions.IgnoreCase)),
        ("approval", new(@"\b(?:approve|approves|boss|buy-in|sign[- ]?off|checking\s+with|ciso|corporate)\b", RegexOptions.IgnoreCase)),
        ("current-vendor", new(@"\b(?:locked\s+into|under\s+contract|existing\s+(?:vendor|provider|tool|solution)|current\s+(?:setup|tool|system|platform)|incumbent\w*)\b", RegexOptions.IgnoreCase)),
    ];

    [GeneratedRegex(@",\s+(?!which\b|who\b|that\b)|\s*;\s*|\s+(?:and|but|&|\+|plus|unless|as\s+well\s+as|while|although|though)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex PieceBreak();

    [GeneratedRegex(@"(?:^|[\s:(])'\w|""|^[A-Z][a-z]+:\s")]
    private static partial Regex QuotedSpeech();

    [GeneratedRegex(@"\b(?:push\s?back|pushed\s+back|pushing\s+back|objections?|objected|concerns?|concerned|worried|worries|worry|hesitant|hesitation|hesitat\w+|balk\w*|blockers?|blocked|skeptical|sceptical|unsure|(?:not|isn't|aren't|wasn't)\s+sure|unconvinced|not\s+convinced|resistance|resistant|complain\w*|unhappy|frustrat\w+|dislike\w*|hates?|(?:don't|doesn't|didn't)\s+(?:like|offer|support)|overkill|too\s+\w+|can't\s+afford|cannot\s+afford|no\s+budget|not\s+budgeted|no\s+money|frozen|freeze|tight|over\s+budget|sticker\s+shock|expensive|pricey|overpriced|(?:price|cost)\s+sensitive|on\s+hold|stalled|not\s+a\s+priority|not\s+now|not\s+a\s+good\s+time|bad\s+time|locked\s+in(?:to)?|incumbent\w*|competitors?|competition|other\s+vendors?|another\s+vendor|shopping\s+around|(?:happy|satisfied)\s+with\s+(?:their|the|our)\s+(?:current|existing)|under\s+contract|(?:is|are|was|'s|'re)\s+the\s+(?:issue|problem|blocker)|problems?\s+with|issues?\s+with)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StrongCue();

    [GeneratedRegex(@"\b(?:said|says|say|think|thinks|thought|feel|feels|felt|mentioned|raised|want|wants|wanted|need|needs|needed|require\w*|insist\w*|asking\s+for|asked\s+for|ask\s+for|request\w*|prefer\w*|waiting|wait|later|revisit|circle\s+back|delay\w*|postpon\w*|evaluat\w+|comparing|compare[sd]?|looking\s+at|talking\s+(?:to|with)|discounts?|cheaper|lower|approve|approval|sign[- ]?off|run\s+it\s+by|check\s+with|checking\s+with|not|no|don't|doesn't|didn't|isn't|aren't|wasn't|can't|cannot|won't|till|until|must|only|busiest)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WeakCue();

    [GeneratedRegex(@"\b(?:no|zero|without|any)\s+(?:real\s+|major\s+|big\s+|more\s+)?(?:objections?|concerns?|pushback|push\s+back|issues?|problems?|blockers?|red\s+flags|risks?|worries)\b|\bnot\s+an?\s+(?:issue|problem|concern|blocker)\b|\b(?:approved|agreed|confirmed|signed|resolved)\b|\bwent\s+(?:well|great|fine|ok)\b|\b(?:is|are|was|were|'s|'re|seems?|looks?)\s+(?:fine|ok|okay|good|great)\b|\b(?:price|pricing|budget|timing|cost)\s+(?:is\s+)?(?:ok|okay|fine|good|approved|confirmed|agreed)\b|\b(?:happy|satisfied|pleased|comfortable|fine|ok|okay|good)\s+with\b(?!\s+(?:their\s+|the\s+|our\s+)?(?:current|existing|incumbent))|\b(?:wasn't|was\s+not|didn't|did\s+not|hasn't|has\s+not)\s+(?:raised|come\s+up|an\s+issue|a\s+problem)|\bgreen\s+light\b|^\W*(?:none|n/?a|nothing)\W*$|:\s*(?:none|n/?a)\b|\b(?:want|wants|wanted|need|needs|needed|asked\s+for|asking\s+for|requested)\s+(?:a\s+|an\s+|the\s+|our\s+|some\s+|updated\s+|new\s+|revised\s+)?(?:pricing|price|quote|proposal|info|information|deck)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Neutral();

    [GeneratedRegex(@"^(?:(?:but|and|so|plus|also|while|although|though|says|said|are|is|were|was)\s+)+", RegexOptions.IgnoreCase)]
    private static partial Regex PieceLead();

    [GeneratedRegex(@"^[\p{L}\s]{1,25}:\s+")]
    private static partial Regex LabelPrefix();

    [GeneratedRegex(@"^(?:(?:they|he|she|we|customer|client|prospect|the\s+cfo|cfo|[a-z]+)(?:'s|'re|\s+(?:is|are|was|were))?\s+)?(?:(?:big|some|strong|a\s+lot\s+of|hard|real|only|main|biggest|one)\s+)?(?:pushback|pushed\s+back(?:\s+hard)?|push\s+back|pushing\s+back|objections?|concerns?|concerned|worried|worries|hesitant|hesitation|raised\s+concerns|skeptical|unsure|not\s+sure|isn't\s+sure)(?:\s+(?:is|was|are|were))?(?:\s+(?:on|about|over|with|around|re|regarding|that))?\s*:?\s+|^(?:they|he|she|[a-z]+)\s+(?:said|says|think|thinks|feel|feels|mentioned)\s+(?:that\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex ObjectionLead();
}
