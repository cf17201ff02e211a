using System.Globalization;
using System.Text.RegularExpressions;
using AeBot.Core.Money;

namespace AeBot.Data.Import;

/// <summary>Reads the values real CRM exports contain: dates in many formats, money with symbols and separators.</summary>
public static partial class ValueParsers
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd", "yyyy-M-d", "yyyy/MM/dd", "yyyy/M/d", "yyyyMMdd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    private static readonly string[] MonthFirst =
    [
        "M/d/yyyy", "M/d/yy", "M-d-yyyy", "M.d.yyyy", "M/d/yyyy H:mm", "M/d/yyyy h:mm tt", "M/d/yyyy H:mm:ss", "M/d/yyyy h:mm:ss tt", "M/d/yy h:mm tt", "M/d/yy H:mm",
    ];

    private static readonly string[] DayFirst =
    [
        "d/M/yyyy", "d/M/yy", "d-M-yyyy", "d.M.yyyy", "d.M.yy", "d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "d.M.yyyy H:mm", "d.M.yyyy H:mm:ss", "d/M/yy H:mm",
    ];

    private static readonly string[] Named =
    [
        "MMM d, yyyy", "MMMM d, yyyy", "d MMM yyyy", "d MMMM yyyy", "MMM d yyyy", "d-MMM-yyyy", "d-MMM-yy", "MMM dd, yyyy h:mm tt", "dd-MMM-yyyy",
    ];

    /// <summary>Parses a calendar date; a time part, if any, is dropped.</summary>
    public static bool TryParseDate(string text, DateOrder order, out DateOnly date)
    {
        date = default;
        if (!TryParseDateTime(text, order, out var dt, out _))
            return false;
        date = DateOnly.FromDateTime(dt);
        return true;
    }

    /// <summary>
    /// Parses a date with optional time. <paramref name="offset"/> is the offset written in the text, or null when
    /// the text has none (the caller decides which zone it is in).
    /// </summary>
    public static bool TryParseDateTime(string text, DateOrder order, out DateTime value, out TimeSpan? offset)
    {
        value = default;
        offset = null;
        var s = text.Trim();
        if (s.Length < 6)
            return false;

        if (HasExplicitOffset(s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto))
        {
            value = dto.DateTime;
            offset = dto.Offset;
            return true;
        }
        var invariant = CultureInfo.InvariantCulture;
        const DateTimeStyles styles = DateTimeStyles.AllowWhiteSpaces;
        if (DateTime.TryParseExact(s, IsoFormats, invariant, styles, out value))
            return true;

        // A first number above 12 can only be a day, a second above 12 only a day: read such dates either way.
        var (first, second) = order == DateOrder.MonthDayYear ? (MonthFirst, DayFirst) : (DayFirst, MonthFirst);
        if (DateTime.TryParseExact(s, first, invariant, styles, out value) || DateTime.TryParseExact(s, second, invariant, styles, out value))
            return true;
        if (DateTime.TryParseExact(s, Named, invariant, styles, out value))
            return true;
        return false;
    }

    private static bool HasExplicitOffset(string s) =>
        s.EndsWith('Z') || OffsetSuffix().IsMatch(s);

    // "2026-09-03T14:12:45+00:00" and Close's "2026-09-03 14:12:45.119000+00:00".
    [GeneratedRegex(@"[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?[+-]\d{2}:?\d{2}$")]
    private static partial Regex OffsetSuffix();

    /// <summary>
    /// Parses an amount such as "50000", "$1,200.50", "1.200,50 €", "EUR 40,000", "50k", "1.2M" or "(500)".
    /// <paramref name="commaDecimal"/> says how to read "1.234" / "1,234" when nothing else decides (true for
    /// semicolon-separated European exports). A currency symbol or code in the text is returned in <paramref name="currency"/>.
    /// </summary>
    public static bool TryParseMoney(string text, bool commaDecimal, out decimal amount, out string? currency)
    {
        amount = 0;
        currency = null;
        var s = text.Trim().Replace('\u00A0', ' ').Replace('\u202F', ' ');
        if (s.Length == 0)
            return false;

        var negative = false;
        if (s.StartsWith('-'))
        {
            negative = true;
            s = s[1..].Trim();
        }
        if (s.StartsWith('(') && s.EndsWith(')'))
        {
            negative = true;
            s = s[1..^1].Trim();
        }

        var m = MoneyPattern().Match(s);
        if (!m.Success)
            return false;
        var pre = m.Groups["pre"].Value.Trim();
        var post = m.Groups["post"].Value.Trim();
        if (m.Groups["neg"].Success)
            negative = !negative;

        decimal multiplier = 1;
        var suffix = post;
        if (suffix.Length > 0 && MultiplierOf(suffix[0]) is { } mult && (suffix.Length == 1 || !char.IsLetter(suffix[1])))
        {
            multiplier = mult;
            suffix = suffix[1..].Trim();
        }
        foreach (var token in new[] { pre, suffix })
        {
            if (token.Length == 0)
                continue;
            var code = CurrencyCode.FromSymbolOrCode(token);
            if (code is null)
                return false; // "12 apples", "TBD 100"
            currency ??= code;
        }

        if (!TryParseNumber(m.Groups["num"].Value, commaDecimal, out amount))
            return false;
        amount *= multiplier;
        if (negative)
            amount = -amount;
        return true;
    }

    private static decimal? MultiplierOf(char c) => char.ToLowerInvariant(c) switch
    {
        'k' => 1_000m,
        'm' => 1_000_000m,
        'b' => 1_000_000_000m,
        _ => null,
    };

    [GeneratedRegex(@"^(?<pre>[^\d\-+.,]*?)\s*(?<neg>-)?\s*(?<num>\d[\d.,' ]*|[.,]\d+)\s*(?<post>[^\d]*)$")]
    private static partial Regex MoneyPattern();

    /// <summary>Reads "1,234.56", "1.234,56", "1 234,56", "1'234.56", "12,5" with the given tie-break.</summary>
    public static bool TryParseNumber(string text, bool commaDecimal, out decimal value)
    {
        value = 0;
        var s = text.Replace(" ", "").Replace("'", "");
        if (s.Length == 0)
            return false;
        var lastComma = s.LastIndexOf(',');
        var lastDot = s.LastIndexOf('.');
        char? decimalSep;
        if (lastComma >= 0 && lastDot >= 0)
            decimalSep = lastComma > lastDot ? ',' : '.';
        else if (lastComma >= 0)
            decimalSep = IsThousandsOnly(s, ',', commaDecimal ? false : true) ? null : ',';
        else if (lastDot >= 0)
            decimalSep = IsThousandsOnly(s, '.', commaDecimal) ? null : '.';
        else
            decimalSep = null;

        var thousands = decimalSep == ',' ? '.' : ',';
        var cleaned = s.Replace(thousands.ToString(), "");
        if (decimalSep is null)
            cleaned = cleaned.Replace(",", "").Replace(".", "");
        else if (decimalSep == ',')
            cleaned = cleaned.Replace(',', '.');
        return decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    // "1,234,567" or "1.234" with a thousands reading: every group after the first has exactly three digits.
    private static bool IsThousandsOnly(string s, char sep, bool preferThousands)
    {
        var groups = s.Split(sep);
        if (groups.Skip(1).Any(g => g.Length != 3))
            return false;
        if (groups.Length > 2)
            return true;
        return preferThousands;
    }

    /// <summary>
    /// Reads "60", "60%", "60.5 %" and "0.6" (a fraction) as percent 0–100. With <paramref name="fraction"/>, the
    /// column is known to hold fractions, so "1" is 100 % too.
    /// </summary>
    public static bool TryParsePercent(string text, bool fraction, out decimal percent)
    {
        percent = 0;
        var s = text.Trim();
        var hadSign = s.EndsWith('%');
        s = s.TrimEnd('%').Trim();
        if (!decimal.TryParse(s.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
            return false;
        if (!hadSign && (fraction ? v <= 1 : v > 0 && v < 1 && s.Contains('.')))
            v *= 100;
        if (v is < 0 or > 100)
            return false;
        percent = v;
        return true;
    }

    public static bool TryParseBool(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "y" or "1" or "x" or "on" or "active" or "checked" or "won" or "closed" or "completed" or "done" or "auto" or "automatic" or "evergreen":
                value = true;
                return true;
            case "false" or "no" or "n" or "0" or "off" or "inactive" or "unchecked" or "" or "manual" or "open" or "not started" or "deactivated":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    public static bool TryParseInt(string text, out int value)
    {
        var s = text.Trim().Replace(",", "").Replace(" ", "").Replace("'", "");
        return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }
}
