using System.Globalization;
using System.Text.RegularExpressions;

namespace AeBot.Core.Understanding.Thai;

/// <summary>
/// Thai writes: which command a Thai or Thai–English message is (log, remind, mark won or lost, update a deal, nudge
/// settings, cancel, undo, resume), and the same request in the words the capture dialogs read — field names, amounts
/// ("2.5 ล้าน" → 2500000), stages and loss reasons in English, while names, dates and what the rep wrote stay as
/// written (the record keeps the rep's Thai; <see cref="ThaiMoments"/> reads the dates).
/// </summary>
public static partial class ThaiCommands
{
    /// <summary>The kind of command, or null for a question or anything that is not a write.</summary>
    /// <param name="asks">The message has a question word or particle: a question is never a command.</param>
    public static CommandKind? Kind(string text, bool asks)
    {
        var t = Clean(text);
        if (t.Length == 0)
            return null;
        if (Cancel().IsMatch(t)) return CommandKind.Cancel;
        if (Undo().IsMatch(t)) return CommandKind.Undo;
        if (Resume().IsMatch(t)) return CommandKind.Resume;
        if (asks)
            return null;
        if (NudgeSettings().IsMatch(t)) return CommandKind.NudgeSettings;
        if (Remind().IsMatch(t)) return CommandKind.Remind;
        if (Log().IsMatch(t)) return CommandKind.Log;
        if (Lost().IsMatch(t)) return CommandKind.MarkLost;
        if (Won().IsMatch(t)) return CommandKind.MarkWon;
        if (Update().IsMatch(t) && !BriefMe().IsMatch(t)) return CommandKind.UpdateDeal;
        return null;
    }

    /// <summary>"ดีลนี้", "อันนี้": a deal the dialog resolves, like "it" in English.</summary>
    public static bool HasDealPronoun(string text) => DealPronoun().IsMatch(text);

    /// <summary>
    /// A Thai deal change in the words <c>CaptureAbilities</c> reads ("set the amount to 2500000", "push the close
    /// date to …"), followed by the message as written, whose names and dates it still reads.
    /// </summary>
    public static string DealWords(CommandKind kind, string text)
    {
        if (!ThaiScript.Contains(text))
            return text;
        var t = ThaiScript.Repair(text);
        var english = kind switch
        {
            CommandKind.MarkWon => "mark as won",
            CommandKind.MarkLost => "mark as lost" + (Reason(t) is { } reason ? " because " + reason : ""),
            _ => Change(t),
        };
        if (english is null)
            return "update " + t;
        // The next step is what the rep wrote after the cue: it goes last, so nothing else is read into it.
        if (NextStep().Match(t) is { Success: true } step)
        {
            var before = NextStepCue().Replace(t[..step.Groups["step"].Index], " ");
            return Spaces().Replace(before, " ").Trim() + " next step: " + step.Groups["step"].Value.Trim();
        }
        return english + " — " + Amounts(t);
    }

    private static string? Change(string t)
    {
        if (NextStep().IsMatch(t))
            return "next step";
        if (AmountWords().IsMatch(t) || ThaiScaled().IsMatch(t))
            return FirstAmount(t) is { } n ? "set the amount to " + n.ToString("0.##", CultureInfo.InvariantCulture) : "set the amount";
        if (StageOf(t) is { } stage)
            return "move to stage " + stage;
        if (StageWords().IsMatch(t))
            return "move to stage";
        if (PushBy().Match(t) is { Success: true } by && ThaiMoments.Number(by.Groups["n"].Value) is { } n2)
        {
            var unit = by.Groups["unit"].Value.StartsWith("วัน", StringComparison.Ordinal) ? "days" : by.Groups["unit"].Value.StartsWith("เดือน", StringComparison.Ordinal) ? "months" : "weeks";
            return $"push out by {n2} {unit}";
        }
        if (CloseDateWords().IsMatch(t))
            return "push the close date";
        return null;
    }

    /// <summary>An answer to "what's the new amount?" with its Thai scale read ("2.5 ล้าน" → "2500000").</summary>
    public static string Amounts(string text) =>
        !ThaiScript.Contains(text) ? text
        : ThaiScaled().Replace(ThaiScript.Repair(text), m => " " + Scaled(m).ToString("0.##", CultureInfo.InvariantCulture) + " ").Trim();

