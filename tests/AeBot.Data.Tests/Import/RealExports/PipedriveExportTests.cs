using AeBot.Core.Interactions;
using AeBot.Core.Opportunities;
using AeBot.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Tests.Import.RealExports;

/// <summary>
/// Pipedrive's standard exports (#16, real exports as fixtures): the folder <c>Exports/pipedrive</c> holds what a
/// Pipedrive admin downloads — deals, organizations, people and activities, one file each, "Entity - Field" headers,
/// comma-separated, dates as <c>yyyy-MM-dd</c> / <c>yyyy-MM-dd HH:mm:ss</c>, plain numbers, status Open/Won/Lost —
/// with invented values. They must import without a mapping file.
///
/// Where the columns come from (line 1 of every file names the page):
/// <list type="bullet">
/// <item>Deals: the header row (45 columns, names, order and case) is copied from a real account export,
/// <c>deals-22614642-11.xlsx</c> in github.com/Mihaylov-Ivan/hydr-sales-leads-tracker (templates/projects): note
/// "Deal - Currency of Value", not "Deal - Currency", and "Deal - Deal created", "Deal - Won time",
/// "Deal - Deal closed on". Sure of it. Custom fields would follow as extra "Deal - &lt;label&gt;" columns.</item>
/// <item>Organizations and people: every column name is seen verbatim in code reading real 2024–2026 exports
/// (e.g. "Organization - Organization created", "Organization - Number of employees", "Person - Email - Work",
/// "Person - Phone - Mobile", "Person - Job title"), but the order and the full set of a complete export are not
/// published: the order here follows the deals file (system fields first, then the editable ones). Fairly sure of
/// the names, not of the order.</item>
/// <item>Activities: the "Activity - …" list-view export. The names follow Pipedrive's activity fields (Subject,
/// Type, Due date, Due time, Duration, Done, Marked as done time, Assigned to user, Creator, Add time, Deal,
/// Organization, Contact person, Note, Free/busy) and several third-party parsers; the done/undone values
/// "Done"/"Undone" come from Pipedrive's import reference. Not confirmed: the account-level "Export data" may
/// write the same fields without the "Activity - " prefix (one parser reads "Subject", "Deal ID", "Done").</item>
/// <item>Pipedrive has no user export with managers: its users have no manager field (visibility groups and
/// permission sets are not reporting lines), so this folder has no roster — reps come from the owners named in the
/// files and none has a manager.</item>
/// </list>
/// </summary>
public sealed class PipedriveExportTests : IDisposable
{
    private const string Organizations = "organizations-7312045-41.csv";
    private const string People = "people-7312045-42.csv";
    private const string Deals = "deals-7312045-40.csv";
    private const string Activities = "activities-7312045-43.csv";

    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Pipedrive_organizations_export_imports_as_accounts_with_owners_industries_and_sizes()
    {
        var file = (await ImportAsync()).File(Organizations);

        Assert.Equal(ImportKind.Accounts, file.Kind);
        Assert.Null(file.Error);
        ExportAssert.Columns(file,
            new Dictionary<string, string>
            {
                ["Organization - ID"] = "id",
                ["Organization - Name"] = "name",
                ["Organization - Owner"] = "owner",
                ["Organization - Organization created"] = "created_date",
                ["Organization - Country of Address"] = "country",
                ["Organization - Website"] = "website",
                ["Organization - Industry"] = "industry",
                ["Organization - Number of employees"] = "employees",
            },
            [
                // Counts and dates Pipedrive works out, and the address split into its parts: AeBot keeps the country.
                "Organization - People", "Organization - Open deals", "Organization - Closed deals", "Organization - Won deals",
                "Organization - Lost deals", "Organization - Total activities", "Organization - Done activities",
                "Organization - Activities to do", "Organization - Next activity date", "Organization - Last activity date",
                "Organization - Email messages count", "Organization - Update time", "Organization - Visible to",
                "Organization - Labels", "Organization - Address", "Organization - Apartment/suite no of Address",
                "Organization - House number of Address", "Organization - Street/road name of Address",
                "Organization - District/sublocality of Address", "Organization - City/town/village/locality of Address",
                "Organization - State/county of Address", "Organization - Region of Address",
                "Organization - ZIP/Postal code of Address", "Organization - Full/combined address of Address",
                "Organization - LinkedIn profile",
            ]);
        Assert.Equal(5, file.Created);
        Assert.Empty(file.Rejected);
        // The three owners are the only users named in the export; they are created here, the first file imported.
        Assert.Equal(new SortedDictionary<string, int> { ["reps"] = 3 }, file.AlsoCreated);

        await using var check = _database.NewContext();
        var brightwater = await check.Accounts.Include(a => a.Owner).SingleAsync(a => a.ExternalId == "11");
        Assert.Equal("Brightwater Logistics GmbH", brightwater.Name);
        Assert.Equal("Lena Vogt", brightwater.Owner?.Name);
        Assert.Equal("Transportation & logistics", brightwater.Industry);
        Assert.Equal(640, brightwater.Employees);
        Assert.Equal("Germany", brightwater.Country);
        Assert.Equal("https://www.brightwater-logistics.example", brightwater.Website);
        Assert.Equal(new DateOnly(2025, 3, 11), DateOnly.FromDateTime(brightwater.CreatedAt.UtcDateTime));

        // Oracle: the "Number of employees" column, 640 + 1200 + 310 + 85 + 2300 = 4535, and accounts per owner
        // (Lena: Brightwater and Moravia; Tomás: Kestrel and Solenne; Priya: Alder & Finch).
        Assert.Equal(4535L, _database.Scalar("SELECT SUM(Employees) FROM Accounts"));
        Assert.Equal(
            [("Lena Vogt", 2L), ("Priya Natarajan", 1L), ("Tomás Ferreira", 2L)],
            _database.Pairs("SELECT r.Name, COUNT(*) FROM Accounts a JOIN Reps r ON r.Id = a.OwnerId GROUP BY r.Name ORDER BY r.Name"));
    }

