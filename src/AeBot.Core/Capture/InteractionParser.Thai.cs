using System.Text.RegularExpressions;
using AeBot.Core.Interactions;
using AeBot.Core.Playbook;
using AeBot.Core.Understanding;
using AeBot.Core.Understanding.Thai;
using AeBot.Core.Work;

namespace AeBot.Core.Capture;

// A log entry written in Thai or Thai–English: "โทรคุยกับ Acme วันนี้ ลูกค้าบอกว่าแพงไป นัดส่งใบเสนอราคาใหม่วันศุกร์".
public static partial class InteractionParser
{
    /// <summary>Thai outside the account's own name: "log a call with บริษัท สยามเทค จำกัด" is English.</summary>
    private static bool IsThai(string text, string? accountWords)
    {
        if (!ThaiScript.Contains(text))
            return false;
        var rest = string.IsNullOrWhiteSpace(accountWords) ? text : text.Replace(accountWords.Trim(), " ", StringComparison.OrdinalIgnoreCase);
        return ThaiScript.Contains(rest);
    }

    /// <summary>
    /// Thai puts no full stops between thoughts, only spaces: a clause ends at a space before Thai, unless the words
    /// before it still wait for a name ("กับ", "คุณ") or what follows is only when it was ("วันนี้"). The opening
    /// clause ("บันทึกการโทรกับ Acme") says the kind, the day and who; a clause opened by "นัด…", "ต้อง…", "ให้…" or an
    /// order with a date is the next step; every other clause is what happened, kept as the rep wrote it, and its
    /// objections are mapped to the playbook's topics.
    /// </summary>
    private static ParsedInteraction ReadThai(string text, DateTime localNow, ObjectionPlaybook playbook, string? accountWords, bool head)
    {
        var today = DateOnly.FromDateTime(localNow);
        var clauses = ThaiClauses(ThaiScript.Repair(TextNormalizer.Normalize(text)));
        InteractionType? type = null;
        DateOnly? occurred = null;
        var contacts = new List<string>();
        var content = new List<string>();
        var steps = new List<string>();
        var account = accountWords?.Trim();

        for (var i = 0; i < clauses.Count; i++)
        {
            var clause = clauses[i];
            if (head && i == 0 && (ThaiLogVerb().IsMatch(clause) || ThaiTypeOf(clause) is not null))
            {
                type = ThaiTypeOf(clause);
                if (ThaiToday().IsMatch(clause))
                    occurred = today;
                else if (ThaiYesterday().IsMatch(clause))
                    occurred = today.AddDays(-1);
                ThaiContacts(clause, account, contacts);
                var residual = ThaiIntroWords().Replace(account is { Length: > 0 } ? clause.Replace(account, " ", StringComparison.OrdinalIgnoreCase) : clause, " ");
                residual = ThaiFillerOnly().Replace(Regex.Replace(residual, @"\s+", " ").Trim(' ', ',', ':', '-'), "");
                foreach (var name in contacts)
                    residual = residual.Replace(name, "", StringComparison.Ordinal);
                if (residual.Trim().Count(ThaiScript.IsThai) >= 4)
                    content.Add(residual.Trim());
                continue;
            }
            ThaiContacts(clause, account, contacts);
            // "ต้องขออนุมัติก่อน", "ให้ส่งข้อมูลมาก่อน": what the customer asks of us is an objection, not our next step.
            if (ThaiObjections(clause, playbook).Any(o => o.Topic is not null))
                content.Add(clause);
            else if (ThaiStep(clause, localNow) is { } step)
                steps.Add(step);
            else if (!(ThaiMoments.Find(clause, localNow) is { } when && when.Matched.Trim() == clause.Trim()))
                content.Add(clause); // a date alone says nothing that happened
        }

        var objections = content.SelectMany(c => ThaiObjections(c, playbook)).ToList();
        var summary = content.Count == 0 ? null : string.Join(" ", content);
        string? nextStep = null;
        DateOnly? due = null;
        if (steps.Count > 0)
        {
            var titles = new List<string>();
            foreach (var raw in steps)
            {
                var s = raw;
                if (MomentParser.Find(s, localNow) is { } moment)
                {
                    due ??= moment.Date;
                    var without = ThaiDateGlue().Replace(s.Replace(moment.Matched, " ", StringComparison.Ordinal), " ");
                    without = Regex.Replace(without, @"\s+", " ").Trim(' ', ',', '.', '-', ':');
                    if (without.Length > 0)
                        s = without;
                }
                titles.Add(s.Trim());
            }
            nextStep = string.Join("; ", titles);
        }
        return new ParsedInteraction(type, contacts, summary, objections, nextStep, due, occurred);
    }

