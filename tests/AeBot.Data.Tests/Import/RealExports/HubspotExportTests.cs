using AeBot.Core.Interactions;
using AeBot.Core.Opportunities;
using AeBot.Core.Organization;
using AeBot.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Tests.Import.RealExports;

/// <summary>
/// HubSpot's standard exports (#16, item 4), folder Exports/hubspot: the CRM index-page exports of companies,
/// contacts, deals, calls and notes ("Export view": Record ID first, the view's columns, then the association
/// columns "Associated Company" and "Associated Company IDs"), and the user export from Settings &gt; Users &amp; Teams.
/// Invented values; the columns are what those exports write, and the whole folder imports without a mapping file.
/// </summary>
/// <remarks>
/// Evidence and what could not be confirmed:
/// <list type="bullet">
/// <item>HubSpot exports property labels, not internal names, unless "export internal values" is ticked
/// (exports API: exportInternalValuesOptions NAMES/VALUES). So "Deal Stage" holds the stage label ("Appointment
/// Scheduled", "Closed Won", the default Sales Pipeline's stages), "Deal owner" (lower-case o) the owner's name.</item>
/// <item>Default views: deals "Deal Name, Deal Stage, Close Date, Deal owner, Amount"; companies "Company name,
/// Company owner, Create Date, Phone Number, Last Activity Date, City, Country/Region, Industry"; contacts "First Name,
/// Last Name, Email, Phone Number, Contact owner, Primary Associated Company ID, Last Activity Date, Lead Status,
/// Marketing contact status, Create Date" — seen in real exports quoted in public code; every value quoted.</item>
/// <item>Calls and notes use the engagement property labels "Call Title", "Call notes", "Activity date",
/// "Activity assigned to", "Call outcome", "Call direction", "Call duration" (milliseconds) and "Body preview";
/// an associated contact is written "Name (email)", several joined by ";". The default column set of those index
/// pages could not be confirmed.</item>
/// <item>Date formats: "YYYY-MM-DD HH:mm" for date-times (Create Date, Activity date) and "YYYY-MM-DD" for Close Date;
/// HubSpot may write dates in the exporting user's format, which could not be confirmed.</item>
/// <item>The user export's column labels follow the knowledge-base list (User ID, First name, Last name, Email address,
/// Last login date, Assigned teams, Assigned role, Permissions); the exact spelling in the file is not confirmed.
/// HubSpot's user export has no manager column: there are no reporting lines to import, only teams.</item>
/// </list>
/// </remarks>
public sealed class HubspotExportTests : IDisposable
{
    private const string Users = "hubspot-users-2026-11-27.csv";
    private const string Companies = "hubspot-crm-exports-all-companies-2026-11-27.csv";
    private const string Contacts = "hubspot-crm-exports-all-contacts-2026-11-27.csv";
    private const string Deals = "hubspot-crm-exports-all-deals-2026-11-27.csv";
    private const string Calls = "hubspot-crm-exports-all-calls-2026-11-27.csv";
    private const string Notes = "hubspot-crm-exports-all-notes-2026-11-27.csv";

    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Hubspot_users_export_is_a_roster_with_teams_and_no_reporting_lines()
    {
        var report = await ImportAsync();

        ExportAssert.File(report, Users, ImportKind.Reps, created: 6, new()
        {
            ["User ID"] = "id", ["First name"] = "first_name", ["Last name"] = "last_name", ["Email address"] = "email",
            ["Assigned teams"] = "team", ["Assigned role"] = "role",
        }, "Last login date", "Permissions");

        await using var db = _database.NewContext();
        var reps = await db.Reps.Include(r => r.Team).ToDictionaryAsync(r => r.Name);
        Assert.Equal(6, reps.Count); // nobody invented from the deal or company owners
        Assert.Equal("48004", reps["Daniel Kim"].ExternalId);
        Assert.Equal("daniel.kim@brightwave.example", reps["Daniel Kim"].Email);
        Assert.Equal("Sales Leadership", reps["Olivia Grant"].Team?.Name);
        Assert.Equal("Enterprise", reps["Marcus Webb"].Team?.Name);
        Assert.Equal("Enterprise", reps["Daniel Kim"].Team?.Name);
        Assert.Equal("Mid-Market", reps["Priya Nair"].Team?.Name);
        Assert.Equal("Mid-Market", reps["Sofia Rossi"].Team?.Name);
        Assert.Equal("Mid-Market", reps["Liam Carter"].Team?.Name);
        Assert.Equal(RepRole.Manager, reps["Olivia Grant"].Role); // "Head of Sales"
        Assert.Equal(RepRole.Manager, reps["Marcus Webb"].Role);
        Assert.Equal(RepRole.Rep, reps["Liam Carter"].Role);

        // HubSpot's user export has no manager column, so no reporting lines exist to import.
        Assert.Equal(0, _database.Scalar("SELECT COUNT(*) FROM Reps WHERE ManagerId IS NOT NULL"));
        // Team sizes by hand from the file: Enterprise = Marcus + Daniel, Mid-Market = Priya + Sofia + Liam.
        Assert.Equal(3, _database.Scalar("SELECT COUNT(*) FROM Teams"));
        Assert.Equal(2, _database.Scalar("SELECT COUNT(*) FROM Reps r JOIN Teams t ON t.Id = r.TeamId WHERE t.Name = 'Enterprise'"));
        Assert.Equal(3, _database.Scalar("SELECT COUNT(*) FROM Reps r JOIN Teams t ON t.Id = r.TeamId WHERE t.Name = 'Mid-Market'"));
    }

