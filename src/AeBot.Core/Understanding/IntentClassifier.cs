using System.Text;
using AeBot.Core.Text;

namespace AeBot.Core.Understanding;

/// <summary>The intent a message most likely carries, how sure that is, and the phrases that decided it.</summary>
public sealed record IntentScore(Intent Intent, double Score, double Margin, IReadOnlyList<string> Evidence);

/// <summary>
/// Deterministic, explainable intent scoring: weighted cue phrases per intent, matched on words after light typo
/// correction ("pipline" → "pipeline", "qouta" → "quota"). The evidence says which phrases counted, so a wrong
/// answer can be traced to a phrase and a weight rather than to a black box.
/// </summary>
public static class IntentClassifier
{
    private static readonly (Intent Intent, string Phrase, double Weight)[] Cues =
    [
        (Intent.Help, "help", 3), (Intent.Help, "what can you do", 3), (Intent.Help, "examples", 2), (Intent.Help, "commands", 2), (Intent.Help, "how do i use", 2),
        (Intent.Greeting, "hi", 1.2), (Intent.Greeting, "hello", 1.5), (Intent.Greeting, "hey", 1.2), (Intent.Greeting, "good morning", 1.5), (Intent.Greeting, "thanks", 1.2), (Intent.Greeting, "thank you", 1.5),

        (Intent.Pipeline, "pipeline", 2), (Intent.Pipeline, "pipe", 1.5), (Intent.Pipeline, "open deals", 2), (Intent.Pipeline, "open opportunities", 2), (Intent.Pipeline, "open opps", 2),
        (Intent.Pipeline, "closes", 1.6), (Intent.Pipeline, "closing", 1.6), (Intent.Pipeline, "will close", 1.6), (Intent.Pipeline, "going to close", 1.6), (Intent.Pipeline, "expected to close", 1.6),
        (Intent.Pipeline, "due to close", 1.6), (Intent.Pipeline, "in play", 1.5), (Intent.Pipeline, "deals", 0.8), (Intent.Pipeline, "opportunities", 0.8), (Intent.Pipeline, "opps", 0.8),
        (Intent.Pipeline, "weighted", 1.2), (Intent.Pipeline, "open", 0.6), (Intent.Pipeline, "how many deals", 1), (Intent.Pipeline, "what do i have", 1), (Intent.Pipeline, "what's in", 0.6),
        (Intent.Pipeline, "working on", 1.2), (Intent.Pipeline, "close this", 1.4), (Intent.Pipeline, "close next", 1.4), (Intent.Pipeline, "land this", 1.2),

        (Intent.BiggestDeals, "biggest", 2.2), (Intent.BiggestDeals, "largest", 2.2), (Intent.BiggestDeals, "top deals", 2.5), (Intent.BiggestDeals, "top opportunities", 2.5), (Intent.BiggestDeals, "largest deals", 1), (Intent.BiggestDeals, "whales", 2), (Intent.BiggestDeals, "top", 1.5),
        (Intent.PastDue, "past due", 3), (Intent.PastDue, "overdue", 3), (Intent.PastDue, "past their close date", 3.5), (Intent.PastDue, "past close date", 3.5), (Intent.PastDue, "close date passed", 3.5), (Intent.PastDue, "late deals", 2.5), (Intent.PastDue, "behind schedule", 2),

        (Intent.Won, "closed", 1.6), (Intent.Won, "did i close", 2.4), (Intent.Won, "have i closed", 2.4), (Intent.Won, "close last", 1.5), (Intent.Won, "won", 2.2), (Intent.Won, "win", 1.2), (Intent.Won, "wins", 2),
        (Intent.Won, "bookings", 2.5), (Intent.Won, "booked", 2.4), (Intent.Won, "brought in", 2.5), (Intent.Won, "bring in", 2), (Intent.Won, "closed won", 2.5), (Intent.Won, "revenue", 1.6),
        (Intent.Won, "sold", 2.2), (Intent.Won, "sell", 1.8), (Intent.Won, "how much did i", 1), (Intent.Won, "signed", 2), (Intent.Won, "results", 1.8), (Intent.Won, "landed", 2), (Intent.Won, "biggest win", 2.5), (Intent.Won, "compare", 0.8), (Intent.Won, "versus", 0.5),

        (Intent.Lost, "lost", 2.6), (Intent.Lost, "losses", 2.6), (Intent.Lost, "lose", 2.2), (Intent.Lost, "closed lost", 2.5), (Intent.Lost, "loss reasons", 2.5), (Intent.Lost, "why did we lose", 3),
        (Intent.WinRate, "win rate", 4), (Intent.WinRate, "close rate", 4), (Intent.WinRate, "hit rate", 4), (Intent.WinRate, "conversion", 3), (Intent.WinRate, "win ratio", 4), (Intent.WinRate, "win percentage", 4),
        (Intent.AverageDealSize, "average deal", 4), (Intent.AverageDealSize, "avg deal", 4), (Intent.AverageDealSize, "deal size", 3.5), (Intent.AverageDealSize, "typical deal", 3),
        (Intent.SalesCycle, "sales cycle", 4), (Intent.SalesCycle, "cycle length", 4), (Intent.SalesCycle, "how long", 2.4), (Intent.SalesCycle, "days to close", 4), (Intent.SalesCycle, "time to close", 4), (Intent.SalesCycle, "cycle", 2),
        (Intent.TopAccounts, "top accounts", 4), (Intent.TopAccounts, "best accounts", 4), (Intent.TopAccounts, "best customers", 4), (Intent.TopAccounts, "top customers", 4), (Intent.TopAccounts, "biggest customers", 4), (Intent.TopAccounts, "biggest accounts", 4),
        (Intent.TopProducts, "top products", 4), (Intent.TopProducts, "best products", 4), (Intent.TopProducts, "best sellers", 4), (Intent.TopProducts, "best selling", 4), (Intent.TopProducts, "which products", 3), (Intent.TopProducts, "by product", 3),

        (Intent.Quota, "quota", 3), (Intent.Quota, "target", 2.4), (Intent.Quota, "attainment", 3), (Intent.Quota, "tracking", 2), (Intent.Quota, "on track", 2.5), (Intent.Quota, "gap", 2),
        (Intent.Quota, "coverage", 3), (Intent.Quota, "how am i doing", 2.5), (Intent.Quota, "where do i stand", 2.5), (Intent.Quota, "number", 1), (Intent.Quota, "make my number", 3), (Intent.Quota, "hit my number", 3),
        (Intent.WhatIf, "what if", 3), (Intent.WhatIf, "if", 0.8), (Intent.WhatIf, "where do i land", 3), (Intent.WhatIf, "where would i land", 3), (Intent.WhatIf, "would i", 1.2),
        (Intent.Forecast, "forecast", 3), (Intent.Forecast, "commit", 2.5), (Intent.Forecast, "best case", 2.5), (Intent.Forecast, "upside", 2), (Intent.Forecast, "call", 0.8), (Intent.Forecast, "projection", 2.5), (Intent.Forecast, "projected", 2.5),

        (Intent.TeamRollup, "team", 2), (Intent.TeamRollup, "my reps", 2.4), (Intent.TeamRollup, "by rep", 2.6), (Intent.TeamRollup, "per rep", 2.6), (Intent.TeamRollup, "each rep", 2.4), (Intent.TeamRollup, "rollup", 2.5),
        (Intent.TeamRollup, "roll up", 2.5), (Intent.TeamRollup, "everyone", 1.5), (Intent.TeamRollup, "leaderboard", 3), (Intent.TeamRollup, "ranking", 2.5),
        (Intent.BehindQuota, "behind quota", 4.5), (Intent.BehindQuota, "behind", 2.5), (Intent.BehindQuota, "below quota", 4.5), (Intent.BehindQuota, "missing quota", 4.5), (Intent.BehindQuota, "struggling", 3), (Intent.BehindQuota, "under quota", 4.5), (Intent.BehindQuota, "not on track", 4),
        (Intent.BestWinRate, "best win rate", 6), (Intent.BestWinRate, "highest win rate", 6), (Intent.BestWinRate, "best close rate", 6), (Intent.BestWinRate, "who wins most", 5),
        (Intent.Slipped, "slipped", 4), (Intent.Slipped, "slipping", 4), (Intent.Slipped, "slips", 4), (Intent.Slipped, "pushed", 3.5), (Intent.Slipped, "pushed out", 4), (Intent.Slipped, "moved out", 3.5), (Intent.Slipped, "keeps moving", 3.5),
        (Intent.Stale, "stale", 4), (Intent.Stale, "no activity", 4), (Intent.Stale, "untouched", 4), (Intent.Stale, "gone quiet", 4), (Intent.Stale, "neglected", 4), (Intent.Stale, "not touched", 4), (Intent.Stale, "dormant", 4), (Intent.Stale, "haven't touched", 4),
    ];

