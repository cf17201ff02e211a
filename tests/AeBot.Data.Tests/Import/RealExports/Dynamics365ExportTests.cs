using AeBot.Core.Opportunities;
using AeBot.Core.Organization;
using AeBot.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Tests.Import.RealExports;

/// <summary>
/// Dynamics 365 Sales "Export to Excel" of its standard views, saved from Excel as CSV (UTF-8 with BOM, CRLF, quotes only where
/// a value holds a comma), imported with no mapping file (#16, item 4). Invented values in the vendor's exact shape.
///
/// <para>Every export starts with the three hidden columns Dynamics adds for re-import: "(Do Not Modify) &lt;Entity&gt;" (the
/// record's GUID), "(Do Not Modify) Row Checksum" and "(Do Not Modify) Modified On"; then the view's columns under their display
/// names, which are those of the Dataverse table reference named on each file's first line (opportunity: Topic, Potential
/// Customer, Est. close date, Est. revenue — sentence case since the 2020 relabelling —, Probability, Forecast category, Pipeline
/// Phase, Status, Status Reason with In Progress / On Hold / Won / Canceled / Out-Sold, Actual Close Date, Actual Revenue,
/// Owner, Created On; systemuser: Full Name, Primary Email, Title, Business Unit, Manager, Main Phone; account and contact
/// likewise). Excel writes what the cells show: "$120,000.00", "12/15/2026", "9/1/2026 10:03 AM". Lookups (Owner, Manager,
/// Potential Customer, Parent Account, Company Name) are written as the related record's name.</para>
///
/// <para>Not confirmed from a primary source: which columns each system view carries by default (the column sets here are a
/// plausible view, each column a real display name), the view names "Open Opportunities", "Active Accounts", "Active Contacts"
/// and "Enabled Users" as file names (Excel export names the file after the view plus the export time), that Actual Revenue of a
/// lost opportunity is empty, and the date-time format Excel keeps for Created On / Modified On.</para>
///
/// <para>The org: Maria Lopez (VP of Sales, root business unit "Brightline Software") manages Sam Carter (Enterprise East) and
/// Priya Natarajan (Enterprise West); Jamie Fox and Robin Yu report to Sam, Diego Alvarez and Hannah Weber to Priya. Open:
/// Jamie 120,000 at 90 % and 18,000 at 10 %, Robin 64,000 at 75 %, Diego 210,000 at 50 %. Won: Jamie 45,500 (2026-10-03),
/// Diego 96,000 (2026-11-20). Lost: Hannah (Out-Sold), Robin (Canceled).</para>
/// </summary>
public sealed class Dynamics365ExportTests : IDisposable
{
    private const string Users = "Enabled Users 11-27-2026 4-24-30 PM.csv";
    private const string Accounts = "Active Accounts 11-27-2026 4-22-40 PM.csv";
    private const string Contacts = "Active Contacts 11-27-2026 4-23-11 PM.csv";
    private const string OpenOpportunities = "Open Opportunities 11-27-2026 4-20-15 PM.csv";
    private const string ClosedOpportunities = "Closed Opportunities 11-27-2026 4-21-02 PM.csv";

