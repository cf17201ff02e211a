using AeBot.Core.Interactions;
using AeBot.Core.Sales;
using AeBot.Core.Work;
using AeBot.Crm.Fakes.HubSpot;
using AeBot.Crm.Sync;
using AeBot.Crm.Tests.HubSpot;
using AeBot.Data.Capture;
using AeBot.Data.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AeBot.Crm.Tests.Sync;

/// <summary>
/// The sync end to end with HubSpot: the client as the app registers it, the strict fake, the real engine and a
/// real SQLite database; figures checked with plain SQL against what the test put in the fake.
/// </summary>
public sealed class HubSpotSyncTests : IAsyncLifetime
{
    private HubSpotTestHost _host = null!;
    private readonly TestDatabase _db = new();
    private readonly Dictionary<string, string> _ids = [];
    private FakeHubSpot Fake => _host.Fake;

    public async Task InitializeAsync()
    {
        _host = await HubSpotTestHost.StartAsync();
        var daniel = _ids["daniel"] = Fake.AddOwner("Daniel", "Kim", "daniel.kim@brightwave.example", team: "East");
        var sofia = _ids["sofia"] = Fake.AddOwner("Sofia", "Ruiz", "sofia.ruiz@brightwave.example", team: "East");
        var northgate = _ids["northgate"] = Fake.AddCompany("Northgate Logistics", new Dictionary<string, string?> { ["hubspot_owner_id"] = daniel, ["industry"] = "LOGISTICS_AND_SUPPLY_CHAIN" });
        var kestrel = _ids["kestrel"] = Fake.AddCompany("Kestrel Bank", new Dictionary<string, string?> { ["hubspot_owner_id"] = sofia });
        _ids["dana"] = Fake.AddContact("Dana", "Whitfield", "dana.whitfield@northgate.example", northgate);
        _ids["fleet"] = Fake.AddDeal("Northgate Logistics - Fleet Analytics", 84_000m, "contractsent", northgate, daniel, new DateOnly(2026, 12, 18));
        _ids["risk"] = Fake.AddDeal("Kestrel Bank - Risk Dashboard", 60_000m, "qualifiedtobuy", kestrel, sofia, new DateOnly(2027, 1, 15));
        _ids["pilot"] = Fake.AddDeal("Northgate Logistics - Pilot", 12_000m, "closedwon", northgate, daniel, new DateOnly(2026, 10, 2));
        Fake.AddEngagement("calls", Fake.Now.AddDays(-3), new Dictionary<string, string?>
        {
            ["hs_call_title"] = "Pricing call", ["hs_call_body"] = "<p>Walked through <b>fleet dashboard</b> pricing.</p>", ["hubspot_owner_id"] = daniel,
        }, _ids["fleet"], northgate, [_ids["dana"]]);
        Fake.Advance(TimeSpan.FromMinutes(1));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _db.Dispose();
    }

    private static CrmOptions Options(bool writeReminders = true) => new() { Provider = "HubSpot", Currency = "USD", WriteReminders = writeReminders };

    private async Task<CrmSyncReport> SyncAsync(bool full = false, bool writeReminders = true)
    {
        await using var db = _db.NewContext();
        await using var run = _host.NewRun();
        var sync = new CrmSync(db, new ChatChangeFeed(db), run.ServiceProvider.GetRequiredService<Sources.ICrmSource>(),
            run.ServiceProvider.GetRequiredService<Sources.ICrmWriter>(), Microsoft.Extensions.Options.Options.Create(Options(writeReminders)),
            new FakeNow(Fake), NullLogger<CrmSync>.Instance);
        return await sync.RunAsync(full, null, CancellationToken.None);
    }

    private long Local(string table, string crmId) =>
        _db.Scalar($"SELECT LocalId FROM CrmRecords WHERE Provider = 'HubSpot' AND ObjectType = '{table}' AND CrmId = '{crmId}'");

    private decimal OpenAmount(string email) => _db.Money(
        $"SELECT SUM(o.Amount) FROM Opportunities o JOIN Reps r ON r.Id = o.OwnerId WHERE r.Email = '{email}' AND o.StageCategory = 0");

    [Fact]
    public async Task A_full_sync_brings_owners_with_their_teams_deals_with_their_pipeline_stages_and_calls_with_their_associations()
    {
        var report = await SyncAsync(full: true);

        Assert.Equal("ok", report.Outcome);
        Assert.Equal(3, report.Read["deals"].Created);
        Assert.Equal("East", _db.Text("SELECT t.Name FROM Teams t JOIN Reps r ON r.TeamId = t.Id WHERE r.Email = 'daniel.kim@brightwave.example'"));
        Assert.Equal(84_000m, OpenAmount("daniel.kim@brightwave.example"));
        Assert.Equal(12_000m, _db.Money("SELECT SUM(Amount) FROM Opportunities WHERE StageCategory = 1"));
        var fleet = Local("deals", _ids["fleet"]);
        Assert.Equal("Contract Sent", _db.Text($"SELECT Stage FROM Opportunities WHERE Id = {fleet}"));
        Assert.Equal(90, _db.Scalar($"SELECT Probability FROM Opportunities WHERE Id = {fleet}") / 10_000); // the stage's 0.9
        Assert.Equal(2, _db.Scalar($"SELECT ForecastCategory FROM Opportunities WHERE Id = {fleet}")); // Commit, from the probability
        var call = _db.Scalar($"SELECT Id FROM Interactions WHERE OpportunityId = {fleet}");
        Assert.Equal("Pricing call: Walked through fleet dashboard pricing.", _db.Text($"SELECT Summary FROM Interactions WHERE Id = {call}"));
        Assert.Equal(Local("contacts", _ids["dana"]), _db.Scalar($"SELECT ContactId FROM InteractionContacts WHERE InteractionId = {call}"));
        Assert.Equal(_db.Scalar("SELECT Id FROM Accounts WHERE Name = 'Northgate Logistics'"), _db.Scalar($"SELECT AccountId FROM Interactions WHERE Id = {call}"));
    }

    private string? ProductOf(string dealCrmId) =>
        _db.Text($"SELECT p.Name FROM Opportunities o JOIN Products p ON p.Id = o.ProductId WHERE o.Id = {Local("deals", dealCrmId)}");