    private static List<string> ThaiClauses(string text)
    {
        var clauses = new List<string>();
        foreach (var line in text.Split('\n'))
            foreach (var piece in ThaiBreaks().Split(line))
            {
                var tokens = piece.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var current = new List<string>();
                foreach (var token in tokens)
                {
                    var startsThai = ThaiScript.IsThai(token[0]);
                    var joins = current.Count == 0 || !startsThai
                        || ThaiWaits().IsMatch(current[^1])
                        || ThaiWhenOnly().IsMatch(token) || ThaiTail().IsMatch(token);
                    if (!joins)
                    {
                        clauses.Add(string.Join(' ', current));
                        current.Clear();
                    }
                    current.Add(token);
                }
                if (current.Count > 0)
                    clauses.Add(string.Join(' ', current));
            }
        return clauses.Select(c => c.Trim(' ', ',', ';', ':', '-', '–', '—', '•')).Where(c => c.Length > 0).ToList();
    }

    /// <summary>The next step a clause states, without its cue ("นัดส่งใบเสนอราคาใหม่วันศุกร์" → "ส่งใบเสนอราคาใหม่วันศุกร์"); null when it states none.</summary>
    private static string? ThaiStep(string clause, DateTime localNow)
    {
        if (ThaiStepCue().Match(clause) is { Success: true } cue)
        {
            var rest = clause[cue.Length..].Trim(' ', ':', '-');
            return rest.Length > 0 ? rest : null;
        }
        if (ThaiAppointment().IsMatch(clause))
            return clause;
        return ThaiOrder().IsMatch(clause) && MomentParser.Find(clause, localNow) is not null ? clause : null;
    }

    private static InteractionType? ThaiTypeOf(string text)
    {
        var m = ThaiTypeWords().Match(text);
        if (!m.Success)
            return null;
        return m.Groups["email"].Success ? InteractionType.Email
            : m.Groups["meeting"].Success ? InteractionType.Meeting
            : m.Groups["note"].Success ? InteractionType.Note
            : InteractionType.Call;
    }

