using AeBot.Core.Opportunities;
using AeBot.Core.Organization;
using AeBot.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Tests.Import.RealExports;

/// <summary>
/// Zoho CRM's module exports (#16, item 4), folder Exports/zoho: Users, Accounts, Contacts and Deals as Zoho writes them
/// (files "Module_001.csv", field labels as headers, every value quoted, a lookup written as two columns — "Deal Owner.id"
/// with the record id, then "Deal Owner" with the name). Invented values; the folder imports without a mapping file and
/// the users' "Reporting To" gives the reporting lines.
/// </summary>
/// <remarks>
/// Evidence and what could not be confirmed:
/// <list type="bullet">
/// <item>"Record Id" (lower-case d), lookup pairs "X.id" + "X", "Closing Date", "Probability (%)", "Reason For Loss",
/// "Created Time"/"Modified Time" as "yyyy-MM-dd HH:mm:ss" and dates as "yyyy-MM-dd": seen in importers and fixtures
/// built from real Zoho exports and data backups in public code. Column order follows the standard layouts (Zoho's
/// standard Deals fields: Deal Owner, Deal Name, Amount, Closing Date, Account Name, Stage, Type, Probability (%),
/// Next Step, Expected Revenue, Lead Source, Contact Name…); the exact order in a file could not be confirmed.</item>
/// <item>Stages are Zoho's default picklist, including "Id. Decision Makers" and "Closed Lost to Competition",
/// which is a lost stage.</item>
/// <item>Accounts use the classic "Billing City"/"Billing Country" labels; newer orgs may write "Billing Address - City".</item>
/// <item>The Users file follows the CSV data backup (Users_001.csv): whether an org writes "Role"/"Reporting To" names
/// or only "Role.id"-style ids there could not be confirmed. "Profile" is Zoho's permission set (Administrator,
/// Standard): it is not the rep's role when a "Role" column is present, so it is listed as ignored.
/// The ".id" half of a person lookup ("Deal Owner.id", "Reporting To.id") is an id, not the person: AeBot has no field
/// for it; the ".id" half of an account lookup ("Account Name.id", "Parent Account.id") is the account's Record Id.</item>
/// <item>The help-page addresses in the fixtures' first lines (export data, data backup) could not be fetched here.</item>
/// </list>
/// </remarks>
public sealed class ZohoExportTests : IDisposable
{
    private const string Users = "Users_001.csv";
    private const string Accounts = "Accounts_001.csv";
    private const string Contacts = "Contacts_001.csv";
    private const string Deals = "Deals_001.csv";

    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Zoho_users_export_gives_the_reporting_lines()
    {
        var report = await ImportAsync();

        ExportAssert.File(report, Users, ImportKind.Reps, created: 6, new()
        {
            ["Record Id"] = "id", ["First Name"] = "first_name", ["Last Name"] = "last_name", ["Email"] = "email",
            ["Role"] = "role", ["Reporting To"] = "manager", ["Status"] = "active", ["Time Zone"] = "time_zone",
        }, "Profile", "Reporting To.id", "Phone", "Mobile", "Created Time");

        await using var db = _database.NewContext();
        var reps = await db.Reps.ToDictionaryAsync(r => r.Name);
        Assert.Equal(6, reps.Count);
        Assert.Null(reps["Helen Park"].ManagerId);
        Assert.Equal(reps["Helen Park"].Id, reps["Tom Alvarez"].ManagerId);
        Assert.Equal(reps["Helen Park"].Id, reps["Grace Liu"].ManagerId);
        Assert.Equal(reps["Tom Alvarez"].Id, reps["Ben Okafor"].ManagerId);
        Assert.Equal(reps["Tom Alvarez"].Id, reps["Chloe Martin"].ManagerId);
        Assert.Equal(reps["Grace Liu"].Id, reps["Arjun Mehta"].ManagerId);
        Assert.Equal(RepRole.Manager, reps["Helen Park"].Role); // "Head of Sales", not the "Administrator" profile
        Assert.Equal(RepRole.Manager, reps["Tom Alvarez"].Role);
        Assert.Equal(RepRole.Rep, reps["Ben Okafor"].Role);
        Assert.Equal("Europe/London", reps["Chloe Martin"].TimeZoneId);
        Assert.Equal("5725767000000104", reps["Ben Okafor"].ExternalId);

        // Direct reports, by hand from "Reporting To": Helen 2 (Tom, Grace), Tom 2 (Ben, Chloe), Grace 1 (Arjun).
        Assert.Equal(2, _database.Scalar("SELECT COUNT(*) FROM Reps r JOIN Reps m ON m.Id = r.ManagerId WHERE m.Name = 'Helen Park'"));
        Assert.Equal(2, _database.Scalar("SELECT COUNT(*) FROM Reps r JOIN Reps m ON m.Id = r.ManagerId WHERE m.Name = 'Tom Alvarez'"));
        Assert.Equal(1, _database.Scalar("SELECT COUNT(*) FROM Reps r JOIN Reps m ON m.Id = r.ManagerId WHERE m.Name = 'Grace Liu'"));
    }

