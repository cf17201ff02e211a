using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AeBot.Cli;
using AeBot.Crm.Fakes.Salesforce;

namespace AeBot.Tests.Crm;

/// <summary>
/// <c>aebot crm sync</c> and <c>crm status</c> in-process against the strict fake Salesforce org, seeded from the
/// Salesforce Data Loader export fixture — so the same records can also be imported as CSV and the two compared.
/// </summary>
public sealed class CrmCommandTests : IAsyncLifetime
{
    private const string Username = "integration@brightline.example";
    private const string ConsumerKey = "3MVG9brightline.consumer";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-crm-cli-");
    private readonly RSA _key = RSA.Create(2048);
    private FakeSalesforce _salesforce = null!;

    private string KeyPath => Path.Combine(_directory.FullName, "aebot.key");

    private static string Fixture => CrmExports.Folder("salesforce-dataloader");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(KeyPath, _key.ExportPkcs8PrivateKeyPem());
        var request = new CertificateRequest("CN=AeBot", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(Now.AddDays(-1), Now.AddYears(2));
        _salesforce = await FakeSalesforce.StartAsync(new FakeSalesforceOptions
        {
            ConsumerKey = ConsumerKey, CertificatePem = certificate.ExportCertificatePem(), PreAuthorizedUsers = [Username], Start = Now,
        });
        _salesforce.Org.DefineCustomField("Task", "AeBot_Key__c", externalIdUnique: true);
        _salesforce.Org.DefineCustomField("Event", "AeBot_Key__c", externalIdUnique: true);
        SeedFromExport(_salesforce.Org);
    }

    public async Task DisposeAsync()
    {
        await _salesforce.DisposeAsync();
        _key.Dispose();
        TestDirectory.Delete(_directory);
    }

    private string[] CrmSettings(string? keyPath = null) =>
    [
        "--Crm:Provider=Salesforce", $"--Crm:Salesforce:LoginUrl={_salesforce.Url}", $"--Crm:Salesforce:ClientId={ConsumerKey}",
        $"--Crm:Salesforce:Username={Username}", $"--Crm:Salesforce:PrivateKeyPath={keyPath ?? KeyPath}",
    ];

    private async Task<(int Exit, string Out, string Err)> RunAsync(string database, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] config = [$"--Storage:SqlitePath={Path.Combine(_directory.FullName, database)}", $"--Clock:Now={Now:O}"];
        var exit = await CliApplication.RunAsync(CommandLine.Parse([.. args, .. config]), stdout, stderr, new StringReader(""));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Answers_after_a_sync_equal_answers_after_importing_the_same_records_as_CSV()
    {
        var imported = await RunAsync("imported.db", "import", Fixture);
        Assert.True(imported.Exit == 0, imported.Out + imported.Err);
        var synced = await RunAsync("synced.db", ["crm", "sync", "--full", .. CrmSettings()]);
        Assert.True(synced.Exit == 0, synced.Out + synced.Err);
        Assert.Contains("Salesforce sync (full): ok", synced.Out);

        string[] people = ["jamie.fox@brightline.example", "robin.yu@brightline.example", "diego.alvarez@brightline.example", "sam.carter@brightline.example", "maria.lopez@brightline.example"];
        string[] questions = ["what closes this month?", "what closes this quarter?", "my pipeline", "what did I win this year?", "win rate this year", "forecast this quarter", "team pipeline by rep"];
        var compared = 0;
        var answers = new Dictionary<(string, string), string>();
        foreach (var person in people)
        {
            foreach (var question in questions)
            {
                var fromCsv = await RunAsync("imported.db", "ask", "--as", person, "--json", question);
                var fromCrm = await RunAsync("synced.db", ["ask", "--as", person, "--json", question, .. CrmSettings()]);
                Assert.Equal(0, fromCsv.Exit);
                Assert.Equal(CrmExports.Visible(fromCsv.Out), CrmExports.Visible(fromCrm.Out));
                answers[(person, question)] = fromCrm.Out;
                compared++;
            }
        }
        Assert.Equal(35, compared);
        // And figures checked against what the export says (each person's questions run in one conversation, so
        // later ones may follow on from earlier ones — the same way in both databases): Jamie's deals closing this
        // quarter are 120,000 + 18,000; Diego's won this year 96,000.
        Assert.Contains("\"markdown\": \"**2 open deals** closing this quarter (Q4 2026) worth **$138K**", answers[("jamie.fox@brightline.example", "what closes this quarter?")]);
        Assert.Contains("$96K", answers[("diego.alvarez@brightline.example", "what did I win this year?")]);
    }

