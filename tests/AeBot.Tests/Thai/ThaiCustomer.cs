using AeBot.Core.Accounts;
using AeBot.Core.Contracts;
using AeBot.Core.Interactions;
using AeBot.Core.Opportunities;
using AeBot.Core.Products;
using AeBot.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Tests.Thai;

/// <summary>
/// A Thai customer of the demo company, owned by Dana Reyes: every name in Thai script (the account, its contacts and
/// their titles, the deals, a product, the logged calls and meetings, a follow-up), amounts in baht. Thai text reaches
/// each surface this way — through the data — while replies are still in English. The names carry the tall and deep
/// marks Thai stacks above and below a line (ที่ ผู้ ญี่ปุ่น ฤ ู ุ), so a box too short for them shows.
/// </summary>
internal static class ThaiCustomer
{
    public const string Owner = "dana.reyes@northwind.example";
    public const string Account = "บริษัท สยามเทค จำกัด";
    public const string Product = "ระบบบัญชีออนไลน์";
    public const string Contact = "สมชาย ใจดี";

    /// <summary>Open deals, the first closing this month (Nov 2026, the tests' clock) so "pipeline this month" counts it.</summary>
    public static readonly string[] Deals =
    [
        "สยามเทค – ต่ออายุสัญญาบำรุงรักษาปี 2570",
        "สยามเทค – ระบบบริหารงานขายทั้งองค์กร",
        "สยามเทค – ฝึกอบรมผู้ใช้งานฝ่ายบัญชีและผู้บริหาร",
    ];

    /// <summary>What was said on the last call: a long note, as reps write them.</summary>
    public const string CallNote = "โทรคุยกับคุณสมชาย ลูกค้าบอกว่าแพงไป ขอส่วนลดเพิ่มอีกสิบเปอร์เซ็นต์ก่อนเสนอผู้บริหาร "
        + "ฝ่ายจัดซื้อยังไม่มีงบในไตรมาสนี้ แต่ผู้ใช้งานชอบรายงานยอดขายแบบเรียลไทม์ นัดส่งใบเสนอราคาใหม่วันศุกร์ที่สี่ธันวาคม";

    public const string MeetingNote = "ประชุมสาธิตระบบกับทีมผู้บริหารและฝ่ายไอที ทุกคนพอใจกับฟีเจอร์ใหม่ ผู้จัดการฝ่ายจัดซื้อขอดูสัญญาฉบับร่าง";

    public const string FollowUp = "ส่งใบเสนอราคาใหม่ให้คุณวิภาวรรณพร้อมเงื่อนไขการชำระเงิน";

    /// <summary>Adds the customer through the app's own DbContext; returns the account's id.</summary>
    public static async Task<long> SeedAsync(AeBotDbContext db)
    {
        var dana = await db.Reps.SingleAsync(r => r.Email == Owner);
        var created = new DateTimeOffset(2026, 9, 1, 3, 0, 0, TimeSpan.Zero);
        var account = new Account
        {
            Name = Account, NormalizedName = NameNormalizer.Normalize(Account), OwnerId = dana.Id, Industry = "ซอฟต์แวร์และบริการไอที",
            Employees = 420, Segment = "Mid-Market", Country = "TH", CreatedAt = created,
        };
        var product = new Product { Name = Product, NormalizedName = NameNormalizer.Normalize(Product), Family = "Software", ListPrice = 360_000m, Currency = "THB" };
        db.AddRange(account, product);
        await db.SaveChangesAsync();

        var somchai = new Contact { AccountId = account.Id, Name = Contact, Title = "ผู้อำนวยการฝ่ายเทคโนโลยีสารสนเทศ", Email = "somchai@siamtech.example", CreatedAt = created };
        var wipawan = new Contact { AccountId = account.Id, Name = "วิภาวรรณ ศรีสุข", Title = "ผู้จัดการฝ่ายจัดซื้อ", Email = "wipawan@siamtech.example", CreatedAt = created };
        db.Contacts.AddRange(somchai, wipawan);

        Opportunity Deal(string name, string stage, int probability, decimal amount, DateOnly close, string? next, DateOnly? due) => new()
        {
            Name = name, AccountId = account.Id, OwnerId = dana.Id, ProductId = product.Id, Amount = amount, Currency = "THB", Stage = stage,
            StageCategory = StageCategory.Open, Probability = probability, ForecastCategory = probability >= 80 ? ForecastCategory.Commit : ForecastCategory.Pipeline,
            CloseDate = close, CreatedAt = created, UpdatedAt = created, LastEngagedAt = new DateTimeOffset(2026, 11, 25, 7, 0, 0, TimeSpan.Zero),
            NextStep = next, NextStepDue = due, Type = OpportunityType.NewBusiness,
        };
        var deals = new[]
        {
            Deal(Deals[0], "Negotiation", 80, 480_000m, new DateOnly(2026, 11, 30), "รอลายเซ็นผู้มีอำนาจ", new DateOnly(2026, 11, 30)),
            Deal(Deals[1], "Proposal", 60, 2_500_000m, new DateOnly(2026, 12, 18), "ส่งใบเสนอราคาใหม่ภายในวันศุกร์", new DateOnly(2026, 12, 4)),
            Deal(Deals[2], "Discovery", 30, 150_000m, new DateOnly(2027, 1, 29), null, null),
        };
        db.Opportunities.AddRange(deals);
        db.Contracts.Add(new Contract { AccountId = account.Id, ProductId = product.Id, StartDate = new DateOnly(2026, 2, 16), EndDate = new DateOnly(2027, 2, 15), AnnualValue = 360_000m, Currency = "THB" });
        await db.SaveChangesAsync();

        var call = new Interaction
        {
            Type = InteractionType.Call, OccurredAt = new DateTimeOffset(2026, 11, 20, 7, 30, 0, TimeSpan.Zero), RepId = dana.Id, AccountId = account.Id,
            OpportunityId = deals[1].Id, Summary = CallNote, Objections = "แพงไป\nยังไม่มีงบ", NextStep = "ส่งใบเสนอราคาใหม่", NextStepDue = new DateOnly(2026, 12, 4), CreatedAt = created,
        };
        var meeting = new Interaction
        {
            Type = InteractionType.Meeting, OccurredAt = new DateTimeOffset(2026, 11, 25, 7, 0, 0, TimeSpan.Zero), RepId = dana.Id, AccountId = account.Id,
            OpportunityId = deals[0].Id, Summary = MeetingNote, CreatedAt = created,
        };
        db.Interactions.AddRange(call, meeting);
        await db.SaveChangesAsync();
        db.InteractionContacts.AddRange(new InteractionContact { InteractionId = call.Id, ContactId = somchai.Id }, new InteractionContact { InteractionId = meeting.Id, ContactId = wipawan.Id });
        db.Objections.AddRange(
            new Objection { InteractionId = call.Id, OpportunityId = deals[1].Id, AccountId = account.Id, Text = "แพงไป ขอส่วนลดเพิ่ม", Topic = "price", RaisedAt = call.OccurredAt },
            new Objection { InteractionId = call.Id, OpportunityId = deals[1].Id, AccountId = account.Id, Text = "ยังไม่มีงบในไตรมาสนี้", Topic = "budget", RaisedAt = call.OccurredAt });
        db.FollowUpTasks.Add(new FollowUpTask { RepId = dana.Id, AccountId = account.Id, OpportunityId = deals[1].Id, InteractionId = call.Id, Title = FollowUp, DueDate = new DateOnly(2026, 12, 4), Status = FollowUpStatus.Open, CreatedAt = created });
        await db.SaveChangesAsync();
        return account.Id;
    }
}
