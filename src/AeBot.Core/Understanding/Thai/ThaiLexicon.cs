namespace AeBot.Core.Understanding.Thai;

/// <summary>
/// Thai sales words and phrasings, each mapped to the English words of <see cref="Lexicon"/> that carry the same typed
/// meaning — so a Thai question fills the same Query slots by the same rules (design/understanding.md: "a language is
/// a lexicon and a few grammar rules on the same typed Query/Command"). Loan words are listed in the spellings Thai
/// sellers use (ดีล, ไปป์ไลน์, โควตา, ฟอร์แคสต์). An empty meaning drops the word: polite particles (ครับ/ค่ะ/นะ) and the
/// glue Thai needs and English doesn't. "?" marks a question particle (ไหม, หรือเปล่า), which Thai puts last.
/// </summary>
public static class ThaiLexicon
{
    public const string QuestionMark = "?";

    public static readonly IReadOnlyDictionary<string, string> Entries = Build(
    [
        // Polite particles, fillers and glue: no meaning of their own.
        ("ครับ", ""), ("ครับผม", ""), ("คับ", ""), ("ค่ะ", ""), ("คะ", ""), ("ค่า", ""), ("นะ", ""), ("นะคะ", ""), ("นะครับ", ""),
        ("จ้า", ""), ("จ้ะ", ""), ("จ๊ะ", ""), ("ฮะ", ""), ("หน่อย", ""), ("ที", ""), ("เลย", ""), ("บ้าง", ""), ("ด้วย", ""), ("ที่", ""),
        ("มี", ""), ("อยู่", ""), ("แล้ว", ""), ("ได้", ""), ("ให้", ""), ("ขอ", ""), ("ช่วย", ""), ("ดู", ""), ("บอก", ""), ("เป็น", ""), ("คือ", ""),
        ("ตอนนี้", ""), ("ทั้งหมด", "all"), ("อัน", ""), ("รายการ", ""), ("ไว้", ""), ("กัน", ""), ("จะ", ""), ("ยัง", ""), ("ก็", ""), ("ว่า", ""),
        ("และ", "and"), ("กับ", "with"), ("หรือ", "or"), ("ของ", "for"), ("ใน", "in"), ("ช่วง", "in"), ("ตั้งแต่", "since"), ("ถึง", "to"), ("จนถึง", "to"),
        ("แสดง", "show"), ("ขอดู", "show"), ("ลิสต์", "list"), ("รายชื่อ", "list"),

        // Question words and particles.
        ("เท่าไหร่", "how much"), ("เท่าไร", "how much"), ("เท่าไห่", "how much"), ("เท่าใด", "how much"), ("เท่าไหร", "how much"),
        ("กี่", "how many"), ("กี่ดีล", "how many deals"), ("กี่ตัว", "how many deals"), ("จำนวน", "number of"), ("จำนวนดีล", "number of deals"),
        ("ใคร", "who"), ("คนไหน", "which rep"), ("อะไร", "what"), ("อันไหน", "which"), ("ตัวไหน", "which"), ("ไหน", "which"), ("ตัวไหนบ้าง", "which"),
        ("เมื่อไหร่", "when"), ("ยังไง", "how"), ("อย่างไร", "how"),
        ("ไหม", QuestionMark), ("มั้ย", QuestionMark), ("มั๊ย", QuestionMark), ("หรือเปล่า", QuestionMark), ("รึเปล่า", QuestionMark), ("หรือยัง", QuestionMark), ("เหรอ", QuestionMark),

        // Who: a rep's "I/we" is themself; "team" is a manager's reporting line.
        ("ผม", "my"), ("ฉัน", "my"), ("ดิฉัน", "my"), ("หนู", "my"), ("เรา", "our"), ("ของผม", "my"), ("ของฉัน", "my"), ("ของเรา", "our"), ("ตัวเอง", "my"),
        ("ทีม", "team"), ("ทีมผม", "my team"), ("ทีมเรา", "my team"), ("ทีมฉัน", "my team"), ("ลูกทีม", "my team"), ("ของทีม", "for the team"), ("ทั้งทีม", "my team"),
        ("ทุกคน", "everyone"), ("เซลส์", "reps"), ("เซลล์", "reps"), ("พนักงานขาย", "reps"),

        // Deals and deal sets.
        ("ดีล", "deals"), ("ดีลส์", "deals"), ("โอกาสการขาย", "deals"), ("โอกาสขาย", "deals"), ("ออปชูนิตี้", "deals"), ("ออพพอร์ทูนิตี้", "deals"), ("งาน", "work"), ("รายงาน", "report"), ("สรุปรายงาน", "summarise the report"),
        ("ไปป์ไลน์", "pipeline"), ("ไปป์ไลน", "pipeline"), ("ไพพ์ไลน์", "pipeline"), ("ไปป์", "pipeline"), ("ไปป์ไลน์ทั้งหมด", "pipeline"),
        ("เปิดอยู่", "open"), ("ที่เปิดอยู่", "open"), ("ยังเปิดอยู่", "open"), ("ยังไม่ปิด", "open"), ("ค้างอยู่ในไปป์ไลน์", "open"),
        ("ปิดได้", "won"), ("ปิดการขายได้", "won"), ("ปิดดีลได้", "won"), ("ปิดงานได้", "won"), ("ชนะ", "won"), ("วิน", "won"), ("ได้งาน", "won"), ("ขายได้", "won"),
        ("ปิดได้แล้ว", "won"), ("เซ็นแล้ว", "signed"), ("เซ็นสัญญาแล้ว", "signed"),
        ("ยอดขาย", "sales total"), ("ยอด", "sales total"), ("รายได้", "revenue"), ("ผลงาน", "results"),
        ("ปิดไม่ได้", "lost"), ("แพ้", "lost"), ("หลุด", "lost"), ("เสียดีล", "lost"), ("ไม่ได้งาน", "lost"), ("ดีลหลุด", "lost deals"), ("ดีลที่หลุด", "lost deals"),
        ("ปิด", "close"), ("จะปิด", "closing"), ("กำลังจะปิด", "closing"), ("คาดว่าจะปิด", "closing"), ("น่าจะปิด", "closing"), ("ปิดแล้ว", "closed"),
        ("ต่อสัญญา", "renewals"), ("รีนิว", "renewals"), ("สัญญาที่จะหมด", "renewals"), ("สัญญาหมด", "renewals"), ("ครบกำหนดสัญญา", "renewals"), ("หมดสัญญา", "renewals"),
        ("เลื่อน", "slipped"), ("ถูกเลื่อน", "slipped"), ("เลื่อนออกไป", "slipped"), ("โดนเลื่อน", "slipped"), ("เลื่อนวันปิด", "slipped"),
        ("ไม่มีความเคลื่อนไหว", "stale"), ("ไม่ขยับ", "stale"), ("เงียบ", "stale"), ("นิ่ง", "stale"), ("ค้าง", "stale"), ("ไม่ได้ติดต่อ", "stale"), ("ไม่ได้อัปเดต", "stale"),
        ("เลยกำหนดปิด", "past close date"), ("เลยวันปิด", "past close date"), ("เกินกำหนด", "past close date"), ("เลยกำหนด", "past close date"), ("เลยวันที่คาดว่าจะปิด", "past close date"),
        ("ต่ออายุ", "renewals"), ("อัปเซล", "upsell"), ("อัพเซล", "upsell"), ("ลูกค้าใหม่", "new business"),

        // Measures.
        ("มูลค่า", "value"), ("รวม", "total"), ("ยอดรวม", "total"), ("เงิน", "amount"),
        ("อัตราการปิด", "win rate"), ("อัตราการชนะ", "win rate"), ("อัตราชนะ", "win rate"), ("อัตราปิดการขาย", "win rate"), ("วินเรท", "win rate"), ("วินเรต", "win rate"),
        ("ขนาดดีลเฉลี่ย", "average deal size"), ("ดีลเฉลี่ย", "average deal size"), ("เฉลี่ย", "average"), ("ค่าเฉลี่ย", "average"),
        ("รอบการขาย", "sales cycle"), ("ระยะเวลาปิดการขาย", "sales cycle"), ("ใช้เวลากี่วัน", "how many days"), ("ใช้เวลานานแค่ไหน", "how long"),
        ("โควตา", "quota"), ("โควต้า", "quota"), ("เป้า", "quota"), ("เป้าหมาย", "quota"), ("เป้ายอดขาย", "quota"), ("ถึงเป้า", "quota"), ("ตามเป้า", "on track"),
        ("ฟอร์แคสต์", "forecast"), ("ฟอร์แคส", "forecast"), ("พยากรณ์", "forecast"), ("คาดการณ์", "forecast"), ("ถ่วงน้ำหนัก", "weighted"),
        ("เปอร์เซ็นต์", "percent"), ("กี่เปอร์เซ็นต์", "what percent"), ("ของเป้า", "of quota"), ("ของโควตา", "of quota"), ("เปอร์เซ็นต์ของเป้า", "percent of quota"),
        ("กี่เปอร์เซ็นต์ของเป้า", "what percent of quota"), ("ทำได้", ""), ("ทำไปได้", ""), ("ไป", ""), ("นาน", ""), ("ล่ะ", ""),
        ("แล้วก็", "and"), ("ส่วน", ""), ("เฉพาะ", "just"), ("แค่", "just"),

        // More glue, found by reading the Thai corpus: words that only hold a Thai sentence together.
        ("ต่อ", ""), ("ต้อง", ""), ("ทำ", ""), ("การ", ""), ("ทั้ง", ""), ("อีก", ""), ("หา", ""), ("แจ้ง", ""), ("ควร", ""), ("คิด", ""), ("ละ", ""),
        ("น้อง", ""), ("พี่", ""), ("คุณ", ""), ("ตอน", ""), ("เจ้า", ""), ("ตัว", ""), ("ฟัง", ""), ("กำลัง", ""), ("กลับ", ""), ("เมื่อ", ""), ("มา", ""),
        ("ๆ", ""), ("ราย", ""), ("เรื่อง", "about"), ("ดี", ""), ("เอา", ""), ("มัน", ""), ("ครั้ง", ""), ("ปกติ", ""), ("โมง", ""), ("ถูก", ""), ("โดน", ""),
        ("นี้", "this"), ("หน้า", "next"), ("ก่อนหน้า", "previous"), ("ก่อน", "before"), ("แรก", "first"), ("ล่าสุด", "latest"), ("ใหม่", "new"), ("เดิม", ""),
        ("ตาม", "by"), ("แยก", "by"), ("จาก", "from"), ("ถ้า", "if"), ("ไม่", "not"), ("กว่า", "than"), ("สุด", "most"), ("ไง", "how"),
        ("เปิด", "open"), ("เสีย", "lost"), ("สัญญา", "contracts"), ("ขาย", "sell"), ("ราคา", "price"), ("งบ", "budget"), ("สร้าง", "created"),
        ("มาร์ค", "mark"), ("ส่ง", "send"), ("เสนอ", ""), ("ใช้", "use"), ("คุย", "talk"), ("ตั้ง", "set"), ("หมด", "ending"), ("คน", "people"),
        ("หนึ่ง", "1"), ("สอง", "2"), ("สาม", "3"), ("สี่", "4"), ("ห้า", "5"), ("หก", "6"), ("เจ็ด", "7"), ("แปด", "8"), ("เก้า", "9"), ("สิบ", "10"),
        ("จันทร์", "Monday"), ("อังคาร", "Tuesday"), ("พุธ", "Wednesday"), ("พฤหัส", "Thursday"), ("พฤหัสบดี", "Thursday"), ("ศุกร์", "Friday"), ("เสาร์", "Saturday"),
        ("วันจันทร์", "Monday"), ("วันอังคาร", "Tuesday"), ("วันพุธ", "Wednesday"), ("วันพฤหัส", "Thursday"), ("วันศุกร์", "Friday"), ("วันเสาร์", "Saturday"), ("วันอาทิตย์", "Sunday"),
        ("อาทิตย์", "week"), ("หลักล้าน", "over 1000000"),
        ("ไตรมาสแรก", "Q1"), ("ไตรมาสสุดท้าย", "Q4"), ("ตามเป้ากี่เปอร์เซ็นต์", "what percent of quota"), ("เป้ากี่เปอร์เซ็นต์", "what percent of quota"),
        ("ทำได้ตามเป้ากี่เปอร์เซ็นต์", "what percent of quota"), ("ใช้เวลา", "time to close"), ("กี่วัน", "how many days"), ("เฉลี่ยกี่วัน", "average days to close"),
        ("กว่าจะปิดดีลได้", "to close"), ("กว่าจะปิด", "to close"), ("ขั้นการขาย", "stage"), ("แยกตามขั้นการขาย", "by stage"), ("ได้จาก", "won from"),
        ("ขั้นเสนอราคา", "Proposal"), ("เสนอราคา", "Proposal"), ("ขั้นเจรจา", "Negotiation"), ("เจรจา", "Negotiation"), ("ต่อรอง", "Negotiation"),
        ("เดโม", "Demo"), ("ขั้นสำรวจความต้องการ", "Discovery"),
        ("อัปเซลล์", "upsell"), ("อัพเซลล์", "upsell"), ("ดีลอัปเซลล์", "upsell deals"), ("อันดับแรก", "top"), ("อันดับ", "top"), ("สรุป", ""), ("ข้อมูล", ""),
        ("ติดต่อ", "contact"), ("เวลา", ""), ("ประจำ", ""), ("ขยับ", "moved"), ("คู่แข่ง", "competitor"), ("ออก", "out"), ("ตอบ", ""), ("พูด", ""), ("เล่า", ""),

        // Found by reading the Thai corpus again (issue #19): the way sellers write these slots.
        ("ในมือ", "open"), ("อยู่ในมือ", "open"), ("ดอง", "stale"), ("ดองไว้", "stale"), ("เลยดิว", "overdue"), ("เกินวันปิด", "past close date"), ("เกินกำหนดปิด", "past close date"),
        ("หมดอายุ", "expiring"), ("จะหมดอายุ", "expiring"), ("หลาย", ""), ("ประเภท", ""), ("ดีลต่ออายุ", "renewal deals"), ("ดีลประเภทต่ออายุ", "renewal deals"),
        ("ดีลทั้งหมด", "all deals"), ("ดีลทุกตัว", "every deal"), ("ทุกตัว", ""), ("ที่เคยมี", "ever had"), ("เคยมี", "ever had"),
        ("ทั้งเปิดและปิด", "open and closed"), ("ทั้งที่เปิดอยู่และปิดไปแล้ว", "open and closed"), ("ไม่ว่าจะเปิดหรือปิด", "open or closed"),
        ("ทั้งได้และไม่ได้", "won or lost"), ("ไม่ว่าจะได้หรือไม่ได้", "won or lost"), ("จบ", "won or lost"), ("จบไป", "won or lost"),
        ("นับ", "count"), ("ดีลที่ได้", "deals won"), ("ยอดที่จะปิด", "amount closing"), ("ถ่วงตามโอกาสปิด", "weighted"), ("แบบ", ""),
        ("ขนาดเฉลี่ย", "average deal size"), ("ดีลละเท่าไหร่", "average deal size"), ("ห่าง", "gap"), ("ห่างจาก", "gap"), ("เปา", "quota"), ("ถึงเปา", "quota"),
        ("ไม่ทัน", "behind"), ("ตามเป้าไม่ทัน", "behind quota"), ("ตามเป้าไม่ถึง", "behind quota"),
        ("ทั้งบริษัท", "company"), ("ฝั่ง", ""), ("รวมกัน", "together"), ("แต่ละ", "each"), ("เดือนละ", "per month"), ("ไตรมาสละ", "per quarter"),
        ("เสียยอด", "lost revenue"), ("เร็วที่สุด", "moves fastest"), ("เร็วสุด", "moves fastest"), ("ช้าที่สุด", "moves slowest"),
        ("ใหญ่กว่า", "over"), ("เล็กกว่า", "under"), ("ใหญ่", "big"), ("เล็ก", "small"), ("ขายดีที่สุด", "best selling"), ("ขายดีสุด", "best selling"),
        ("ดีลที่ใหญ่ที่สุด", "biggest deal"), ("ดีลใหญ่ที่สุด", "biggest deal"), ("ดีลใหญ่สุด", "biggest deal"), ("ดีลที่ใหญ่สุด", "biggest deal"),
        ("ดีลเปิดที่ใหญ่ที่สุด", "biggest open deal"), ("ดีลที่เล็กที่สุด", "smallest deal"), ("ดีลเล็กที่สุด", "smallest deal"), ("ดีลเล็กสุด", "smallest deal"),
        ("ลูกค้ารายไหน", "which account"), ("ลูกค้าคนไหน", "which account"), ("ลูกค้าเจ้าไหน", "which account"), ("สินค้าตัวไหน", "which product"), ("สินค้าไหน", "which product"),
        ("มูลค่าเกิน", "over"), ("มูลค่ามากกว่า", "over"), ("มูลค่าต่ำกว่า", "under"), ("มูลค่าน้อยกว่า", "under"), ("มูลค่าไม่เกิน", "under"), ("มูลค่าระหว่าง", "between"),
        ("ปีต่อปี", "year over year"), ("ไตรมาสต่อไตรมาส", "quarter over quarter"), ("เดือนต่อเดือน", "month over month"),
        ("เทียบกับไตรมาสก่อนหน้า", "compared to the quarter before"), ("เทียบกับเดือนก่อนหน้า", "compared to the month before"), ("เทียบกับปีก่อนหน้า", "compared to the year before"),
        ("ครึ่งปีแรกของ", "first half of"), ("ครึ่งปีหลังของ", "second half of"), ("ตั้งแต่ต้นไตรมาส", "quarter to date"), ("จนถึงตอนนี้", ""), ("ถึงวันนี้", ""), ("จนถึงวันนี้", ""), ("ถึงตอนนี้", ""), ("ถึงปัจจุบัน", ""), ("จนถึงปัจจุบัน", ""),
        ("ไตรมาสก่อนโน้น", "the quarter before last"), ("เปิดดีลใหม่", "new deals created"), ("สร้างดีลใหม่", "new deals created"),
        ("คาดการณ์ยอดขาย", "forecast"), ("ฟอร์แคสต์ยอดขาย", "forecast"), ("ฟอแคส", "forecast"), ("ฟอแคสต์", "forecast"),
        ("ไร", "what"), ("มีไร", "what"), ("อ่ะ", ""), ("อะ", ""), ("เขา", ""), ("ของเขา", ""),
        ("ไตรมาสทีแล้ว", "last quarter"), ("เทาไหร", "how much"), ("เทาไหร่", "how much"), ("ไตรมาศ", "quarter"), ("ไตรมาศนี้", "this quarter"), ("ไตมาส", "quarter"),
        ("ไตมาสหน้า", "next quarter"), ("ไตมาสนี้", "this quarter"), ("สับดาห์", "week"), ("สับดาห์หน้า", "next week"), ("อาทิตร์", "week"), ("อาทิตร์ที่แล้ว", "last week"),
        ("ไปไลน์", "pipeline"), ("เดือนนี้ของปีที่แล้ว", "this month last year"), ("เดือนนี้ปีที่แล้ว", "this month last year"), ("จำนวนดีลที่ได้", "number of deals won"), ("ทำได้ตามเป้า", "did hit quota"), ("สัญญาที่จะหมดอายุ", "renewals"), ("ทัน", ""), ("กีดีล", "how many deals"), ("กี่สัญญา", "how many"),
        ("ลูกค้าที่ฉันดูแล", "my accounts"), ("ลูกค้าที่ผมดูแล", "my accounts"), ("ลูกค้าที่ดูแล", "my accounts"), ("ดูแล", ""),
        ("บ่อยที่สุด", "most deals"), ("บ่อยสุด", "most deals"), ("ขั้นเดโม", "the Demo stage"),

        // Greetings, thanks, my day, briefs, the playbook and commission in the words Thai sellers use.
        ("อรุณสวัสดิ์", "hello"), ("สวัสดีตอนเช้า", "good morning"), ("ดีจ้า", "hello"), ("หวัดดีจ้า", "hello"), ("แต๊งกิ้ว", "thanks"), ("แต้งกิ้ว", "thanks"), ("แต๊งกิว", "thanks"),
        ("ช่วยได้เยอะ", "helpful"), ("ช่วยได้มาก", "helpful"),
        ("วันนี้มีอะไรต้องทำ", "my day"), ("วางแผนวันนี้", "plan my day"), ("ตามลูกค้า", "follow-ups"), ("ควรโฟกัสอะไร", "what should i focus on"), ("โฟกัสอะไร", "what should i focus on"),
        ("สรุปข้อมูล", "brief me on"), ("เตรียมตัวก่อนเจอ", "prep for"), ("เตรียมตัว", "prep"), ("อัปเดตเรื่อง", "update me on"), ("อัพเดทเรื่อง", "update me on"), ("อัพเดตเรื่อง", "update me on"),
        ("รู้อะไรเกี่ยวกับ", "what do we know about"), ("เรารู้อะไรเกี่ยวกับ", "what do we know about"), ("ใครเป็นผู้ติดต่อที่", "who is the contact at"), ("ผู้ติดต่อ", "contact"),
        ("เล่าเรื่อง", "tell me about"),
        ("ตอบไงดี", "how do I handle"), ("ตอบยังไงดี", "how do I handle"), ("รับมือยังไง", "how do I handle"), ("รับมือยังไงดี", "how do I handle"), ("ควรพูดยังไง", "how do I handle"),
        ("พูดยังไงดี", "how do I handle"), ("ทำไงดี", "how do I handle"), ("ทำยังไงดี", "how do I handle"), ("ควรทำยังไง", "how do I handle"), ("ควรพูดอะไรต่อ", "how do I handle"),
        ("พูดอะไรต่อ", "how do I handle"), ("วิธีรับมือ", "how do I handle"), ("ข้อโต้แย้ง", "objection"), ("โบนัส", "bonus"),

        // Things AeBot doesn't do, in the words the English side refuses them with.
        ("เขียน", "write"), ("แปล", "translate"), ("มุก", "joke"), ("มุกตลก", "joke"), ("เรื่องตลก", "joke"), ("โพสต์", "post"), ("ข้อความ", "message"),
        ("อากาศ", "weather"), ("ฝนตก", "weather"), ("ฝน", "weather"), ("ข่าว", "news"), ("ราคาหุ้น", "stock price"), ("หุ้น", "stock price"), ("ส่งอีเมล", "send an email"), ("อีเมล", "email"),
        // Money as a market, not as a deal's value: ค่าเงินบาท is the baht's exchange rate, never "the amount in baht".
        ("ค่าเงิน", "exchange rate"), ("อัตราแลกเปลี่ยน", "exchange rate"),

        // Breakdowns and ranks.
        ("แยกตามเซลส์", "by rep"), ("แยกตามคน", "by rep"), ("แยกรายคน", "by rep"), ("รายคน", "by rep"), ("แต่ละคน", "by rep"), ("แยกตามเซลล์", "by rep"),
        ("แยกตามสินค้า", "by product"), ("รายสินค้า", "by product"), ("แยกตามโปรดักต์", "by product"), ("แยกตามลูกค้า", "by account"), ("รายลูกค้า", "by account"),
        ("แยกตามสเตจ", "by stage"), ("แยกตามขั้น", "by stage"), ("รายเดือน", "by month"), ("แยกตามเดือน", "by month"), ("รายไตรมาส", "by quarter"), ("แยกตามไตรมาส", "by quarter"),
        ("มากที่สุด", "most"), ("เยอะที่สุด", "most"), ("เยอะสุด", "most"), ("สูงสุด", "highest"), ("สูงที่สุด", "highest"), ("ใหญ่ที่สุด", "biggest"), ("ใหญ่สุด", "biggest"),
        ("ดีที่สุด", "best"), ("เก่งที่สุด", "best"), ("ท็อป", "top"), ("น้อยที่สุด", "least"), ("ต่ำสุด", "lowest"), ("ต่ำที่สุด", "lowest"), ("แย่ที่สุด", "worst"),
        ("สินค้า", "product"), ("โปรดักต์", "product"), ("ลูกค้า", "account"), ("บัญชี", "account"), ("สเตจ", "stage"), ("ขั้น", "stage"),

        // Comparisons.
        ("เทียบกับ", "compared to"), ("เปรียบเทียบ", "compare"), ("เทียบ", "vs"), ("เมื่อเทียบกับ", "compared to"), ("ช่วงเดียวกันปีที่แล้ว", "same time last year"),

        // Amount thresholds (a number follows; "… ขึ้นไป" after a number is handled before this lexicon).
        ("มากกว่า", "over"), ("เกิน", "over"), ("สูงกว่า", "over"), ("น้อยกว่า", "under"), ("ต่ำกว่า", "under"), ("ไม่ถึง", "under"), ("ไม่เกิน", "under"),
        ("ระหว่าง", "between"), ("บาท", ""),

        // Periods.
        ("วันนี้", "today"), ("พรุ่งนี้", "tomorrow"), ("เมื่อวาน", "yesterday"), ("เมื่อวานนี้", "yesterday"),
        ("สัปดาห์นี้", "this week"), ("อาทิตย์นี้", "this week"), ("สัปดาห์หน้า", "next week"), ("อาทิตย์หน้า", "next week"),
        ("สัปดาห์ที่แล้ว", "last week"), ("อาทิตย์ที่แล้ว", "last week"), ("อาทิตย์ก่อน", "last week"), ("สัปดาห์ก่อน", "last week"),
        ("เดือนนี้", "this month"), ("เดือนหน้า", "next month"), ("เดือนที่แล้ว", "last month"), ("เดือนก่อน", "last month"), ("เดือนที่ผ่านมา", "last month"),
        ("ไตรมาสนี้", "this quarter"), ("ควอเตอร์นี้", "this quarter"), ("ไตรมาสหน้า", "next quarter"), ("ควอเตอร์หน้า", "next quarter"),
        ("ไตรมาสที่แล้ว", "last quarter"), ("ไตรมาสก่อน", "last quarter"), ("ควอเตอร์ที่แล้ว", "last quarter"), ("ไตรมาสที่ผ่านมา", "last quarter"),
        ("ปีนี้", "this year"), ("ปีหน้า", "next year"), ("ปีที่แล้ว", "last year"), ("ปีก่อน", "last year"), ("ปีที่ผ่านมา", "last year"), ("ตั้งแต่ต้นปี", "year to date"),
        ("ครึ่งปีแรก", "first half"), ("ครึ่งปีหลัง", "second half"), ("ครึ่งแรกของปี", "first half"), ("ครึ่งหลังของปี", "second half"),
        ("ตลอดกาล", "all time"), ("ทั้งหมดที่เคยมี", "all time"), ("ไตรมาส", "quarter"), ("เดือน", "month"), ("ปี", "year"), ("สัปดาห์", "week"), ("วัน", "day"),
        ("มกราคม", "January"), ("ม.ค.", "January"), ("กุมภาพันธ์", "February"), ("ก.พ.", "February"), ("มีนาคม", "March"), ("มี.ค.", "March"),
        ("เมษายน", "April"), ("เม.ย.", "April"), ("พฤษภาคม", "May"), ("พ.ค.", "May"), ("มิถุนายน", "June"), ("มิ.ย.", "June"),
        ("กรกฎาคม", "July"), ("ก.ค.", "July"), ("สิงหาคม", "August"), ("ส.ค.", "August"), ("กันยายน", "September"), ("ก.ย.", "September"),
        ("ตุลาคม", "October"), ("ต.ค.", "October"), ("พฤศจิกายน", "November"), ("พ.ย.", "November"), ("ธันวาคม", "December"), ("ธ.ค.", "December"),
        // Months as said and typed in chat, without -คม/-ยน/-พันธ์ ("ปิดธันวานี้"); otherwise ธันวา is fuzzy-matched to a person (Dana).
        ("มกรา", "January"), ("กุมภา", "February"), ("มีนา", "March"), ("เมษา", "April"), ("พฤษภา", "May"), ("มิถุนา", "June"),
        ("กรกฎา", "July"), ("กรกฏา", "July"), ("สิงหา", "August"), ("กันยา", "September"), ("ตุลา", "October"), ("พฤศจิกา", "November"),
        ("พฤศจิ", "November"), ("ธันวา", "December"),

        // Abilities.
        ("สวัสดี", "hello"), ("หวัดดี", "hello"), ("ดีครับ", "hello"), ("ขอบคุณ", "thanks"), ("ขอบใจ", "thanks"), ("ขอบคุณมาก", "thanks"), ("แต้งกิ้ว", "thanks"),
        ("ช่วยอะไรได้บ้าง", "help"), ("ทำอะไรได้บ้าง", "help"), ("วิธีใช้", "help"), ("ใช้งานยังไง", "help"), ("ถามอะไรได้บ้าง", "help"),
        ("วันนี้ต้องทำอะไร", "my day"), ("งานวันนี้", "my day"), ("แผนวันนี้", "my day"), ("วันนี้มีอะไรบ้าง", "my day"), ("สรุปวันนี้", "my day"),
        ("สรุปข้อมูลลูกค้า", "brief me on"), ("สรุปลูกค้า", "brief me on"), ("บรีฟ", "brief me on"), ("ขอข้อมูลลูกค้า", "brief me on"), ("ข้อมูลลูกค้า", "brief me on"),
        ("แพงไป", "too expensive"), ("ราคาแพง", "too expensive"), ("แพงเกินไป", "too expensive"), ("ยังไม่มีงบ", "no budget"), ("ไม่มีงบ", "no budget"),
        ("ใช้เจ้าอื่นอยู่", "already use a competitor"), ("มีเจ้าประจำ", "already use a competitor"), ("ยังไม่พร้อม", "not the right time"), ("ขอเวลาคิด", "need to think about it"),
        ("ส่งข้อมูลมาก่อน", "send me info"), ("ต้องขออนุมัติ", "need approval"), ("รับมือ", "handle"), ("ตอบยังไง", "how do I handle"), ("ควรตอบยังไง", "how do I handle"),
        ("ค่าคอม", "commission"), ("คอมมิชชั่น", "commission"),

        // Writes (recognised so a Thai write is never read as a question; they are answered in English for now).
        ("บันทึก", "log"), ("จด", "log"), ("ล็อก", "log"), ("การโทร", "call"), ("โทร", "call"), ("ประชุม", "meeting"), ("นัด", "meeting"), ("โน้ต", "note"),
        ("เตือน", "remind me"), ("ตั้งเตือน", "remind me"), ("เตือนผม", "remind me"), ("เตือนฉัน", "remind me"),
        ("ยกเลิก", "cancel"), ("ยกเลิกล่าสุด", "undo"), ("ย้อนกลับ", "undo"), ("ใช่", "yes"), ("ยืนยัน", "yes"), ("ตกลง", "yes"), ("โอเค", "ok"), ("ไม่ใช่", "no"),
        ("ร่าง", "draft"), ("นัดประชุม", "schedule a meeting"), ("นัดเจอ", "schedule a meeting"),
        ("ย้าย", "move"), ("เปลี่ยน", "change"), ("อัปเดต", "update"), ("อัพเดท", "update"), ("แก้", "update"),
    ]);

    private static Dictionary<string, string> Build((string Thai, string English)[] entries)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (thai, english) in entries)
            map[ThaiScript.Repair(thai)] = english; // a later, more specific line for the same word wins
        return map;
    }
}
