namespace AeBot.Core.Money;

/// <summary>ISO 4217 currency codes and the symbols that stand for them in CRM exports.</summary>
public static class CurrencyCode
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["$"] = "USD", ["US$"] = "USD", ["€"] = "EUR", ["£"] = "GBP", ["¥"] = "JPY", ["₹"] = "INR",
        ["CHF"] = "CHF", ["A$"] = "AUD", ["C$"] = "CAD", ["kr"] = "SEK", ["R$"] = "BRL", ["zł"] = "PLN",
    };

    public static bool IsValid(string? code) =>
        code is { Length: 3 } && code.All(c => c is >= 'A' and <= 'Z');

    /// <summary>The upper-cased code, or an exception naming the bad value.</summary>
    public static string Require(string? code)
    {
        var upper = code?.Trim().ToUpperInvariant();
        if (!IsValid(upper))
            throw new ArgumentException($"'{code}' is not an ISO 4217 currency code such as USD or EUR.", nameof(code));
        return upper!;
    }

    /// <summary>Reads "USD", "usd", "$" or "€" as a currency code.</summary>
    public static string? FromSymbolOrCode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var trimmed = text.Trim();
        if (Symbols.TryGetValue(trimmed, out var code))
            return code;
        var upper = trimmed.ToUpperInvariant();
        return IsValid(upper) ? upper : null;
    }
}
