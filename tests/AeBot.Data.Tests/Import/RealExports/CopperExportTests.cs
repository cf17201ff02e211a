using AeBot.Core.Opportunities;
using AeBot.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Tests.Import.RealExports;

/// <summary>
/// Copper's standard exports (#16, real exports as fixtures): the folder <c>Exports/copper</c> holds the Companies,
/// People and Opportunities exports of one Copper account, with invented values. Copper writes display labels
/// ("Owned By", "Close Date", "Win Probability"), dates as M/D/YYYY, probabilities as "60%", one column pair per
/// extra e-mail, phone, social profile and website ("Email 2", "Email 2 Type"…) up to the most any record has,
/// custom fields as "&lt;label&gt; cf_&lt;id&gt;", and ends every file with "Copper ID" and "Copper URL". They must
/// import without a mapping file.
///
/// Where the columns come from (line 1 of every file names Copper's page of default fields, which defines them):
/// <list type="bullet">
/// <item>Opportunities and People: names and order copied from the header analysis of a real Copper export
/// (github.com/CWL-Brands/copper-goals-tracker, docs/copper-data/COPPER_EXPORT_ANALYSIS.json: "Name, Details,
/// Company, Company Id, Primary Person Contact, Status, Priority, Owner, Owner Id, Close Date, Completed Date,
/// Value, Currency, Converted Value, …"). Sure of them; Status is Open/Won/Lost/Abandoned.</item>
/// <item>Companies: names and order from a second team's listing of their real Copper company export
/// (github.com/OGcaptYETI/notanothercrm, docs/data_schema.md: "Name, Details, Email Domain, Street, … Owned By,
/// Owner Id, Contact Type, Primary Contact, Primary Contact ID, Tags, …"). Fairly sure. Copper has no built-in
/// industry field: "Industry cf_689104" is a custom field, as most accounts add one.</item>
/// <item>Not confirmed: the export's file names (here Companies.csv, People.csv, Opportunities.csv) and whether
/// Copper's "Export Data" writes CSV or XLSX with the same headers (one of the sources read an XLSX).</item>
/// <item>Copper has no user export with managers: Settings → Company Users holds users, roles and teams for
/// visibility, with no manager field, so this folder has no roster — reps come from the owners named and none has a
/// manager.</item>
/// </list>
/// </summary>
public sealed class CopperExportTests : IDisposable
{
    private const string Companies = "Companies.csv";
    private const string People = "People.csv";
    private const string Opportunities = "Opportunities.csv";

    private const string Ridgeline = "71204518";

    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Copper_companies_export_imports_as_accounts_with_owners_websites_and_industries()
    {
        var file = (await ImportAsync()).File(Companies);

        Assert.Equal(ImportKind.Accounts, file.Kind);
        Assert.Null(file.Error);
        ExportAssert.Columns(file,
            new Dictionary<string, string>
            {
                ["Copper ID"] = "id",
                ["Name"] = "name",
                ["Owned By"] = "owner",
                ["Country"] = "country",
                ["Created At"] = "created_date",
                // Copper numbers the extra websites; the first one filled is the account's website.
                ["Website"] = "website",
                ["Website 2"] = "website",
                ["Industry cf_689104"] = "industry",
            },
            [
                // "Owner Id" is an id of a person, not the person; "… Type" columns say work/mobile/linkedin.
                "Details", "Email Domain", "Street", "City", "State", "Postal Code", "Owner Id", "Contact Type",
                "Primary Contact", "Primary Contact ID", "Tags", "Last Contacted", "Inactive Days", "Interaction Count",
                "Updated At", "Email", "Email Type", "Phone Number", "Phone Number Type", "Phone Number 2",
                "Phone Number 2 Type", "Social", "Social Type", "Website Type", "Website 2 Type", "Fleet Size cf_701233",
                "Copper URL",
            ]);
        Assert.Equal(5, file.Created);
        Assert.Empty(file.Rejected);
        Assert.Equal(new SortedDictionary<string, int> { ["reps"] = 3 }, file.AlsoCreated); // the three owners

        await using var check = _database.NewContext();
        var ridgeline = await check.Accounts.Include(a => a.Owner).SingleAsync(a => a.ExternalId == Ridgeline);
        Assert.Equal("Ridgeline Roofing Inc.", ridgeline.Name);
        Assert.Equal("Grace Okafor", ridgeline.Owner?.Name);
        Assert.Equal("https://ridgelineroofing.example", ridgeline.Website);
        Assert.Equal("Construction", ridgeline.Industry);
        Assert.Equal("United States", ridgeline.Country);
        Assert.Equal(new DateOnly(2025, 3, 14), DateOnly.FromDateTime(ridgeline.CreatedAt.UtcDateTime));

        // Oracle: "Owned By" gives Grace Ridgeline and Copperleaf, Ethan Bluefin and Sundial, Hannah Northgate;
        // "Industry cf_689104" is Construction for Ridgeline and Northgate.
        Assert.Equal(
            [("Ethan Brooks", 2L), ("Grace Okafor", 2L), ("Hannah Cho", 1L)],
            _database.Pairs("SELECT r.Name, COUNT(*) FROM Accounts a JOIN Reps r ON r.Id = a.OwnerId GROUP BY r.Name ORDER BY r.Name"));
        Assert.Equal(2L, _database.Scalar("SELECT COUNT(*) FROM Accounts WHERE Industry = 'Construction'"));
    }