    private static void ThaiContacts(string clause, string? account, List<string> contacts)
    {
        void Add(string name)
        {
            name = name.Trim(' ', ',', '.', ':');
            if (name.Length < 2 || account is not null && (account.Contains(name, StringComparison.OrdinalIgnoreCase) || name.Contains(account, StringComparison.OrdinalIgnoreCase)))
                return;
            if (!contacts.Contains(name, StringComparer.OrdinalIgnoreCase))
                contacts.Add(name);
        }
        foreach (Match m in ThaiPersonAfter().Matches(clause))
        {
            var words = m.Groups["name"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeWhile(w => IsNameToken(w, lower: false) && !CommonWords.Contains(w.ToLowerInvariant())).ToList();
            if (words.Count > 0)
                Add(string.Join(' ', words.Take(3)));
        }
        foreach (Match m in ThaiTitledName().Matches(clause))
            Add(m.Groups["name"].Value);
    }

    private static IEnumerable<ObjectionNote> ThaiObjections(string clause, ObjectionPlaybook playbook)
    {
        if (ThaiNeutral().IsMatch(clause))
            yield break;
        var topics = new List<string>();
        foreach (var (topic, pattern) in ThaiTopics)
            if (pattern.IsMatch(clause) && playbook.Entries.Any(e => e.Topic == topic) && !topics.Contains(topic))
                topics.Add(topic);
        // "คู่แข่ง X ถูกกว่า" is about the competitor, not a price the rep quoted.
        if (topics.Contains("competitor") && !ThaiOwnPrice().IsMatch(clause))
            topics.Remove("price");
        var text = ThaiSpeakerLead().Replace(clause, "").Trim();
        if (text.Length == 0)
            text = clause;
        if (topics.Count == 0 && ThaiConcern().IsMatch(clause))
            yield return new ObjectionNote(text, null);
        foreach (var topic in topics)
            yield return new ObjectionNote(text, topic);
    }

    // What Thai sellers write for each of the playbook's topics.
    private static readonly (string Topic, Regex Pattern)[] ThaiTopics =
    [
        ("competitor", new(@"คู่แข่ง|เจ้าอื่น(?:ถูกกว่า|เสนอ)|ถูกกว่า|เทียบ(?:ราคา)?กับ(?:เจ้าอื่น|\s*[A-Z])|ดู(?:ของ)?เจ้าอื่น|กำลังดู\s*[A-Z]|คุยกับเจ้าอื่น|ยี่ห้ออื่น|แบรนด์อื่น")),
        ("price", new(@"แพง|ราคาสูง|ราคาแรง|ส่วนลด|ลดราคา|เกินงบ|ราคา(?:ยัง)?ไม่ได้|กดราคา")),
        ("no-budget", new(@"ไม่มีงบ|งบหมด|ตัดงบ|โดนตัดงบ|งบไม่พอ|ไม่มีเงิน|ไม่ได้ตั้งงบ|ไม่มีงบประมาณ|ยังไม่มีงบ")),
        ("current-vendor", new(@"ใช้เจ้าอื่นอยู่|ใช้(?:ของ)?เจ้าอื่น|เจ้าประจำ|ใช้ระบบเดิม|ใช้ของเดิม|เจ้าเดิม|ติดสัญญา|สัญญาเดิม|ใช้\s*[A-Z][\w&.-]*\s*อยู่")),
        ("timing", new(@"ยังไม่ถึงเวลา|ไว้ปีหน้า|รอปีหน้า|ปีหน้าค่อย|ยังไม่พร้อม|ไม่ใช่ตอนนี้|ขอเลื่อน|ไว้ก่อน|รอ(?:ไตรมาส|เดือน|ปี)หน้า|ชะลอ|ยังไม่รีบ|ค่อยว่ากัน")),
        ("approval", new(@"อนุมัติ|ถาม(?:หัวหน้า|บอส|นาย|ผู้บริหาร|ผู้ใหญ่)|ปรึกษา(?:หัวหน้า|บอส|นาย|ผู้บริหาร|บอร์ด)|(?:หัวหน้า|บอส|นาย|ผู้บริหาร|บอร์ด)(?:ต้อง)?(?:เป็นคน)?ตัดสินใจ|เซ็นอนุมัติ")),
        ("send-info", new(@"ส่ง(?:ข้อมูล|เอกสาร|รายละเอียด|โบรชัวร์|โบรชัว)(?:มา|ไป)?(?:ให้)?(?:ดู)?(?:ก่อน)|ขอ(?:ข้อมูล|รายละเอียด|เอกสาร|โบรชัวร์)(?:เพิ่ม)?(?:ก่อน|ไปดู)")),
    ];

    [GeneratedRegex(@"\s+[-–—]\s+|\s*[;•]\s*|(?<=\S):\s+|,\s+")]
    private static partial Regex ThaiBreaks();

    [GeneratedRegex(@"(?:กับ|หา|ที่|ของ|ให้|เป็น|คุณ|และ|ถึง|จาก|เรื่อง|ทาง|คือ|ว่า)$")]
    private static partial Regex ThaiWaits();

    [GeneratedRegex(@"^(?:วันนี้|เมื่อวาน(?:นี้)?|เมื่อเช้า(?:นี้)?|เมื่อกี้|เช้านี้|บ่ายนี้|เย็นนี้|แล้ว|ครับ|ค่ะ|คะ|นะ|นะครับ|นะคะ|จ้า)$")]
    private static partial Regex ThaiWhenOnly();

    [GeneratedRegex(@"^(?:แล้ว|ด้วย|ครับ|ค่ะ|นะ)")]
    private static partial Regex ThaiTail();

    [GeneratedRegex(@"^(?:(?:ผม|ฉัน|หนู|เรา|เพิ่ง|ได้|ช่วย)\s*)*(?:บันทึก|จด|ล็อก|ล็อค|โน้ต|โน๊ต|โทร|คอล|ประชุม|มีตติ้ง|คุย|เข้าพบ|ไปพบ|พบ|ไปเจอ|เจอ|เดโม|ทานข้าว|กินข้าว|ไลน์|(?:ส่ง)?(?:อี)?เมล|log|call|meeting|met|note)", RegexOptions.IgnoreCase)]
    private static partial Regex ThaiLogVerb();

    [GeneratedRegex(@"(?<email>(?:อี)?เมล|e-?mail)|(?<meeting>ประชุม|มีตติ้ง|เข้าพบ|ไปพบ|พบ|เจอ|ทานข้าว|กินข้าว|เดโม|นำเสนอ|ออนไซต์|ซูม|meeting|demo|zoom)|(?<call>โทร|คอล|ไลน์|คุย|call)|(?<note>โน้ต|โน๊ต|บันทึกย่อ|note)", RegexOptions.IgnoreCase)]
    private static partial Regex ThaiTypeWords();

    [GeneratedRegex(@"วันนี้|เมื่อเช้า|เมื่อกี้|เช้านี้|บ่ายนี้|เย็นนี้|today", RegexOptions.IgnoreCase)]
    private static partial Regex ThaiToday();

    [GeneratedRegex(@"เมื่อวาน|yesterday", RegexOptions.IgnoreCase)]
    private static partial Regex ThaiYesterday();

    // The opening words of a log: the verb, the kind, "with", the day, particles.
    [GeneratedRegex(@"บันทึก|จด|ล็อก|ล็อค|การ|โทรศัพท์|โทร|คอล|ประชุม|มีตติ้ง|คุยไลน์|คุย|เข้าพบ|ไปพบ|พบ|ไปเจอ|เจอ|ทานข้าว|กินข้าว|ไลน์|ส่งอีเมล|ส่งเมล|อีเมล|เมล|โน้ต|โน๊ต|กับ|หา|ถึง|วันนี้|เมื่อวานนี้|เมื่อวาน|เมื่อเช้า|เมื่อกี้|แล้ว|ครับ|ค่ะ|นะ|ผม|ฉัน|หนู|เพิ่ง|ช่วย|\b(?:log|logged|call|called|meeting|note|with)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ThaiIntroWords();

    [GeneratedRegex(@"^(?:กับ|หา|ที่|คุณ|และ|แล้ว|[\s,])*$")]
    private static partial Regex ThaiFillerOnly();

    [GeneratedRegex(@"^(?:ขั้นต่อไป(?:คือ)?|ขั้นตอนต่อไป(?:คือ)?|next\s*steps?\s*[:\-]?|สิ่งที่ต้องทำ(?:ต่อ)?(?:คือ)?|ต่อไป(?:จะ|ต้อง)?|นัด(?=ส่ง|โทร|ติดต่อ|คุย)|ต้อง|จะ|เดี๋ยว(?:จะ)?|แล้วจะ|ให้|ฝาก)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ThaiStepCue();

    [GeneratedRegex(@"^นัด")]
    private static partial Regex ThaiAppointment();

    [GeneratedRegex(@"^(?:ส่ง|โทร|ติดต่อ|ตาม|เตรียม|จัด|เข้าไป|ประชุม|เดโม|นำเสนอ|เสนอ|อัปเดต|เช็ค|เช็ก|follow|send|call)", RegexOptions.IgnoreCase)]
    private static partial Regex ThaiOrder();

    [GeneratedRegex(@"^(?:ภายใน|ก่อน|ใน|ตอน|วันที่|ช่วง|by)\s*$|\s*(?:ภายใน|ก่อน|ตอน|ช่วง)\s*$")]
    private static partial Regex ThaiDateGlue();

    [GeneratedRegex(@"(?:กับ|และ|คุณ|&|,)\s*(?<name>[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2})")]
    private static partial Regex ThaiPersonAfter();

    [GeneratedRegex(@"คุณ(?<name>[\u0E01-\u0E4E]{2,}?)(?=จาก|ที่|และ|กับ|เรื่อง|บอก|ว่า|แล้ว|ครับ|ค่ะ|ถาม|ขอ|\s|$)")]
    private static partial Regex ThaiTitledName();

    [GeneratedRegex(@"ไม่ติด(?:เรื่อง)?|ไม่มีปัญหา|ไม่ใช่ปัญหา|อนุมัติแล้ว|มีงบแล้ว|ได้งบแล้ว|โอเคกับ|พอใจกับ(?!เจ้า)|ราคาโอเค|ราคาได้")]
    private static partial Regex ThaiNeutral();

    [GeneratedRegex(@"ราคาเรา|ของเราแพง|เราแพง")]
    private static partial Regex ThaiOwnPrice();

    [GeneratedRegex(@"^(?:ทางลูกค้า|ลูกค้า|เขา|เค้า)?\s*(?:บอก|แจ้ง|พูด|ตอบ)?\s*(?:ว่า)?\s*")]
    private static partial Regex ThaiSpeakerLead();

    [GeneratedRegex(@"กังวล|ไม่แน่ใจ|ติดปัญหา|ไม่ชอบ|ขอคิดดู|ขอคิด|ลังเล|ไม่มั่นใจ")]
    private static partial Regex ThaiConcern();
}
