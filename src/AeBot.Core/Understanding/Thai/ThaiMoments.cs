using System.Globalization;
using System.Text.RegularExpressions;

namespace AeBot.Core.Understanding.Thai;

/// <summary>
/// When something should happen, said in Thai: "พรุ่งนี้ 9 โมง", "วันศุกร์", "ศุกร์หน้า", "15 ธ.ค.", "31 มี.ค. 2570",
/// "สัปดาห์หน้า", "อีก 2 ชั่วโมง", "บ่ายสอง", "2 ทุ่ม" — in the rep's local calendar, leaning to the future like
/// <see cref="MomentParser"/>. <see cref="Moment.Matched"/> is the text as written, so the caller can take it out of
/// a next step or a reminder.
/// </summary>
public static partial class ThaiMoments
{
    private const int EraOffset = 543;

    private static readonly string[] Months =
    [
        "มกราคม|ม\\.?ค\\.?", "กุมภาพันธ์|ก\\.?พ\\.?", "มีนาคม|มี\\.?ค\\.?", "เมษายน|เม\\.?ย\\.?", "พฤษภาคม|พ\\.?ค\\.?", "มิถุนายน|มิ\\.?ย\\.?",
        "กรกฎาคม|ก\\.?ค\\.?", "สิงหาคม|ส\\.?ค\\.?", "กันยายน|ก\\.?ย\\.?", "ตุลาคม|ต\\.?ค\\.?", "พฤศจิกายน|พ\\.?ย\\.?", "ธันวาคม|ธ\\.?ค\\.?",
    ];

    private static readonly Regex[] MonthPatterns = Months.Select(m => new Regex("^(?:" + m + ")$", RegexOptions.CultureInvariant)).ToArray();

    public static Moment? Find(string text, DateTime localNow)
    {
        var today = DateOnly.FromDateTime(localNow);
        var day = Day(text, localNow, today);
        var time = Time(text);
        if (day is null && time is null)
            return null;
        if (day is { Moment.Time: not null })
            return day.Value.Moment;
        if (time is not { } t)
            return day!.Value.Moment;
        if (day is not { } d)
        {
            // A time alone: today if it is still ahead, else tomorrow.
            var on = t.Time > TimeOnly.FromDateTime(localNow) ? today : today.AddDays(1);
            return new Moment(on, t.Time, t.Matched, on);
        }
        // "พรุ่งนี้ 9 โมง", "9 โมงพรุ่งนี้": one moment; the words between them, when only spaces, go with it.
        var (first, last) = d.Index <= t.Index ? ((d.Index, d.Moment.Matched.Length), (t.Index, t.Matched.Length)) : ((t.Index, t.Matched.Length), (d.Index, d.Moment.Matched.Length));
        var gap = text[(first.Item1 + first.Item2)..Math.Max(first.Item1 + first.Item2, last.Item1)];
        var matched = gap.Trim().Length == 0 ? text[first.Item1..(last.Item1 + last.Item2)] : d.Moment.Matched;
        return new Moment(d.Moment.Date, t.Time, matched, d.Moment.Date);
    }

