using System.Text.RegularExpressions;

namespace AeBot.Core.Understanding;

/// <summary>
/// Set phrasings that decide what kind of message this is before its slots are read: control words, imperatives
/// that change deals, requests AeBot does not do, and the read-only abilities. Each works on the normalised,
/// lower-cased text.
/// </summary>
public static partial class Phrasings
{
    public static bool IsCancel(string t) => Cancel().IsMatch(t);
    public static bool IsUndo(string t) => Undo().IsMatch(t);
    public static bool IsResume(string t) => Resume().IsMatch(t);

    /// <summary>Yes to a confirmation.</summary>
    public static bool IsYes(string text) => Yes().IsMatch(Lower(text));

    /// <summary>No to a confirmation.</summary>
    public static bool IsNo(string text) => No().IsMatch(Lower(text));

    public static string Lower(string text) => TextNormalizer.Normalize(text).ToLowerInvariant();

    /// <summary>"please", "can you", "hey aebot," — words in front of a request that do not make it a question.</summary>
    public static string WithoutPoliteness(string t) => Polite().Replace(t, "");

    /// <summary>Phrased as a question: a question mark, or a question word at the start or anywhere.</summary>
    public static bool IsQuestion(string t) => t.TrimEnd().EndsWith('?') || QuestionStart().IsMatch(t) || QuestionWord().IsMatch(t);

    /// <summary>Starts with a question word ("what…", "did…", "how…").</summary>
    public static bool StartsAsQuestion(string t) => QuestionStart().IsMatch(t);

    public static bool IsRemind(string t) => Remind().IsMatch(t);

    /// <summary>Nudge settings said in chat: "nudge settings", "mute renewals for Acme", "digest at 8am".</summary>
    public static bool IsNudgeSettings(string text) => NudgeSettings().IsMatch(text.Trim().ToLowerInvariant().Replace('’', '\'').Replace("–", "-"));
    public static bool IsLog(string t) => Log().IsMatch(t);
    public static bool IsMarkWon(string t) => MarkWon().IsMatch(t) || WeWon().IsMatch(t);
    public static bool IsMarkLost(string t) => MarkLost().IsMatch(t) || WeLost().IsMatch(t);
    public static bool IsUpdate(string t) => Update().IsMatch(t);

    /// <summary>"it", "this deal", "that one": a deal reference that the dialog resolves.</summary>
    public static bool HasDealPronoun(string t) => DealPronoun().IsMatch(t);

    /// <summary>A request AeBot does not do, and which kind; null for anything else.</summary>
    public static UnsupportedReason? Unsupported(string t)
    {
        var m = UnsupportedPattern().Match(t);
        if (!m.Success)
            return null;
        return m.Groups["email"].Success ? UnsupportedReason.Drafting
            : m.Groups["calendar"].Success ? UnsupportedReason.Calendar
            : m.Groups["send"].Success ? UnsupportedReason.SendingEmail
            : m.Groups["other2"].Success ? UnsupportedReason.Documents
            : m.Groups["activity"].Success ? UnsupportedReason.ActivityCounts
            : UnsupportedReason.OutsideData;
    }

    public static AbilityKind? Ability(string t)
    {
        if (Greeting().IsMatch(t)) return AbilityKind.Greeting;
        if (Thanks().IsMatch(t)) return AbilityKind.Thanks;
        if (Help().IsMatch(t)) return AbilityKind.Help;
        if (Playbook().IsMatch(t)) return AbilityKind.Playbook;
        if (Commission().IsMatch(t)) return AbilityKind.Commission;
        if (MyDay().IsMatch(t)) return AbilityKind.MyDay;
        if (Brief().IsMatch(t)) return AbilityKind.Brief;
        return null;
    }

    [GeneratedRegex(@"^(cancel|stop|never\s?mind|forget it|quit|abort|exit|cancel that|cancel it)\W*$")]
    private static partial Regex Cancel();

    [GeneratedRegex(@"^(undo|undo that|undo it|undo (the |my )?last( change)?|revert( that| it)?|take that back|roll ?back)\W*$")]
    private static partial Regex Undo();

    [GeneratedRegex(@"^(resume|resume (that|it)|carry on|continue|go on|back to (it|that)|let'?s finish( (it|that))?|finish (it|that))\W*$")]
    private static partial Regex Resume();

    [GeneratedRegex(@"^((hey|hi|ok|okay|so)\s*,?\s+)?(aebot\s*,?\s*)?(please\s+|pls\s+|can you\s+|could you\s+|would you\s+|can u\s+|could u\s+)*")]
    private static partial Regex Polite();

    [GeneratedRegex(@"^(what|what's|whats|which|how|who|whom|whose|when|where|why|did|do|does|is|are|was|were|have|has|can|could|would|should|will|any|anything|show|list|give me|tell me|compare)\b")]
    private static partial Regex QuestionStart();

    [GeneratedRegex(@"\b(what|which|how many|how much|who|whose|why|when)\b")]
    private static partial Regex QuestionWord();