    [Fact]
    public async Task Pipedrive_people_export_imports_as_contacts_with_whichever_labelled_email_and_phone_is_filled()
    {
        var file = (await ImportAsync()).File(People);

        Assert.Equal(ImportKind.Contacts, file.Kind);
        Assert.Null(file.Error);
        ExportAssert.Columns(file,
            new Dictionary<string, string>
            {
                ["Person - ID"] = "id",
                ["Person - Name"] = "name",
                ["Person - First name"] = "first_name",
                ["Person - Last name"] = "last_name",
                ["Person - Organization"] = "account",
                // Pipedrive writes one column per label; the first one filled is the contact's address or number.
                ["Person - Email - Work"] = "email",
                ["Person - Email - Home"] = "email",
                ["Person - Email - Other"] = "email",
                ["Person - Phone - Work"] = "phone",
                ["Person - Phone - Home"] = "phone",
                ["Person - Phone - Mobile"] = "phone",
                ["Person - Phone - Other"] = "phone",
                ["Person - Job title"] = "title",
            },
            [
                // "Email messages count" is a count, not an address; AeBot's contacts have no owner or labels.
                "Person - Labels", "Person - Owner", "Person - Open deals", "Person - Closed deals", "Person - Won deals",
                "Person - Lost deals", "Person - Total activities", "Person - Done activities", "Person - Activities to do",
                "Person - Next activity date", "Person - Last activity date", "Person - Email messages count",
                "Person - Person created", "Person - Update time", "Person - Visible to",
            ]);
        Assert.Equal(6, file.Created);
        Assert.Empty(file.Rejected);
        Assert.Empty(file.AlsoCreated); // every organization named is in the organizations file

        await using var check = _database.NewContext();
        var petr = await check.Contacts.Include(c => c.Account).SingleAsync(c => c.ExternalId == "26");
        Assert.Equal("Petr Novák", petr.Name);
        Assert.Equal("petr.novak@moravia-steel.example", petr.Email); // only in "Person - Email - Other"
        Assert.Equal("+420 602 118 447", petr.Phone); // only in "Person - Phone - Mobile"
        Assert.Equal("Plant Manager", petr.Title);
        Assert.Equal("Moravia Steel a.s.", petr.Account?.Name);

        // Oracle: all six people have an e-mail (five under Work, Petr under Other) and belong to an organization:
        // Brightwater has Jonas Weber and Miriam Koch, the four others one person each.
        Assert.Equal(6L, _database.Scalar("SELECT COUNT(*) FROM Contacts WHERE Email IS NOT NULL AND AccountId IS NOT NULL"));
        Assert.Equal(
            [("Alder & Finch Ltd", 1L), ("Brightwater Logistics GmbH", 2L), ("Kestrel Foods B.V.", 1L), ("Moravia Steel a.s.", 1L), ("Solenne Hotels SAS", 1L)],
            _database.Pairs("SELECT a.Name, COUNT(*) FROM Contacts c JOIN Accounts a ON a.Id = c.AccountId GROUP BY a.Name ORDER BY a.Name"));
    }

