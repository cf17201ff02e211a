using System.Globalization;
using AeBot.Cli;
using AeBot.Crm.Fakes.HubSpot;

namespace AeBot.Tests.Crm;

/// <summary>
/// <c>aebot crm sync</c> in-process against the strict fake HubSpot, seeded from the HubSpot export fixture (users,
/// companies, contacts, deals, calls, notes) — so the same records can also be imported as CSV and the answers compared,
/// as <see cref="CrmCommandTests"/> does for Salesforce.
/// </summary>
public sealed class HubSpotCommandTests : IAsyncLifetime
{
    private const string Users = "hubspot-users-2026-11-27.csv";
    private const string Deals = "hubspot-crm-exports-all-deals-2026-11-27.csv";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// What each deal sells, by the deal's Record ID: its line items in HubSpot, in the order added — (product,
    /// position on the deal) or a one-off line item with no product (null). The product AeBot takes is the first's that
    /// names one, by position, then creation: Insights Platform for 20101, Data Connectors for 20103 and 20106, none
    /// for 20107.
    /// </summary>
    private static readonly Dictionary<string, (string? Product, int? Position)[]> LineItems = new()
    {
        ["20101"] = [("Data Connectors", 1), ("Insights Platform", 0)],
        ["20102"] = [("Insights Platform", null)],
        ["20103"] = [(null, 0), ("Data Connectors", 1)],
        ["20104"] = [("Risk Analytics", null)],
        ["20105"] = [("Insights Platform", null)],
        ["20106"] = [("Data Connectors", null), ("Risk Analytics", null)],
    };

    private static readonly Dictionary<string, string> FirstProduct = new()
    {
        ["20101"] = "Insights Platform", ["20102"] = "Insights Platform", ["20103"] = "Data Connectors", ["20104"] = "Risk Analytics",
        ["20105"] = "Insights Platform", ["20106"] = "Data Connectors",
    };

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("aebot-hubspot-cli-");
    private FakeHubSpot _hubSpot = null!;

    private static string Fixture => CrmExports.Folder("hubspot");

    /// <summary>
    /// The CSV side: the HubSpot export as it is, with two columns added to the deals. "Deal probability" is a deal
    /// property (the stage's probability) the export's default view leaves out, so without it an import knows no
    /// probabilities where the sync reads them from the pipeline. "Product" has no property at all — a deal's products
    /// are line items, an object of their own — so this is how a team importing CSVs would name each deal's product;
    /// it names the product the sync takes from the line items.
    /// </summary>
    private string CsvFolder => Path.Combine(_directory.FullName, "hubspot-export");

    public async Task InitializeAsync()
    {
        _hubSpot = await FakeHubSpot.StartAsync(now: Now.AddHours(-1));
        // East of UTC: a close date picked here is the evening before in UTC, where a UTC reading would put it.
        _hubSpot.TimeZone = "Europe/Berlin";
        SeedFromExport(_hubSpot);
        Directory.CreateDirectory(CsvFolder);
        foreach (var file in Directory.GetFiles(Fixture, "*.csv"))
            File.Copy(file, Path.Combine(CsvFolder, Path.GetFileName(file)));
        var probability = FakePipeline.Default().Stages.ToDictionary(s => s.Label, s => s.Probability);
        var stageOf = Read(Deals).ToDictionary(d => d["Record ID"], d => d["Deal Stage"]);
        var lines = File.ReadAllLines(Path.Combine(CsvFolder, Deals)).ToList();
        var header = lines.FindIndex(l => !l.StartsWith('#'));
        for (var i = header; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
                continue;
            var id = lines[i][1..lines[i].IndexOf('"', 1)];
            lines[i] += i == header ? ",\"Deal probability\",\"Product\"" : $",\"{probability[stageOf[id]]}\",\"{FirstProduct.GetValueOrDefault(id)}\"";
        }
        await File.WriteAllLinesAsync(Path.Combine(CsvFolder, Deals), lines);
    }

    public async Task DisposeAsync()
    {
        await _hubSpot.DisposeAsync();
        TestDirectory.Delete(_directory);
    }

