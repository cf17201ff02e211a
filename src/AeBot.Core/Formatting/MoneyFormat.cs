using System.Globalization;

namespace AeBot.Core.Formatting;

/// <summary>Money for people: compact in sentences ("$1.2M"), exact in tables ("$1,234,567.50").</summary>
public static class MoneyFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly Dictionary<string, string> Symbols = new()
    {
        ["USD"] = "$", ["EUR"] = "€", ["GBP"] = "£", ["JPY"] = "¥", ["INR"] = "₹", ["AUD"] = "A$", ["CAD"] = "C$", ["THB"] = "฿",
    };

    /// <summary>"$1.2M", "€450K", "$980", "1.5M CHF"; one decimal where it matters.</summary>
    public static string Compact(decimal amount, string currency)
    {
        var abs = Math.Abs(amount);
        string number;
        if (abs >= 1_000_000_000m)
            number = Scaled(amount / 1_000_000_000m) + "B";
        else if (abs >= 1_000_000m)
            number = Scaled(amount / 1_000_000m) + "M";
        else if (abs >= 10_000m)
            number = Scaled(amount / 1_000m) + "K";
        else
            number = decimal.Round(amount, 0, MidpointRounding.AwayFromZero).ToString("#,0", Invariant);
        return WithCurrency(number, currency);
    }

    /// <summary>"$1,234,567" or "$1,234,567.50": cents only when there are any.</summary>
    public static string Exact(decimal amount, string currency)
    {
        var number = amount == decimal.Truncate(amount) ? amount.ToString("#,0", Invariant) : amount.ToString("#,0.00", Invariant);
        return WithCurrency(number, currency);
    }

    private static string Scaled(decimal value)
    {
        var rounded = decimal.Round(value, Math.Abs(value) >= 100 ? 0 : 1, MidpointRounding.AwayFromZero);
        return rounded.ToString(rounded == decimal.Truncate(rounded) ? "#,0" : "#,0.0", Invariant);
    }

    private static string WithCurrency(string number, string currency)
    {
        var negative = number.StartsWith('-');
        if (negative)
            number = number[1..];
        var text = Symbols.TryGetValue(currency, out var symbol) ? symbol + number : $"{number} {currency}";
        return negative ? "-" + text : text;
    }

    /// <summary>"42.3%" — one decimal, as the figures are compared to each other.</summary>
    public static string Percent(decimal fraction) =>
        (decimal.Round(fraction * 100m, 1, MidpointRounding.AwayFromZero)).ToString("0.0", Invariant) + "%";

    /// <summary>"10 of 24" when a list shows fewer than there are, else "24": a shortened list's length is never the count.</summary>
    public static string OfTotal(int shown, int total) =>
        total > shown ? $"{shown.ToString("#,0", Invariant)} of {total.ToString("#,0", Invariant)}" : total.ToString("#,0", Invariant);

    public static string Count(int count, string singular, string? plural = null) =>
        $"{count.ToString("#,0", Invariant)} {(count == 1 ? singular : plural ?? singular + "s")}";
}