    /// <summary>A stage said in Thai, by its English name in the data ("ขั้นเจรจา" → "Negotiation"); the text as written otherwise.</summary>
    public static string Stage(string text) => ThaiScript.Contains(text) && StageOf(ThaiScript.Repair(text)) is { } stage ? stage : text;

    /// <summary>A loss reason said in Thai, in the English words the reason reader knows; null when none is said.</summary>
    public static string? Reason(string text)
    {
        var t = ThaiScript.Repair(text);
        if (Competitor().IsMatch(t)) return "competitor";
        if (PriceWords().IsMatch(t)) return "price";
        if (BudgetWords().IsMatch(t)) return "budget";
        if (TimingWords().IsMatch(t)) return "timing";
        if (NoDecision().IsMatch(t)) return "went dark";
        if (FitWords().IsMatch(t)) return "missing features";
        return null;
    }

    /// <summary>
    /// "เตือนผมพรุ่งนี้ 9 โมงให้โทรหา Priya" as "remind me โทรหา Priya พรุ่งนี้ 9 โมง": what to be reminded of as written,
    /// the moment after it.
    /// </summary>
    public static string ReminderWords(string text, DateTime localNow)
    {
        if (!ThaiScript.Contains(text))
            return text;
        var t = ThaiScript.Repair(text).Trim();
        var moment = ThaiMoments.Find(t, localNow);
        var what = moment is null ? t : t.Replace(moment.Matched, " ", StringComparison.Ordinal);
        what = RemindLead().Replace(what, " ");
        what = Spaces().Replace(TrailingParticles().Replace(what.Trim(), ""), " ").Trim(' ', ',', '.');
        what = LeadingGlue().Replace(what, "").Trim();
        return "remind me " + what + (moment is null ? "" : " " + moment.Matched);
    }

    /// <summary>Thai nudge settings in the words the settings read: "ปิดแจ้งเตือนเรื่องต่อสัญญา" → "mute renewals".</summary>
    public static string NudgeWords(string text)
    {
        if (!ThaiScript.Contains(text))
            return text;
        var t = Clean(text);
        var account = ForAccount().Match(t) is { Success: true } a ? " for " + a.Groups["name"].Value.Trim() : "";
        if (Reset().IsMatch(t))
            return "reset nudge settings";
        if (DailyCap().Match(t) is { Success: true } cap)
            return $"at most {ThaiMoments.Number(cap.Groups["n"].Value)} nudges a day";
        if (QuietHours().IsMatch(t))
        {
            if (QuietOff().IsMatch(t))
                return "quiet hours off";
            var parts = RangeSplit().Split(t, 2);
            if (parts.Length == 2 && ThaiMoments.TimeOfDay(parts[0]) is { } from && ThaiMoments.TimeOfDay(parts[1]) is { } to)
                return $"quiet hours {from:HH\\:mm} to {to:HH\\:mm}";
            return "quiet hours";
        }
        if (Digest().IsMatch(t))
            return ThaiMoments.TimeOfDay(t) is { } at ? $"digest at {at:HH\\:mm}" : "digest at";
        var category = NudgeCategory(t);
        if (Unmute().IsMatch(t))
            return "unmute " + (category ?? "all") + account;
        if (Mute().IsMatch(t))
            return "mute " + (category ?? "all") + account;
        return "nudge settings";
    }

    private static string? NudgeCategory(string t) =>
        RenewalWords().IsMatch(t) ? "renewals"
        : FollowUpWords().IsMatch(t) ? "follow-ups"
        : StaleWords().IsMatch(t) ? "stale"
        : SlipWords().IsMatch(t) ? "slipped"
        : CloseDateWords().IsMatch(t) ? "close dates"
        : null;

    private static string? StageOf(string t) =>
        NegotiationWords().IsMatch(t) ? "Negotiation"
        : ProposalWords().IsMatch(t) ? "Proposal"
        : DemoWords().IsMatch(t) ? "Demo"
        : DiscoveryWords().IsMatch(t) ? "Discovery"
        : null;