    [Fact]
    public async Task Zoho_accounts_export_keeps_owners_and_the_parent_account()
    {
        var report = await ImportAsync();

        ExportAssert.File(report, Accounts, ImportKind.Accounts, created: 5, new()
        {
            ["Record Id"] = "id", ["Account Owner"] = "owner", ["Account Name"] = "name", ["Parent Account.id"] = "parent_id",
            ["Parent Account"] = "parent", ["Website"] = "website", ["Industry"] = "industry", ["Employees"] = "employees",
            ["Created Time"] = "created_date", ["Billing Country"] = "country",
        }, "Account Owner.id", "Phone", "Account Type", "Annual Revenue", "Created By.id", "Created By", "Modified Time",
            "Billing City", "Last Activity Time");
        Assert.Empty(report.File(Accounts).AlsoCreated);

        await using var db = _database.NewContext();
        var europe = await db.Accounts.Include(a => a.ParentAccount).Include(a => a.Owner).SingleAsync(a => a.ExternalId == "5725767000000202");
        Assert.Equal("Crestline Manufacturing - Europe", europe.Name);
        Assert.Equal("5725767000000201", europe.ParentAccount?.ExternalId);
        Assert.Equal("Chloe Martin", europe.Owner?.Name);
        Assert.Equal("Germany", europe.Country);
        Assert.Equal(850, europe.Employees);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 11, 30, 0, TimeSpan.Zero), europe.CreatedAt);

        // Head count of Ben Okafor's accounts, by hand: Crestline Manufacturing 3,200 + Harborview City Council 1,400 = 4,600.
        Assert.Equal(4_600, _database.Scalar("SELECT SUM(a.Employees) FROM Accounts a JOIN Reps r ON r.Id = a.OwnerId WHERE r.Name = 'Ben Okafor'"));
    }

    [Fact]
    public async Task Zoho_contacts_export_links_contacts_to_accounts_by_record_id()
    {
        var report = await ImportAsync();

        ExportAssert.File(report, Contacts, ImportKind.Contacts, created: 5, new()
        {
            ["Record Id"] = "id", ["First Name"] = "first_name", ["Last Name"] = "last_name", ["Account Name.id"] = "account_id",
            ["Account Name"] = "account", ["Email"] = "email", ["Title"] = "title", ["Phone"] = "phone", ["Mobile"] = "phone",
        }, "Contact Owner.id", "Contact Owner", "Department", "Reporting To.id", "Reporting To", "Mailing City",
            "Mailing Country", "Created Time", "Modified Time");

        await using var db = _database.NewContext();
        var luis = await db.Contacts.Include(c => c.Account).SingleAsync(c => c.ExternalId == "5725767000000302");
        Assert.Equal("Luis Moreno", luis.Name);
        Assert.Equal("+49 151 5550142", luis.Phone); // only a mobile number
        Assert.Equal("Plant Director", luis.Title);
        Assert.Equal("5725767000000202", luis.Account?.ExternalId);

        // Every contact sits on one of the five exported accounts; none is invented.
        Assert.Equal(5, _database.Scalar("SELECT COUNT(*) FROM Contacts c JOIN Accounts a ON a.Id = c.AccountId"));
        Assert.Equal(5, _database.Scalar("SELECT COUNT(*) FROM Accounts"));
    }

    [Fact]
    public async Task Zoho_deals_export_imports_with_owners_lost_stages_and_team_pipeline()
    {
        var report = await ImportAsync();

        ExportAssert.File(report, Deals, ImportKind.Opportunities, created: 7, new()
        {
            ["Record Id"] = "id", ["Deal Owner"] = "owner", ["Deal Name"] = "name", ["Amount"] = "amount",
            ["Closing Date"] = "close_date", ["Account Name.id"] = "account_id", ["Account Name"] = "account", ["Stage"] = "stage",
            ["Type"] = "type", ["Probability (%)"] = "probability", ["Next Step"] = "next_step", ["Created Time"] = "created_date",
            ["Reason For Loss"] = "loss_reason",
        }, "Deal Owner.id", "Expected Revenue", "Lead Source", "Contact Name.id", "Contact Name", "Created By.id", "Created By",
            "Modified Time", "Description");
        Assert.Empty(report.File(Deals).AlsoCreated);

        // Open: Negotiation/Review, Proposal/Price Quote, Qualification, Id. Decision Makers; won: Closed Won;
        // lost: Closed Lost and Closed Lost to Competition.
        Assert.Equal(4, _database.Scalar("SELECT COUNT(*) FROM Opportunities WHERE StageCategory = 0"));
        Assert.Equal(1, _database.Scalar("SELECT COUNT(*) FROM Opportunities WHERE StageCategory = 1"));
        Assert.Equal(2, _database.Scalar("SELECT COUNT(*) FROM Opportunities WHERE StageCategory = 2"));

        // Open pipeline of Tom Alvarez's team (Tom and the reps reporting to him), by hand from the CSVs:
        // Ben Okafor 150,000 (Crestline MES, Negotiation/Review) + Chloe Martin 64,000 (Crestline Europe, Proposal)
        // + Tom 39,000 (Solace Field Service) = 253,000. Ben's Harborview (45,000, Closed Lost) and Chloe's Bluepeak
        // Telehealth (23,000, Closed Lost to Competition) are closed and do not count.
        Assert.Equal(253_000m, _database.Money(
            "SELECT SUM(o.Amount) FROM Opportunities o JOIN Reps r ON r.Id = o.OwnerId "
            + "WHERE o.StageCategory = 0 AND (r.Name = 'Tom Alvarez' OR r.ManagerId = (SELECT Id FROM Reps WHERE Name = 'Tom Alvarez'))"));
        // Grace Liu's team: Arjun Mehta's Solace Grid Analytics 72,000 (his Bluepeak Patient Portal is won).
        Assert.Equal(72_000m, _database.Money(
            "SELECT SUM(o.Amount) FROM Opportunities o JOIN Reps r ON r.Id = o.OwnerId "
            + "WHERE o.StageCategory = 0 AND (r.Name = 'Grace Liu' OR r.ManagerId = (SELECT Id FROM Reps WHERE Name = 'Grace Liu'))"));
        Assert.Equal(88_000m, _database.Money("SELECT SUM(Amount) FROM Opportunities WHERE StageCategory = 1"));

        await using var db = _database.NewContext();
        var europe = await db.Opportunities.Include(o => o.Account).SingleAsync(o => o.ExternalId == "5725767000000402");
        Assert.Equal("5725767000000202", europe.Account?.ExternalId); // by "Account Name.id", not a lookalike name
        Assert.Equal(75m, europe.Probability);
        Assert.Equal(new DateOnly(2027, 1, 31), europe.CloseDate);
        Assert.Equal("Send revised quote", europe.NextStep);
        Assert.Equal(OpportunityType.Upsell, europe.Type); // "Existing Business"
        Assert.Equal(new DateTimeOffset(2026, 8, 3, 9, 40, 0, TimeSpan.Zero), europe.CreatedAt);
        var telehealth = await db.Opportunities.SingleAsync(o => o.ExternalId == "5725767000000406");
        Assert.Equal(StageCategory.Lost, telehealth.StageCategory);
        Assert.Equal("Lost to competitor", telehealth.LossReason);
    }

    private async Task<ImportReport> ImportAsync()
    {
        await using var db = _database.NewContext();
        return await ImportFixture.ImportAsync(db, ImportFixture.Exports("zoho"));
    }
}
