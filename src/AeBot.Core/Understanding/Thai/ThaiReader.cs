using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AeBot.Core.Understanding.Thai;

/// <summary>A Thai or Thai–English message in the words the parser reads, and whether it asked or told.</summary>
/// <param name="Words">The message with every Thai word replaced by its lexicon meaning; English words and names kept.</param>
/// <param name="Asks">A Thai question particle or question word was there (Thai puts them last, English first).</param>
/// <param name="Unknown">Thai words neither the lexicon nor the names know, as written.</param>
public sealed record ThaiReading(string Words, bool Asks, IReadOnlyList<string> Unknown);

/// <summary>
/// Reads Thai the way the rest of the parser reads English: numbers, amounts and Buddhist-era years first, then each
/// run of Thai matched longest-first against <see cref="ThaiLexicon"/> and the names in the data (so loan words and
/// names stay whole), with ICU's word breaks for what is left (<see cref="ThaiWordBreaker"/>). The result goes through
/// the same Query assembly as English — one parser, a second lexicon.
/// </summary>
public sealed partial class ThaiReader(ThaiWordBreaker breaker)
{
    // Buddhist era = Gregorian + 543 (พ.ศ. 2569 = 2026).
    private const int EraOffset = 543;

    private static readonly Dictionary<string, decimal> Scales = new(StringComparer.Ordinal)
    {
        ["ล้าน"] = 1_000_000m, ["แสน"] = 100_000m, ["หมื่น"] = 10_000m, ["พัน"] = 1_000m,
    };

    private static readonly int LongestEntry = ThaiLexicon.Entries.Keys.Max(k => k.Length);

    public ThaiReading Read(string text, IReadOnlyCollection<string> names)
    {
        var words = ThaiScript.Repair(text);
        words = Numbers(words);
        var thaiNames = names.Where(ThaiScript.Contains).Select(ThaiScript.Repair).ToHashSet(StringComparer.Ordinal);
        var longestName = thaiNames.Count == 0 ? 0 : thaiNames.Max(n => n.Length);

        var output = new StringBuilder();
        var unknown = new List<string>();
        var asks = false;
        var i = 0;
        while (i < words.Length)
        {
            if (!ThaiScript.IsThai(words[i]))
            {
                var start = i;
                while (i < words.Length && !ThaiScript.IsThai(words[i]))
                    i++;
                Append(output, words[start..i]);
                continue;
            }
            // A name with spaces in it ("สยาม เทค") is read whole before the run around its first word.
            if (thaiNames.Where(n => n.Contains(' ', StringComparison.Ordinal) && string.CompareOrdinal(words, i, n, 0, n.Length) == 0)
                .MaxBy(n => n.Length) is { } spaced)
            {
                Append(output, spaced);
                i += spaced.Length;
                continue;
            }
            var runStart = i;
            // Abbreviations keep their dots inside the run: "มี.ค." (March), "พ.ศ." (the Buddhist era).
            while (i < words.Length && (ThaiScript.IsThai(words[i]) || words[i] == '.' && ThaiScript.IsThai(words[i - 1])))
                i++;
            ReadRun(words[runStart..i], thaiNames, Math.Max(LongestEntry, longestName), output, unknown, ref asks);
        }
        var read = Spaces().Replace(output.ToString(), " ").Trim();
        // "15 พ.ย." is written day first; the date reader takes "November 15" whole (as the end of a range too).
        read = DayMonth().Replace(read, m => $"{m.Groups["month"].Value} {m.Groups["day"].Value}");
        return new ThaiReading(asks && !read.EndsWith('?') ? read + " ?" : read, asks, unknown);
    }