    [Fact]
    public async Task Pipedrive_deals_export_imports_with_owners_close_dates_and_pipeline_figures()
    {
        var file = (await ImportAsync()).File(Deals);

        Assert.Equal(ImportKind.Opportunities, file.Kind);
        Assert.Null(file.Error);
        ExportAssert.Columns(file,
            new Dictionary<string, string>
            {
                ["Deal - ID"] = "id",
                ["Deal - Title"] = "name",
                ["Deal - Owner"] = "owner",
                ["Deal - Stage"] = "stage",
                ["Deal - Status"] = "status",
                ["Deal - Deal created"] = "created_date",
                ["Deal - Next activity date"] = "next_step_due",
                ["Deal - Last activity date"] = "last_activity",
                // A closed deal's close date is when it was won or lost; an open one's is the expected date. The
                // export's order (won, lost, closed on … expected) puts the actual date first.
                ["Deal - Won time"] = "close_date",
                ["Deal - Lost time"] = "close_date",
                ["Deal - Deal closed on"] = "close_date",
                ["Deal - Expected close date"] = "close_date",
                ["Deal - Lost reason"] = "loss_reason",
                ["Deal - Product name"] = "product",
                ["Deal - Value"] = "amount",
                ["Deal - Currency of Value"] = "currency",
                ["Deal - Probability"] = "probability",
                ["Deal - Organization"] = "account",
                ["Deal - Organization ID"] = "account_id",
            },
            [
                // The creator is not the owner; weighted value and product amount are not the deal's value.
                "Deal - Creator", "Deal - Weighted value", "Deal - Currency of Weighted value", "Deal - Pipeline",
                "Deal - Update time", "Deal - Last stage change", "Deal - Last email received", "Deal - Last email sent",
                "Deal - Visible to", "Deal - Total activities", "Deal - Done activities", "Deal - Activities to do",
                "Deal - Email messages count", "Deal - Product quantity", "Deal - Product amount", "Deal - Source origin",
                "Deal - Source origin ID", "Deal - Source channel", "Deal - Source channel ID", "Deal - Archive status",
                "Deal - Archive time", "Deal - Participants", "Deal - Contact person", "Deal - Contact person ID",
                "Deal - Label", "Deal - Sequence enrollment",
            ]);
        Assert.Equal(7, file.Created);
        Assert.Empty(file.Rejected);
        // Owners and organizations exist already; the two products named on deals are new.
        Assert.Equal(new SortedDictionary<string, int> { ["products"] = 2 }, file.AlsoCreated);

        await using var check = _database.NewContext();
        var telematics = await check.Opportunities.Include(o => o.Owner).Include(o => o.Account).Include(o => o.Product)
            .SingleAsync(o => o.ExternalId == "41");
        Assert.Equal("Brightwater fleet telematics", telematics.Name);
        Assert.Equal("Lena Vogt", telematics.Owner?.Name);
        Assert.Equal("Brightwater Logistics GmbH", telematics.Account?.Name);
        Assert.Equal(48_000m, telematics.Amount); // not the 33,600 weighted value nor the 42,000 product amount
        Assert.Equal("EUR", telematics.Currency);
        Assert.Equal("Negotiations Started", telematics.Stage);
        Assert.Equal(StageCategory.Open, telematics.StageCategory);
        Assert.Equal(70m, telematics.Probability);
        Assert.Equal(new DateOnly(2026, 12, 18), telematics.CloseDate);
        Assert.Equal(new DateOnly(2026, 8, 4), DateOnly.FromDateTime(telematics.CreatedAt.UtcDateTime));
        Assert.Equal("Fleet Telematics Pro", telematics.Product?.Name);

        var lost = await check.Opportunities.SingleAsync(o => o.ExternalId == "44");
        Assert.Equal(StageCategory.Lost, lost.StageCategory);
        Assert.Equal("Proposal Made", lost.Stage); // Pipedrive keeps the stage a deal was lost in
        Assert.Equal("Went with a competitor", lost.LossReason);
        Assert.Equal(new DateOnly(2026, 11, 3), lost.CloseDate); // lost time, not the expected 2026-11-20

        var rollout = await check.Opportunities.SingleAsync(o => o.ExternalId == "43");
        Assert.Equal(StageCategory.Won, rollout.StageCategory);
        Assert.Equal("GBP", rollout.Currency);
        Assert.Equal(new DateOnly(2026, 10, 14), rollout.CloseDate); // won time, not the expected 2026-10-31

        // Oracle 1: Lena Vogt's open pipeline in EUR = 48,000 (fleet telematics) + 64,000 (yard sensors)
        // + 9,800 (route planning) = 121,800; amounts are stored in 1/10,000 units.
        Assert.Equal(121_800L * 10_000, _database.Scalar(
            "SELECT SUM(o.Amount) FROM Opportunities o JOIN Reps r ON r.Id = o.OwnerId "
            + "WHERE r.Name = 'Lena Vogt' AND o.StageCategory = 0 AND o.Currency = 'EUR'"));
        // Oracle 2: won this quarter (Q4 2026) by currency: Alder & Finch 36,000 GBP on 14 Oct and the
        // Brightwater depot 12,500 EUR on 20 Nov.
        Assert.Equal(
            [("EUR", 12_500L * 10_000), ("GBP", 36_000L * 10_000)],
            _database.Pairs("SELECT Currency, SUM(Amount) FROM Opportunities WHERE StageCategory = 1 "
                + "AND CloseDate BETWEEN '2026-10-01' AND '2026-12-31' GROUP BY Currency ORDER BY Currency"));
        // Oracle 3: open deals closing by year end: 41 (18 Dec, 48,000) and 47 (5 Dec, 9,800) = 57,800 EUR.
        Assert.Equal(57_800L * 10_000, _database.Scalar(
            "SELECT SUM(Amount) FROM Opportunities WHERE StageCategory = 0 AND CloseDate <= '2026-12-31'"));
    }