    [Fact]
    public async Task Copper_people_export_imports_as_contacts_linked_by_company_id()
    {
        var file = (await ImportAsync()).File(People);

        Assert.Equal(ImportKind.Contacts, file.Kind);
        Assert.Null(file.Error);
        ExportAssert.Columns(file,
            new Dictionary<string, string>
            {
                ["Copper ID"] = "id",
                ["First Name"] = "first_name",
                ["Last Name"] = "last_name",
                ["Title"] = "title",
                ["Company"] = "account",
                ["Company Id"] = "account_id",
                ["Email"] = "email",
                ["Email 2"] = "email",
                ["Phone Number"] = "phone",
                ["Phone Number 2"] = "phone",
            },
            [
                // AeBot's contacts have no owner, address or tags; the person's own website is not the account's.
                "Middle Name", "Prefix", "Suffix", "Details", "Owned By", "Street", "City", "State", "Postal Code",
                "Country", "Contact Type", "Tags", "Last Contacted", "Inactive Days", "Interaction Count", "Created At",
                "Updated At", "Email Type", "Email 2 Type", "Phone Number Type", "Phone Number 2 Type", "Social",
                "Social Type", "Website", "Website Type", "Preferred Channel cf_701241", "Copper URL",
            ]);
        Assert.Equal(6, file.Created);
        Assert.Empty(file.Rejected);
        Assert.Empty(file.AlsoCreated); // every Company Id is in the companies file

        await using var check = _database.NewContext();
        var luis = await check.Contacts.Include(c => c.Account).SingleAsync(c => c.ExternalId == "182604117");
        Assert.Equal("Luis Ortega", luis.Name);
        Assert.Equal("luis.ortega@ridgelineroofing.example", luis.Email); // the work address, listed first
        Assert.Equal("(303) 555-0148", luis.Phone);
        Assert.Equal("Operations Director", luis.Title);
        Assert.Equal(Ridgeline, luis.Account?.ExternalId);

        // Oracle: by "Company Id", Ridgeline has Luis Ortega and Owen Park, the four other companies one person each.
        Assert.Equal(
            [("71204518", 2L), ("71204533", 1L), ("71204547", 1L), ("71204559", 1L), ("71204562", 1L)],
            _database.Pairs("SELECT a.ExternalId, COUNT(*) FROM Contacts c JOIN Accounts a ON a.Id = c.AccountId GROUP BY a.ExternalId ORDER BY a.ExternalId"));
        Assert.Equal(5L, _database.Scalar("SELECT COUNT(*) FROM Accounts")); // no account made from a company name
    }