    private void ReadRun(string run, HashSet<string> names, int longest, StringBuilder output, List<string> unknown, ref bool asks)
    {
        var breaks = Breaks(run);
        var i = 0;
        while (i < run.Length)
        {
            var matched = false;
            for (var length = Math.Min(longest, run.Length - i); length > 0 && !matched; length--)
            {
                var piece = run.Substring(i, length);
                if (ThaiScript.MidSyllable(run, i + length))
                    continue;
                if (names.Contains(piece))
                {
                    Append(output, piece);
                    matched = true;
                }
                else if (ThaiLexicon.Entries.TryGetValue(piece, out var meaning))
                {
                    if (meaning == ThaiLexicon.QuestionMark)
                        asks = true;
                    else
                    {
                        Append(output, meaning);
                        asks |= meaning is "how much" or "how many" or "how many deals" or "who" or "what" or "which" or "which rep" or "when" or "how" or "what percent"
                            || meaning.StartsWith("how ", StringComparison.Ordinal) || meaning.StartsWith("what ", StringComparison.Ordinal)
                            || meaning.StartsWith("which ", StringComparison.Ordinal) || meaning.StartsWith("who ", StringComparison.Ordinal);
                    }
                    matched = true;
                }
                if (matched)
                    i += length;
            }
            if (matched)
                continue;
            // Not a word AeBot knows: up to ICU's next word break, kept as written (so it is never taken for a slot).
            var end = breaks.FirstOrDefault(b => b > i, run.Length);
            var word = run[i..end].Trim('.');
            if (word.Length > 0)
            {
                unknown.Add(word);
                Append(output, word);
            }
            i = end;
        }
    }

    private SortedSet<int> Breaks(string run)
    {
        var breaks = new SortedSet<int>();
        var at = 0;
        foreach (var word in breaker.Words(run))
        {
            at += word.Length;
            breaks.Add(at);
        }
        return breaks;
    }

