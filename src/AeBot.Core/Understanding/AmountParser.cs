using System.Globalization;
using System.Text.RegularExpressions;

namespace AeBot.Core.Understanding;

/// <summary>Amount thresholds in questions: "over 50k", "above $1.2M", "under 40,000 EUR", "at least 100000".</summary>
public static partial class AmountParser
{
    public static (decimal? Min, decimal? Max, string? Matched) Parse(string text)
    {
        decimal? min = null, max = null;
        string? matched = null;
        // "between 50k and 100k", "from $25k to $75k": both ends at once.
        if (Between().Match(text.ToLowerInvariant()) is { Success: true } range && TryAmount(range.Groups["a"].Value, out var low) && TryAmount(range.Groups["b"].Value, out var high)
            && (HasMoneyMark(range.Groups["a"].Value) || HasMoneyMark(range.Groups["b"].Value)))
            return (Math.Min(low, high), Math.Max(low, high), range.Value);
        foreach (Match m in Threshold().Matches(text.ToLowerInvariant()))
        {
            if (!TryAmount(m.Groups["amount"].Value, out var amount))
                continue;
            if (m.Groups["dir"].Value is "under" or "below" or "less than" or "smaller than" or "at most" or "up to" or "<" or "<=" or "max")
                max = amount;
            else
                min = amount;
            matched = matched is null ? m.Value : matched + " | " + m.Value;
        }
        return (min, max, matched);
    }

    /// <summary>Reads "50k", "$1.2M", "40,000 EUR", "1.5 million", "250000".</summary>
    public static bool TryAmount(string text, out decimal amount)
    {
        amount = 0;
        var m = AmountPattern().Match(text.Trim().ToLowerInvariant());
        if (!m.Success)
            return false;
        var digits = m.Groups["num"].Value.Replace(",", "");
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount))
            return false;
        amount *= m.Groups["scale"].Value switch
        {
            "k" or "thousand" => 1_000m,
            "m" or "mm" or "mn" or "million" => 1_000_000m,
            "b" or "bn" or "billion" => 1_000_000_000m,
            _ => 1m,
        };
        return true;
    }

    [GeneratedRegex(@"(?:worth\s+)?(?<dir>over|above|more than|greater than|bigger than|larger than|at least|min|minimum|>=|>|under|below|less than|smaller than|at most|up to|max|<=|<)\s*(?<amount>(?:[$€£]\s*)?\d[\d,]*(?:\.\d+)?\s*(?:k|mm|mn|m|bn|b|thousand|million|billion)?\b(?:\s*(?:usd|eur|gbp|dollars|euros|pounds))?)(?!\s*(?:%|percent|days?|weeks?|months?|years?|deals?|opps?|opportunities|reps?|times|x\b))")]
    private static partial Regex Threshold();

    private static bool HasMoneyMark(string amount) => MoneyMark().IsMatch(amount);

    // Four digits alone look like a year ("between 2024 and 2025"): a money mark, a scale or five digits is needed.
    [GeneratedRegex(@"[$€£]|\d\s*(k|m|mm|mn|bn|thousand|million|billion)\b|\d{5,}|\d{1,3}(,\d{3})+")]
    private static partial Regex MoneyMark();

    [GeneratedRegex(@"(?:worth\s+)?(?:between|from)\s+(?<a>(?:[$€£]\s*)?\d[\d,]*(?:\.\d+)?\s*(?:k|mm|mn|m|bn|b|thousand|million|billion)?)\s+(?:and|to|-)\s+(?<b>(?:[$€£]\s*)?\d[\d,]*(?:\.\d+)?\s*(?:k|mm|mn|m|bn|b|thousand|million|billion)?)\b")]
    private static partial Regex Between();

    [GeneratedRegex(@"^(?:[$€£]\s*)?(?<num>\d[\d,]*(?:\.\d+)?)\s*(?<scale>k|mm|mn|m|bn|b|thousand|million|billion)?\b")]
    private static partial Regex AmountPattern();
}
