using AeBot.Data.Import;

namespace AeBot.Data.Tests.Import;

/// <summary>
/// Files and columns recognised by their values when their names say nothing (#16): the "unclear" folder is a deals
/// export whose owner, stage, amount and close-date columns are named in another language, a roster that is only
/// "Vendedor, Jefe, Oficina", and accounts with a "País" column.
/// </summary>
public sealed class ExportRecognizerTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("aebot-recognizer-");

    public void Dispose()
    {
        _database.Dispose();
        _scratch.Delete(recursive: true);
    }

    [Fact]
    public async Task A_roster_is_recognised_because_its_people_are_the_deals_owners()
    {
        ImportReport report;
        await using (var db = _database.NewContext())
            report = await ImportFixture.ImportAsync(db, ImportFixture.Exports("unclear"));

        Assert.True(report.Succeeded, Describe(report));
        var roster = report.File("equipe.csv");
        Assert.Equal(ImportKind.Reps, roster.Kind);
        Assert.Contains("Vendedor are the sellers named in deals.csv", roster.KindReason);
        AssertColumn(roster, "Vendedor", "name", MatchSource.Content);
        AssertColumn(roster, "Jefe", "manager", MatchSource.Content);
        AssertColumn(roster, "Oficina", "team", MatchSource.Content);

        var deals = report.File("deals.csv");
        Assert.Equal(ImportKind.Opportunities, deals.Kind);
        AssertColumn(deals, "Vendedor", "owner", MatchSource.Content);
        AssertColumn(deals, "Etapa", "stage", MatchSource.Content);
        AssertColumn(deals, "Valor", "amount", MatchSource.Content);
        AssertColumn(deals, "Fecha de cierre", "close_date", MatchSource.Content);
        AssertColumn(deals, "Deal Name", "name", MatchSource.Name);
        // "Cliente" holds the names of the accounts file's companies.
        AssertColumn(deals, "Cliente", "account", MatchSource.Content);

        var accounts = report.File("clientes.csv");
        Assert.Equal(ImportKind.Accounts, accounts.Kind);
        AssertColumn(accounts, "País", "country", MatchSource.Content);

        // Reporting lines and teams, read back with plain SQL.
        Assert.Equal(
            ["Ana Souza → Rafael Costa (Sul)", "Bruno Lima → Rafael Costa (Sul)", "Carla Dias → Marina Rocha (Norte)",
             "Marina Rocha → - (-)", "Rafael Costa → Marina Rocha (Norte)"],
            Query("""
                SELECT r.Name || ' → ' || COALESCE(m.Name, '-') || ' (' || COALESCE(t.Name, '-') || ')'
                FROM Reps r LEFT JOIN Reps m ON m.Id = r.ManagerId LEFT JOIN Teams t ON t.Id = r.TeamId ORDER BY r.Name
                """));
        // Marina Rocha manages but is not listed: created as a manager. Rafael Costa manages and is listed.
        Assert.Equal(["Marina Rocha", "Rafael Costa"], Query("SELECT Name FROM Reps WHERE Role = 1 ORDER BY Name"));
        // Open pipeline per owner: Ana 48,000 (D-1); Bruno 30,500 (D-3; D-4 is lost); Carla 75,250 (D-5).
        Assert.Equal(["Ana Souza 48000", "Bruno Lima 30500", "Carla Dias 75250"], Query("""
            SELECT r.Name || ' ' || (SUM(o.Amount) / 10000) FROM Opportunities o JOIN Reps r ON r.Id = o.OwnerId
            WHERE o.StageCategory = 0 GROUP BY r.Name ORDER BY r.Name
            """));
        Assert.Equal(["2026-12-15"], Query("SELECT CloseDate FROM Opportunities WHERE ExternalId = 'D-1'"));
        // Every deal sits on the account the accounts file lists: none made up, none missing.
        Assert.Equal(["Cobalt Insurance D-2", "Helix Labs D-3", "Nimbus Software D-1", "Orbit Retail D-4", "Vega Health D-5"],
            Query("SELECT a.Name || ' ' || o.ExternalId FROM Opportunities o JOIN Accounts a ON a.Id = o.AccountId ORDER BY a.Name"));
        Assert.Equal(["5"], Query("SELECT COUNT(*) FROM Accounts"));
        Assert.Equal(["Brazil 3", "Portugal 1", "Spain 1"], Query("SELECT Country || ' ' || COUNT(*) FROM Accounts GROUP BY Country ORDER BY Country"));
    }

    [Fact]
    public async Task A_folder_gives_the_same_database_whatever_order_its_files_come_in()
    {
        // Neutral names (a.csv, b.csv, c.csv) in every order: no file name helps, and each order is a different
        // enumeration of the folder.
        var sources = Directory.GetFiles(ImportFixture.Exports("unclear")).Order(StringComparer.Ordinal).ToArray();
        string? first = null;
        foreach (var order in Permutations([0, 1, 2]))
        {
            using var database = new TestDatabase();
            var folder = _scratch.CreateSubdirectory(string.Join("", order));
            for (var i = 0; i < order.Length; i++)
                File.Copy(sources[order[i]], Path.Combine(folder.FullName, $"{(char)('a' + i)}.csv"));
            await using (var db = database.NewContext())
            {
                var report = await ImportFixture.ImportAsync(db, folder.FullName);
                Assert.True(report.Succeeded, Describe(report));
            }
            var dump = string.Join("\n", Query(database, """
                SELECT 'rep ' || r.Name || ' role ' || r.Role || ' manager ' || COALESCE(m.Name, '-') || ' team ' || COALESCE(t.Name, '-')
                FROM Reps r LEFT JOIN Reps m ON m.Id = r.ManagerId LEFT JOIN Teams t ON t.Id = r.TeamId
                UNION ALL
                SELECT 'deal ' || o.ExternalId || ' ' || o.Name || ' ' || COALESCE(a.Name, '-') || ' ' || r.Name || ' ' || o.Stage || ' ' || o.StageCategory
                    || ' ' || COALESCE(o.Amount, '-') || ' ' || COALESCE(o.CloseDate, '-')
                FROM Opportunities o JOIN Reps r ON r.Id = o.OwnerId LEFT JOIN Accounts a ON a.Id = o.AccountId
                UNION ALL
                SELECT 'account ' || Name || ' ' || COALESCE(Industry, '-') || ' ' || COALESCE(Country, '-') FROM Accounts
                ORDER BY 1
                """));
            first ??= dump;
            Assert.Equal(first, dump);
        }
        Assert.Contains("rep Ana Souza role 0 manager Rafael Costa team Sul", first);
        Assert.Contains("deal D-3 Helix pilot Helix Labs Bruno Lima Negotiation 0 305000000 2026-12-20", first);
    }

    [Fact]
    public async Task The_public_sample_folder_imports_the_same_in_every_order()
    {
        var sources = Directory.GetFiles(ImportFixture.Exports("sample-crm")).Order(StringComparer.Ordinal).ToArray();
        string? first = null;
        foreach (var order in Permutations([0, 1, 2, 3]))
        {
            using var database = new TestDatabase();
            var folder = _scratch.CreateSubdirectory("s" + string.Join("", order));
            for (var i = 0; i < order.Length; i++)
                File.Copy(sources[order[i]], Path.Combine(folder.FullName, $"{(char)('a' + i)}.csv"));
            await using (var db = database.NewContext())
                Assert.True((await ImportFixture.ImportAsync(db, folder.FullName)).Succeeded);
            var dump = string.Join("\n", Query(database, """
                SELECT r.Name || ' ' || r.Role || ' ' || COALESCE(m.Name, '-') || ' ' || COALESCE(t.Name, '-')
                FROM Reps r LEFT JOIN Reps m ON m.Id = r.ManagerId LEFT JOIN Teams t ON t.Id = r.TeamId
                UNION ALL SELECT o.ExternalId || ' ' || o.Stage || ' ' || COALESCE(o.Amount, '-') || ' ' || o.CreatedAt FROM Opportunities o
                UNION ALL SELECT p.Name || ' ' || COALESCE(p.ListPrice, '-') FROM Products p
                ORDER BY 1
                """));
            first ??= dump;
            Assert.Equal(first, dump);
        }
    }

    [Fact]
    public async Task A_column_left_out_names_its_nearest_field_and_the_mapping_line_takes_it_there()
    {
        var file = Path.Combine(_scratch.FullName, "deals.csv");
        await File.WriteAllTextAsync(file, """
            Opportunity Name,Stage,Amount,Closing Day
            Nimbus renewal,Proposal,48000,2026-12-15
            """);
        await using (var db = _database.NewContext())
        {
            var report = await ImportFixture.ImportAsync(db, file, options: null);
            var closing = report.Files[0].Columns.Single(c => c.Header == "Closing Day");
            Assert.Null(closing.Field);
            Assert.Equal("close_date", closing.Suggestion);
            Assert.Equal("\"columns\": { \"Closing Day\": \"close_date\" }", closing.MappingLine);
            Assert.Contains("Closing Day", report.Files[0].IgnoredColumns);
        }

        await using (var db = _database.NewContext())
        {
            var report = await ImportFixture.ImportAsync(db, file, new ImportMapping { Columns = new() { ["Closing Day"] = "close_date" } });
            Assert.Equal(MatchSource.Mapping, report.Files[0].Columns.Single(c => c.Header == "Closing Day").Source);
        }
        Assert.Equal(["2026-12-15"], Query("SELECT CloseDate FROM Opportunities"));
    }

    [Fact]
    public async Task A_last_modified_date_is_not_taken_for_a_close_date()
    {
        var file = Path.Combine(_scratch.FullName, "deals.csv");
        await File.WriteAllTextAsync(file, """
            Opportunity Name,Stage,Amount,Last Modified Date
            Nimbus renewal,Proposal,48000,2026-11-02
            """);
        await using var db = _database.NewContext();
        var report = await ImportFixture.ImportAsync(db, file);
        Assert.Null(report.Files[0].Columns.Single(c => c.Header == "Last Modified Date").Field);
        Assert.Equal(["-"], Query("SELECT COALESCE(CloseDate, '-') FROM Opportunities"));
    }

    [Fact]
    public async Task Comment_lines_before_the_header_and_a_reports_footer_are_skipped_not_rejected()
    {
        var file = Path.Combine(_scratch.FullName, "report.csv");
        await File.WriteAllTextAsync(file, """
            # Exported from the CRM for the pipeline review
            "Opportunity Owner","Opportunity Name","Stage","Amount","Close Date"
            "Jamie Fox","Initrode Platform","Proposal","120000","12/15/2026"
            "Jamie Fox","Globex Pilot","Closed Won","18000","10/2/2026"
            ""
            ""
            "Opportunity Pipeline"
            "Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."
            "Confidential Information - Do Not Distribute"
            "Generated By:  Jamie Fox  12/1/2026 9:34 AM"
            "Initrode Sales"
            """);
        await using var db = _database.NewContext();
        var result = (await ImportFixture.ImportAsync(db, file)).Files[0];

        Assert.Null(result.Error);
        Assert.Equal(ImportKind.Opportunities, result.Kind);
        Assert.Equal(2, result.Created);
        Assert.Empty(result.Rejected);
        Assert.Equal(7, result.Skipped);
        Assert.Equal(["Globex Pilot", "Initrode Platform"], Query("SELECT Name FROM Opportunities ORDER BY Name"));
    }

    [Fact]
    public async Task A_dry_run_counts_what_an_import_would_do_and_writes_nothing()
    {
        var before = _database.Counts();
        ImportReport dry;
        await using (var db = _database.NewContext())
            dry = await ImportFixture.ImportAsync(db, ImportFixture.Exports("unclear"), dryRun: true);
        Assert.True(dry.DryRun);
        Assert.Equal(before, _database.Counts());

        ImportReport real;
        await using (var db = _database.NewContext())
            real = await ImportFixture.ImportAsync(db, ImportFixture.Exports("unclear"));
        Assert.NotEqual(before, _database.Counts());
        Assert.Equal(Counts(real), Counts(dry));

        // Against the imported database, a dry run of the same folder says nothing would change.
        var after = _database.Counts();
        await using (var db = _database.NewContext())
            dry = await ImportFixture.ImportAsync(db, ImportFixture.Exports("unclear"), dryRun: true);
        Assert.Equal(after, _database.Counts());
        Assert.All(dry.Files, f => Assert.Equal((0, 0), (f.Created, f.Updated)));
    }

    [Fact]
    public async Task A_job_title_shaped_like_a_name_is_the_role_not_the_manager()
    {
        var folder = _scratch.CreateSubdirectory("titles");
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "deals.csv"), """
            Opportunity Name,Stage,Amount,Owner
            Nimbus renewal,Proposal,48000,Ana Souza
            Helix pilot,Proposal,30500,Bruno Lima
            """);
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "equipe.csv"), """
            Nombre,Cargo,Jefe
            Ana Souza,Account Executive,Rafael Costa
            Bruno Lima,Account Executive,Rafael Costa
            Rafael Costa,Sales Director,
            """);
        await using (var db = _database.NewContext())
        {
            var roster = (await ImportFixture.ImportAsync(db, folder.FullName)).File("equipe.csv");
            AssertColumn(roster, "Nombre", "name", MatchSource.Content);
            AssertColumn(roster, "Jefe", "manager", MatchSource.Content);
            AssertColumn(roster, "Cargo", "role", MatchSource.Content);
        }
        Assert.Equal(["Ana Souza → Rafael Costa 0", "Bruno Lima → Rafael Costa 0", "Rafael Costa → - 1"],
            Query("SELECT r.Name || ' → ' || COALESCE(m.Name, '-') || ' ' || r.Role FROM Reps r LEFT JOIN Reps m ON m.Id = r.ManagerId ORDER BY r.Name"));
    }

    [Fact]
    public async Task Two_unclear_columns_of_amounts_are_not_guessed_between()
    {
        var file = Path.Combine(_scratch.FullName, "deals.csv");
        await File.WriteAllTextAsync(file, """
            Opportunity Name,Stage,Valor,Desconto
            Nimbus renewal,Proposal,"$48,000.00","$4,800.00"
            Helix pilot,Proposal,"$30,500.00","$0.00"
            """);
        await using var db = _database.NewContext();
        var result = (await ImportFixture.ImportAsync(db, file)).Files[0];
        Assert.Null(result.Columns.Single(c => c.Header == "Valor").Field);
        Assert.Null(result.Columns.Single(c => c.Header == "Desconto").Field);
        Assert.Equal(["-", "-"], Query("SELECT COALESCE(Amount, '-') FROM Opportunities"));
    }

    [Fact]
    public async Task What_happened_is_read_before_what_was_expected_whatever_the_column_order()
    {
        // Copper writes Close Date (expected) before Completed Date (actual).
        var file = Path.Combine(_scratch.FullName, "Opportunities.csv");
        await File.WriteAllTextAsync(file, """
            Name,Status,Stage,Value,Close Date,Completed Date
            Nimbus renewal,Won,Closed Won,48000,12/15/2026,10/02/2026
            Helix pilot,Open,Proposal,30500,12/20/2026,
            """);
        await using (var db = _database.NewContext())
            await ImportFixture.ImportAsync(db, file);
        Assert.Equal(["Helix pilot 2026-12-20", "Nimbus renewal 2026-10-02"], Query("SELECT Name || ' ' || CloseDate FROM Opportunities ORDER BY Name"));
    }

    [Fact]
    public async Task A_single_value_line_between_records_is_rejected_and_comments_with_blank_lines_are_skipped()
    {
        var file = Path.Combine(_scratch.FullName, "deals.csv");
        await File.WriteAllTextAsync(file, "# exported for review\n\n# second note\n\nOpportunity Name,Stage,Amount\nNimbus renewal,Proposal,48000\nbroken\nHelix pilot,Proposal,30500\n");
        await using var db = _database.NewContext();
        var result = (await ImportFixture.ImportAsync(db, file)).Files[0];
        Assert.Null(result.Error);
        Assert.Equal(2, result.Created);
        Assert.Equal(7, Assert.Single(result.Rejected).Line);
        Assert.Equal(0, result.Skipped);
    }

    [Fact]
    public async Task An_owner_known_by_id_is_named_when_the_users_export_comes_later()
    {
        var deals = Path.Combine(_scratch.FullName, "Opportunity.csv");
        await File.WriteAllTextAsync(deals, """
            "Id","Name","StageName","Amount","OwnerId"
            "006Hs00000A1bCdIAJ","Nimbus renewal","Proposal","48000","005Hs00000AbCdEIAV"
            """);
        await using (var db = _database.NewContext())
            Assert.Contains("owner known only by a user id; import the users export to name them", (await ImportFixture.ImportAsync(db, deals)).Files[0].Warnings.Keys);
        Assert.Equal(["User 005Hs00000AbCdEIAV"], Query("SELECT Name FROM Reps"));

        var users = Path.Combine(_scratch.FullName, "User.csv");
        await File.WriteAllTextAsync(users, """
            "Id","Name","Email"
            "005Hs00000AbCdEIAV","Jamie Fox","jamie.fox@brightline.example"
            """);
        await using (var db = _database.NewContext())
            await ImportFixture.ImportAsync(db, users);
        Assert.Equal(["Jamie Fox owns Nimbus renewal"], Query("SELECT r.Name || ' owns ' || o.Name FROM Opportunities o JOIN Reps r ON r.Id = o.OwnerId"));
        Assert.Equal(["1"], Query("SELECT COUNT(*) FROM Reps"));
    }

    [Fact]
    public async Task A_file_with_only_ambiguous_dates_follows_the_order_its_sibling_settles()
    {
        var folder = _scratch.CreateSubdirectory("day-first");
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "deals.csv"), """
            Opportunity Name,Stage,Amount,Close Date
            Nimbus renewal,Proposal,48000,18/12/2026
            """);
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "more-deals.csv"), """
            Opportunity Name,Stage,Amount,Close Date
            Helix pilot,Proposal,30500,03/04/2027
            """);
        await using (var db = _database.NewContext())
        {
            var report = await ImportFixture.ImportAsync(db, folder.FullName);
            Assert.Contains(report.File("more-deals.csv").Warnings.Keys, w => w.StartsWith("dates read day first: another file", StringComparison.Ordinal));
        }
        Assert.Equal(["Helix pilot 2027-04-03", "Nimbus renewal 2026-12-18"], Query("SELECT Name || ' ' || CloseDate FROM Opportunities ORDER BY Name"));
    }

    private static string Counts(ImportReport report) => string.Join("; ", report.Files.Select(f =>
        $"{Path.GetFileName(f.Path)} {f.Kind} created {f.Created} updated {f.Updated} unchanged {f.Unchanged} rejected {f.Rejected.Count} "
        + string.Join(",", f.AlsoCreated.Select(a => $"{a.Key}={a.Value}"))));

    private static void AssertColumn(FileImportResult file, string header, string field, MatchSource source)
    {
        var column = file.Columns.Single(c => c.Header == header);
        Assert.Equal((field, source), (column.Field, column.Source));
    }

    private static string Describe(ImportReport report) =>
        string.Join("; ", report.Files.Select(f => $"{Path.GetFileName(f.Path)}: {f.Kind} {f.Error}"));

    private List<string> Query(string sql) => Query(_database, sql);

    private static List<string> Query(TestDatabase database, string sql) => database.Rows(sql, r => r.GetValue(0).ToString()!);

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }
        for (var i = 0; i < items.Length; i++)
            foreach (var rest in Permutations([.. items[..i], .. items[(i + 1)..]]))
                yield return [items[i], .. rest];
    }
}
