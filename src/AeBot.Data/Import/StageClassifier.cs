using AeBot.Core.Opportunities;

using AeBot.Core.Text;

namespace AeBot.Data.Import;

/// <summary>Decides whether a stage name means open, won or lost, tolerating small typos in the won/lost names.</summary>
internal sealed class StageClassifier
{
    public static readonly string[] DefaultWon =
        ["Closed Won", "Won", "Closed - Won", "Deal Won", "Closed/Won", "Signed", "Contract Signed", "Booked", "Closed Won - Paid"];

    public static readonly string[] DefaultLost =
        ["Closed Lost", "Lost", "Closed - Lost", "Deal Lost", "Closed/Lost", "Dead", "Disqualified", "Closed - No Decision", "Closed No Decision", "Abandoned", "Cancelled", "Canceled", "Out-Sold", "Closed Lost to Competition", "Closed-Lost to Competition"];

    /// <summary>Stage names the picklist prefers when a typo is close to one of them.</summary>
    public static readonly string[] WellKnownStages =
    [
        "Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers", "Perception Analysis",
        "Proposal/Price Quote", "Negotiation/Review", "Discovery", "Demo", "Proposal", "Negotiation", "Contract Sent",
        "Appointment Scheduled", "Qualified To Buy", "Presentation Scheduled", "Decision Maker Bought-In", "Closed Won", "Closed Lost",
    ];

    private readonly HashSet<string> _won;
    private readonly HashSet<string> _lost;

    public StageClassifier(IEnumerable<string> extraWon, IEnumerable<string> extraLost)
    {
        _won = DefaultWon.Concat(extraWon).Select(ColumnSynonyms.Normalize).ToHashSet();
        _lost = DefaultLost.Concat(extraLost).Select(ColumnSynonyms.Normalize).ToHashSet();
        _won.Remove("");
        _lost.Remove("");
    }

    // A file repeats a handful of stage names a million times: classify each spelling once.
    private readonly Dictionary<string, StageCategory> _known = new(StringComparer.Ordinal);

    public StageCategory Classify(string stage)
    {
        var key = ColumnSynonyms.Normalize(stage);
        if (_known.TryGetValue(key, out var known))
            return known;
        return _known[key] = ClassifyKey(key);
    }

    private StageCategory ClassifyKey(string key)
    {
        if (_won.Contains(key))
            return StageCategory.Won;
        if (_lost.Contains(key))
            return StageCategory.Lost;
        // "Closed Wonn", "Clsoed Lost": a typo of a long won/lost name, never of a short one ("won" vs "on").
        if (key.Length >= 6)
        {
            if (_won.Any(w => w.Length >= 6 && EditDistance.Within(key, w, 2)))
                return StageCategory.Won;
            if (_lost.Any(l => l.Length >= 6 && EditDistance.Within(key, l, 2)))
                return StageCategory.Lost;
        }
        return StageCategory.Open;
    }

    /// <summary>Reads a status column such as Pipedrive's "won" or Dynamics' "Lost"; null when it says nothing.</summary>
    public StageCategory? FromStatus(string? status)
    {
        if (status is null)
            return null;
        var key = ColumnSynonyms.Normalize(status);
        if (key is "open" or "inprogress" or "active")
            return StageCategory.Open;
        var category = Classify(status);
        return category == StageCategory.Open ? null : category;
    }
}