    private static decimal? FirstAmount(string t)
    {
        if (ThaiScaled().Match(t) is { Success: true } m)
            return Scaled(m);
        var plain = Regex.Match(t, @"(?<![\w.])(?<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?<k>[kKmM](?![a-zA-Z]))?");
        if (!plain.Success || !decimal.TryParse(plain.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
            return null;
        return n * (plain.Groups["k"].Value.ToLowerInvariant() switch { "k" => 1_000m, "m" => 1_000_000m, _ => 1m });
    }

    private static decimal Scaled(Match m)
    {
        var n = m.Groups["n"].Success ? decimal.Parse(m.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : 1m;
        var scale = m.Groups["scale"].Value switch { "ล้าน" or "ลบ." or "ลบ" => 1_000_000m, "แสน" => 100_000m, "หมื่น" => 10_000m, _ => 1_000m };
        var value = n * scale;
        // "ล้านครึ่ง", "2 ล้านครึ่ง": and a half; "ล้านสอง", "แสนห้า": and the next unit down.
        if (m.Groups["half"].Success)
            value += scale / 2;
        else if (m.Groups["more"].Success && ThaiMoments.Number(m.Groups["more"].Value) is { } more)
            value += more * scale / 10;
        return value;
    }

    /// <summary>Without polite particles, leading requests ("ช่วย…", "รบกวน…") and end punctuation.</summary>
    private static string Clean(string text)
    {
        var t = ThaiScript.Repair(TextNormalizer.Normalize(text)).Trim();
        t = Courtesy().Replace(t, "");
        for (var i = 0; i < 3; i++)
            t = TrailingParticles().Replace(t, "").Trim();
        return t;
    }

    [GeneratedRegex(@"^(?:@?aebot\s*,?\s*)?(?:ช่วย|รบกวน|ขอ|อยากให้)\s*")]
    private static partial Regex Courtesy();

    [GeneratedRegex(@"(?:\s*(?:ครับผม|ครับ|คับ|ค่ะ|คะ|ค่า|นะคะ|นะครับ|นะ|จ้า|จ้ะ|ฮะ|หน่อย|ด้วย|ที|เลย|อ่ะ|[!.。]+))+$")]
    private static partial Regex TrailingParticles();

    [GeneratedRegex(@"^(?:ยกเลิก(?:ก่อน|เลย)?|ไม่เอาแล้ว|ไม่เอา|ช่างมัน(?:เถอะ)?|หยุด|พอแล้ว|เลิก|cancel)$", RegexOptions.IgnoreCase)]
    private static partial Regex Cancel();

    [GeneratedRegex(@"^(?:ยกเลิก(?:การแก้ไข|อัน|ที่ทำ|รายการ|การเปลี่ยนแปลง)?ล่าสุด|ยกเลิกที่เพิ่งทำ|ย้อนกลับ(?:ที่เพิ่งทำ|การแก้ไขล่าสุด|ล่าสุด)?|เลิกทำ|อันดู|undo)$", RegexOptions.IgnoreCase)]
    private static partial Regex Undo();

    [GeneratedRegex(@"^(?:ทำต่อ(?:จากเมื่อกี้|เลย)?|กลับไปทำต่อ|ไปต่อ|ต่อจากเมื่อกี้|resume)$", RegexOptions.IgnoreCase)]
    private static partial Regex Resume();

    [GeneratedRegex(@"ตั้งค่า(?:การ)?(?:แจ้ง)?เตือน|(?:ปิด|เปิด|หยุด|งด)\s*(?:การ)?(?:แจ้ง)?เตือน|ไม่ต้อง(?:แจ้ง)?เตือน|(?:แจ้ง)?เตือน\s*(?:ไม่เกิน|สูงสุด|มากสุด)|สรุปประจำวัน|สรุปรายวัน|ห้ามรบกวน|ช่วงเงียบ|^(?:การ)?แจ้งเตือน(?:ของ(?:ฉัน|ผม|หนู|เรา))?$|รีเซ็ต(?:การ)?(?:ตั้งค่า)?(?:แจ้ง)?เตือน")]
    private static partial Regex NudgeSettings();

    [GeneratedRegex(@"เตือน")]
    private static partial Regex Remind();

    [GeneratedRegex(@"^(?:(?:ผม|ฉัน|หนู|เรา|เพิ่ง|ได้)\s*)*(?:บันทึก|จด|ล็อก|ล็อค|โน้ต|โน๊ต|โทร|คอล|ประชุม|มีตติ้ง|คุย|เข้าพบ|ไปพบ|พบ|ไปเจอ|เจอ|เดโม|ไลน์|(?:ส่ง)?(?:อี)?เมล(?=.*แล้ว)|(?:ทานข้าว|กินข้าว)กับ|log\b|call\b|meeting\b|met\b|called\b|note\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Log();

    [GeneratedRegex(@"^(?:มาร์ค|มาร์ก|mark|เปลี่ยน|ปรับ|ตั้ง|อัปเดต|อัพเดท|อัพเดต|ปิด|แก้).*(?:closed[- ]?won|\bwon\b|ชนะ|ปิดได้|ปิดการขายได้|ได้งาน)|^(?:เรา|ผม|ฉัน)?\s*ปิด(?:ดีล|การขาย)?(?!ไม่)(?:(?!ไม่ได้|ได้ไหม|ได้หรือ).)+ได้(?:แล้ว|ที่|มา)|\S.*เซ็น(?:สัญญา)?(?:แล้ว|เรียบร้อย)|^(?:เรา|ผม|ฉัน)?\s*ได้ดีล.+แล้ว|^(?:เรา|ผม|ฉัน)?\s*ชนะ(?:ดีล)?\s*\S", RegexOptions.IgnoreCase)]
    private static partial Regex Won();

    [GeneratedRegex(@"^(?:มาร์ค|มาร์ก|mark|เปลี่ยน|ปรับ|ตั้ง|อัปเดต|อัพเดท|อัพเดต|ปิด|แก้).*(?:closed[- ]?lost|\blost\b|แพ้|ปิดไม่ได้|เสียดีล|ไม่ได้งาน)|^(?:เรา|ผม|ฉัน)?\s*(?:เสีย|แพ้)(?:ดีล)?\s*\S|\S+.*หลุด(?:ไป)?(?:ให้|แล้ว)|^(?:เรา|ผม|ฉัน)?\s*ปิด(?:ดีล)?.+ไม่ได้(?:แล้ว)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Lost();

    [GeneratedRegex(@"^(?:ย้าย|เปลี่ยน|เลื่อน|แก้(?:ไข)?|อัปเดต|อัพเดท|อัพเดต|อัปเดท|ปรับ|เพิ่ม|ลด|ตั้ง|เซ็ต|เซต|move|set|change|update|push)", RegexOptions.IgnoreCase)]
    private static partial Regex Update();

    [GeneratedRegex(@"ให้ฟัง|เรื่อง")]
    private static partial Regex BriefMe();

    [GeneratedRegex(@"ดีลนี้|ดีลนั้น|อันนี้|อันนั้น|ตัวนี้|ตัวนั้น")]
    private static partial Regex DealPronoun();

    [GeneratedRegex(@"(?:ขั้นตอนต่อไป|ขั้นต่อไป|สเต็ปต่อไป|สเต็ปถัดไป|next\s*steps?)\s*(?:ของ|สำหรับ)?.*?(?:เป็น|คือ|:|=)\s*(?<step>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex NextStep();

    [GeneratedRegex(@"ขั้นตอนต่อไป|ขั้นต่อไป|สเต็ปต่อไป|สเต็ปถัดไป|next\s*steps?|(?:เป็น|คือ|:|=)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex NextStepCue();

    [GeneratedRegex(@"มูลค่า|ยอด|ขนาดดีล|\bamount\b|\bvalue\b", RegexOptions.IgnoreCase)]
    private static partial Regex AmountWords();

    [GeneratedRegex(@"(?:(?<n>\d[\d,]*(?:\.\d+)?)\s*)?(?<scale>ล้าน|แสน|หมื่น|พัน|ลบ\.?)(?:(?<half>ครึ่ง)|(?<more>หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า))?(?:\s*บาท)?")]
    private static partial Regex ThaiScaled();

    [GeneratedRegex(@"สเตจ|สถานะ|ขั้น|\bstage\b", RegexOptions.IgnoreCase)]
    private static partial Regex StageWords();

    [GeneratedRegex(@"(?:ออกไป|ไป)?\s*อีก\s*(?<n>\d{1,3}|หนึ่ง|สอง|สาม|สี่|ห้า|หก)\s*(?<unit>วัน|สัปดาห์|อาทิตย์|เดือน)")]
    private static partial Regex PushBy();

    [GeneratedRegex(@"วันปิด|วันที่ปิด|วันที่คาดว่าจะปิด|กำหนดปิด|close\s*date|เลื่อน", RegexOptions.IgnoreCase)]
    private static partial Regex CloseDateWords();

    [GeneratedRegex(@"เจรจา|ต่อรอง")]
    private static partial Regex NegotiationWords();

    [GeneratedRegex(@"(?<!ใบ)เสนอราคา|โพรโพซอล|พรอพอซอล")]
    private static partial Regex ProposalWords();

    [GeneratedRegex(@"เดโม|สาธิต")]
    private static partial Regex DemoWords();

    [GeneratedRegex(@"สำรวจความต้องการ|ดิสคัฟเวอรี")]
    private static partial Regex DiscoveryWords();

    [GeneratedRegex(@"คู่แข่ง|เจ้าอื่น|ถูกกว่า|ให้\s*[A-Z]|แบรนด์อื่น|ยี่ห้ออื่น")]
    private static partial Regex Competitor();

    [GeneratedRegex(@"แพง|ราคา")]
    private static partial Regex PriceWords();

    [GeneratedRegex(@"งบ")]
    private static partial Regex BudgetWords();

    [GeneratedRegex(@"ยังไม่ถึงเวลา|ไม่ใช่ตอนนี้|ปีหน้า|ไว้ก่อน|ชะลอ|พักโครงการ|เลื่อนโครงการ")]
    private static partial Regex TimingWords();

    [GeneratedRegex(@"เงียบ|หายไป|ติดต่อไม่ได้|ไม่ตัดสินใจ|ไม่ตอบ")]
    private static partial Regex NoDecision();

    [GeneratedRegex(@"ฟีเจอร์|ไม่ตรง|ไม่ตอบโจทย์|ไม่รองรับ|ขาดฟังก์ชัน")]
    private static partial Regex FitWords();

    [GeneratedRegex(@"(?:ช่วย)?(?:ตั้ง)?(?:การ)?(?:แจ้ง)?เตือน(?:ความจำ)?\s*(?:ผม|ฉัน|หนู|เรา|ดิฉัน)?\s*(?:ว่า|ให้|เรื่อง)?")]
    private static partial Regex RemindLead();

    [GeneratedRegex(@"^(?:ให้|ว่า|เรื่อง|ต้อง)\s*")]
    private static partial Regex LeadingGlue();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(?:ของ|สำหรับ|ที่)\s*(?<name>[A-Za-z0-9][\w&.' -]*)$")]
    private static partial Regex ForAccount();

    [GeneratedRegex(@"รีเซ็ต|ค่าเริ่มต้น")]
    private static partial Regex Reset();

    [GeneratedRegex(@"(?:ไม่เกิน|สูงสุด|มากสุด)\s*(?:วันละ)?\s*(?<n>\d{1,3}|หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ)")]
    private static partial Regex DailyCap();

    [GeneratedRegex(@"ห้ามรบกวน|ช่วงเงียบ")]
    private static partial Regex QuietHours();

    [GeneratedRegex(@"(?:ปิด|ยกเลิก|ไม่ต้อง)\s*(?:ช่วง)?(?:ห้ามรบกวน|ช่วงเงียบ)")]
    private static partial Regex QuietOff();

    [GeneratedRegex(@"\s*(?:ถึง|จนถึง|-|–)\s*")]
    private static partial Regex RangeSplit();

    [GeneratedRegex(@"สรุปประจำวัน|สรุปรายวัน")]
    private static partial Regex Digest();

    [GeneratedRegex(@"เปิด\s*(?:การ)?(?:แจ้ง)?เตือน")]
    private static partial Regex Unmute();

    [GeneratedRegex(@"(?:ปิด|หยุด|งด)\s*(?:การ)?(?:แจ้ง)?เตือน|ไม่ต้อง(?:แจ้ง)?เตือน")]
    private static partial Regex Mute();

    [GeneratedRegex(@"ต่อสัญญา|รีนิว|ต่ออายุ|สัญญา")]
    private static partial Regex RenewalWords();

    [GeneratedRegex(@"ติดตาม|ฟอลโลว์|follow", RegexOptions.IgnoreCase)]
    private static partial Regex FollowUpWords();

    [GeneratedRegex(@"ค้าง|เงียบ|ไม่ขยับ|ไม่เคลื่อนไหว")]
    private static partial Regex StaleWords();

    [GeneratedRegex(@"เลื่อน")]
    private static partial Regex SlipWords();
}