    [Fact]
    public async Task A_deal_synced_from_HubSpot_has_the_product_of_its_first_line_item_in_full_and_incremental_syncs()
    {
        var analytics = Fake.AddProduct("Fleet Analytics Pro", 60_000m);
        var audit = Fake.AddProduct("Audit Module", 22_000m);
        Fake.AddLineItem(_ids["fleet"], analytics, quantity: 1);
        Fake.Advance(TimeSpan.FromMinutes(1));

        await SyncAsync(full: true);

        Assert.Equal("Fleet Analytics Pro", ProductOf(_ids["fleet"]));
        Assert.Equal(60_000m, _db.Money("SELECT ListPrice FROM Products WHERE Name = 'Fleet Analytics Pro'"));
        Assert.Equal(0, _db.Scalar($"SELECT COUNT(*) FROM Opportunities WHERE Id = {Local("deals", _ids["risk"])} AND ProductId IS NOT NULL"));

        Fake.Advance(TimeSpan.FromMinutes(10));
        var added = Fake.AddDeal("Kestrel Bank - Audit Module", 22_000m, "appointmentscheduled", _ids["kestrel"], _ids["sofia"], new DateOnly(2027, 2, 1));
        Fake.AddLineItem(added, audit);
        Fake.Advance(TimeSpan.FromMinutes(1));

        var report = await SyncAsync();

        Assert.Equal(1, report.Read["deals"].Created);
        Assert.Equal("Audit Module", ProductOf(added));
        Assert.Equal("Fleet Analytics Pro", ProductOf(_ids["fleet"]));
    }

    [Fact]
    public async Task A_close_date_keeps_its_day_east_of_UTC_through_a_read_a_chat_change_and_the_read_back()
    {
        // Berlin: the start of a day there is the evening before in UTC, where AeBot used to read (and write) it.
        Fake.TimeZone = "Europe/Berlin";
        var audit = Fake.AddDeal("Kestrel Bank - Audit Module", 22_000m, "qualifiedtobuy", _ids["kestrel"], _ids["sofia"], new DateOnly(2026, 12, 11));
        Fake.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync(full: true);
        var local = Local("deals", audit);
        Assert.Equal("2026-12-11", _db.Text($"SELECT CloseDate FROM Opportunities WHERE Id = {local}"));

        await using (var db = _db.NewContext())
            await Writes(db).UpdateDealAsync(await ViewerAsync(db, "sofia.ruiz@brightwave.example"), new DealChange(local, CloseDate: new DateOnly(2027, 1, 15)), default);
        Fake.Advance(TimeSpan.FromMinutes(1));
        var sent = await SyncAsync();

        Assert.Equal((1, 0), (sent.WritesSent, sent.WritesConflicted));
        Assert.Equal("2027-01-14T23:00:00.000Z", Fake.Get("deals", audit)!["closedate"]); // midnight of the 15th in Berlin
        Fake.Advance(TimeSpan.FromMinutes(5));
        var after = await SyncAsync();
        Assert.Equal(0, after.WritesConflicted);
        Assert.Equal("2027-01-15", _db.Text($"SELECT CloseDate FROM Opportunities WHERE Id = {local}"));
        Assert.Equal("2026-12-18", _db.Text($"SELECT CloseDate FROM Opportunities WHERE Id = {Local("deals", _ids["fleet"])}")); // entered in New York
    }