    /// <summary>Years in the Buddhist era, Thai scale words and Thai ways of saying quarters and day ranges, in the parser's terms.</summary>
    private static string Numbers(string text)
    {
        // "แล้ว … ล่ะ" at the start is "and … ?", a follow-up (at the end, แล้ว is "already").
        text = AndThen().Replace(text, " and ");
        // "ทั้งได้และไม่ได้" (won or not), said before "ปิด … ได้" below can take its ได้ for a win.
        text = WonOrLost().Replace(text, " won or lost ");
        // "Bob ไตรมาสนี้เป็นไงบ้าง": the English "how is Bob doing this quarter", so a name nobody has is refused as in English.
        text = HowIsName().Replace(text, m => $" how is {m.Groups["name"].Value} doing {m.Groups["rest"].Value} ");
        // "เราได้ Acme มา": got (won) Acme.
        text = GotName().Replace(text, m => $" won {m.Groups["what"].Value} ");
        // "2 คนที่ยอดต่ำสุด": the bottom two reps by sales.
        text = RankedPeople().Replace(text, m => $" {(m.Groups["low"].Success ? "bottom" : "top")} {m.Groups["n"].Value} reps {m.Groups["mid"].Value} ");
        // "3 ลบ." is three million baht; "หลักล้าน" (in the millions) at least a million; "1-2 ล้าน" both ends scaled.
        text = MillionBaht().Replace(text, m => $"{m.Groups["n"].Value} ล้าน ");
        text = InTheMillions().Replace(text, m => $" over {Scales[m.Groups["scale"].Value]:0} ");
        text = ScaledRange().Replace(text, m =>
        {
            var scale = Scales[m.Groups["scale"].Value];
            decimal At(string n) => decimal.Parse(n, CultureInfo.InvariantCulture) * scale;
            return $" between {At(m.Groups["a"].Value):0.##} and {At(m.Groups["b"].Value):0.##} ";
        });
        // "2.5 ล้าน", "ห้าแสน", "สองล้านห้า", "ล้านครึ่ง", "หนึ่งหมื่นห้าพัน" → digits.
        text = ThaiNumbers.Spell(text);
        // "1000000 ขึ้นไป" (and more) → "over 1000000".
        text = AtLeast().Replace(text, m => $" over {m.Groups["n"].Value} ");
        // "Q3/68", "Q3/2568": a quarter of a Buddhist-era year.
        text = QuarterSlashYear().Replace(text, m => $" Q{m.Groups["q"].Value} {Gregorian(m.Groups["y"].Value.Length == 2 ? "25" + m.Groups["y"].Value : m.Groups["y"].Value)} ");
        // "เดือน 10" is October.
        text = NumberedMonth().Replace(text, m => $" {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture))} ");
        // "ไตรมาส นี้" written with a space is still "this quarter".
        text = SpacedPeriod().Replace(text, m => m.Groups["unit"].Value + m.Groups["which"].Value);
        // "ตั้งแต่ X ถึง Y" is a range from X to Y (alone, or with "ถึงวันนี้" — up to today — ตั้งแต่ is "since");
        // "ระหว่าง X ถึง Y" is between X and Y.
        text = FromTo().Replace(text, " from ");
        text = BetweenTo().Replace(text, m => $" between {m.Groups["x"].Value} and ");
        // "stage ไหน", "product ไหน": Thai puts "which" after the noun.
        text = WhichAfter().Replace(text, m => $" which {m.Groups["noun"].Value} ");
        // "พ.ศ. 2568" / "ปี 2568" / "ปี 68" / a bare 25xx → the Gregorian year.
        text = EraYear().Replace(text, m => $" {Gregorian(m.Groups["y"].Value)} ");
        text = ShortEraYear().Replace(text, m => $" {Gregorian("25" + m.Groups["y"].Value)} ");
        text = MonthShortYear().Replace(text, m => $"{m.Groups["month"].Value} {Gregorian("25" + m.Groups["y"].Value)} ");
        text = CommonEraYear().Replace(text, m => $" {m.Groups["y"].Value} ");
        // A four-digit era year only beside a month or a quarter: a bare 2500 may well be an amount.
        text = MonthEraYear().Replace(text, m => $"{m.Groups["month"].Value} {Gregorian(m.Groups["y"].Value)} ");
        // "ม.ค" / "มค" / "ตค": month abbreviations with a dot left out, read only where they stand alone.
        text = LooseMonth().Replace(text, m => $" {LooseMonths[m.Groups["m"].Value.Replace(".", "", StringComparison.Ordinal)]} ");
        // Thai splits "close … got" around what was closed: "ปิดกับ Tyrell Foods ได้เท่าไหร่", "ปีนี้ปิด GTX Pro ได้กี่ดีล" —
        // won, unless it is a future ("จะปิด…ได้") or a "could not" ("ปิด…ไม่ได้").
        text = ClosedButNot().Replace(text, m => $" lost {m.Groups["what"].Value} ");
        text = ClosedAndGot().Replace(text, m => $" won {m.Groups["what"].Value} ");
        // "ดีลเปิดอยู่เยอะที่สุด": the superlative after the deals it counts is "most deals" (ranked by count, as in English).
        text = MostDeals().Replace(text, m => $" most deals {m.Groups["mid"].Value} ");
        // "ทีมของ Marcus" / "ทีม Elena" / "ทีมพี่ Jonas" → Marcus's team (a named manager's reporting line).
        text = TeamOfName().Replace(text, m => $" {m.Groups["name"].Value}'s team ");
        // "Q หน้า" / "Q ที่แล้ว" / "Q นี้": the English letter with a Thai word for which one.
        text = RelativeQuarter().Replace(text, m => m.Groups["which"].Value switch
        {
            "หน้า" or "ถัดไป" => " next quarter ",
            "นี้" => " this quarter ",
            _ => " last quarter ",
        });
        // "3 อันดับแรก" (the first three) → top 3, in the order the rank rules read.
        text = FirstN().Replace(text, m => $" top {m.Groups["n"].Value} ");
        // "ไตรมาส 3" / "ไตรมาสที่ 3" / "Q3" → Q3.
        text = NumberedQuarter().Replace(text, m => $" Q{m.Groups["q"].Value} ");
        // "30 วันที่ผ่านมา" → last 30 days; "ใน 30 วันข้างหน้า" → next 30 days.
        text = LastDays().Replace(text, m => $" last {m.Groups["n"].Value} days ");
        text = NextDays().Replace(text, m => $" next {m.Groups["n"].Value} days ");
        text = LastWeeks().Replace(text, m => $" last {m.Groups["n"].Value} weeks ");
        text = NextWeeks().Replace(text, m => $" next {m.Groups["n"].Value} weeks ");
        return text;
    }

    private static string Gregorian(string year)
    {
        var y = int.Parse(year, CultureInfo.InvariantCulture);
        return (y >= 2400 ? y - EraOffset : y).ToString(CultureInfo.InvariantCulture);
    }