    [Fact]
    public async Task Copper_opportunities_export_imports_abandoned_deals_as_lost_and_gives_pipeline_figures()
    {
        var file = (await ImportAsync()).File(Opportunities);

        Assert.Equal(ImportKind.Opportunities, file.Kind);
        Assert.Null(file.Error);
        ExportAssert.Columns(file,
            new Dictionary<string, string>
            {
                ["Copper ID"] = "id",
                ["Name"] = "name",
                ["Company"] = "account",
                ["Company Id"] = "account_id",
                ["Status"] = "status",
                ["Owner"] = "owner",
                // Copper sets the close date when a deal is completed; both columns hold the deal's close date.
                ["Close Date"] = "close_date",
                ["Completed Date"] = "close_date",
                ["Value"] = "amount",
                ["Currency"] = "currency",
                ["Win Probability"] = "probability",
                ["Stage"] = "stage",
                ["Loss Reason"] = "loss_reason",
                ["Last Contacted"] = "last_activity",
                ["Created At"] = "created_date",
            },
            [
                // Converted Value is the value in the account's currency, not the deal's amount; "Lead Created At"
                // is when the lead was, not the deal.
                "Details", "Primary Person Contact", "Priority", "Owner Id", "Converted Value", "Converted Currency",
                "Exchange Rate", "Pipeline", "Source", "Tags", "Inactive Days", "Interaction Count", "Last Stage At",
                "Days in Stage", "Updated At", "Lead Created At", "Competitor cf_701240", "Copper URL",
            ]);
        Assert.Equal(7, file.Created);
        Assert.Empty(file.Rejected);
        Assert.Empty(file.AlsoCreated); // owners and companies exist already

        await using var check = _database.NewContext();
        var rollout = await check.Opportunities.Include(o => o.Owner).Include(o => o.Account).SingleAsync(o => o.ExternalId == "35180241");
        Assert.Equal("Ridgeline - Crew scheduling rollout", rollout.Name);
        Assert.Equal("Grace Okafor", rollout.Owner?.Name);
        Assert.Equal(Ridgeline, rollout.Account?.ExternalId);
        Assert.Equal(28_000m, rollout.Amount);
        Assert.Equal("USD", rollout.Currency);
        Assert.Equal("Contract Sent", rollout.Stage);
        Assert.Equal(StageCategory.Open, rollout.StageCategory);
        Assert.Equal(60m, rollout.Probability);
        Assert.Equal(new DateOnly(2026, 12, 19), rollout.CloseDate);
        Assert.Equal(new DateOnly(2026, 9, 8), DateOnly.FromDateTime(rollout.CreatedAt.UtcDateTime));
        Assert.Equal(new DateOnly(2026, 11, 20), rollout.LastEngagedAt is { } engaged ? DateOnly.FromDateTime(engaged.UtcDateTime) : (DateOnly?)null);

        var abandoned = await check.Opportunities.SingleAsync(o => o.ExternalId == "35180290");
        Assert.Equal(StageCategory.Lost, abandoned.StageCategory); // Copper's "Abandoned" is a closed, lost deal
        Assert.Equal("Follow-up", abandoned.Stage);
        Assert.Equal(new DateOnly(2026, 10, 2), abandoned.CloseDate);

        var lost = await check.Opportunities.SingleAsync(o => o.ExternalId == "35180277");
        Assert.Equal(StageCategory.Lost, lost.StageCategory);
        Assert.Equal("Price", lost.LossReason);

        // Oracle 1: open pipeline by owner: Grace 28,000 (Ridgeline rollout), Ethan 12,500 (Bluefin), Hannah 9,000
        // (Northgate parts sync); amounts are stored in 1/10,000 units.
        Assert.Equal(
            [("Ethan Brooks", 12_500L * 10_000), ("Grace Okafor", 28_000L * 10_000), ("Hannah Cho", 9_000L * 10_000)],
            _database.Pairs("SELECT r.Name, SUM(o.Amount) FROM Opportunities o JOIN Reps r ON r.Id = o.OwnerId WHERE o.StageCategory = 0 "
                + "GROUP BY r.Name ORDER BY r.Name"));
        // Oracle 2: won in Q4 2026 = Copperleaf 54,000 (30 Oct) + Sundial 6,400 (24 Nov) = 60,400.
        Assert.Equal(60_400L * 10_000, _database.Scalar(
            "SELECT SUM(Amount) FROM Opportunities WHERE StageCategory = 1 AND CloseDate BETWEEN '2026-10-01' AND '2026-12-31'"));
        // Oracle 3: lost = Northgate technician app 19,800 (Lost) + Ridgeline GPS add-on 8,000 (Abandoned) = 27,800 in 2 deals.
        Assert.Equal(27_800L * 10_000, _database.Scalar("SELECT SUM(Amount) FROM Opportunities WHERE StageCategory = 2"));
        Assert.Equal(2L, _database.Scalar("SELECT COUNT(*) FROM Opportunities WHERE StageCategory = 2"));
    }

    [Fact]
    public async Task Copper_has_no_user_export_so_reps_are_the_owners_named_and_have_no_reporting_lines()
    {
        var report = await ImportAsync();

        Assert.True(report.Succeeded, string.Join("; ", report.Files.Select(f => $"{Path.GetFileName(f.Path)}: {f.Kind} {f.Error}")));
        Assert.Equal(ImportKind.Accounts, report.File(Companies).Kind);
        Assert.Equal(ImportKind.Contacts, report.File(People).Kind);
        Assert.Equal(ImportKind.Opportunities, report.File(Opportunities).Kind);

        await using var check = _database.NewContext();
        var reps = await check.Reps.OrderBy(r => r.Name).ToListAsync();
        Assert.Equal(["Ethan Brooks", "Grace Okafor", "Hannah Cho"], reps.Select(r => r.Name));
        Assert.All(reps, r => Assert.Null(r.ManagerId));
        Assert.Empty(await check.Teams.ToListAsync());
    }

    private async Task<ImportReport> ImportAsync()
    {
        await using var db = _database.NewContext();
        return await ImportFixture.ImportAsync(db, ImportFixture.Exports("copper"));
    }
}
