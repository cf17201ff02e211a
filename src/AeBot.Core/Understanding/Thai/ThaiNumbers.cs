using System.Globalization;
using System.Text;

namespace AeBot.Core.Understanding.Thai;

/// <summary>
/// Amounts said in Thai number words, the way sellers type what they would say aloud: ห้าแสน (500,000),
/// หนึ่งหมื่นห้าพัน (15,000), สามพันห้าร้อย (3,500), and the spoken shorthand where a digit after a unit is the next
/// unit down — ล้านสอง (1,200,000), สองล้านห้า (2,500,000), หมื่นห้า (15,000), ล้านครึ่ง (1,500,000). Digits may stand
/// before the units ("2 ล้านห้า", "๒.๕ ล้าน" once Thai digits are repaired). Only a run with a unit in it is a number
/// here: a digit word on its own ("สอง") is left to the lexicon, so "ห้าง" or "สามารถ" never become amounts.
/// </summary>
public static class ThaiNumbers
{
    private static readonly (string Word, int Digit)[] Digits =
    [
        ("ศูนย์", 0), ("หนึ่ง", 1), ("เอ็ด", 1), ("สอง", 2), ("ยี่", 2), ("สาม", 3), ("สี่", 4), ("ห้า", 5), ("หก", 6), ("เจ็ด", 7), ("แปด", 8), ("เก้า", 9),
    ];

    private static readonly (string Word, decimal Unit)[] Units =
    [
        ("สิบ", 10m), ("ร้อย", 100m), ("พัน", 1_000m), ("หมื่น", 10_000m), ("แสน", 100_000m), ("ล้าน", 1_000_000m),
    ];

    private const string Half = "ครึ่ง";

    private abstract record Token(int End);
    private sealed record DigitToken(decimal Value, int End) : Token(End);
    private sealed record UnitToken(decimal Unit, int End) : Token(End);
    private sealed record HalfToken(int End) : Token(End);

    /// <summary>The text with each spelt-out amount replaced by its digits (" 2500000 "); everything else as it was.</summary>
    public static string Spell(string text)
    {
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (Read(text, i) is { } found)
            {
                sb.Append(' ').Append(found.Value.ToString("0.##", CultureInfo.InvariantCulture)).Append(' ');
                i = found.End;
                continue;
            }
            sb.Append(text[i]);
            i++;
        }
        return sb.ToString();
    }

    /// <summary>The amount a whole piece of text says ("หนึ่งหมื่นห้าพัน" → 15000), or null when it is not one amount.</summary>
    public static decimal? Parse(string words)
    {
        var text = ThaiScript.Repair(words.Trim());
        return Read(text, 0) is { } found && found.End == text.Length ? found.Value : null;
    }

    /// <summary>The amount starting at <paramref name="start"/>: its value and where it ends, or null.</summary>
    private static (decimal Value, int End)? Read(string text, int start)
    {
        // Digits only start an amount at the start of a number ("12 ล้าน", not the "2" of "12").
        if (char.IsAsciiDigit(text[start]) && start > 0 && (char.IsAsciiDigit(text[start - 1]) || text[start - 1] is '.' or ','))
            return null;
        var tokens = new List<Token>();
        var at = start;
        while (at < text.Length && Next(text, at, tokens.Count > 0 ? tokens[^1] : null) is { } token)
        {
            tokens.Add(token);
            at = token.End;
        }
        // Digits with no unit are left as they are: "3 ดีล", a year, a bare สอง.
        if (!tokens.Any(t => t is UnitToken))
            return null;
        var first = tokens[0];
        if (first is HalfToken)
            return null;
        // "เรียบร้อย" (done), "พันธมิตร" (partner): a unit word inside an ordinary word is no number.
        if (first is UnitToken && start > 0 && ThaiScript.IsThai(text[start - 1]) && IsInsideWord(text, start))
            return null;
        var last = tokens[^1];
        if (last is UnitToken { Unit: 1_000m } && last.End < text.Length && text[last.End] is 'ธ')
            return null;

        decimal millions = 0, below = 0;
        decimal? pending = null;
        decimal? lastUnit = null;
        foreach (var token in tokens)
        {
            switch (token)
            {
                case DigitToken d:
                    pending = d.Value;
                    break;
                case UnitToken { Unit: 1_000_000m }:
                    // ล้าน multiplies all that came since the last ล้าน: สองร้อยล้าน = 200,000,000.
                    var group = below + (pending ?? (below == 0 ? 1 : 0));
                    millions = (millions + group) * 1_000_000m;
                    below = 0;
                    pending = null;
                    lastUnit = 1_000_000m;
                    break;
                case UnitToken u:
                    below += (pending ?? 1) * u.Unit;
                    pending = null;
                    lastUnit = u.Unit;
                    break;
                case HalfToken:
                    if (pending is not null || lastUnit is not { } halfOf)
                        return null;
                    below += halfOf / 2;
                    break;
            }
        }
        // A digit after the last unit: units after สิบ ("สิบห้า" = 15), else the unit below it ("ล้านสอง" = 1,200,000).
        if (pending is { } trailing)
            below += lastUnit is null or 10m ? trailing : trailing * lastUnit.Value / 10;
        return (millions + below, last.End);
    }

    private static Token? Next(string text, int at, Token? previous)
    {
        var i = at;
        // Spaces only between a number and its unit: "2 ล้าน", "ห้า แสน" — never between two Thai words otherwise.
        if (previous is DigitToken)
            while (i < text.Length && text[i] == ' ')
                i++;
        if (i >= text.Length)
            return null;
        if (char.IsAsciiDigit(text[i]))
        {
            if (previous is not null)
                return null;
            var end = i;
            while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or ',' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1])))
                end++;
            return decimal.TryParse(text[i..end].Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
                ? new DigitToken(n, end)
                : null;
        }
        foreach (var (word, unit) in Units)
            if (string.CompareOrdinal(text, i, word, 0, word.Length) == 0 && !Continues(text, i + word.Length)
                && !(unit == 100m && string.CompareOrdinal(text, i + word.Length, "ละ", 0, 2) == 0)) // ร้อยละ is "per cent"
                return new UnitToken(unit, i + word.Length);
        // After a number only its unit may follow ("5 ดีล" is five deals, "ห้าสิบ" fifty).
        if (previous is DigitToken)
            return null;
        if (string.CompareOrdinal(text, i, Half, 0, Half.Length) == 0 && previous is UnitToken)
            return new HalfToken(i + Half.Length);
        foreach (var (word, digit) in Digits)
        {
            if (string.CompareOrdinal(text, i, word, 0, word.Length) != 0 || Continues(text, i + word.Length))
                continue;
            // ยี่ only in ยี่สิบ (20); เอ็ด only after a unit (สิบเอ็ด = 11).
            if (word == "ยี่" && string.CompareOrdinal(text, i + word.Length, "สิบ", 0, 3) != 0 || word == "เอ็ด" && previous is not UnitToken)
                continue;
            return new DigitToken(digit, i + word.Length);
        }
        return null;
    }

    // A vowel or tone mark right after a word means the word goes on ("สามารถ", "ห้าง" is caught by its unit-less run).
    private static bool Continues(string text, int at) =>
        at < text.Length && text[at] is '\u0E31' or >= '\u0E33' and <= '\u0E3A' or >= '\u0E47' and <= '\u0E4E' or 'า' or 'ะ';

    private static bool IsInsideWord(string text, int start) => text.AsSpan(0, start).EndsWith("เรียบ", StringComparison.Ordinal);
}