    private static void Append(StringBuilder output, string words)
    {
        if (words.Length == 0)
            return;
        if (output.Length > 0 && output[^1] != ' ' && words[0] != ' ')
            output.Append(' ');
        output.Append(words);
    }


    [GeneratedRegex(@"(?<!จะ|จะ\s)ปิด(?!ได้|ไม่)(?<what>(?:(?!ไม่|จะ|ได้).){1,60}?)(?<!ไม่)ได้(?!จาก)")]
    private static partial Regex ClosedAndGot();

    [GeneratedRegex(@"(?<!จะ|จะ\s)ปิด(?<what>(?:(?!จะ|ได้).){1,60}?)ไม่ได้")]
    private static partial Regex ClosedButNot();

    [GeneratedRegex(@"ทีม\s*(?:ของ\s*)?(?:(?:พี่|น้อง|คุณ)\s*)?(?<name>[A-Z][a-z]+)(?![A-Za-z'’-])")]
    private static partial Regex TeamOfName();

    [GeneratedRegex(@"(?<![A-Za-z])[Qq]\s*(?<which>หน้า|ถัดไป|ที่แล้ว|ก่อน|นี้)")]
    private static partial Regex RelativeQuarter();

    [GeneratedRegex(@"(?<n>\d+)\s*อันดับ(?:แรก)?")]
    private static partial Regex FirstN();



    [GeneratedRegex(@"(?<n>\d[\d,.]*)\s*ลบ\.?(?![ก-๛])")]
    private static partial Regex MillionBaht();

    [GeneratedRegex(@"หลัก\s*(?<scale>ล้าน|แสน|หมื่น|พัน)")]
    private static partial Regex InTheMillions();

    [GeneratedRegex(@"(?<a>\d+(?:\.\d+)?)\s*[-–]\s*(?<b>\d+(?:\.\d+)?)\s*(?<scale>ล้าน|แสน|หมื่น|พัน)")]
    private static partial Regex ScaledRange();

    [GeneratedRegex(@"(?<n>\d[\d,.]*)\s*(?:บาท\s*)?(?:ขึ้นไป|ขึ้น)")]
    private static partial Regex AtLeast();

    [GeneratedRegex(@"(?:ปี(?:งบ(?:ประมาณ)?)?\s*)?พ\.?\s?ศ\.?\s*(?<y>2[4-7]\d\d)|ปี(?:งบ(?:ประมาณ)?)?\s*(?<y>2[4-7]\d\d)")]
    private static partial Regex EraYear();

    [GeneratedRegex(@"ปี\s*(?<y>[5-9]\d)(?!\d)")]
    private static partial Regex ShortEraYear();

    [GeneratedRegex(@"(?<month>ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.|มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม)\s*(?<y>[5-9]\d)(?!\d)")]
    private static partial Regex MonthShortYear();

    [GeneratedRegex(@"(?:ปี\s*)?ค\.?\s?ศ\.?\s*(?<y>(?:19|20)\d\d)")]
    private static partial Regex CommonEraYear();

    [GeneratedRegex(@"(?<month>ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.|มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม|[Qq][1-4])\s*(?<y>2[4-7]\d\d)(?!\d)")]
    private static partial Regex MonthEraYear();

    [GeneratedRegex(@"(?:ไตรมาส|ควอเตอร์|ควอเตอร์)\s*(?:ที่\s*)?(?<q>[1-4])(?!\d)")]
    private static partial Regex NumberedQuarter();

    [GeneratedRegex(@"(?<n>\d+)\s*วัน\s*(?:ที่ผ่านมา|ล่าสุด|หลังสุด)")]
    private static partial Regex LastDays();

    [GeneratedRegex(@"(?:ใน\s*(?:อีก\s*)?)?(?<n>\d+)\s*วัน\s*(?:ข้างหน้า|ต่อจากนี้)")]
    private static partial Regex NextDays();

    [GeneratedRegex(@"(?<![A-Za-z])[Qq](?<q>[1-4])\s*/\s*(?<y>(?:25)?\d\d)(?!\d)")]
    private static partial Regex QuarterSlashYear();

    [GeneratedRegex(@"เดือน\s*(?:ที่\s*)?(?<m>1[0-2]|[1-9])(?![\d.,]|\s*(?:วัน|เดือน|ปี|ดีล))")]
    private static partial Regex NumberedMonth();