    [Fact]
    public async Task An_incremental_sync_applies_exactly_an_edit_a_deletion_and_a_new_deal()
    {
        await SyncAsync(full: true);
        Fake.Advance(TimeSpan.FromMinutes(10));
        Fake.Update("deals", _ids["risk"], new Dictionary<string, string?> { ["amount"] = "65000" });
        Fake.Archive("deals", _ids["pilot"]);
        Fake.AddDeal("Kestrel Bank - Audit Module", 22_000m, "appointmentscheduled", _ids["kestrel"], _ids["sofia"], new DateOnly(2027, 2, 1));
        Fake.Advance(TimeSpan.FromMinutes(1));
        Fake.ClearRequests();

        var report = await SyncAsync();

        Assert.Equal("ok", report.Outcome);
        var deals = report.Read["deals"];
        Assert.Equal((1, 1, 1), (deals.Created, deals.Updated, deals.Deleted));
        Assert.Equal(0, report.Read["companies"].Changed);
        Assert.Equal(65_000m + 22_000m, OpenAmount("sofia.ruiz@brightwave.example"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM Opportunities WHERE Name = 'Northgate Logistics - Pilot'"));
        // An increment searches by change stamp; nothing is read through the list endpoints.
        Assert.Contains(Fake.Requests, r => r.Method == "POST" && r.Path == "/crm/v3/objects/deals/search");
        Assert.DoesNotContain(Fake.Requests, r => r.Method == "GET" && r.Path == "/crm/v3/objects/deals" && !r.Query.Contains("archived=true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_call_logged_in_chat_appears_once_on_HubSpot_associated_with_its_deal_company_and_contact()
    {
        await SyncAsync(full: true);
        var fleet = Local("deals", _ids["fleet"]);
        await using (var db = _db.NewContext())
        {
            var daniel = await ViewerAsync(db, "daniel.kim@brightwave.example");
            var northgate = await db.Accounts.Where(a => a.Name == "Northgate Logistics").Select(a => a.Id).SingleAsync();
            await Writes(db).LogInteractionAsync(daniel, new InteractionDraft(InteractionType.Call, northgate, fleet, ["Dana Whitfield"],
                "Dana agreed to a three-year term.", [], null, null, Fake.Now), default);
        }
        var callsBefore = Fake.All("calls").Count;
        Fake.Advance(TimeSpan.FromMinutes(1));

        var report = await SyncAsync();

        Assert.Equal(1, report.WritesSent);
        var calls = Fake.All("calls");
        Assert.Equal(callsBefore + 1, calls.Count);
        var call = calls.Single(c => (c["hs_call_body"] ?? "").Contains("three-year term", StringComparison.Ordinal));
        Assert.Equal(_ids["daniel"], call["hubspot_owner_id"]);
        Assert.Equal([_ids["fleet"]], call.Associations["deals"].Select(a => a.Id));
        Assert.Equal([_ids["northgate"]], call.Associations["companies"].Select(a => a.Id));
        Assert.Equal([_ids["dana"]], call.Associations["contacts"].Select(a => a.Id));

        Fake.Advance(TimeSpan.FromMinutes(5));
        var interactions = _db.Scalar("SELECT COUNT(*) FROM Interactions");
        var again = await SyncAsync();
        Assert.Equal(0, again.WritesSent);
        Assert.Equal(callsBefore + 1, Fake.All("calls").Count);
        Assert.Equal(interactions, _db.Scalar("SELECT COUNT(*) FROM Interactions")); // read back as the same interaction
        Assert.Equal("Dana agreed to a three-year term.", _db.Text($"SELECT Summary FROM Interactions WHERE Id = {Local("activities", call.Id)}"));
    }

    /// <summary>Deleted in HubSpot, then a month without a sync: further back than a full run's deletions window (14 days).</summary>
    private (string Company, string Call) DeleteLongAgo()
    {
        var orbis = Fake.AddCompany("Orbis Retail");
        var call = Fake.AddEngagement("calls", Fake.Now, new Dictionary<string, string?> { ["hs_call_title"] = "Intro", ["hubspot_owner_id"] = _ids["sofia"] }, companyId: orbis);
        return (orbis, call);
    }

    [Fact]
    public async Task A_full_sync_removes_what_HubSpot_deleted_beyond_its_deletions_window_and_counts_it_as_swept()
    {
        var (orbis, call) = DeleteLongAgo();
        Fake.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync(full: true);
        var callRow = Local("activities", call);
        Fake.Advance(TimeSpan.FromMinutes(1));
        Fake.Archive("deals", _ids["pilot"]);
        Fake.Archive("companies", orbis);
        Fake.Archive("calls", call);
        Fake.Advance(TimeSpan.FromDays(30));
        Fake.ClearRequests();

        var report = await SyncAsync(full: true);

        Assert.Equal("ok", report.Outcome);
        Assert.Equal((0, 1), (report.Read["deals"].Deleted, report.Read["deals"].Swept)); // not from the deletions read
        Assert.Equal(1, report.Read["companies"].Swept);
        Assert.Equal(1, report.Read["activities"].Swept);
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM Opportunities WHERE Name = 'Northgate Logistics - Pilot'"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM Accounts WHERE Name = 'Orbis Retail'"));
        Assert.Equal(0, _db.Scalar($"SELECT COUNT(*) FROM Interactions WHERE Id = {callRow}"));
        Assert.Equal(1, _db.Scalar($"SELECT COUNT(*) FROM CrmRecords WHERE ObjectType = 'deals' AND CrmId = '{_ids["pilot"]}' AND DeletedAt IS NOT NULL"));
        Assert.Equal(2, _db.Scalar("SELECT COUNT(*) FROM Opportunities")); // the rest stay
        // Confirmed with HubSpot before removing: batch reads of just the missing ids.
        Assert.Contains(Fake.Requests, r => r.Path == "/crm/v3/objects/deals/batch/read" && r.Body.Contains(_ids["pilot"], StringComparison.Ordinal));

        Fake.Advance(TimeSpan.FromMinutes(5));
        var again = await SyncAsync(full: true);
        Assert.All(again.Read.Values, c => Assert.Equal(0, c.Swept));
    }

    [Fact]
    public async Task A_deal_a_full_sync_skips_as_malformed_is_still_in_HubSpot_and_is_not_swept()
    {
        await SyncAsync(full: true);
        Fake.Advance(TimeSpan.FromMinutes(1));
        Fake.Update("deals", _ids["risk"], new Dictionary<string, string?> { ["amount"] = "sixty thousand" });
        Fake.Advance(TimeSpan.FromDays(30));

        var report = await SyncAsync(full: true);

        Assert.Equal("partial", report.Outcome);
        Assert.Equal(0, report.Read["deals"].Swept);
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM Opportunities WHERE Name = 'Kestrel Bank - Risk Dashboard'"));
    }

    [Fact]
    public async Task A_full_sync_that_fails_part_way_sweeps_nothing_not_even_the_types_it_read_to_the_end()
    {
        var (orbis, _) = DeleteLongAgo();
        Fake.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync(full: true);
        Fake.Archive("companies", orbis);
        Fake.Archive("deals", _ids["pilot"]);
        Fake.Advance(TimeSpan.FromDays(30));
        Fake.MissingScopes.Add("crm.objects.deals.read"); // companies read to the end, then deals refused

        var refused = await SyncAsync(full: true);

        Assert.Equal("auth", refused.Outcome);
        Assert.Equal(0, refused.Read.Values.Sum(c => c.Swept));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM Accounts WHERE Name = 'Orbis Retail'"));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM Opportunities WHERE Name = 'Northgate Logistics - Pilot'"));

        Fake.MissingScopes.Clear();
        Fake.Advance(TimeSpan.FromMinutes(5));
        var complete = await SyncAsync(full: true);
        Assert.Equal((1, 1), (complete.Read["companies"].Swept, complete.Read["deals"].Swept));
    }

    [Fact]
    public async Task A_full_sync_stopped_at_the_daily_share_sweeps_nothing()
    {
        await SyncAsync(full: true);
        Fake.Archive("deals", _ids["pilot"]);
        Fake.Advance(TimeSpan.FromDays(30));
        // The next full read needs about as many requests as the first: the day's allowance runs out half way.
        var used = Fake.Requests.Count;
        Fake.DailyLimit = (long)((used + used / 2) / 0.9);

        var stopped = await SyncAsync(full: true);

        Assert.Equal("failed", stopped.Outcome);
        Assert.Contains("daily API allowance", stopped.Error);
        Assert.Equal(0, stopped.Read.Values.Sum(c => c.Swept));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM Opportunities WHERE Name = 'Northgate Logistics - Pilot'"));
    }

    [Fact]
    public async Task A_stage_changed_in_HubSpot_after_the_rep_moved_it_in_chat_is_asked_about_and_kept_on_request()
    {
        await SyncAsync(full: true);
        var risk = Local("deals", _ids["risk"]);
        long repId;
        await using (var db = _db.NewContext())
        {
            var sofia = await ViewerAsync(db, "sofia.ruiz@brightwave.example");
            repId = sofia.RepId;
            await Writes(db).UpdateDealAsync(sofia, new DealChange(risk, Stage: "Presentation Scheduled"), default);
        }
        Fake.Advance(TimeSpan.FromMinutes(1));
        Fake.Update("deals", _ids["risk"], new Dictionary<string, string?> { ["dealstage"] = "decisionmakerboughtin" });
        Fake.Advance(TimeSpan.FromMinutes(1));

        var report = await SyncAsync();

        Assert.Equal(1, report.WritesConflicted);
        Assert.Equal("decisionmakerboughtin", Fake.Get("deals", _ids["risk"])!["dealstage"]);
        Assert.Equal("Decision Maker Bought-In", _db.Text($"SELECT Stage FROM Opportunities WHERE Id = {risk}"));
        Assert.Equal("Kestrel Bank's stage changed in HubSpot to Decision Maker Bought-In since you asked (Kestrel Bank - Risk Dashboard); keep Decision Maker Bought-In or set Presentation Scheduled?",
            _db.Text("SELECT Summary FROM Outbox WHERE Reason = 'crm-conflict'"));

        var rowId = _db.Scalar("SELECT Id FROM CrmWriteBacks WHERE State = 'conflict'");
        await using (var db = _db.NewContext())
            Assert.Contains("keeping what HubSpot has", AeBot.Core.Crm.CrmConflictQuestion.Answer(AeBot.Core.Text.ReplyLanguage.English,
                (await new CrmConflicts(db, Microsoft.Extensions.Options.Options.Create(Options()), TimeProvider.System).ResolveAsync(repId, rowId, setMine: false, default))!));
        Fake.Advance(TimeSpan.FromMinutes(1));
        var after = await SyncAsync();
        Assert.Equal(0, after.WritesSent);
        Assert.Equal("decisionmakerboughtin", Fake.Get("deals", _ids["risk"])!["dealstage"]);
        Assert.Equal("dropped", _db.Text($"SELECT State FROM CrmWriteBacks WHERE Id = {rowId}"));
    }

    [Fact]
    public async Task A_revoked_token_fails_the_run_without_losing_data_and_the_next_good_run_resumes()
    {
        await SyncAsync(full: true);
        Fake.TokenState = FakeTokenState.Revoked;
        Fake.Advance(TimeSpan.FromMinutes(5));
        Fake.Update("deals", _ids["fleet"], new Dictionary<string, string?> { ["amount"] = "90000" });

        var refused = await SyncAsync();

        Assert.Equal("auth", refused.Outcome);
        Assert.Contains("Crm:HubSpot:AccessToken", refused.Error);
        Assert.Equal(84_000m, OpenAmount("daniel.kim@brightwave.example")); // the last synced data stays

        Fake.TokenState = FakeTokenState.Valid;
        Fake.Advance(TimeSpan.FromMinutes(5));
        var resumed = await SyncAsync();
        Assert.Equal("ok", resumed.Outcome);
        Assert.Equal(1, resumed.Read["deals"].Updated);
        Assert.Equal(90_000m, OpenAmount("daniel.kim@brightwave.example"));
    }

    [Fact]
    public async Task Reporting_lines_from_a_roster_survive_a_sync_with_HubSpot_whose_owners_have_no_manager()
    {
        await using (var db = _db.NewContext())
        {
            var maria = new Core.Organization.Rep { Name = "Maria Lopez", Email = "maria.lopez@brightwave.example", Role = Core.Organization.RepRole.Manager };
            db.Reps.Add(maria);
            await db.SaveChangesAsync();
            db.Reps.Add(new Core.Organization.Rep { Name = "Daniel Kim", Email = "daniel.kim@brightwave.example", ManagerId = maria.Id, HierarchyPath = $"/{maria.Id}/" });
            maria.HierarchyPath = $"/{maria.Id}/";
            await db.SaveChangesAsync();
        }

        await SyncAsync(full: true);

        var maria2 = _db.Scalar("SELECT Id FROM Reps WHERE Email = 'maria.lopez@brightwave.example'");
        Assert.Equal(maria2, _db.Scalar("SELECT ManagerId FROM Reps WHERE Email = 'daniel.kim@brightwave.example'"));
        Assert.StartsWith($"/{maria2}/", _db.Text("SELECT HierarchyPath FROM Reps WHERE Email = 'daniel.kim@brightwave.example'"));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM Reps WHERE Email = 'daniel.kim@brightwave.example'")); // matched by e-mail, not duplicated
    }

    [Fact]
    public async Task A_crash_after_HubSpot_created_the_call_but_before_the_bookkeeping_sends_nothing_twice()
    {
        await SyncAsync(full: true);
        var fleet = Local("deals", _ids["fleet"]);
        await using (var db = _db.NewContext())
        {
            var daniel = await ViewerAsync(db, "daniel.kim@brightwave.example");
            var northgate = await db.Accounts.Where(a => a.Name == "Northgate Logistics").Select(a => a.Id).SingleAsync();
            await Writes(db).LogInteractionAsync(daniel, new InteractionDraft(InteractionType.Call, northgate, fleet, [], "Budget approved for Q1.", [], null, null, Fake.Now), default);
        }
        Fake.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync();
        var calls = Fake.All("calls").Count;
        // What a process killed between HubSpot's 201 and AeBot's bookkeeping leaves: the attempt counted, the step
        // not recorded, no link. The retry looks the call up (search on its time and owner, the key in its body).
        await using (var db = _db.NewContext())
        {
            var row = await db.CrmWriteBacks.SingleAsync();
            var interactionId = System.Text.Json.JsonDocument.Parse(row.Payload).RootElement.GetProperty("interactionId").GetInt64();
            row.State = "pending";
            row.Attempts = 1;
            row.Payload = System.Text.Json.JsonSerializer.Serialize(new { interactionId, taskIds = Array.Empty<long>() });
            db.CrmRecords.RemoveRange(db.CrmRecords.Where(r => r.ObjectType == "activities" && r.LocalId == interactionId));
            await db.SaveChangesAsync();
        }
        Fake.Advance(TimeSpan.FromMinutes(1));

        var report = await SyncAsync();

        Assert.Equal(1, report.WritesSent);
        Assert.Equal(calls, Fake.All("calls").Count);
    }

    [Fact]
    public async Task A_malformed_deal_is_skipped_and_reported_and_the_rest_are_read()
    {
        Fake.Add("deals", new Dictionary<string, string?> { ["dealname"] = "Broken", ["amount"] = "a lot", ["dealstage"] = "qualifiedtobuy", ["pipeline"] = "default" });

        var report = await SyncAsync(full: true);

        Assert.Equal("partial", report.Outcome);
        Assert.Equal(3, report.Read["deals"].Created);
        var skipped = Assert.Single(report.Skipped);
        Assert.Equal(Sources.CrmObject.Deals, skipped.Type);
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM Opportunities WHERE Name = 'Broken'"));
    }

    private async Task<(long InteractionId, long? FollowUpId, long ChangeId)> LogAsync(InteractionType type, string summary, string? nextStep = null)
    {
        await using var db = _db.NewContext();
        var daniel = await ViewerAsync(db, "daniel.kim@brightwave.example");
        var northgate = await db.Accounts.Where(a => a.Name == "Northgate Logistics").Select(a => a.Id).SingleAsync();
        var logged = await Writes(db).LogInteractionAsync(daniel, new InteractionDraft(type, northgate, Local("deals", _ids["fleet"]), ["Dana Whitfield"],
            summary, [], nextStep, nextStep is null ? null : new DateOnly(2026, 12, 4), Fake.Now), default);
        return (logged!.Value.InteractionId, logged.Value.FollowUpId, logged.ChangeId);
    }

    private string CrmIdOf(string table, long localId) =>
        _db.Text($"SELECT CrmId FROM CrmRecords WHERE Provider = 'HubSpot' AND ObjectType = '{table}' AND LocalId = {localId}")!;

    [Fact]
    public async Task A_follow_up_snoozed_then_marked_done_in_chat_moves_and_completes_its_HubSpot_task()
    {
        await SyncAsync(full: true);
        var (_, followUpId, _) = await LogAsync(InteractionType.Call, "Dana wants the fleet pricing in writing.", "Send the pricing sheet");
        Fake.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync();
        var task = Fake.Get("tasks", CrmIdOf("tasks", followUpId!.Value))!;
        Assert.Equal("NOT_STARTED", task["hs_task_status"]);

        await using (var db = _db.NewContext())
        {
            var daniel = await ViewerAsync(db, "daniel.kim@brightwave.example");
            Assert.NotNull(await Writes(db).SnoozeFollowUpAsync(daniel, followUpId.Value, new DateTimeOffset(2026, 12, 10, 12, 0, 0, TimeSpan.Zero), default));
        }
        Fake.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await SyncAsync()).WritesSent);
        // The due date is the start of the day in the account's zone (US/Eastern: 05:00 UTC in December).
        Assert.Equal("2026-12-10T05:00:00.000Z", task["hs_timestamp"]);
        Assert.Equal("NOT_STARTED", task["hs_task_status"]);

