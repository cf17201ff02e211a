using AeBot.Core.Interactions;
using AeBot.Core.Opportunities;
using AeBot.Core.Organization;
using AeBot.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Tests.Import;

public sealed class CrmImporterTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("aebot-import-");

    private async Task<ImportReport> ImportAsync(string path, ImportMapping? mapping = null, ImportOptions? options = null, DateTimeOffset? now = null)
    {
        await using var db = _database.NewContext();
        return await ImportFixture.ImportAsync(db, path, mapping, options, now: now);
    }

    private string Scratch(string name, string text)
    {
        var path = Path.Combine(_scratch.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Salesforce_folder_imports_every_file_with_a_truthful_summary()
    {
        var report = await ImportAsync(ImportFixture.Exports("salesforce"));

        Assert.True(report.Succeeded);
        var users = report.File("Users.csv");
        Assert.Equal((ImportKind.Reps, 5, 5), (users.Kind!.Value, users.RowsRead, users.Created));
        var deals = report.File("Opportunities.csv");
        Assert.Equal(ImportKind.Opportunities, deals.Kind);
        Assert.Equal(8, deals.RowsRead);
        Assert.Equal(6, deals.Created);
        Assert.Equal(1, deals.Duplicates);
        var rejected = Assert.Single(deals.Rejected);
        Assert.Equal(10, rejected.Line); // after a value spanning two lines, line numbers are still physical lines
        Assert.Contains("no stage", rejected.Reason);
        Assert.Equal(["Lead Source"], deals.IgnoredColumns);
        Assert.Equal(deals.RowsRead, deals.Created + deals.Updated + deals.Unchanged + deals.Duplicates + deals.Rejected.Count);
        Assert.Contains(deals.Warnings.Keys, w => w.Contains("'Negotaition/Review' read as 'Negotiation/Review'"));
        Assert.Equal(1, deals.AlsoCreated["accounts"]);
        Assert.Equal(1, deals.AlsoCreated["reps"]);
        Assert.Contains("no end date", report.File("Contracts.csv").Rejected.Single().Reason);
        Assert.Contains("no contact name", report.File("Contacts.csv").Rejected.Single().Reason);
        Assert.Contains("no date", report.File("Activities.csv").Rejected.Single().Reason);
        Assert.Equal(["Fax"], report.File("Accounts.csv").IgnoredColumns);
    }

    [Fact]
    public async Task Salesforce_values_land_where_they_belong()
    {
        await ImportAsync(ImportFixture.Exports("salesforce"));
        await using var db = _database.NewContext();

        var platform = await db.Opportunities.Include(o => o.Owner).Include(o => o.Account).Include(o => o.Product).SingleAsync(o => o.ExternalId == "006O1");
        Assert.Equal(120_000m, platform.Amount);
        Assert.Equal("USD", platform.Currency);
        Assert.Equal(new DateOnly(2026, 12, 15), platform.CloseDate);
        Assert.Equal(StageCategory.Open, platform.StageCategory);
        Assert.Equal(80m, platform.Probability);
        Assert.Equal(ForecastCategory.Commit, platform.ForecastCategory);
        Assert.Equal("Send revised quote\nby Friday", platform.NextStep);
        Assert.Equal("Jamie Fox", platform.Owner!.Name);
        Assert.Equal("Initrode, Inc.", platform.Account!.Name);

        // "GTX Pro", "GTXPro" and "gtx pro" are one product.
        var expansion = await db.Opportunities.SingleAsync(o => o.ExternalId == "006O2");
        var renewal = await db.Opportunities.SingleAsync(o => o.ExternalId == "006O5");
        Assert.Equal(platform.ProductId, expansion.ProductId);
        Assert.Equal(platform.ProductId, renewal.ProductId);
        Assert.Equal(2, await db.Products.CountAsync());
        Assert.Equal((StageCategory.Won, OpportunityType.Upsell), (expansion.StageCategory, expansion.Type));
        Assert.Equal(("Negotiation/Review", OpportunityType.Renewal), (renewal.Stage, renewal.Type));

        var lost = await db.Opportunities.SingleAsync(o => o.ExternalId == "006O3");
        Assert.Equal((StageCategory.Lost, "EUR", 30_000m), (lost.StageCategory, lost.Currency, lost.Amount));

        // Open deal without account, amount or close date is kept as it is.
        var orphan = await db.Opportunities.SingleAsync(o => o.ExternalId == "006O4");
        Assert.Null(orphan.AccountId);
        Assert.Null(orphan.Amount);
        Assert.Null(orphan.CloseDate);

        // An unknown owner and account become new records; a day-first date is read as such.
        var brandNew = await db.Opportunities.Include(o => o.Owner).Include(o => o.Account).SingleAsync(o => o.ExternalId == "006O7");
        Assert.Equal(("New Rep", "Brand New Co"), (brandNew.Owner!.Name, brandNew.Account!.Name));
        Assert.Equal(new DateOnly(2026, 12, 31), brandNew.CloseDate);

        Assert.Equal(6, await db.OpportunityHistory.CountAsync());
    }

    [Fact]
    public async Task Org_chart_quotas_accounts_and_activities_are_linked()
    {
        await ImportAsync(ImportFixture.Exports("salesforce"));
        await using var db = _database.NewContext();

        var reps = await db.Reps.ToDictionaryAsync(r => r.Name);
        Assert.Equal(RepRole.Manager, reps["Maria Lopez"].Role);
        Assert.Equal(RepRole.AccountManager, reps["Kim Lee"].Role);
        Assert.Equal(reps["Sam Carter"].Id, reps["Robin Yu"].ManagerId); // manager given by e-mail
        Assert.Equal($"/{reps["Maria Lopez"].Id}/{reps["Sam Carter"].Id}/{reps["Jamie Fox"].Id}/", reps["Jamie Fox"].HierarchyPath);
        Assert.Equal("Europe/Berlin", reps["Jamie Fox"].TimeZoneId);
        Assert.Equal("UTC", reps["Robin Yu"].TimeZoneId); // "Mars/Olympus" is not a zone: default kept, warned
        Assert.Equal("America/New_York", reps["Kim Lee"].TimeZoneId); // a Windows zone name is stored as its IANA id
        var quota = await db.Quotas.SingleAsync(q => q.RepId == reps["Robin Yu"].Id);
        Assert.Equal((250_000m, new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31)), (quota.Amount, quota.PeriodStart, quota.PeriodEnd));
        Assert.Equal(3, await db.Teams.CountAsync());

        var accounts = await db.Accounts.ToDictionaryAsync(a => a.Name);
        Assert.Equal(accounts["Globex Corporation"].Id, accounts["Globex Europe GmbH"].ParentAccountId);
        Assert.Equal("Manufacturing", accounts["Globex Europe GmbH"].Industry);
        Assert.Equal(1_200, accounts["Initrode, Inc."].Employees);
        Assert.Equal("51-200", accounts["Globex Corporation"].Segment);
        Assert.Equal(reps["Kim Lee"].Id, accounts["Initrode, Inc."].AccountManagerId);

        var call = await db.Interactions.Include(i => i.Contacts).ThenInclude(c => c.Contact).SingleAsync(i => i.ExternalId == "00T1");
        Assert.Equal(InteractionType.Call, call.Type);
        Assert.Equal("Call with Dana: Pushback on price", call.Summary);
        Assert.Equal("Dana Reyes", call.Contacts.Single().Contact!.Name);
        var platform = await db.Opportunities.SingleAsync(o => o.ExternalId == "006O1");
        Assert.Equal(call.OpportunityId, platform.Id);
        Assert.Equal(call.OccurredAt, platform.LastEngagedAt);

        var meeting = await db.Interactions.Include(i => i.Contacts).ThenInclude(c => c.Contact).SingleAsync(i => i.ExternalId == "00T3");
        Assert.Equal(InteractionType.Meeting, meeting.Type);
        Assert.Equal("newperson@globex.example", meeting.Contacts.Single().Contact!.Email);

        var task = await db.FollowUpTasks.SingleAsync();
        Assert.Equal(("Send revised quote", new DateOnly(2026, 12, 4), reps["Jamie Fox"].Id), (task.Title, task.DueDate!.Value, task.RepId));

        var contract = await db.Contracts.SingleAsync(c => c.ExternalId == "C-001");
        Assert.Equal((120_000m, true, new DateOnly(2026, 12, 31)), (contract.AnnualValue, contract.AutoRenew, contract.EndDate));
    }

    [Fact]
    public async Task Reimporting_the_same_exports_changes_nothing()
    {
        await ImportAsync(ImportFixture.Exports("salesforce"));
        await ImportAsync(ImportFixture.Exports("messy"));
        var countsAfterFirst = _database.Counts();
        string Fingerprint()
        {
            using var db = _database.NewContext();
            return string.Join("\n", db.Opportunities.OrderBy(o => o.Id).AsEnumerable()
                .Select(o => $"{o.Id}|{o.Name}|{o.Amount}|{o.Stage}|{o.CloseDate}|{o.OwnerId}|{o.AccountId}|{o.UpdatedAt.UtcTicks}|{o.LastEngagedAt}"));
        }
        var before = Fingerprint();

        var again = await ImportAsync(ImportFixture.Exports("salesforce"), now: ImportFixture.Now.AddDays(1));
        var messyAgain = await ImportAsync(ImportFixture.Exports("messy"), now: ImportFixture.Now.AddDays(1));

        Assert.All(again.Files.Concat(messyAgain.Files), f => Assert.Equal((0, 0), (f.Created, f.Updated)));
        Assert.Equal(countsAfterFirst, _database.Counts());
        Assert.Equal(before, Fingerprint());
    }

    [Fact]
    public async Task A_changed_export_updates_the_deal_and_records_the_slip_in_history()
    {
        const string header = "Opportunity ID,Opportunity Name,Account Name,Opportunity Owner,Amount,Stage,Close Date\n";
        var path = Scratch("deals.csv", header + "X1,Big Deal,Acme,Dana Reyes,100000,Proposal,12/15/2026\n");
        await ImportAsync(path);
        File.WriteAllText(path, header + "X1,Big Deal,Acme,Dana Reyes,100000,Proposal,1/31/2027\n");

        var report = await ImportAsync(path, now: ImportFixture.Now.AddDays(2));

        Assert.Equal((0, 1, 0), (report.Files[0].Created, report.Files[0].Updated, report.Files[0].Unchanged));
        await using var db = _database.NewContext();
        var history = await db.OpportunityHistory.OrderBy(h => h.ChangedAt).Select(h => h.CloseDate).ToListAsync();
        Assert.Equal([new DateOnly(2026, 12, 15), new DateOnly(2027, 1, 31)], history);
        Assert.Equal(ImportFixture.Now.AddDays(2), (await db.Opportunities.SingleAsync()).UpdatedAt);
    }

    [Fact]
    public async Task Pipedrive_semicolon_export_with_european_numbers()
    {
        var report = await ImportAsync(Path.Combine(ImportFixture.Exports("messy"), "pipedrive_deals.csv"));

        Assert.Equal(';', report.Files[0].Delimiter);
        await using var db = _database.NewContext();
        var deals = await db.Opportunities.ToDictionaryAsync(o => o.ExternalId!);
        Assert.Equal((1_234.50m, "EUR", StageCategory.Open), (deals["1"].Amount!.Value, deals["1"].Currency, deals["1"].StageCategory));
        Assert.Equal((50_000m, StageCategory.Won), (deals["2"].Amount!.Value, deals["2"].StageCategory));
        Assert.Equal(StageCategory.Lost, deals["3"].StageCategory);
        Assert.Null(deals["3"].AccountId);
    }

    [Fact]
    public async Task HubSpot_export_reads_fraction_probabilities_and_keeps_rows_with_bad_values()
    {
        var report = await ImportAsync(Path.Combine(ImportFixture.Exports("messy"), "hubspot-deals.csv"));

        var file = report.Files[0];
        Assert.Equal(3, file.Created);
        Assert.Contains(file.Warnings.Keys, w => w.StartsWith("amount not understood"));
        Assert.Equal([4], file.WarningLines.Single(w => w.Key.StartsWith("amount")).Value);
        await using var db = _database.NewContext();
        var deals = await db.Opportunities.Include(o => o.Owner).ToDictionaryAsync(o => o.ExternalId!);
        Assert.Equal(100m, deals["9002"].Probability);
        Assert.Equal(20m, deals["9001"].Probability);
        Assert.Equal(StageCategory.Won, deals["9002"].StageCategory);
        Assert.Null(deals["9003"].Amount);
        Assert.Equal("robin.yu@acme-sales.example", deals["9001"].Owner!.Email);
    }

    [Fact]
    public async Task Dynamics_export_uses_status_and_rejects_misaligned_rows()
    {
        var report = await ImportAsync(Path.Combine(ImportFixture.Exports("messy"), "dynamics_opportunities.csv"));

        var file = report.Files[0];
        Assert.Equal(2, file.Created);
        Assert.Contains("13 values but the header has 11 columns", file.Rejected.Single().Reason);
        await using var db = _database.NewContext();
        var won = await db.Opportunities.Include(o => o.Account).SingleAsync(o => o.ExternalId == "a1b2c4");
        Assert.Equal((StageCategory.Won, "3-Propose", "Contoso Ltd", 10_000m), (won.StageCategory, won.Stage, won.Account!.Name, won.Amount!.Value));
    }

    [Fact]
    public async Task Duplicate_rows_without_ids_are_recognised_by_their_natural_key()
    {
        var path = Scratch("deals.csv", "Deal Name,Company,Owner,Value,Stage\nAcme Platform,Acme,Dana,100,Demo\nAcme Platform,ACME Inc.,Dana,100,Demo\nOther,Acme,Dana,5,Demo\n");
        var report = await ImportAsync(path);
        Assert.Equal((2, 1), (report.Files[0].Created, report.Files[0].Duplicates));
        var again = await ImportAsync(path);
        Assert.Equal((0, 2), (again.Files[0].Created, again.Files[0].Unchanged));
    }

    [Fact]
    public async Task Deals_without_owner_are_kept_for_an_admin_under_Unassigned()
    {
        var path = Scratch("deals.csv", "Deal Name,Owner,Stage\nNobody's deal,,Demo\n");
        var report = await ImportAsync(path);
        Assert.Equal(1, report.Files[0].Created);
        await using var db = _database.NewContext();
        var deal = await db.Opportunities.Include(o => o.Owner).SingleAsync();
        Assert.Equal(("Unassigned", false), (deal.Owner!.Name, deal.Owner.IsActive));
    }

    [Fact]
    public async Task Mapping_file_maps_custom_columns_kind_and_stage_names()
    {
        var path = Scratch("export_2026.csv", "Ref,Title,Seller,Total,Phase\nR1,Custom Deal,Dana,\"1.500,00\",Signed Off\nR2,Dead Deal,Dana,10,Abandoned Forever\n");
        var mapping = new ImportMapping
        {
            Kind = ImportKind.Opportunities,
            DateOrder = DateOrder.DayMonthYear,
            Stages = new ImportMapping.StageLists { Won = ["Signed Off"], Lost = ["Abandoned Forever"] },
            Columns = new Dictionary<string, string?> { ["Ref"] = "id", ["Seller"] = "owner", ["Total"] = "amount", ["Phase"] = "stage" },
        };
        var report = await ImportAsync(path, mapping);
        Assert.Equal(2, report.Files[0].Created);
        await using var db = _database.NewContext();
        var deals = await db.Opportunities.ToDictionaryAsync(o => o.ExternalId!);
        Assert.Equal((StageCategory.Won, 1_500m), (deals["R1"].StageCategory, deals["R1"].Amount!.Value));
        Assert.Equal(StageCategory.Lost, deals["R2"].StageCategory);
    }

    [Fact]
    public async Task Mapping_file_errors_are_explained()
    {
        var bad = Scratch("mapping.json", "{ \"columns\": { \"Total\": \"amount\" ");
        Assert.Contains("not valid JSON", Assert.Throws<ImportException>(() => ImportMapping.Load(bad)).Message);
        var path = Scratch("d.csv", "Name,Stage,Total\nA,Demo,5\n");
        var report = await ImportAsync(path, new ImportMapping { Columns = new() { ["Total"] = "amountt" } });
        Assert.Contains("not a field of opportunities", report.Files[0].Error);
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "binary.csv", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0x62, 0xEE], "not a text file" },
        { "empty.csv", [], "is empty" },
        { "header-only.csv", "Opportunity Name,Stage,Amount\r\n"u8.ToArray(), "no data rows" },
        { "unknown.csv", "Colour,Flavour,Mood\nred,sweet,happy\n"u8.ToArray(), "don't look like" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Bad_files_are_refused_with_a_reason_and_the_database_is_unchanged(string name, byte[] content, string reason)
    {
        await ImportAsync(ImportFixture.Exports("salesforce"));
        var before = _database.Counts();
        var path = Path.Combine(_scratch.FullName, name);
        File.WriteAllBytes(path, content);

        var report = await ImportAsync(path);

        Assert.False(report.Succeeded);
        Assert.Contains(reason, report.Files[0].Error);
        Assert.Equal(before, _database.Counts());
    }

    [Fact]
    public async Task Missing_file_and_wrong_delimiter_are_refused_and_change_nothing()
    {
        var before = _database.Counts();
        var missing = await ImportAsync(Path.Combine(_scratch.FullName, "nope.csv"));
        Assert.Equal("does not exist", missing.Files[0].Error);

        var semicolons = Scratch("deals.csv", "Opportunity Name;Stage;Amount\nA;Demo;5\n");
        var wrong = await ImportAsync(semicolons, new ImportMapping { Delimiter = "," });
        Assert.Contains("separated by ';'", wrong.Files[0].Error);
        Assert.Equal(before, _database.Counts());
    }

    [Fact]
    public async Task A_file_interrupted_midway_is_rolled_back_whole()
    {
        var rows = string.Concat(Enumerable.Range(1, 500).Select(i => $"D{i},Deal {i},Acme,Dana,{i},Demo\n"));
        var path = Scratch("deals.csv", "Opportunity ID,Opportunity Name,Account Name,Owner,Amount,Stage\n" + rows);
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Rows >= 200)
                cancellation.Cancel();
        });

        await using (var db = _database.NewContext())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                ImportFixture.ImportAsync(db, path, options: new ImportOptions { BatchSize = 100 }, progress: progress, cancellationToken: cancellation.Token));
        }

        Assert.All(_database.Counts().Values, count => Assert.Equal(0, count));
    }

    [Fact]
    public async Task Progress_is_reported_while_a_file_imports()
    {
        var rows = string.Concat(Enumerable.Range(1, 300).Select(i => $"D{i},Deal {i},Dana,{i},Demo\n"));
        var path = Scratch("deals.csv", "Opportunity ID,Opportunity Name,Owner,Amount,Stage\n" + rows);
        var seen = new List<ImportProgress>();
        await using var db = _database.NewContext();
        await ImportFixture.ImportAsync(db, path, options: new ImportOptions { BatchSize = 100 }, progress: new SynchronousProgress(seen.Add));

        Assert.Equal([100, 200, 300, 300], seen.Select(p => p.Rows));
        Assert.Equal(seen[^1].BytesTotal, seen[^1].BytesRead);
    }

    private sealed class SynchronousProgress(Action<ImportProgress> onReport) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => onReport(value);
    }

    public void Dispose()
    {
        _database.Dispose();
        _scratch.Delete(recursive: true);
    }
}