    /// <summary>The nudge kinds people name in settings ("mute renewals").</summary>
    public const string NudgeCategories = @"renewals?|renewal reminders|follow-?ups?|follow-?up reminders|stale(?: deals?| deal alerts)?|close ?dates?|closing dates?|past close(?: dates?)?|slipped(?: deals?)?|slips";

    [GeneratedRegex(@"^(please\s+)?((nudge|notification|alert|digest|reminder)s? (settings|preferences|prefs)|my (nudges|nudge settings|notifications)|reset (my )?nudge settings|(un)?(mute|silence)\s+(" + NudgeCategories + @"|all( nudges)?)\b|(turn off|stop)\s+(" + NudgeCategories + @")\s+(nudges|alerts|reminders)\b|(send |move )?(my )?(daily )?digest (at|to)\b|quiet hours\b|(at most|max|maximum|no more than|limit( me)? to)\s+\d+\s+nudges?\b|nudge (cap|limit)\b)")]
    private static partial Regex NudgeSettings();

    [GeneratedRegex(@"^(remind me|set (a|an|me a) reminder|add a reminder|reminder\b|ping me)")]
    private static partial Regex Remind();

    [GeneratedRegex(@"^[-*•>\s]*(please\s+|pls\s+)?((i|we)\s+)?(just\s+)?(log|logged|logging|record|add a note|notes?\b|had|met with|met\b|spoke|spoek|talked|emailed|e-mailed|called|caled|calld|phoned|rang|left a voicemail|left a vm|left vm|sent|per my|fyi)\b|^[-*•>\s]*(call|cal|meeting|meting|metting|meeeting|email|e-mail|emial|note|demo|lunch|coffee|dinner|breakfast|zoom)\b\s*(with|w/|w\b|at\b|@|to\b|for\b|from\b|today|yesterday|this\b|notes|recap|[:\-–—,.]|$)|^[-*•>\s]*(mtg|sync|convo|qbr|ebr|vm|lvm|no[- ]show|onsite|on-site)\b|^[-*•>\s]*(?!(?:what|what's|whats|how|which|who|whom|when|where|why|show|list|give|tell|did|do|does|is|are|was|were|any|my|our|the|a|an|next|last|this|upcoming|prep|prepare|brief|before|for|about|remind|schedule|book|set|move|push|pull|update|change|mark|cancel|can|could|should|will|would|please|team|all|total|number|count|after)\b)[\w'&.]+(?:[\s\-–—:]+(?!(?:what|what's|whats|how|which|who|whom|when|where|why|show|list|give|tell|did|do|does|is|are|was|were|any|my|our|the|a|an|next|last|this|upcoming|prep|prepare|brief|before|for|about|remind|schedule|book|set|move|push|pull|update|change|mark|cancel|can|could|should|will|would|please|team|all|total|number|count|after)\b)[\w'&.]+){0,2}[\s\-–—:]+(call|cal|mtg|meeting|sync|convo|demo|lunch|coffee|dinner|onsite|on-site|qbr|ebr|briefing|zoom|email|vm|lvm)\b(?![^\n]*\?)|^[^\n?]{0,40}\b(no answer|left (?:a )?(?:vm|voicemail|message))\b|^(?:from|subject|fwd?|fw)\s*:|^(?:hi|hey|hello|team|all)\b(?![\s\S]*\?)[^\n]*(?:\n|[-–—,:])[\s\S]{0,300}?\b(call|meeting|mtg|demo|lunch|sync|qbr|notes|recap)\b")]
    private static partial Regex Log();

    [GeneratedRegex(@"^(mark|set|move|close|update|flag)\b.*\b(closed[- ]?won|won)\b")]
    private static partial Regex MarkWon();

    [GeneratedRegex(@"^((we|i)\s+)?(just\s+)?(won|signed|closed)\s+(?!deals?\b|revenue\b|rev\b|won\b|lost\b|opps?\b|opportunities\b|business\b|at\b|with\b|for\b|on\b|what|how|this\b|last\b|in\b|more\b|less\b|any|anything|the most\b|most\b|by\b|per\b|between\b|since\b|during\b|from\b|total)[a-z]")]
    private static partial Regex WeWon();

    [GeneratedRegex(@"^(mark|set|move|close|update|flag)\b.*\b(closed[- ]?lost|lost)\b")]
    private static partial Regex MarkLost();

    [GeneratedRegex(@"^((we|i)\s+)?(just\s+)?lost\s+(?!deals?\b|revenue\b|rev\b|opps?\b|opportunities\b|business\b|at\b|with\b|for\b|on\b|what|how|this\b|last\b|in\b|more\b|less\b|any|anything|the most\b|most\b|by\b|per\b|between\b|since\b|during\b|from\b|total)[a-z]")]
    private static partial Regex WeLost();

    [GeneratedRegex(@"^(move|set|change|update(?!\s+me\b)|push|pull(?!\s+up\b)|bump|advance|put|slip|adjust|increase|decrease|raise|lower|drop)\b|^next steps?\s+(for|on)\b|^(the\s+)?(close date|closing date|amount|value|stage)\s+(of|for|on)\b|\b(amount|value|close date|closing date|stage|next step)\s+(is now|should be|is|=|:)\s*\S|\bnext steps?\s*(is|are|:|=|-|to)\s*\S")]
    private static partial Regex Update();