    [Fact]
    public async Task Status_shows_the_cursors_and_last_run_and_a_refused_key_is_reported_while_answers_say_as_of_when()
    {
        var first = await RunAsync("status.db", ["crm", "sync", "--full", .. CrmSettings()]);
        Assert.Equal(0, first.Exit);
        var status = await RunAsync("status.db", ["crm", "status", .. CrmSettings()]);
        Assert.Equal(0, status.Exit);
        Assert.Contains("CRM: Salesforce", status.Out);
        Assert.Contains("full, ok", status.Out);
        Assert.Contains("deals", status.Out);
        Assert.Contains("2026-12-01 09:00:00Z", status.Out);
        Assert.Contains("Write-backs: 0 sent, 0 pending", status.Out);

        // The connected app's certificate no longer matches AeBot's key (rotated on one side only).
        using var other = RSA.Create(2048);
        var otherPath = Path.Combine(_directory.FullName, "other.key");
        await File.WriteAllTextAsync(otherPath, other.ExportPkcs8PrivateKeyPem());
        var refused = await RunAsync("status.db", ["crm", "sync", .. CrmSettings(otherPath)]);
        Assert.Equal(ExitCodes.Failed, refused.Exit);
        Assert.Contains(": auth", refused.Out);
        Assert.Contains("refused AeBot's credentials", refused.Err); // the one log line
        var after = await RunAsync("status.db", ["crm", "status", .. CrmSettings(otherPath)]);
        Assert.Contains("Salesforce refused AeBot's credentials: chat answers use the data of the last successful sync", after.Out);

        var answer = await RunAsync("status.db", ["ask", "--as", "jamie.fox@brightline.example", "my pipeline", .. CrmSettings(otherPath)]);
        Assert.Equal(0, answer.Exit);
        Assert.Contains("$138K", answer.Out);
        Assert.Contains("Salesforce refused AeBot's credentials: figures as of the last successful Salesforce sync", answer.Out);
    }

    [Fact]
    public async Task Without_a_provider_crm_commands_say_how_to_connect_one()
    {
        var (exit, _, error) = await RunAsync("none.db", "crm", "status");
        Assert.Equal(ExitCodes.Configuration, exit);
        Assert.Contains("no CRM is connected", error);
        Assert.Equal(ExitCodes.Usage, (await RunAsync("none.db", "crm", "pull")).Exit);
    }

    /// <summary>The Data Loader export's records put into the fake org, references mapped to the ids the org gives them.</summary>
    private static void SeedFromExport(FakeSalesforceOrg org)
    {
        var ids = new Dictionary<string, string>();
        string? Id(string? exported) => string.IsNullOrEmpty(exported) ? null : ids[exported];
        var users = Read("User.csv");
        // Managers before the people who report to them.
        foreach (var u in users.OrderBy(u => u["ManagerId"].Length == 0 ? 0 : users.Any(m => m["Id"] == u["ManagerId"] && m["ManagerId"].Length == 0) ? 1 : 2))
            ids[u["Id"]] = org.AddUser(u["Name"], u["Email"], Id(u["ManagerId"]), u["Title"], u["Department"], active: u["IsActive"] == "true", timeZone: u["TimeZoneSidKey"]);
        foreach (var a in Read("Account.csv"))
            ids[a["Id"]] = org.AddAccount(a["Name"], Id(a["OwnerId"]), a["Industry"], a["Website"], a["BillingCountry"], int.Parse(a["NumberOfEmployees"], CultureInfo.InvariantCulture));
        foreach (var c in Read("Contact.csv"))
            ids[c["Id"]] = org.AddContact(c["FirstName"], c["LastName"], Id(c["AccountId"]), c["Email"], c["Phone"], c["Title"]);
        var opportunities = Read("Opportunity.csv");
        var order = 0;
        foreach (var stage in opportunities.GroupBy(o => o["StageName"]).Select(g => g.First()))
        {
            org.AddStage(stage["StageName"], ++order, decimal.Parse(stage["Probability"], CultureInfo.InvariantCulture),
                closed: stage["IsClosed"] == "true", won: stage["IsWon"] == "true", forecastCategory: stage["ForecastCategoryName"]);
        }
        foreach (var o in opportunities)
        {
            ids[o["Id"]] = org.AddOpportunity(o["Name"], o["StageName"], DateOnly.Parse(o["CloseDate"], CultureInfo.InvariantCulture),
                decimal.Parse(o["Amount"], CultureInfo.InvariantCulture), Id(o["OwnerId"]), Id(o["AccountId"]), NullIfEmpty(o["NextStep"]), o["Type"]);
        }
        foreach (var t in Read("Task.csv"))
        {
            org.AddTask(t["Subject"], Id(t["OwnerId"]), Id(t["WhatId"]), Id(t["WhoId"]), DateOnly.Parse(t["ActivityDate"], CultureInfo.InvariantCulture),
                t["Status"], t["TaskSubtype"] is { Length: > 0 } subtype ? subtype : "Task", t["Description"]);
        }
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static List<Dictionary<string, string>> Read(string file) => CrmExports.Read(Path.Combine(Fixture, file));
}
