using AeBot.Core.Opportunities;
using AeBot.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Tests.Import.RealExports;

/// <summary>
/// Close's standard CSV exports (#16, real exports as fixtures): the folder <c>Exports/close</c> holds a leads export
/// (one row per lead — in Close a lead is the company, its people are its contacts) and an opportunities export of
/// the same organization, with invented values. They must import without a mapping file.
///
/// Where the columns come from (line 1 of every file names the page):
/// <list type="bullet">
/// <item>Close documents the exports (developer.close.com/api/resources/exports: leads export of type "leads",
/// opportunities export; "by default we return all the data fields"; default "original" date format
/// <c>YYYY-MM-DD hh:mm:ss.ssssss±hh:mm</c> for date-times, <c>YYYY-MM-DD</c> for dates) and the columns are the
/// API's field names (developer.close.com/api/resources/opportunities/get). The opportunity fields and their
/// meaning are documented — <c>value</c> is in cents (Close's own example: value 50000, value_formatted "$500"),
/// <c>date_won</c> is the (expected, then actual) close date, <c>status_type</c> is active/won/lost,
/// <c>organization_id</c> is the Close workspace, not the customer — but the column order of the file is not
/// published: sure of the names, not of the order.</item>
/// <item>Leads: the names and their order (display_name, description, url, status_id, status_label,
/// primary_contact_*, custom.&lt;field&gt;, created_by…updated_by_name, date_created, date_updated, html_url,
/// address_1_*, num_*) are seen in code that processes real Close lead exports; "custom.Industry" is a custom field
/// (Close has no built-in industry). Fairly sure of the names; the aggregate columns Close appends (opportunity
/// value summaries, first/last communication dates…) are left out because their exact names are not confirmed.</item>
/// <item>No activities file: Close documents CSV exports of leads, contacts and opportunities only (activities come
/// in the JSON lead export or from the API; Close's own scripts build call CSVs from the API). No roster either:
/// Close has no user export with managers (its users have roles and groups, no manager), so reps come from the
/// opportunities' owners (<c>user_name</c>) and none has a manager.</item>
/// </list>
/// </summary>
public sealed class CloseExportTests : IDisposable
{
    private const string Leads = "Lumen Analytics leads 2026-11-27 16-05.csv";
    private const string Opportunities = "Lumen Analytics opportunities 2026-11-27 16-06.csv";