    [Fact]
    public async Task Pipedrive_activities_export_imports_done_activities_as_interactions_and_undone_ones_as_tasks()
    {
        var file = (await ImportAsync()).File(Activities);

        Assert.Equal(ImportKind.Activities, file.Kind);
        Assert.Null(file.Error);
        ExportAssert.Columns(file,
            new Dictionary<string, string>
            {
                ["Activity - ID"] = "id",
                ["Activity - Subject"] = "subject",
                ["Activity - Type"] = "type",
                ["Activity - Due date"] = "date",
                ["Activity - Done"] = "status",
                ["Activity - Assigned to user"] = "owner",
                ["Activity - Deal"] = "deal",
                ["Activity - Organization"] = "account",
                ["Activity - Contact person"] = "contacts",
                ["Activity - Note"] = "summary",
            },
            [
                // The creator is not the person doing the activity.
                "Activity - Due time", "Activity - Duration", "Activity - Marked as done time", "Activity - Creator",
                "Activity - Add time", "Activity - Free/busy",
            ]);
        Assert.Equal(5, file.Created);
        Assert.Empty(file.Rejected);
        Assert.Empty(file.AlsoCreated); // every user, organization and person named exists already

        await using var check = _database.NewContext();
        var call = await check.Interactions.Include(i => i.Opportunity).Include(i => i.Rep).Include(i => i.Contacts)
            .SingleAsync(i => i.ExternalId == "61");
        Assert.Equal(InteractionType.Call, call.Type);
        Assert.Equal("Lena Vogt", call.Rep?.Name);
        Assert.Equal("Brightwater fleet telematics", call.Opportunity?.Name);
        Assert.Single(call.Contacts);
        Assert.Contains("140 trucks", call.Summary);

        // Oracle: "Done" rows are interactions — the call and the demo at Brightwater, the e-mail to Solenne — each
        // on its deal; "Undone" rows are open follow-ups for their assignee: Tomás's revised proposal (2 Dec) and
        // Lena's site visit (9 Dec).
        Assert.Equal(3L, _database.Scalar("SELECT COUNT(*) FROM Interactions WHERE OpportunityId IS NOT NULL"));
        Assert.Equal(2L, _database.Scalar(
            "SELECT COUNT(*) FROM Interactions i JOIN Accounts a ON a.Id = i.AccountId WHERE a.Name = 'Brightwater Logistics GmbH'"));
        Assert.Equal(
            [("Tomás Ferreira", "2026-12-02"), ("Lena Vogt", "2026-12-09")],
            _database.Pairs<string>("SELECT r.Name, t.DueDate FROM FollowUpTasks t JOIN Reps r ON r.Id = t.RepId "
                + $"WHERE t.Status = {(int)FollowUpStatus.Open} AND t.OpportunityId IS NOT NULL ORDER BY t.DueDate"));
        Assert.Equal(6L, _database.Scalar("SELECT COUNT(*) FROM Contacts")); // the contact persons were matched, not re-created
    }