    [Fact]
    public async Task Hubspot_companies_export_maps_owner_domain_country_and_size()
    {
        var report = await ImportAsync();

        ExportAssert.File(report, Companies, ImportKind.Accounts, created: 5, new()
        {
            ["Record ID"] = "id", ["Company name"] = "name", ["Company owner"] = "owner", ["Create Date"] = "created_date",
            ["Country/Region"] = "country", ["Industry"] = "industry", ["Company Domain Name"] = "website",
            ["Number of Employees"] = "employees",
        }, "Phone Number", "Last Activity Date", "City");
        Assert.Empty(report.File(Companies).AlsoCreated); // every owner is a user of the roster

        await using var db = _database.NewContext();
        var kestrel = await db.Accounts.Include(a => a.Owner).SingleAsync(a => a.ExternalId == "9104");
        Assert.Equal("Kestrel Bank", kestrel.Name);
        Assert.Equal("Daniel Kim", kestrel.Owner?.Name);
        Assert.Equal("kestrelbank.example", kestrel.Website);
        Assert.Equal("United States", kestrel.Country);
        Assert.Equal("Banking", kestrel.Industry);
        Assert.Equal(8900, kestrel.Employees);
        Assert.Equal(new DateTimeOffset(2025, 9, 8, 10, 30, 0, TimeSpan.Zero), kestrel.CreatedAt);

        // Head count of Daniel Kim's companies, by hand: Northgate 1,200 + Halcyon 4,300 + Kestrel 8,900 = 14,400.
        Assert.Equal(14_400, _database.Scalar("SELECT SUM(a.Employees) FROM Accounts a JOIN Reps r ON r.Id = a.OwnerId WHERE r.Name = 'Daniel Kim'"));
    }

    [Fact]
    public async Task Hubspot_contacts_export_links_each_contact_to_its_company()
    {
        var report = await ImportAsync();

        // Both company-id columns hold the company's Record ID ("Associated Company IDs" may list several, ";"-joined).
        ExportAssert.File(report, Contacts, ImportKind.Contacts, created: 6, new()
        {
            ["Record ID"] = "id", ["First Name"] = "first_name", ["Last Name"] = "last_name", ["Email"] = "email",
            ["Phone Number"] = "phone", ["Primary Associated Company ID"] = "account_id", ["Job Title"] = "title",
            ["Associated Company"] = "account", ["Associated Company IDs"] = "account_id",
        }, "Contact owner", "Last Activity Date", "Lead Status", "Marketing contact status", "Create Date");

        await using var db = _database.NewContext();
        var dana = await db.Contacts.Include(c => c.Account).SingleAsync(c => c.ExternalId == "5101");
        Assert.Equal("Dana Whitfield", dana.Name);
        Assert.Equal("dana.whitfield@northgate-logistics.example", dana.Email);
        Assert.Equal("Chief Operating Officer", dana.Title);
        Assert.Equal("9101", dana.Account?.ExternalId);

        // Verdant Foods (9103) has Lena Fischer and Sam Ortiz; no company is invented from a contact.
        Assert.Equal(2, _database.Scalar("SELECT COUNT(*) FROM Contacts c JOIN Accounts a ON a.Id = c.AccountId WHERE a.ExternalId = '9103'"));
        Assert.Equal(5, _database.Scalar("SELECT COUNT(*) FROM Accounts"));
    }