    private const string RowChecksum = "(Do Not Modify) Row Checksum";
    private const string ModifiedOn = "(Do Not Modify) Modified On";

    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Dynamics_excel_exports_are_recognised_and_mapped_with_their_hidden_columns()
    {
        var report = await ImportAsync();

        ExportAssert.File(report, Users, ImportKind.Reps, created: 7,
            new()
            {
                ["(Do Not Modify) User"] = "id", ["Full Name"] = "name", ["Primary Email"] = "email", ["Title"] = "role",
                ["Business Unit"] = "team", ["Manager"] = "manager",
            },
            RowChecksum, ModifiedOn, "Main Phone");
        ExportAssert.File(report, Accounts, ImportKind.Accounts, created: 5,
            new()
            {
                ["(Do Not Modify) Account"] = "id", ["Account Name"] = "name", ["Address 1: Country/Region"] = "country",
                ["Industry"] = "industry", ["Number of Employees"] = "employees", ["Website"] = "website", ["Parent Account"] = "parent",
                ["Owner"] = "owner",
            },
            RowChecksum, ModifiedOn, "Main Phone", "Address 1: City", "Primary Contact");
        ExportAssert.File(report, Contacts, ImportKind.Contacts, created: 6,
            new()
            {
                ["(Do Not Modify) Contact"] = "id", ["Full Name"] = "name", ["Email"] = "email", ["Company Name"] = "account",
                ["Business Phone"] = "phone", ["Job Title"] = "title",
            },
            RowChecksum, ModifiedOn);
        ExportAssert.File(report, OpenOpportunities, ImportKind.Opportunities, created: 4,
            new()
            {
                ["(Do Not Modify) Opportunity"] = "id", ["Topic"] = "name", ["Potential Customer"] = "account",
                ["Est. close date"] = "close_date", ["Est. revenue"] = "amount", ["Probability"] = "probability",
                ["Forecast category"] = "forecast_category", ["Pipeline Phase"] = "stage", ["Status Reason"] = "status",
                ["Owner"] = "owner", ["Created On"] = "created_date",
            },
            RowChecksum, ModifiedOn);
        // A closed opportunity's amount is its Actual Revenue and its close date the Actual Close Date.
        ExportAssert.File(report, ClosedOpportunities, ImportKind.Opportunities, created: 4,
            new()
            {
                ["(Do Not Modify) Opportunity"] = "id", ["Topic"] = "name", ["Potential Customer"] = "account", ["Status"] = "status",
                ["Status Reason"] = "status", ["Actual Close Date"] = "close_date", ["Actual Revenue"] = "amount", ["Owner"] = "owner",
                ["Created On"] = "created_date",
            },
            RowChecksum, ModifiedOn);

        // Owners, managers, customers and parent accounts are all records of the other exports.
        foreach (var name in new[] { Users, Accounts, Contacts, OpenOpportunities, ClosedOpportunities })
        {
            Assert.DoesNotContain("reps", report.File(name).AlsoCreated.Keys);
            Assert.DoesNotContain("accounts", report.File(name).AlsoCreated.Keys);
        }
        Assert.Equal(7, _database.Scalar("SELECT COUNT(*) FROM Reps"));
        Assert.Equal(5, _database.Scalar("SELECT COUNT(*) FROM Accounts"));
        Assert.Equal(6, _database.Scalar("SELECT COUNT(*) FROM Contacts"));
        Assert.Equal(8, _database.Scalar("SELECT COUNT(*) FROM Opportunities"));
    }

    [Fact]
    public async Task Dynamics_users_give_reporting_lines_and_business_unit_teams()
    {
        await ImportAsync();

        await using var check = _database.NewContext();
        var reps = await check.Reps.Include(r => r.Team).ToDictionaryAsync(r => r.Name);
        Assert.Equal(["Diego Alvarez", "Hannah Weber", "Jamie Fox", "Maria Lopez", "Priya Natarajan", "Robin Yu", "Sam Carter"], reps.Keys.Order());
        Assert.Null(reps["Maria Lopez"].ManagerId);
        Assert.Equal(reps["Maria Lopez"].Id, reps["Sam Carter"].ManagerId);
        Assert.Equal(reps["Maria Lopez"].Id, reps["Priya Natarajan"].ManagerId);
        Assert.Equal(reps["Sam Carter"].Id, reps["Jamie Fox"].ManagerId);
        Assert.Equal(reps["Sam Carter"].Id, reps["Robin Yu"].ManagerId);
        Assert.Equal(reps["Priya Natarajan"].Id, reps["Diego Alvarez"].ManagerId);
        Assert.Equal(reps["Priya Natarajan"].Id, reps["Hannah Weber"].ManagerId);
        Assert.Equal($"/{reps["Maria Lopez"].Id}/{reps["Priya Natarajan"].Id}/{reps["Hannah Weber"].Id}/", reps["Hannah Weber"].HierarchyPath);

        // The business unit is the team; its manager is the one its members report to.
        Assert.Equal("Brightline Software", reps["Maria Lopez"].Team?.Name);
        Assert.Equal("Enterprise East", reps["Sam Carter"].Team?.Name);
        Assert.Equal("Enterprise West", reps["Diego Alvarez"].Team?.Name);
        var teams = await check.Teams.ToDictionaryAsync(t => t.Name);
        Assert.Equal(reps["Sam Carter"].Id, teams["Enterprise East"].ManagerId);
        Assert.Equal(reps["Priya Natarajan"].Id, teams["Enterprise West"].ManagerId);

        Assert.Equal(RepRole.Manager, reps["Maria Lopez"].Role);
        Assert.Equal(RepRole.Manager, reps["Sam Carter"].Role);
        Assert.Equal(RepRole.Rep, reps["Robin Yu"].Role);
        Assert.Equal("robin.yu@brightline.example", reps["Robin Yu"].Email);
        Assert.Equal("71e3ae3c-0406-522d-8ed7-9938edfb2930", reps["Robin Yu"].ExternalId);
    }

