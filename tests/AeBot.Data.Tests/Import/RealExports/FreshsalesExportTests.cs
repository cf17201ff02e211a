using AeBot.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Tests.Import.RealExports;

/// <summary>
/// Freshsales (Freshworks CRM) list-view exports (#16, item 4), folder Exports/freshsales: Sales Accounts, Contacts and
/// Deals with the default field labels ("Name", "Deal value", "Deal stage", "Expected close date", "Sales owner",
/// "Account name", "Created at"…), from a UK account: amounts in GBP, dates day first ("05/12/2026" is 5 December).
/// There is no users file: no Freshsales user export could be found, so there is no roster — the reps are the
/// "Sales owner" names, and no reporting lines exist to import.
/// </summary>
/// <remarks>
/// Evidence and what could not be confirmed:
/// <list type="bullet">
/// <item>Field labels follow Freshworks' default deal, contact and account fields (knowledge-base field lists and the
/// import pages' field names: Deal value, Deal stage, Deal pipeline, Expected close date, Closed date, Sales owner,
/// Probability (%), Lost reason, Industry type, Business type, Number of employees, Parent account, Emails, Work, Mobile,
/// Lifecycle stage, Created at, Updated at). The export page itself and the exact header spelling, order and quoting of
/// an exported file could not be confirmed; no export file was found in public code.</item>
/// <item>The date format is the account's setting; "dd/mm/yyyy" (a UK account) is one of Freshworks' options.
/// The export was assumed to carry no record-id column.</item>
/// <item>Default pipeline stages assumed: New, Demo, Negotiation, Won, Lost.</item>
/// </list>
/// </remarks>
public sealed class FreshsalesExportTests : IDisposable
{
    private const string Accounts = "freshsales-sales-accounts.csv";
    private const string Contacts = "freshsales-contacts.csv";
    private const string Deals = "freshsales-deals.csv";

    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Freshsales_sales_accounts_export_maps_owner_industry_size_and_parent()
    {
        var report = await ImportAsync();

        ExportAssert.File(report, Accounts, ImportKind.Accounts, created: 4, new()
        {
            ["Name"] = "name", ["Website"] = "website", ["Country"] = "country", ["Industry type"] = "industry",
            ["Number of employees"] = "employees", ["Sales owner"] = "owner", ["Parent account"] = "parent",
            ["Created at"] = "created_date",
        }, "Phone", "Address", "City", "State", "Zipcode", "Business type", "Annual revenue", "Territory", "Updated at");
        // No roster: the two account owners become reps from their names.
        Assert.Equal(2, report.File(Accounts).AlsoCreated.GetValueOrDefault("reps"));

        await using var db = _database.NewContext();
        var stores = await db.Accounts.Include(a => a.ParentAccount).Include(a => a.Owner).SingleAsync(a => a.Name == "Castlegate Retail");
        Assert.Equal("Castlegate Retail Group", stores.ParentAccount?.Name);
        Assert.Equal("James Holt", stores.Owner?.Name);
        Assert.Equal("Retail", stores.Industry);
        Assert.Equal(4100, stores.Employees);
        Assert.Equal("United Kingdom", stores.Country);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 10, 5, 0, TimeSpan.Zero), stores.CreatedAt);
        Assert.Equal("Transportation", (await db.Accounts.SingleAsync(a => a.Name == "Thornbury Haulage")).Industry);

        // James Holt's accounts, by hand: Castlegate Retail Group, Castlegate Retail, Pennine Water = 3.
        Assert.Equal(3, _database.Scalar("SELECT COUNT(*) FROM Accounts a JOIN Reps r ON r.Id = a.OwnerId WHERE r.Name = 'James Holt'"));
    }

    [Fact]
    public async Task Freshsales_contacts_export_maps_emails_phones_and_accounts()
    {
        var report = await ImportAsync();

        // "Work" is the work phone number, "Emails" the primary e-mail address.
        ExportAssert.File(report, Contacts, ImportKind.Contacts, created: 4, new()
        {
            ["First name"] = "first_name", ["Last name"] = "last_name", ["Job title"] = "title", ["Emails"] = "email",
            ["Work"] = "phone", ["Mobile"] = "phone", ["Account name"] = "account",
        }, "City", "Country", "Sales owner", "Lifecycle stage", "Status", "Created at", "Updated at");
        Assert.Empty(report.File(Contacts).AlsoCreated);

        await using var db = _database.NewContext();
        var owen = await db.Contacts.Include(c => c.Account).SingleAsync(c => c.Name == "Owen Price");
        Assert.Equal("owen.price@penninewater.example", owen.Email);
        Assert.Equal("+44 161 496 0301", owen.Phone);
        Assert.Equal("Asset Manager", owen.Title);
        Assert.Equal("Pennine Water", owen.Account?.Name);
        Assert.Equal("+44 7700 900303", (await db.Contacts.SingleAsync(c => c.Name == "Priti Shah")).Phone); // mobile only

        // Pennine Water has Owen Price and Gareth Evans; no account is invented from a contact.
        Assert.Equal(2, _database.Scalar("SELECT COUNT(*) FROM Contacts c JOIN Accounts a ON a.Id = c.AccountId WHERE a.Name = 'Pennine Water'"));
        Assert.Equal(4, _database.Scalar("SELECT COUNT(*) FROM Accounts"));
    }

    [Fact]
    public async Task Freshsales_deals_export_without_a_roster_imports_owners_by_name_and_day_first_dates()
    {
        var report = await ImportAsync();

        // Both date columns are the close date: "Closed date" (the actual one) is filled only for won and lost deals.
        ExportAssert.File(report, Deals, ImportKind.Opportunities, created: 6, new()
        {
            ["Name"] = "name", ["Deal value"] = "amount", ["Account name"] = "account", ["Deal stage"] = "stage",
            ["Expected close date"] = "close_date", ["Closed date"] = "close_date", ["Sales owner"] = "owner",
            ["Probability (%)"] = "probability", ["Type"] = "type", ["Lost reason"] = "loss_reason", ["Currency"] = "currency",
            ["Created at"] = "created_date",
        }, "Deal pipeline", "Source", "Updated at");
        // Amelia Shaw owns no account, so the deals file introduces her; every account already exists.
        Assert.Equal<KeyValuePair<string, int>>([new("reps", 1)], report.File(Deals).AlsoCreated);

        // No roster: three reps from the "Sales owner" names, nobody reports to anybody, no "Unassigned".
        Assert.Equal(3, _database.Scalar("SELECT COUNT(*) FROM Reps"));
        Assert.Equal(0, _database.Scalar("SELECT COUNT(*) FROM Reps WHERE ManagerId IS NOT NULL"));
        Assert.Equal(6, _database.Scalar("SELECT COUNT(*) FROM Opportunities WHERE Currency = 'GBP'"));
        Assert.Equal(4, _database.Scalar("SELECT COUNT(*) FROM Opportunities WHERE StageCategory = 0"));
        Assert.Equal(1, _database.Scalar("SELECT COUNT(*) FROM Opportunities WHERE StageCategory = 1"));
        Assert.Equal(1, _database.Scalar("SELECT COUNT(*) FROM Opportunities WHERE StageCategory = 2"));

        // Open pipeline expected to close in December 2026, by hand from the CSV: Thornbury Fleet Telematics 42,000
        // (18/12/2026) + Pennine Water Sensors 96,500 (05/12/2026 — 5 December: the file's dates are day first, as
        // 18/12 and 30/01 show) = 138,500 GBP.
        Assert.Equal(138_500m, _database.Money(
            "SELECT SUM(Amount) FROM Opportunities WHERE StageCategory = 0 AND CloseDate >= '2026-12-01' AND CloseDate <= '2026-12-31'"));
        // Amelia Shaw's open pipeline: 61,000 (Castlegate Stock Forecasting) + 33,500 (Pennine Leak Analytics) = 94,500.
        Assert.Equal(94_500m, _database.Money(
            "SELECT SUM(o.Amount) FROM Opportunities o JOIN Reps r ON r.Id = o.OwnerId WHERE r.Name = 'Amelia Shaw' AND o.StageCategory = 0"));

        await using var db = _database.NewContext();
        var sensors = await db.Opportunities.Include(o => o.Account).SingleAsync(o => o.Name == "Pennine Water Sensors");
        Assert.Equal(new DateOnly(2026, 12, 5), sensors.CloseDate);
        Assert.Equal(40m, sensors.Probability);
        Assert.Equal("Pennine Water", sensors.Account?.Name);
        var telematics = await db.Opportunities.SingleAsync(o => o.Name == "Thornbury Fleet Telematics");
        Assert.Equal(new DateTimeOffset(2026, 9, 2, 9, 30, 0, TimeSpan.Zero), telematics.CreatedAt); // "02/09/2026 09:30"
        var footfall = await db.Opportunities.SingleAsync(o => o.Name == "Castlegate Footfall Analytics");
        Assert.Equal("Budget constraints", footfall.LossReason);
        Assert.Equal(new DateOnly(2026, 11, 14), footfall.CloseDate);
    }

    private async Task<ImportReport> ImportAsync()
    {
        await using var db = _database.NewContext();
        return await ImportFixture.ImportAsync(db, ImportFixture.Exports("freshsales"));
    }
}