    [GeneratedRegex(@"(?<unit>ไตรมาส|เดือน|ปี|สัปดาห์|อาทิตย์)\s+(?<which>นี้|หน้า|ที่แล้ว|ก่อน|ที่ผ่านมา)")]
    private static partial Regex SpacedPeriod();

    [GeneratedRegex(@"ตั้งแต่(?!ต้น)(?=[^\n]{1,30}?(?:จนถึง|ถึง)(?!\s*(?:วันนี้|ตอนนี้|ปัจจุบัน)))")]
    private static partial Regex FromTo();

    [GeneratedRegex(@"(?:มูลค่า\s*)?ระหว่าง(?<x>[^\n]{1,30}?)(?:จนถึง|ถึง)")]
    private static partial Regex BetweenTo();

    [GeneratedRegex(@"(?i)(?<![A-Za-z])(?<noun>stage|product|account|rep|deal)s?\s*ไหน")]
    private static partial Regex WhichAfter();

    private static readonly Dictionary<string, string> LooseMonths = new(StringComparer.Ordinal)
    {
        ["มค"] = "January", ["กพ"] = "February", ["มีค"] = "March", ["เมย"] = "April", ["พค"] = "May", ["มิย"] = "June",
        ["กค"] = "July", ["สค"] = "August", ["กย"] = "September", ["ตค"] = "October", ["พย"] = "November", ["ธค"] = "December",
    };

    [GeneratedRegex(@"(?<![ก-๛.])(?<m>มี\.?ค|เม\.?ย|มิ\.?ย|ม\.?ค|ก\.?พ|พ\.?ค|ก\.?ค|ส\.?ค|ก\.?ย|ต\.?ค|พ\.?ย|ธ\.?ค)\.?(?![ก-๛])")]
    private static partial Regex LooseMonth();

    [GeneratedRegex(@"ดีล(?<mid>(?:(?!ดีล|ที่สุด|สุด).){0,20}?)(?:เยอะ|มาก)(?:ที่)?สุด")]
    private static partial Regex MostDeals();

    [GeneratedRegex(@"(?<n>\d+)\s*(?:สัปดาห์|อาทิตย์)\s*(?:ที่ผ่านมา|ล่าสุด)")]
    private static partial Regex LastWeeks();

    [GeneratedRegex(@"(?:ใน\s*(?:อีก\s*)?)?(?<n>\d+)\s*(?:สัปดาห์|อาทิตย์)\s*(?:ข้างหน้า|ต่อจากนี้)")]
    private static partial Regex NextWeeks();

    [GeneratedRegex(@"ทั้งได้และไม่ได้|ไม่ว่าจะได้หรือไม่ได้|ทั้งที่ได้และไม่ได้")]
    private static partial Regex WonOrLost();

    [GeneratedRegex(@"^\s*(?:คุณ|พี่|น้อง)?\s*(?<name>[A-Z][a-z]+)(?<rest>[^A-Za-z]{0,30}?)(?:เป็นยังไงบ้าง|เป็นไงบ้าง|เป็นยังไง|เป็นไง)")]
    private static partial Regex HowIsName();

    [GeneratedRegex(@"ได้\s*(?<what>[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*)*)\s*มา(?![ก-๛])|ได้\s*(?<what>[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*)*)\s*มา(?=ตอน|เมื่อ|กี่)")]
    private static partial Regex GotName();

    [GeneratedRegex(@"(?<n>\d+)\s*คน(?:ที่)?(?<mid>[^\d]{0,25}?)(?:(?<low>ต่ำที่สุด|ต่ำสุด|น้อยที่สุด|น้อยสุด|แย่ที่สุด)|สูงที่สุด|สูงสุด|มากที่สุด|เยอะที่สุด|ดีที่สุด|เก่งที่สุด)")]
    private static partial Regex RankedPeople();

    [GeneratedRegex(@"\b(?<day>[1-9]|[12]\d|3[01]) (?<month>January|February|March|April|May|June|July|August|September|October|November|December)\b")]
    private static partial Regex DayMonth();

    [GeneratedRegex(@"^\s*แล้ว(?!ก็|\s*ก็)")]
    private static partial Regex AndThen();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