    [Fact]
    public async Task Pipedrive_has_no_user_export_so_reps_are_the_owners_named_and_have_no_reporting_lines()
    {
        var report = await ImportAsync();

        Assert.True(report.Succeeded, string.Join("; ", report.Files.Select(f => $"{Path.GetFileName(f.Path)}: {f.Kind} {f.Error}")));
        Assert.Equal(
            [(Activities, ImportKind.Activities), (Deals, ImportKind.Opportunities), (Organizations, ImportKind.Accounts), (People, ImportKind.Contacts)],
            report.Files.Select(f => (Path.GetFileName(f.Path), f.Kind ?? (ImportKind)(-1))).OrderBy(f => f.Item1, StringComparer.Ordinal));

        await using var check = _database.NewContext();
        var reps = await check.Reps.OrderBy(r => r.Name).ToListAsync();
        // The deals' and activities' creator Martin Brandt is nobody's owner: no rep, and no "Unassigned" either.
        Assert.Equal(["Lena Vogt", "Priya Natarajan", "Tomás Ferreira"], reps.Select(r => r.Name));
        Assert.All(reps, r => Assert.Null(r.ManagerId));
        Assert.Empty(await check.Teams.ToListAsync());
    }

    private async Task<ImportReport> ImportAsync()
    {
        await using var db = _database.NewContext();
        return await ImportFixture.ImportAsync(db, ImportFixture.Exports("pipedrive"));
    }
}