    [GeneratedRegex(@"\b(it|this deal|that deal|this one|that one|this opp|that opp|this opportunity|that opportunity)\b")]
    private static partial Regex DealPronoun();

    [GeneratedRegex(@"(?<email>\b(draft|write|compose|prepare|create)\b.{0,40}\b(e-?mails?|messages?|letters?|reply|replies|responses?|linkedin|inmails?|proposals?|quotes?|contracts?|decks?|presentations?|slides|posts?|sequences?)\b)|(?<other2>\b(summari[sz]e|read|analy[sz]e)\b.{0,40}\b(report|article|10-?k|filing|website|document|pdf|earnings)\b)|(?<calendar>\b(schedule|book|set up|arrange)\s+(a\s+|an\s+)?(meeting|call|demo|zoom|teams call)\s+(with|for)\b)|(?<send>^(send|email|e-mail)\s+(an?\s+)?(e-?mail|message|note)\s+to\b)|(?<other>\b(news|headlines|weather|raining|temperature|stock price|share price|exchange rates?|currency rates?|fx rates?|forex|joke|translate|football|soccer|basketball|baseball|hockey|nba|nfl|nhl|mlb|premier league|champions league|world cup|super bowl)\b|\b(won|win|lost|lose|beat)\b.{0,25}\b(game|match|final|derby)\b)|(?<activity>\b(how many|any|which|list|show|count)\b.{0,30}\b(calls|meetings|e-?mails|activities|touches|touchpoints|voicemails)\b.*\?\s*$)")]
    private static partial Regex UnsupportedPattern();

    [GeneratedRegex(@"^(hi|hello|hey|hiya|howdy|yo|good (morning|afternoon|evening)|morning)( there| aebot| team| all)?\W*$")]
    private static partial Regex Greeting();

    [GeneratedRegex(@"^(thanks|thank you|thx|ty|cheers|many thanks|thanks a lot|great,? thanks|perfect,? thanks|awesome,? thanks|ok,? thanks|got it,? thanks)( so much| aebot| a lot)?\W*((that's|that is|this is|very) (great|perfect|helpful|useful|awesome|super helpful)|great|perfect|helpful)?\W*$")]
    private static partial Regex Thanks();

    [GeneratedRegex(@"^(help|help me|what can you do|what do you do|examples|commands|how do i use( this| you| aebot)?|menu|what can i ask( you)?)\W*$")]
    private static partial Regex Help();

    [GeneratedRegex(@"\b(how (do|should|can|would) (i|we|you) (handle|respond|answer|reply|deal with|overcome|get past|counter|tackle)|handle (the |an |this )?objection|objection handling|playbook|what (do|should) i say (when|if|to)|(they|customer|prospect|client|buyer)s? (say|says|said)\b)")]
    private static partial Regex Playbook();

    [GeneratedRegex(@"\b(commissions?|earn|earned|earning|earnings|payout|pay out|paycheck|comp plan|bonus|would i make|will i make|do i make|did i make|make on)\b")]
    private static partial Regex Commission();

    [GeneratedRegex(@"\b(my day|my agenda|agenda|today'?s (list|tasks|plan|priorities)|to-?dos?|todo list|what'?s on (my plate|today|for today)|what should i (do|work on|focus on)|follow[- ]?ups?|my tasks|what'?s due(?! to (close|renew|end))|due today|plan my day|start my day)\b")]
    private static partial Regex MyDay();

    [GeneratedRegex(@"\b(brief|briefing|prep|prepare|background on|tell me about|update me on|fill me in on|rundown|run-down|what do (i|we) know about|account (summary|overview|info)|overview of|catch me up on|who('s| is) (at|the contact at))\b")]
    private static partial Regex Brief();

    // Thai: ใช่ / ยืนยัน / ตกลง / โอเค / ได้เลย, and ไม่ / ไม่ใช่ / ไม่เอา, with the polite particles Thai adds.
    private const string ThaiParticles = @"(?:\s*(?:ครับผม|ครับ|คับ|ค่ะ|คะ|ค่า|นะคะ|นะครับ|นะ|จ้า|จ้ะ|ฮะ|เลย|จ้ะ))*";

    [GeneratedRegex(@"^(y|yes|yep|yeah|yup|sure|ok|okay|confirm|confirmed|do it|go ahead|correct|that's right|right|please do|yes please|sounds good|👍|(?:ใช่|ใช่แล้ว|ยืนยัน|ตกลง|โอเค|โอเค้|ได้|ได้เลย|เอาเลย|จัดไป|ถูกต้อง|ทำเลย|อัปเดตเลย|อัพเดทเลย)" + ThaiParticles + @")\W*$")]
    private static partial Regex Yes();

    [GeneratedRegex(@"^(n|no|nope|nah|don't|do not|wrong|not that|(?:ไม่|ไม่ใช่|ไม่เอา|ไม่ต้อง|ผิด|ไม่มี)" + ThaiParticles + @")\W*$")]
    private static partial Regex No();
}