    private string[] CrmSettings() =>
        ["--Crm:Provider=HubSpot", $"--Crm:HubSpot:AccessToken={_hubSpot.Token}", $"--Crm:HubSpot:BaseUrl={_hubSpot.BaseUrl}"];

    private async Task<(int Exit, string Out, string Err)> RunAsync(string database, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] config = [$"--Storage:SqlitePath={Path.Combine(_directory.FullName, database)}", $"--Clock:Now={Now:O}"];
        var exit = await CliApplication.RunAsync(CommandLine.Parse([.. args, .. config]), stdout, stderr, new StringReader(""));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Answers_after_a_HubSpot_sync_equal_answers_after_importing_the_same_records_as_CSV()
    {
        var imported = await RunAsync("imported.db", "import", CsvFolder);
        Assert.True(imported.Exit == 0, imported.Out + imported.Err);
        // HubSpot's owners have teams but neither roles nor managers: a team using HubSpot imports its user export as
        // the roster (README "Connect your CRM"), then syncs. The deals, companies, contacts and activities come from
        // HubSpot alone.
        var roster = await RunAsync("synced.db", "import", Path.Combine(Fixture, Users));
        Assert.True(roster.Exit == 0, roster.Out + roster.Err);
        var synced = await RunAsync("synced.db", ["crm", "sync", "--full", .. CrmSettings()]);
        Assert.True(synced.Exit == 0, synced.Out + synced.Err);
        Assert.Contains("HubSpot sync (full): ok", synced.Out);

        string[] people = ["daniel.kim@brightwave.example", "sofia.rossi@brightwave.example", "liam.carter@brightwave.example", "priya.nair@brightwave.example", "olivia.grant@brightwave.example"];
        string[] questions =
        [
            "what closes this month?", "what closes this quarter?", "my pipeline", "what did I win this year?", "win rate this year",
            "forecast this quarter", "team pipeline by rep", "my pipeline by product", "won revenue by product this year",
        ];
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
            }
        }
        Assert.Equal(45, answers.Count);
        // And figures checked against the export by hand: Daniel's open deals close on 11 Dec (Kestrel, 120,000) and
        // 18 Dec (Northgate, 84,000) — in HubSpot the evenings of the 10th and 17th in UTC; by product his pipeline
        // is Risk Analytics 120,000 and Insights Platform 84,000 (Northgate's first line item by position, though
        // added after Data Connectors).
        var closing = answers[("daniel.kim@brightwave.example", "what closes this month?")];
        Assert.Contains("**2 open deals** closing December 2026 worth **$204K**", closing);
        Assert.Contains("\"Dec 11\"", closing);
        Assert.Contains("\"Dec 18\"", closing);
        var byProduct = CrmExports.Visible(answers[("daniel.kim@brightwave.example", "my pipeline by product")]);
        Assert.Contains("rows=Risk Analytics\nrows=$120,000", byProduct);
        Assert.Contains("rows=Insights Platform\nrows=$84,000", byProduct);
    }

    /// <summary>The export's records put into the fake HubSpot, references mapped to the ids it gives them, as HubSpot's API would hold them.</summary>
    private static void SeedFromExport(FakeHubSpot hubSpot)
    {
        var owners = new Dictionary<string, string>();
        foreach (var u in Read(Users))
            owners[$"{u["First name"]} {u["Last name"]}"] = hubSpot.AddOwner(u["First name"], u["Last name"], u["Email address"], u["Assigned teams"]);
        var ids = new Dictionary<string, string>();
        string? Id(string exported) => exported.Length == 0 ? null : ids[exported];
        foreach (var c in Read("hubspot-crm-exports-all-companies-2026-11-27.csv"))
        {
            ids[c["Record ID"]] = hubSpot.AddCompany(c["Company name"], new Dictionary<string, string?>
            {
                ["hubspot_owner_id"] = owners[c["Company owner"]], ["createdate"] = Instant(c["Create Date"]), ["city"] = c["City"],
                ["country"] = c["Country/Region"], ["industry"] = InternalValue(c["Industry"]), ["domain"] = c["Company Domain Name"],
                ["numberofemployees"] = c["Number of Employees"],
            });
        }
        foreach (var c in Read("hubspot-crm-exports-all-contacts-2026-11-27.csv"))
        {
            ids[c["Record ID"]] = hubSpot.AddContact(c["First Name"], c["Last Name"], c["Email"], Id(c["Primary Associated Company ID"]), new Dictionary<string, string?>
            {
                ["phone"] = c["Phone Number"].Length == 0 ? null : c["Phone Number"], ["jobtitle"] = c["Job Title"], ["createdate"] = Instant(c["Create Date"]),
            });
        }
        // The export writes labels; HubSpot's API the stage ids of the default pipeline and the deal type's internal value.
        var stages = FakePipeline.Default().Stages.ToDictionary(s => s.Label, s => s.Id);
        var products = new[] { ("Insights Platform", 48_000m), ("Data Connectors", 12_000m), ("Risk Analytics", 60_000m) }
            .ToDictionary(p => p.Item1, p => hubSpot.AddProduct(p.Item1, p.Item2));
        foreach (var d in Read(Deals))
        {
            var deal = ids[d["Record ID"]] = hubSpot.AddDeal(d["Deal Name"], decimal.Parse(d["Amount"], CultureInfo.InvariantCulture), stages[d["Deal Stage"]],
                Id(d["Associated Company IDs"]), owners[d["Deal owner"]], DateOnly.Parse(d["Close Date"], CultureInfo.InvariantCulture), new Dictionary<string, string?>
                {
                    ["createdate"] = Instant(d["Create Date"]), ["dealtype"] = d["Deal Type"].Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant(),
                });
            foreach (var (product, position) in LineItems.GetValueOrDefault(d["Record ID"]) ?? [])
            {
                hubSpot.AddLineItem(deal, product is null ? null : products[product], position: position, name: product ?? "Onboarding fee", price: product is null ? 2_500m : null);
                hubSpot.Advance(TimeSpan.FromSeconds(1)); // each added after the one before
            }
        }
        foreach (var c in Read("hubspot-crm-exports-all-calls-2026-11-27.csv"))
        {
            hubSpot.AddEngagement("calls", DateTimeOffset.Parse(Instant(c["Activity date"]), CultureInfo.InvariantCulture), new Dictionary<string, string?>
            {
                ["hs_call_title"] = c["Call Title"], ["hs_call_body"] = c["Call notes"].Length == 0 ? null : c["Call notes"],
                ["hubspot_owner_id"] = owners[c["Activity assigned to"]],
            }, Id(c["Associated Deal IDs"]), Id(c["Associated Company IDs"]), c["Associated Contact IDs"].Split(';', StringSplitOptions.RemoveEmptyEntries).Select(i => ids[i]));
        }
        foreach (var n in Read("hubspot-crm-exports-all-notes-2026-11-27.csv"))
        {
            hubSpot.AddEngagement("notes", DateTimeOffset.Parse(Instant(n["Activity date"]), CultureInfo.InvariantCulture), new Dictionary<string, string?>
            {
                ["hs_note_body"] = n["Body preview"], ["hubspot_owner_id"] = owners[n["Activity assigned to"]],
            }, Id(n["Associated Deal IDs"]), Id(n["Associated Company IDs"]), n["Associated Contact IDs"].Split(';', StringSplitOptions.RemoveEmptyEntries).Select(i => ids[i]));
        }
        hubSpot.Advance(TimeSpan.FromMinutes(1));
    }

    /// <summary>A picklist label as the API spells the value ("Hospital &amp; Health Care" → HOSPITAL_HEALTH_CARE); exports write labels.</summary>
    private static string InternalValue(string label) =>
        System.Text.RegularExpressions.Regex.Replace(label, "[^A-Za-z]+", "_").Trim('_').ToUpperInvariant();

    /// <summary>An export's "2026-08-04 14:22" as the instant AeBot's import reads it (no offset: AeBot:DefaultTimeZone, UTC), in HubSpot's ISO 8601.</summary>
    private static string Instant(string exported) =>
        DateTime.ParseExact(exported, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture).ToString("yyyy-MM-dd'T'HH:mm:00.000'Z'", CultureInfo.InvariantCulture);

    private static List<Dictionary<string, string>> Read(string file) => CrmExports.Read(Path.Combine(Fixture, file));
}