    [Fact]
    public async Task Hubspot_deals_export_imports_with_owners_and_pipeline_figures()
    {
        var report = await ImportAsync();

        ExportAssert.File(report, Deals, ImportKind.Opportunities, created: 7, new()
        {
            ["Record ID"] = "id", ["Deal Name"] = "name", ["Deal Stage"] = "stage", ["Close Date"] = "close_date",
            ["Deal owner"] = "owner", ["Amount"] = "amount", ["Create Date"] = "created_date", ["Deal Type"] = "type",
            ["Last Activity Date"] = "last_activity", ["Associated Company"] = "account", ["Associated Company IDs"] = "account_id",
        }, "Pipeline");
        Assert.Empty(report.File(Deals).AlsoCreated); // owners are users, companies were imported: nothing invented

        // Stage labels: Closed Won / Closed Lost close a deal, the five other default stages are open.
        Assert.Equal(5, _database.Scalar("SELECT COUNT(*) FROM Opportunities WHERE StageCategory = 0"));
        Assert.Equal(1, _database.Scalar("SELECT COUNT(*) FROM Opportunities WHERE StageCategory = 1"));
        Assert.Equal(1, _database.Scalar("SELECT COUNT(*) FROM Opportunities WHERE StageCategory = 2"));

        // Open pipeline of the Mid-Market team (owner's team from the user export), by hand from the CSV:
        // Sofia Rossi 18,500 (Verdant Pilot) + 41,000 (Orbis Loyalty) + Liam Carter 27,500 (Verdant Supplier Portal)
        // = 87,000; Liam's Orbis Store Insights (32,000) is Closed Lost and does not count.
        Assert.Equal(87_000m, _database.Money(
            "SELECT SUM(o.Amount) FROM Opportunities o JOIN Reps r ON r.Id = o.OwnerId JOIN Teams t ON t.Id = r.TeamId "
            + "WHERE t.Name = 'Mid-Market' AND o.StageCategory = 0"));
        // Daniel Kim's open pipeline: 84,000 (Northgate, Contract Sent) + 120,000 (Kestrel, Decision Maker Bought-In).
        Assert.Equal(204_000m, _database.Money(
            "SELECT SUM(o.Amount) FROM Opportunities o JOIN Reps r ON r.Id = o.OwnerId WHERE r.Name = 'Daniel Kim' AND o.StageCategory = 0"));
        // Won: Halcyon renewal 56,000.
        Assert.Equal(56_000m, _database.Money("SELECT SUM(Amount) FROM Opportunities WHERE StageCategory = 1"));

        await using var db = _database.NewContext();
        var kestrel = await db.Opportunities.Include(o => o.Account).SingleAsync(o => o.ExternalId == "20104");
        Assert.Equal("Kestrel Bank - Risk Dashboard", kestrel.Name);
        Assert.Equal("Decision Maker Bought-In", kestrel.Stage);
        Assert.Equal(new DateOnly(2026, 12, 11), kestrel.CloseDate);
        Assert.Equal("9104", kestrel.Account?.ExternalId);
        Assert.Equal(new DateTimeOffset(2026, 6, 22, 10, 15, 0, TimeSpan.Zero), kestrel.CreatedAt);
        Assert.Equal(OpportunityType.Upsell, (await db.Opportunities.SingleAsync(o => o.ExternalId == "20102")).Type); // "Existing Business"
    }