    [Fact]
    public async Task Dynamics_open_and_closed_views_give_pipeline_and_won_figures()
    {
        await ImportAsync();

        // Open pipeline (Est. revenue of the Open Opportunities view): 120,000 + 64,000 + 210,000 + 18,000.
        Assert.Equal(412_000m, ExportAssert.Money(_database.Scalar("SELECT SUM(Amount) FROM Opportunities WHERE StageCategory = 0")));
        // Of the reps who report to Sam Carter: Jamie 120,000 + 18,000, Robin 64,000.
        Assert.Equal(202_000m, ExportAssert.Money(_database.Scalar("""
            SELECT SUM(o.Amount) FROM Opportunities o
            JOIN Reps r ON r.Id = o.OwnerId JOIN Reps m ON m.Id = r.ManagerId
            WHERE m.Name = 'Sam Carter' AND o.StageCategory = 0
            """)));
        // Weighted: 120,000 × 90 % + 64,000 × 75 % + 210,000 × 50 % + 18,000 × 10 % = 108,000 + 48,000 + 105,000 + 1,800.
        Assert.Equal(262_800m, ExportAssert.Weighted(_database.Scalar("SELECT SUM(Amount * Probability) FROM Opportunities WHERE StageCategory = 0")));
        // Won (Status "Won"), Actual Revenue, closed in Q4 2026: 45,500 + 96,000.
        Assert.Equal(141_500m, ExportAssert.Money(_database.Scalar("""
            SELECT SUM(Amount) FROM Opportunities
            WHERE StageCategory = 1 AND CloseDate BETWEEN '2026-10-01' AND '2026-12-31'
            """)));
        // Lost (Status "Lost", reasons Out-Sold and Canceled): two deals, one of Robin's and one of Hannah's.
        Assert.Equal(2, _database.Scalar("SELECT COUNT(*) FROM Opportunities WHERE StageCategory = 2"));
        Assert.Equal(1, _database.Scalar("""
            SELECT COUNT(*) FROM Opportunities o JOIN Reps r ON r.Id = o.OwnerId
            WHERE o.StageCategory = 2 AND r.Name = 'Hannah Weber' AND o.CloseDate = '2026-11-02'
            """));
        // On Hold is still open.
        Assert.Equal(0, _database.Scalar("SELECT StageCategory FROM Opportunities WHERE Name = 'Stark Warehouse Pilot'"));

        await using var check = _database.NewContext();
        var deal = await check.Opportunities.Include(o => o.Owner).Include(o => o.Account)
            .SingleAsync(o => o.ExternalId == "9f23097e-8f67-5df0-814e-160221d5ce72");
        Assert.Equal("Initrode Platform Expansion", deal.Name);
        Assert.Equal("Initrode, Inc.", deal.Account?.Name);
        Assert.Equal("Jamie Fox", deal.Owner?.Name);
        Assert.Equal("4-Close", deal.Stage);
        Assert.Equal(ForecastCategory.Commit, deal.ForecastCategory);
        Assert.Equal(new DateOnly(2026, 12, 15), deal.CloseDate);
        Assert.Equal(new DateOnly(2026, 9, 1), DateOnly.FromDateTime(deal.CreatedAt.DateTime));

        var won = await check.Opportunities.SingleAsync(o => o.ExternalId == "f199b922-65af-5d9f-a31b-aa1e84e87c76");
        Assert.Equal(StageCategory.Won, won.StageCategory);
        Assert.Equal(96_000m, won.Amount);
        Assert.Equal(new DateOnly(2026, 11, 20), won.CloseDate);

        var accounts = await check.Accounts.Include(a => a.Owner).Include(a => a.ParentAccount).ToDictionaryAsync(a => a.Name);
        Assert.Equal("Globex Corporation", accounts["Globex Europe GmbH"].ParentAccount?.Name);
        Assert.Equal("Diego Alvarez", accounts["Umbrella Health"].Owner?.Name);
        Assert.Equal(1200, accounts["Initrode, Inc."].Employees);
        Assert.Equal("07d2e844-6333-58a0-b7f3-28e6490ee219", accounts["Initrode, Inc."].ExternalId);

        // Contacts hang off their Company Name: Initrode has Dana Reyes and Lee Park.
        Assert.Equal(2, _database.Scalar("""
            SELECT COUNT(*) FROM Contacts c JOIN Accounts a ON a.Id = c.AccountId
            WHERE a.ExternalId = '07d2e844-6333-58a0-b7f3-28e6490ee219'
            """));
    }

    private async Task<ImportReport> ImportAsync()
    {
        await using var db = _database.NewContext();
        return await ImportFixture.ImportAsync(db, ImportFixture.Exports("dynamics365"));
    }
}