        await using (var db = _db.NewContext())
        {
            var daniel = await ViewerAsync(db, "daniel.kim@brightwave.example");
            Assert.NotNull(await Writes(db).CompleteFollowUpAsync(daniel, followUpId.Value, default));
        }
        Fake.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await SyncAsync()).WritesSent);
        Assert.Equal("COMPLETED", task["hs_task_status"]);

        Fake.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, (await SyncAsync()).WritesSent);
        Assert.Equal(1, _db.Scalar($"SELECT Status FROM FollowUpTasks WHERE Id = {followUpId}")); // Done, read back as such
    }

    [Fact]
    public async Task A_call_edited_in_chat_updates_its_HubSpot_call_and_undoing_it_deletes_the_call()
    {
        await SyncAsync(full: true);
        var (interactionId, _, logChange) = await LogAsync(InteractionType.Call, "Dana agreed to a pilot.");
        Fake.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync();
        var callId = CrmIdOf("activities", interactionId);

        long editChange;
        await using (var db = _db.NewContext())
        {
            var daniel = await ViewerAsync(db, "daniel.kim@brightwave.example");
            editChange = (await Writes(db).EditInteractionAsync(daniel, interactionId, new InteractionEdit(Summary: "Dana agreed to a paid pilot."), default))!.ChangeId;
        }
        Fake.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await SyncAsync()).WritesSent);
        Assert.Contains("paid pilot", Fake.Get("calls", callId)!["hs_call_body"]);
        Fake.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync();
        Assert.Equal("Dana agreed to a paid pilot.", _db.Text($"SELECT Summary FROM Interactions WHERE Id = {interactionId}")); // read back unchanged

        await using (var db = _db.NewContext())
        {
            var daniel = await ViewerAsync(db, "daniel.kim@brightwave.example");
            Assert.Equal(UndoStatus.Undone, (await Writes(db).UndoAsync(daniel, editChange, DateTimeOffset.MinValue, default)).Status);
            Assert.Equal(UndoStatus.Undone, (await Writes(db).UndoAsync(daniel, logChange, DateTimeOffset.MinValue, default)).Status);
        }
        Fake.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync();

        Assert.NotNull(Fake.Get("calls", callId)!.ArchivedAt);
        Assert.Single(Fake.Requests, r => r.Method == "DELETE" && r.Path == $"/crm/v3/objects/calls/{callId}");
        Fake.Advance(TimeSpan.FromMinutes(5));
        var again = await SyncAsync();
        Assert.Equal(0, again.WritesSent);
        Assert.Equal(0, _db.Scalar($"SELECT COUNT(*) FROM Interactions WHERE Summary LIKE '%pilot%'"));
    }

    [Fact]
    public async Task An_email_logged_in_chat_becomes_a_HubSpot_email_with_its_associations_and_a_full_sync_keeps_it()
    {
        await SyncAsync(full: true);
        var (interactionId, _, _) = await LogAsync(InteractionType.Email, "Sent Dana the fleet pricing sheet.");
        Fake.Advance(TimeSpan.FromMinutes(1));

        var report = await SyncAsync();

        Assert.Equal(1, report.WritesSent);
        var email = Assert.Single(Fake.All("emails"));
        Assert.Contains("fleet pricing sheet", email["hs_email_text"]);
        Assert.Equal("EMAIL", email["hs_email_direction"]);
        Assert.Equal([_ids["fleet"]], email.Associations["deals"].Select(a => a.Id));
        Assert.Equal([_ids["dana"]], email.Associations["contacts"].Select(a => a.Id));
        Assert.Empty(Fake.All("notes"));

        Fake.Advance(TimeSpan.FromMinutes(5));
        var full = await SyncAsync(full: true);
        Assert.Equal(0, full.Read["activities"].Swept);
        Assert.Equal(1, _db.Scalar($"SELECT COUNT(*) FROM Interactions WHERE Id = {interactionId}"));
    }

    [Fact]
    public async Task A_deal_whose_line_items_were_all_removed_loses_its_product()
    {
        var analytics = Fake.AddProduct("Fleet Analytics Pro", 60_000m);
        var lineItem = Fake.AddLineItem(_ids["fleet"], analytics);
        Fake.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync(full: true);
        Assert.Equal("Fleet Analytics Pro", ProductOf(_ids["fleet"]));

        Fake.Advance(TimeSpan.FromMinutes(1));
        Fake.RemoveLineItem(_ids["fleet"], lineItem);
        Fake.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync(full: true);

        Assert.Null(ProductOf(_ids["fleet"]));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM Products WHERE Name = 'Fleet Analytics Pro'")); // the product itself stays
    }

    [Fact]
    public async Task Line_items_added_to_and_removed_from_a_deal_give_and_take_its_product_in_incremental_runs()
    {
        var analytics = Fake.AddProduct("Fleet Analytics Pro", 60_000m);
        Fake.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync(full: true);
        Assert.Null(ProductOf(_ids["risk"]));
        var riskStamp = Fake.Get("deals", _ids["risk"])!["hs_lastmodifieddate"];

        // HubSpot does not document that adding or removing a line item moves the deal's hs_lastmodifieddate; the fake
        // leaves it where it was, so only the line items say the deal changed.
        Fake.Advance(TimeSpan.FromMinutes(10));
        var lineItem = Fake.AddLineItem(_ids["risk"], analytics);
        Fake.Advance(TimeSpan.FromMinutes(1));
        Fake.ClearRequests();
        var added = await SyncAsync();

        Assert.Equal(riskStamp, Fake.Get("deals", _ids["risk"])!["hs_lastmodifieddate"]);
        Assert.Equal("Fleet Analytics Pro", ProductOf(_ids["risk"]));
        Assert.Equal(1, added.Read["deals"].Updated);
        Assert.Contains(Fake.Requests, r => r.Path == "/crm/v3/objects/line_items/search");
        Assert.Single(Fake.Requests, r => r.Path == "/crm/v3/objects/deals/batch/read" && r.Body.Contains(_ids["risk"], StringComparison.Ordinal));

        Fake.Advance(TimeSpan.FromMinutes(10));
        Fake.RemoveLineItem(_ids["risk"], lineItem);
        Fake.Advance(TimeSpan.FromMinutes(1));
        var removed = await SyncAsync();

        Assert.Equal("ok", removed.Outcome);
        Assert.Null(ProductOf(_ids["risk"]));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM Products WHERE Name = 'Fleet Analytics Pro'"));

        // Nothing more to trace: the next run reads no deal again.
        Fake.Advance(TimeSpan.FromMinutes(10));
        Fake.ClearRequests();
        await SyncAsync();
        Assert.DoesNotContain(Fake.Requests, r => r.Path == "/crm/v3/objects/deals/batch/read");
    }

    [Fact]
    public async Task A_deal_with_more_line_items_than_an_association_page_holds_is_read_to_its_last_page()
    {
        var audit = Fake.AddProduct("Audit Module", 22_000m);
        // 520 one-off line items (no product), then the only one made from a product: it is on the second page.
        for (var i = 0; i < 520; i++)
            Fake.AddLineItem(_ids["fleet"], null, name: $"Fee {i}", price: 10m);
        Fake.AddLineItem(_ids["fleet"], audit, position: 1);
        Fake.Advance(TimeSpan.FromMinutes(1));
        Fake.ClearRequests();

        await SyncAsync(full: true);

        Assert.Equal("Audit Module", ProductOf(_ids["fleet"]));
        var reads = Fake.Requests.Where(r => r.Path == "/crm/v4/associations/deals/line_items/batch/read").ToList();
        Assert.Equal(2, reads.Count);
        Assert.Contains("\"after\"", reads[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_HubSpot_search_has_not_indexed_yet_is_read_by_the_next_run_and_no_record_is_read_twice_in_a_run()
    {
        Fake.SearchLag = TimeSpan.FromSeconds(5);
        await SyncAsync(full: true);
        Fake.Advance(TimeSpan.FromMinutes(10));
        Fake.Update("deals", _ids["risk"], new Dictionary<string, string?> { ["amount"] = "61000" });
        Fake.Advance(TimeSpan.FromSeconds(2)); // the run starts two seconds after the edit: search does not see it yet

        var first = await SyncAsync();

        Assert.Equal(0, first.Read.GetValueOrDefault("deals")?.Changed ?? 0);
        Assert.Equal(60_000m, _db.Money($"SELECT Amount FROM Opportunities WHERE Id = {Local("deals", _ids["risk"])}"));

        Fake.Advance(TimeSpan.FromMinutes(1));
        Fake.Update("deals", _ids["fleet"], new Dictionary<string, string?> { ["amount"] = "85000" });
        Fake.Advance(TimeSpan.FromMinutes(1));
        var second = await SyncAsync();

        Assert.Equal(61_000m, _db.Money($"SELECT Amount FROM Opportunities WHERE Id = {Local("deals", _ids["risk"])}"));
        Assert.Equal(85_000m, _db.Money($"SELECT Amount FROM Opportunities WHERE Id = {Local("deals", _ids["fleet"])}"));
        var deals = second.Read["deals"];
        Assert.Equal((0, 2), (deals.Created, deals.Updated));
        Assert.Equal(2, deals.Updated + deals.Unchanged); // each of the two read once
    }

    [Fact]
    public async Task Two_HubSpot_owners_sharing_an_email_stay_two_people_and_neither_takes_over_the_rep_with_that_email()
    {
        await using (var db = _db.NewContext())
        {
            db.Reps.Add(new Core.Organization.Rep { Name = "Sales Desk", Email = "sales@brightwave.example", TimeZoneId = "UTC", CreatedAt = Fake.Now, HierarchyPath = "/" });
            await db.SaveChangesAsync();
        }
        var ana = Fake.AddOwner("Ana", "Costa", "sales@brightwave.example", team: "East");
        var ben = Fake.AddOwner("Ben", "Okafor", "Sales@brightwave.example", team: "West");
        Fake.Advance(TimeSpan.FromMinutes(1));

        var report = await SyncAsync(full: true);

        Assert.Equal([ana, ben], report.SharedEmails.Order(StringComparer.Ordinal));
        var anaRep = Local("users", ana);
        var benRep = Local("users", ben);
        Assert.NotEqual(anaRep, benRep);
        Assert.DoesNotContain(_db.Scalar("SELECT Id FROM Reps WHERE Name = 'Sales Desk'"), new[] { anaRep, benRep });
        Assert.Equal("Ana Costa", _db.Text($"SELECT Name FROM Reps WHERE Id = {anaRep}"));
        Assert.Equal("Ben Okafor", _db.Text($"SELECT Name FROM Reps WHERE Id = {benRep}"));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM Reps WHERE Email = 'sales@brightwave.example'"));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM Reps WHERE Email = 'daniel.kim@brightwave.example'"));

        // A later run keeps them apart too.
        Fake.Advance(TimeSpan.FromMinutes(5));
        await SyncAsync();
        Assert.Equal(anaRep, Local("users", ana));
        Assert.Equal(benRep, Local("users", ben));
    }

    [Fact]
    public async Task A_call_moved_to_another_deal_in_chat_is_associated_with_that_deal_only_on_HubSpot()
    {
        var expansion = Fake.AddDeal("Northgate Logistics - Expansion", 40_000m, "qualifiedtobuy", _ids["northgate"], _ids["daniel"], new DateOnly(2027, 3, 1));
        Fake.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync(full: true);
        var (interactionId, _, _) = await LogAsync(InteractionType.Call, "Dana wants the fleet pricing split by region.");
        Fake.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync();
        var callId = CrmIdOf("activities", interactionId);
        Assert.Equal([_ids["fleet"]], Fake.Get("calls", callId)!.Associations["deals"].Select(a => a.Id));

        await using (var db = _db.NewContext())
        {
            var daniel = await ViewerAsync(db, "daniel.kim@brightwave.example");
            Assert.NotNull(await Writes(db).EditInteractionAsync(daniel, interactionId, new InteractionEdit(OpportunityId: Local("deals", expansion)), default));
        }
        Fake.Advance(TimeSpan.FromMinutes(1));
        Fake.ClearRequests();
        Assert.Equal(1, (await SyncAsync()).WritesSent);

        var call = Fake.Get("calls", callId)!;
        Assert.Equal([expansion], call.Associations["deals"].Select(a => a.Id));
        Assert.Equal([(expansion, 206)], call.Associations["deals"]); // call→deal, HUBSPOT_DEFINED
        Assert.Equal([_ids["northgate"]], call.Associations["companies"].Select(a => a.Id));
        Assert.Equal([_ids["dana"]], call.Associations["contacts"].Select(a => a.Id));
        Assert.Single(Fake.Requests, r => r.Method == "PUT" && r.Path == $"/crm/v4/objects/calls/{callId}/associations/deals/{expansion}");
        Assert.Single(Fake.Requests, r => r.Method == "DELETE" && r.Path == $"/crm/v4/objects/calls/{callId}/associations/deals/{_ids["fleet"]}");

        // Read back on the deal it was moved to, and the step is not sent again.
        Fake.Advance(TimeSpan.FromMinutes(5));
        Fake.ClearRequests();
        Assert.Equal(0, (await SyncAsync()).WritesSent);
        Assert.DoesNotContain(Fake.Requests, r => r.Path.StartsWith("/crm/v4/objects/", StringComparison.Ordinal));
        Assert.Equal(Local("deals", expansion), _db.Scalar($"SELECT OpportunityId FROM Interactions WHERE Id = {interactionId}"));
    }

    [Fact]
    public async Task Emails_logged_in_HubSpot_are_read_as_email_interactions_in_full_and_incremental_syncs_and_our_own_is_not_read_as_new()
    {
        Fake.AddEngagement("emails", Fake.Now.AddDays(-2), new Dictionary<string, string?>
        {
            ["hs_email_subject"] = "Fleet pricing", ["hs_email_text"] = "Dana, attached is the regional pricing.", ["hs_email_direction"] = "EMAIL",
            ["hubspot_owner_id"] = _ids["daniel"],
        }, _ids["fleet"], _ids["northgate"], [_ids["dana"]]);
        Fake.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync(full: true);

        var fleet = Local("deals", _ids["fleet"]);
        Assert.Equal("Fleet pricing: Dana, attached is the regional pricing.", _db.Text($"SELECT Summary FROM Interactions WHERE Type = 2 AND OpportunityId = {fleet}"));
        Assert.Equal(Local("contacts", _ids["dana"]),
            _db.Scalar($"SELECT ic.ContactId FROM InteractionContacts ic JOIN Interactions i ON i.Id = ic.InteractionId WHERE i.Type = 2"));

        Fake.Advance(TimeSpan.FromMinutes(10));
        Fake.AddEngagement("emails", Fake.Now, new Dictionary<string, string?>
        {
            ["hs_email_subject"] = "Re: Risk dashboard", ["hs_email_text"] = "We can start in January.", ["hs_email_direction"] = "INCOMING_EMAIL",
            ["hubspot_owner_id"] = _ids["sofia"],
        }, _ids["risk"], _ids["kestrel"]);
        var (logged, _, _) = await LogAsync(InteractionType.Email, "Sent Dana the signed order form.");
        Fake.Advance(TimeSpan.FromMinutes(1));
        Fake.ClearRequests();
        var report = await SyncAsync();

        Assert.Contains(Fake.Requests, r => r.Method == "POST" && r.Path == "/crm/v3/objects/emails/search");
        Assert.Equal(1, report.Read["activities"].Created);
        Assert.Equal(Local("deals", _ids["risk"]), _db.Scalar("SELECT OpportunityId FROM Interactions WHERE Summary = 'Re: Risk dashboard: We can start in January.'"));
        Assert.Equal(_db.Scalar("SELECT Id FROM Reps WHERE Email = 'sofia.ruiz@brightwave.example'"),
            _db.Scalar("SELECT RepId FROM Interactions WHERE Summary = 'Re: Risk dashboard: We can start in January.'"));
        Assert.Equal(3, _db.Scalar("SELECT COUNT(*) FROM Interactions WHERE Type = 2"));

        // The e-mail written from chat comes back in the next run as the same interaction, its wording kept.
        Fake.Advance(TimeSpan.FromMinutes(5));
        var again = await SyncAsync();
        Assert.Equal(0, again.Read["activities"].Created);
        Assert.Equal(3, _db.Scalar("SELECT COUNT(*) FROM Interactions WHERE Type = 2"));
        Assert.Equal("Sent Dana the signed order form.", _db.Text($"SELECT Summary FROM Interactions WHERE Id = {logged}"));
    }

    [Fact]
    public async Task An_email_read_without_the_sales_email_read_scope_is_skipped_not_stored_blank()
    {
        Fake.MissingScopes.Add("sales-email-read");
        var email = Fake.AddEngagement("emails", Fake.Now.AddDays(-1), new Dictionary<string, string?>
        {
            ["hs_email_subject"] = "Fleet pricing", ["hs_email_text"] = "Attached.", ["hubspot_owner_id"] = _ids["daniel"],
        }, _ids["fleet"], _ids["northgate"]);
        Fake.Advance(TimeSpan.FromMinutes(1));

        var report = await SyncAsync(full: true);

        Assert.Equal("partial", report.Outcome);
        Assert.Contains(report.Skipped, s => s.Id == email);
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM Interactions WHERE Type = 2"));
    }

    /// <summary>A datetime as HubSpot keeps it: epoch milliseconds as written on create, ISO 8601 once edited.</summary>
    private static DateTimeOffset Instant(string? value) =>
        long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
        : DateTimeOffset.Parse(value!, System.Globalization.CultureInfo.InvariantCulture);

    private async Task<long> RemindAsync(string text, DateTimeOffset dueAt)
    {
        await using var db = _db.NewContext();
        var daniel = await ViewerAsync(db, "daniel.kim@brightwave.example");
        return (await Writes(db).AddReminderAsync(daniel, new ReminderDraft(text, dueAt, "slack", "D123"), default)).Value.Id;
    }

    [Fact]
    public async Task A_reminder_set_in_chat_becomes_the_reps_own_HubSpot_task_moved_when_snoozed_and_deleted_when_cancelled()
    {
        await SyncAsync(full: true);
        var friday = new DateTimeOffset(2026, 12, 4, 14, 0, 0, TimeSpan.Zero); // Friday 9am in New York
        var reminderId = await RemindAsync("Send Acme the proposal", friday);
        var followUps = _db.Scalar("SELECT COUNT(*) FROM FollowUpTasks");
        Fake.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, (await SyncAsync()).WritesSent);

        var task = Assert.Single(Fake.All("tasks"));
        Assert.Equal("Send Acme the proposal", task["hs_task_subject"]);
        Assert.Equal(_ids["daniel"], task["hubspot_owner_id"]);
        Assert.Equal(friday, Instant(task["hs_timestamp"]));
        Assert.Equal("NOT_STARTED", task["hs_task_status"]);
        Assert.Empty(task.Associations); // the reminder names no account or deal AeBot could tell
        Assert.Equal(task.Id, _db.Text($"SELECT CrmId FROM CrmRecords WHERE ObjectType = 'reminders' AND LocalId = {reminderId}"));

        // Read back: the rep's own reminder, not a follow-up of someone's.
        Fake.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, (await SyncAsync()).WritesSent);
        Assert.Equal(followUps, _db.Scalar("SELECT COUNT(*) FROM FollowUpTasks"));

        long snoozeChange;
        await using (var db = _db.NewContext())
        {
            var daniel = await ViewerAsync(db, "daniel.kim@brightwave.example");
            snoozeChange = (await Writes(db).SnoozeReminderAsync(daniel, reminderId, friday.AddDays(3), default))!.ChangeId;
        }
        Fake.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await SyncAsync()).WritesSent);
        Assert.Equal(friday.AddDays(3), Instant(task["hs_timestamp"]));
        Assert.Single(Fake.All("tasks"));

        // Undoing the snooze cancels the reminder (as chat's undo does): its task goes.
        await using (var db = _db.NewContext())
        {
            var daniel = await ViewerAsync(db, "daniel.kim@brightwave.example");
            Assert.Equal(UndoStatus.Undone, (await Writes(db).UndoAsync(daniel, snoozeChange, DateTimeOffset.MinValue, default)).Status);
        }
        Assert.Equal(2, _db.Scalar($"SELECT Status FROM Reminders WHERE Id = {reminderId}")); // Cancelled
        Fake.Advance(TimeSpan.FromMinutes(1));
        Fake.ClearRequests();
        await SyncAsync();
        Assert.NotNull(Fake.Get("tasks", task.Id)!.ArchivedAt);
        Assert.Single(Fake.Requests, r => r.Method == "DELETE" && r.Path == $"/crm/v3/objects/tasks/{task.Id}");
        Fake.Advance(TimeSpan.FromMinutes(5));
        Fake.ClearRequests();
        await SyncAsync();
        Assert.DoesNotContain(Fake.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task With_WriteReminders_off_a_reminder_stays_in_AeBot()
    {
        await SyncAsync(full: true, writeReminders: false);
        await RemindAsync("Send Acme the proposal", new DateTimeOffset(2026, 12, 4, 14, 0, 0, TimeSpan.Zero));
        Fake.Advance(TimeSpan.FromMinutes(1));

        var report = await SyncAsync(writeReminders: false);

        Assert.Equal(0, report.WritesSent);
        Assert.Empty(Fake.All("tasks"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM CrmWriteBacks"));
    }

    private static EfSalesWrites Writes(Data.Storage.AeBotDbContext db) =>
        new(db, new EfWorkData(db, new MemoryCache(new MemoryCacheOptions())), TimeProvider.System);

    private static async Task<Viewer> ViewerAsync(Data.Storage.AeBotDbContext db, string email)
    {
        var rep = await db.Reps.SingleAsync(r => r.Email == email);
        return new Viewer(rep.Id, rep.Name, rep.Role, rep.TimeZoneId, rep.HierarchyPath);
    }

    /// <summary>The engine's clock is HubSpot's (the fake's settable now), as the server's would be the real one.</summary>
    private sealed class FakeNow(FakeHubSpot fake) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => fake.Now;
    }
}