    [Fact]
    public async Task Hubspot_calls_export_becomes_calls_on_the_right_deals_and_contacts()
    {
        var report = await ImportAsync();

        ExportAssert.File(report, Calls, ImportKind.Activities, created: 4, new()
        {
            ["Record ID"] = "id", ["Call Title"] = "subject", ["Activity date"] = "date", ["Activity assigned to"] = "owner",
            ["Call notes"] = "summary", ["Associated Contact"] = "contacts", ["Associated Company"] = "account",
            ["Associated Company IDs"] = "account_id", ["Associated Deal"] = "deal", ["Associated Deal IDs"] = "deal_id",
        }, "Call outcome", "Call direction", "Call duration", "Associated Contact IDs");
        // "Dana Whitfield (dana.whitfield@…)" is the contact imported from the contacts export, not a new person.
        Assert.Empty(report.File(Calls).AlsoCreated);

        // A calls export holds calls, whatever their titles say ("Risk dashboard scoping", "Pilot follow-up").
        Assert.Equal(4, _database.Scalar("SELECT COUNT(*) FROM Interactions WHERE Type = 0"));
        Assert.Equal(6, _database.Scalar("SELECT COUNT(*) FROM Contacts"));
        Assert.Equal(4, _database.Scalar("SELECT COUNT(*) FROM InteractionContacts ic JOIN Interactions i ON i.Id = ic.InteractionId WHERE i.Type = 0"));
        // Calls by Daniel Kim, by hand: 7301 (Northgate) and 7302 (Kestrel) = 2; each sits on its deal.
        Assert.Equal(2, _database.Scalar("SELECT COUNT(*) FROM Interactions i JOIN Reps r ON r.Id = i.RepId WHERE i.Type = 0 AND r.Name = 'Daniel Kim'"));
        Assert.Equal(4, _database.Scalar("SELECT COUNT(*) FROM Interactions i JOIN Opportunities o ON o.Id = i.OpportunityId WHERE i.Type = 0 AND o.AccountId = i.AccountId"));
        Assert.Equal(4, _database.Scalar(
            "SELECT COUNT(*) FROM InteractionContacts ic JOIN Interactions i ON i.Id = ic.InteractionId JOIN Contacts c ON c.Id = ic.ContactId "
            + "WHERE i.Type = 0 AND c.AccountId = i.AccountId"));

        await using var db = _database.NewContext();
        var call = await db.Interactions.SingleAsync(i => i.ExternalId == "7301");
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 15, 30, 0, TimeSpan.Zero), call.OccurredAt);
        Assert.Contains("three-year term", call.Summary);
    }

    [Fact]
    public async Task Hubspot_notes_export_becomes_notes_on_the_deals_they_were_logged_on()
    {
        var report = await ImportAsync();

        ExportAssert.File(report, Notes, ImportKind.Activities, created: 3, new()
        {
            ["Record ID"] = "id", ["Activity date"] = "date", ["Activity assigned to"] = "owner", ["Body preview"] = "summary",
            ["Associated Contact"] = "contacts", ["Associated Company"] = "account", ["Associated Company IDs"] = "account_id",
            ["Associated Deal"] = "deal", ["Associated Deal IDs"] = "deal_id",
        }, "Associated Contact IDs");
        Assert.Empty(report.File(Notes).AlsoCreated);

        Assert.Equal(3, _database.Scalar("SELECT COUNT(*) FROM Interactions WHERE Type = 3"));
        // Everything logged on the Kestrel deal (20104), by hand: call 7302 and note 7401 = 2.
        Assert.Equal(2, _database.Scalar("SELECT COUNT(*) FROM Interactions i JOIN Opportunities o ON o.Id = i.OpportunityId WHERE o.ExternalId = '20104'"));
        // Seven activities, one contact each, all of them people from the contacts export.
        Assert.Equal(7, _database.Scalar("SELECT COUNT(*) FROM InteractionContacts"));
        Assert.Equal(6, _database.Scalar("SELECT COUNT(*) FROM Contacts"));

        await using var db = _database.NewContext();
        var note = await db.Interactions.SingleAsync(i => i.ExternalId == "7402");
        Assert.Equal(InteractionType.Note, note.Type);
        Assert.Equal(new DateTimeOffset(2026, 11, 7, 9, 10, 0, TimeSpan.Zero), note.OccurredAt);
        Assert.Equal((await db.Opportunities.SingleAsync(o => o.ExternalId == "20105")).Id, note.OpportunityId);
        Assert.Equal((await db.Reps.SingleAsync(r => r.Name == "Liam Carter")).Id, note.RepId);
    }

    private async Task<ImportReport> ImportAsync()
    {
        await using var db = _database.NewContext();
        return await ImportFixture.ImportAsync(db, ImportFixture.Exports("hubspot"));
    }
}