    private const string OrchardLane = "lead_8mRq2XvZ5tN0bL7kW3yC1pHs9dJf4gEa6uTi2oQn5Vx";
    private const string OrchardLaneProposal = "oppo_5kBw1AfH4dD8lF0uB7iM3zSc9nTp2qOe5sDg0yAx6Fj";
    private const string MapleAndRyeLost = "oppo_7nYz3DiK6gA0oI2xE9lP5cVf1qWs4tRh7vGj2bDa8Im";

    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Close_leads_export_imports_as_accounts_not_contacts()
    {
        var file = (await ImportAsync()).File(Leads);

        // A Close lead is a company: the primary contact's columns ride along, but each row is one account.
        Assert.Equal(ImportKind.Accounts, file.Kind);
        Assert.Null(file.Error);
        ExportAssert.Columns(file,
            new Dictionary<string, string>
            {
                ["id"] = "id",
                ["display_name"] = "name",
                ["url"] = "website",
                ["custom.Industry"] = "industry",
                ["date_created"] = "created_date",
                ["address_1_country"] = "country",
            },
            [
                // Lead status is Close's pipeline of leads, not a segment; created_by_name is who typed the lead in,
                // not its owner; the primary contact's columns are not the account's.
                "description", "status_id", "status_label", "primary_contact_name", "primary_contact_title",
                "primary_contact_primary_phone", "primary_contact_primary_phone_type", "primary_contact_other_phones",
                "primary_contact_primary_email", "primary_contact_primary_email_type", "primary_contact_other_emails",
                "primary_contact_primary_url", "primary_contact_other_urls", "created_by", "created_by_name",
                "updated_by", "updated_by_name", "date_updated", "html_url", "address_1_address_1",
                "address_1_address_2", "address_1_city", "address_1_state", "address_1_zip", "num_calls", "num_emails",
            ]);
        Assert.Equal(5, file.Created);
        Assert.Empty(file.Rejected);
        Assert.Empty(file.AlsoCreated); // no reps from created_by_name / updated_by_name

        await using var check = _database.NewContext();
        var orchard = await check.Accounts.SingleAsync(a => a.ExternalId == OrchardLane);
        Assert.Equal("Orchard Lane Bakeries", orchard.Name);
        Assert.Equal("https://orchardlane.example", orchard.Website);
        Assert.Equal("Food & Beverage", orchard.Industry);
        Assert.Equal("US", orchard.Country);
        Assert.Null(orchard.OwnerId);
        Assert.Equal(new DateOnly(2026, 2, 17), DateOnly.FromDateTime(orchard.CreatedAt.UtcDateTime));

        // Oracle: address_1_country of the five leads: US (Orchard Lane, Pinecrest, Tidewater), CA (Maple & Rye),
        // NO (Halvorsen); and no contact was made from the primary-contact columns.
        Assert.Equal(
            [("CA", 1L), ("NO", 1L), ("US", 3L)],
            _database.Pairs("SELECT Country, COUNT(*) FROM Accounts GROUP BY Country ORDER BY Country"));
        Assert.Equal(0L, _database.Scalar("SELECT COUNT(*) FROM Contacts"));
    }