    private static (Moment Moment, int Index)? Day(string text, DateTime localNow, DateOnly today)
    {
        if (InHours().Match(text) is { Success: true } hours && Number(hours.Groups["n"].Value) is { } h && h is > 0 and < 1000)
        {
            var at = hours.Groups["unit"].Value.StartsWith("นาที", StringComparison.Ordinal) ? localNow.AddMinutes(h) : localNow.AddHours(h);
            return (new Moment(DateOnly.FromDateTime(at), TimeOnly.FromDateTime(at), hours.Value, DateOnly.FromDateTime(at)), hours.Index);
        }
        if (InDays().Match(text) is { Success: true } rel && Number(rel.Groups["n"].Value) is { } n && n is > 0 and < 1000)
        {
            var unit = rel.Groups["unit"].Value;
            var on = unit.StartsWith("เดือน", StringComparison.Ordinal) ? today.AddMonths(n)
                : unit.StartsWith("วัน", StringComparison.Ordinal) ? today.AddDays(n) : today.AddDays(7 * n);
            return (new Moment(on, null, rel.Value, on), rel.Index);
        }
        if (DayMonth().Match(text) is { Success: true } dm && MonthOf(dm.Groups["month"].Value) is { } month && Number(dm.Groups["d"].Value) is { } dom and >= 1 and <= 31)
        {
            int? year = dm.Groups["y"].Success ? YearOf(dm.Groups["y"].Value) : null;
            var y = year ?? today.Year;
            if (dom > DateTime.DaysInMonth(y, month))
                return null;
            var date = new DateOnly(y, month, dom);
            if (year is null && date < today)
                date = date.AddYears(1);
            return (new Moment(date, null, dm.Value, date), dm.Index);
        }
        if (DayOfMonth().Match(text) is { Success: true } dd && Number(dd.Groups["d"].Value) is { } only and >= 1 and <= 31)
        {
            for (var m = new DateOnly(today.Year, today.Month, 1); m < today.AddMonths(3); m = m.AddMonths(1))
                if (only <= DateTime.DaysInMonth(m.Year, m.Month) && m.AddDays(only - 1) >= today)
                    return (new Moment(m.AddDays(only - 1), null, dd.Value, m.AddDays(only - 1)), dd.Index);
        }
        if (Words().Match(text) is { Success: true } w)
        {
            var value = w.Value;
            DateOnly first, last;
            if (w.Groups["today"].Success)
                first = last = today;
            else if (w.Groups["tomorrow"].Success)
                first = last = today.AddDays(1);
            else if (w.Groups["after"].Success)
                first = last = today.AddDays(2);
            else if (w.Groups["weekday"].Success)
            {
                var dow = WeekdayOf(w.Groups["weekday"].Value);
                var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
                if (w.Groups["next"].Success)
                    first = monday.AddDays(7 + ((int)dow + 6) % 7);
                else
                {
                    var ahead = ((int)dow - (int)today.DayOfWeek + 7) % 7;
                    first = today.AddDays(ahead == 0 ? 7 : ahead);
                }
                last = first;
            }
            else if (w.Groups["eow"].Success)
            {
                var friday = today.AddDays(((int)DayOfWeek.Friday - (int)today.DayOfWeek + 7) % 7);
                first = last = friday;
            }
            else if (w.Groups["eom"].Success)
                first = last = new DateOnly(today.Year, today.Month, DateTime.DaysInMonth(today.Year, today.Month));
            else if (w.Groups["week"].Success)
            {
                first = today.AddDays(7 - ((int)today.DayOfWeek + 6) % 7);
                last = first.AddDays(6);
            }
            else if (w.Groups["month"].Success)
            {
                first = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
                last = first.AddMonths(1).AddDays(-1);
            }
            else if (w.Groups["quarter"].Success)
            {
                first = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1).AddMonths(3);
                last = first.AddMonths(3).AddDays(-1);
            }
            else
            {
                first = new DateOnly(today.Year + 1, 1, 1);
                last = new DateOnly(today.Year + 1, 12, 31);
            }
            return (new Moment(first, null, value, last), w.Index);
        }
        if (Quarter().Match(text) is { Success: true } q)
        {
            var n2 = q.Groups["q"].Value[0] - '0';
            int? year = q.Groups["y"].Success ? YearOf(q.Groups["y"].Value) : null;
            var first = new DateOnly(year ?? today.Year, (n2 - 1) * 3 + 1, 1);
            if (year is null && first.AddMonths(3) <= today)
                first = first.AddYears(1);
            return (new Moment(first, null, q.Value, first.AddMonths(3).AddDays(-1)), q.Index);
        }
        if (MonthAlone().Match(text) is { Success: true } ma && MonthOf(ma.Groups["month"].Value) is { } mo)
        {
            int? year = ma.Groups["y"].Success ? YearOf(ma.Groups["y"].Value) : null;
            var first = new DateOnly(year ?? today.Year, mo, 1);
            if (year is null && first.AddMonths(1) <= today)
                first = first.AddYears(1);
            return (new Moment(first, null, ma.Value, first.AddMonths(1).AddDays(-1)), ma.Index);
        }
        return null;
    }

    /// <summary>A time of day said in Thai ("8 โมง", "บ่ายสอง", "2 ทุ่ม", "07:30"), if any.</summary>
    public static TimeOnly? TimeOfDay(string text) => Time(text)?.Time;

    private static (TimeOnly Time, string Matched, int Index)? Time(string text)
    {
        if (Clock().Match(text) is not { Success: true } m)
            return null;
        int hour;
        var minute = m.Groups["min"].Success ? Number(m.Groups["min"].Value) ?? 0 : 0;
        if (m.Groups["noon"].Success)
            hour = 12;
        else if (m.Groups["midnight"].Success)
            hour = 0;
        else if (m.Groups["afternoon"].Success)
            hour = 12 + (m.Groups["ah"].Success ? Number(m.Groups["ah"].Value) ?? 1 : 1);
        else if (m.Groups["night"].Success)
            hour = 18 + (Number(m.Groups["nh"].Value) ?? 0);
        else if (m.Groups["hh"].Success)
        {
            hour = Number(m.Groups["hh"].Value) ?? -1;
            if (m.Groups["evening"].Success && hour is >= 1 and <= 6)
                hour += 12;
            else if (m.Groups["morning"].Success && hour == 12)
                hour = 0;
        }
        else
            return null;
        if (hour is < 0 or > 23 || minute is < 0 or > 59)
            return null;
        return (new TimeOnly(hour, minute), m.Value, m.Index);
    }

    private static int? MonthOf(string word)
    {
        for (var i = 0; i < MonthPatterns.Length; i++)
            if (MonthPatterns[i].IsMatch(word))
                return i + 1;
        return null;
    }

    private static int YearOf(string digits)
    {
        var y = Number(digits) ?? 0;
        if (y < 100)
            y += 2500; // "ปี 70", "มี.ค. 70": the last two digits of a Buddhist-era year
        return y >= 2400 ? y - EraOffset : y;
    }

    private static DayOfWeek WeekdayOf(string word) => word switch
    {
        var w when w.StartsWith("จันทร์", StringComparison.Ordinal) => DayOfWeek.Monday,
        var w when w.StartsWith("อังคาร", StringComparison.Ordinal) => DayOfWeek.Tuesday,
        var w when w.StartsWith("พุธ", StringComparison.Ordinal) => DayOfWeek.Wednesday,
        var w when w.StartsWith("พฤหัส", StringComparison.Ordinal) => DayOfWeek.Thursday,
        var w when w.StartsWith("ศุกร์", StringComparison.Ordinal) => DayOfWeek.Friday,
        var w when w.StartsWith("เสาร์", StringComparison.Ordinal) => DayOfWeek.Saturday,
        _ => DayOfWeek.Sunday,
    };

    /// <summary>Arabic or Thai digits, or a Thai number word up to twelve.</summary>
    internal static int? Number(string text)
    {
        var digits = new string(text.Select(c => c is >= '๐' and <= '๙' ? (char)('0' + (c - '๐')) : c).ToArray());
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return n;
        return text switch
        {
            "หนึ่ง" or "โมง" => 1, "สอง" => 2, "สาม" => 3, "สี่" => 4, "ห้า" => 5, "หก" => 6, "เจ็ด" => 7, "แปด" => 8, "เก้า" => 9, "สิบ" => 10,
            "สิบเอ็ด" => 11, "สิบสอง" => 12, "ครึ่ง" => 30,
            _ => null,
        };
    }

    private const string Digits = "[0-9๐-๙]";
    private const string NumberWord = "สิบเอ็ด|สิบสอง|หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ";
    private const string MonthWords = "มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม|ม\\.ค\\.?|ก\\.พ\\.?|มี\\.ค\\.?|เม\\.ย\\.?|พ\\.ค\\.?|มิ\\.ย\\.?|ก\\.ค\\.?|ส\\.ค\\.?|ก\\.ย\\.?|ต\\.ค\\.?|พ\\.ย\\.?|ธ\\.ค\\.?|มค|กพ|มีค|เมย|พค|มิย|กค|สค|กย|ตค|พย|ธค";

    [GeneratedRegex(@"(?:ภายใน|ใน|อีก)\s*(?<n>" + Digits + @"{1,3}|" + NumberWord + @")\s*(?<unit>ชั่วโมง|ชม\.?|นาที)")]
    private static partial Regex InHours();

    [GeneratedRegex(@"(?:ภายใน|ใน|อีก)\s*(?<n>" + Digits + @"{1,3}|" + NumberWord + @")\s*(?<unit>วัน|สัปดาห์|อาทิตย์|อาทิตย์|เดือน)(?!นี้|ที่|หน้า)")]
    private static partial Regex InDays();

    [GeneratedRegex(@"(?:วันที่\s*)?(?<d>" + Digits + @"{1,2})\s*(?<month>" + MonthWords + @")(?:\s*(?:พ\.?ศ\.?|ค\.?ศ\.?|ปี)?\s*(?<y>(?:25|20)" + Digits + @"{2}|[5-9]" + Digits + @")(?!" + Digits + @"|\s*(?:โมง|นาฬิกา|น\.|:|ทุ่ม)))?")]
    private static partial Regex DayMonth();

    [GeneratedRegex(@"วันที่\s*(?<d>" + Digits + @"{1,2})(?!" + Digits + @"|\s*(?:" + MonthWords + "))")]
    private static partial Regex DayOfMonth();

    [GeneratedRegex(@"(?<today>วันนี้)|(?<tomorrow>พรุ่งนี้|พรุ่งนี้|วันพรุ่งนี้)|(?<after>มะรืน(?:นี้)?)|(?:วัน)?(?<weekday>(?<=วัน)อาทิตย์|จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์)(?<next>\s*หน้า)?|(?<eow>สิ้นสัปดาห์(?:นี้)?|ปลายสัปดาห์(?:นี้)?|สิ้นอาทิตย์(?:นี้)?)|(?<eom>สิ้นเดือน(?:นี้)?|ปลายเดือน(?:นี้)?)|(?<week>(?:สัปดาห์|อาทิตย์|วีค)\s*(?:หน้า|ถัดไป))|(?<month>เดือน\s*(?:หน้า|ถัดไป))|(?<quarter>(?:ไตรมาส|ควอเตอร์|[Qq])\s*(?:หน้า|ถัดไป))|(?<year>ปี\s*(?:หน้า|ถัดไป))")]
    private static partial Regex Words();

    [GeneratedRegex(@"(?:ไตรมาส(?:ที่)?\s*|[Qq])(?<q>[1-4])(?:\s*(?:/|ปี)\s*(?<y>" + Digits + @"{4}|" + Digits + @"{2}))?(?!" + Digits + ")")]
    private static partial Regex Quarter();

    [GeneratedRegex(@"(?<month>มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม)(?:\s*(?:ปี\s*)?(?<y>" + Digits + @"{4}|" + Digits + @"{2})(?!" + Digits + @"))?")]
    private static partial Regex MonthAlone();

    [GeneratedRegex(@"(?<noon>เที่ยง(?!คืน)(?:วัน)?(?:ตรง)?)|(?<midnight>เที่ยงคืน)|(?<afternoon>บ่าย\s*(?<ah>" + Digits + @"{1,2}|" + NumberWord + @"|โมง)?(?:\s*โมง)?(?:\s*(?<min>ครึ่ง))?)|(?<night>(?<nh>" + Digits + @"{1,2}|" + NumberWord + @")\s*ทุ่ม(?:\s*(?<min>ครึ่ง))?)|(?:(?:ตอน|เวลา)\s*)?(?<hh>" + Digits + @"{1,2})(?:[:.](?<min>" + Digits + @"{2}))?\s*(?:โมง|นาฬิกา|น\.)(?:\s*(?<morning>เช้า)|\s*(?<evening>เย็น))?(?:\s*(?<min>ครึ่ง))?|(?:ตอน|เวลา)\s*(?<hh>" + Digits + @"{1,2})[:.](?<min>" + Digits + @"{2})|(?<hh>" + Digits + @"{1,2}):(?<min>" + Digits + @"{2})")]
    private static partial Regex Clock();
}