    /// <summary>Words the cues are made of: typos are corrected towards these.</summary>
    public static readonly IReadOnlySet<string> Vocabulary = Cues.SelectMany(c => c.Phrase.Split(' ')).Where(w => w.Length >= 4).ToHashSet();

    public static IntentScore Classify(string text)
    {
        var normalized = " " + Normalize(text) + " ";
        var scores = new Dictionary<Intent, double>();
        var evidence = new Dictionary<Intent, List<string>>();
        foreach (var (intent, phrase, weight) in Cues)
        {
            if (!normalized.Contains(" " + phrase + " ", StringComparison.Ordinal))
                continue;
            scores[intent] = scores.GetValueOrDefault(intent) + weight;
            (evidence.TryGetValue(intent, out var list) ? list : evidence[intent] = []).Add(phrase);
        }
        if (scores.Count == 0)
            return new IntentScore(Intent.Unknown, 0, 0, []);
        var ranked = scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).ToList();
        var (best, score) = ranked[0];
        var margin = ranked.Count > 1 ? score - ranked[1].Value : score;
        return new IntentScore(best, score, margin, evidence[best]);
    }

    /// <summary>Lower case, apostrophes kept inside words, punctuation to spaces, typos of cue words corrected.</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.ToLowerInvariant())
            sb.Append(char.IsLetterOrDigit(ch) || ch == '\'' ? ch : ch == '’' ? '\'' : ' ');
        var words = sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('\'')).Select(Correct);
        return string.Join(' ', words);
    }

    private static string Correct(string word)
    {
        if (word.Length < 5 || Vocabulary.Contains(word) || word.Any(char.IsDigit))
            return word;
        var allowed = word.Length >= 8 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var known in Vocabulary)
        {
            if (Math.Abs(known.Length - word.Length) > allowed)
                continue;
            var d = EditDistance.Capped(word, known, allowed);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = known;
            }
        }
        return best is not null && bestDistance <= allowed ? best : word;
    }
}