    [Fact]
    public async Task Close_opportunities_export_imports_dollar_amounts_status_types_and_pipeline_figures()
    {
        var file = (await ImportAsync()).File(Opportunities);

        Assert.Equal(ImportKind.Opportunities, file.Kind);
        Assert.Null(file.Error);
        ExportAssert.Columns(file,
            new Dictionary<string, string>
            {
                ["id"] = "id",
                ["lead_id"] = "account_id",
                ["lead_name"] = "account",
                ["status_label"] = "stage",
                ["status_type"] = "status",
                // value is in cents; value_formatted ("$24,000") is the amount in the currency's units.
                ["value_formatted"] = "amount",
                ["value_currency"] = "currency",
                ["confidence"] = "probability",
                ["date_won"] = "close_date",
                ["date_lost"] = "close_date",
                ["date_created"] = "created_date",
                ["user_name"] = "owner",
            },
            [
                // organization_id is the Close workspace, the same on every row — not the customer; user_id is an
                // id of a person, not the person; expected/annualized values are derived (and in cents).
                "status_id", "pipeline_id", "pipeline_name", "value", "value_period", "expected_value",
                "annualized_value", "annualized_expected_value", "date_updated", "user_id", "contact_id",
                "created_by", "created_by_name", "updated_by", "updated_by_name", "note", "organization_id",
            ]);
        Assert.Equal(6, file.Created);
        Assert.Empty(file.Rejected);
        // The three users become reps; every lead is in the leads file, found by lead_id.
        Assert.Equal(new SortedDictionary<string, int> { ["reps"] = 3 }, file.AlsoCreated);

        await using var check = _database.NewContext();
        var proposal = await check.Opportunities.Include(o => o.Owner).Include(o => o.Account)
            .SingleAsync(o => o.ExternalId == OrchardLaneProposal);
        Assert.Equal("Dana Whitfield", proposal.Owner?.Name);
        Assert.Equal(OrchardLane, proposal.Account?.ExternalId);
        Assert.Equal(24_000m, proposal.Amount); // value column says 2400000 (cents)
        Assert.Equal("USD", proposal.Currency);
        Assert.Equal("Proposal Sent", proposal.Stage);
        Assert.Equal(StageCategory.Open, proposal.StageCategory);
        Assert.Equal(60m, proposal.Probability);
        Assert.Equal(new DateOnly(2026, 12, 11), proposal.CloseDate);
        Assert.Equal(new DateOnly(2026, 9, 3), DateOnly.FromDateTime(proposal.CreatedAt.UtcDateTime));

        var lost = await check.Opportunities.Include(o => o.Account).SingleAsync(o => o.ExternalId == MapleAndRyeLost);
        Assert.Equal(StageCategory.Lost, lost.StageCategory);
        Assert.Equal("Maple & Rye Coffee", lost.Account?.Name);
        Assert.Equal(7_200m, lost.Amount);
        Assert.Equal(0m, lost.Probability);
        Assert.Equal(new DateOnly(2026, 11, 6), lost.CloseDate); // from date_lost

        // Oracle 1: open ("active") pipeline = 24,000 (Orchard Lane) + 9,500 (Pinecrest) + 15,000 (Halvorsen)
        // = 48,500 USD; amounts are stored in 1/10,000 units.
        Assert.Equal(48_500L * 10_000, _database.Scalar("SELECT SUM(Amount) FROM Opportunities WHERE StageCategory = 0"));
        // Oracle 2: weighted by confidence = 24,000 × 60 + 9,500 × 40 + 15,000 × 20 = 2,120,000 dollar-percent
        // (21,200 USD); amount and probability are both stored × 10,000.
        Assert.Equal(2_120_000L * 100_000_000, _database.Scalar("SELECT SUM(Amount * Probability) FROM Opportunities WHERE StageCategory = 0"));
        // Oracle 3: won in Q4 2026 by owner: Dana's Tidewater 36,000 (22 Oct), Sofia's Orchard Lane add-on 4,800 (19 Nov).
        Assert.Equal(
            [("Dana Whitfield", 36_000L * 10_000), ("Sofia Lindqvist", 4_800L * 10_000)],
            _database.Pairs("SELECT r.Name, SUM(o.Amount) FROM Opportunities o JOIN Reps r ON r.Id = o.OwnerId WHERE o.StageCategory = 1 "
                + "AND o.CloseDate BETWEEN '2026-10-01' AND '2026-12-31' GROUP BY r.Name ORDER BY r.Name"));
        // Oracle 4: Orchard Lane has two opportunities (the open proposal and the won add-on), and no account was made
        // from organization_id or from a lead name: still the five leads.
        Assert.Equal(2L, _database.Scalar(
            $"SELECT COUNT(*) FROM Opportunities o JOIN Accounts a ON a.Id = o.AccountId WHERE a.ExternalId = '{OrchardLane}'"));
        Assert.Equal(5L, _database.Scalar("SELECT COUNT(*) FROM Accounts"));
    }

    [Fact]
    public async Task Close_has_no_user_export_so_reps_are_the_opportunity_owners_and_have_no_reporting_lines()
    {
        var report = await ImportAsync();

        Assert.True(report.Succeeded, string.Join("; ", report.Files.Select(f => $"{Path.GetFileName(f.Path)}: {f.Kind} {f.Error}")));
        Assert.Equal(ImportKind.Accounts, report.File(Leads).Kind);
        Assert.Equal(ImportKind.Opportunities, report.File(Opportunities).Kind);

        await using var check = _database.NewContext();
        var reps = await check.Reps.OrderBy(r => r.Name).ToListAsync();
        Assert.Equal(["Dana Whitfield", "Marcus Oyelaran", "Sofia Lindqvist"], reps.Select(r => r.Name));
        Assert.All(reps, r => Assert.Null(r.ManagerId));
        Assert.Empty(await check.Teams.ToListAsync());
    }

    private async Task<ImportReport> ImportAsync()
    {
        await using var db = _database.NewContext();
        return await ImportFixture.ImportAsync(db, ImportFixture.Exports("close"));
    }
}
