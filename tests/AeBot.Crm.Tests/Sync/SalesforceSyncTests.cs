using System.Text.Json;
using AeBot.Core.Interactions;
using AeBot.Core.Sales;
using AeBot.Core.Work;
using AeBot.Crm.Salesforce;
using AeBot.Crm.Sources;
using AeBot.Crm.Sync;
using AeBot.Crm.Tests.Salesforce;
using AeBot.Data.Capture;
using AeBot.Data.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AeBot.Crm.Tests.Sync;

/// <summary>
/// The sync end to end: the real Salesforce client against the strict fake org, the real engine, a real SQLite
/// database; figures checked with plain SQL against what the test put in the org.
/// </summary>
public sealed class SalesforceSyncTests : IAsyncLifetime
{
    private SalesforceTestOrg _sf = null!;
    private readonly TestDatabase _db = new();
    private SalesforceClient _client = null!;
    private readonly Dictionary<string, string> _ids = [];

    public async Task InitializeAsync()
    {
        _sf = await SalesforceTestOrg.StartAsync();
        _client = _sf.Client(o => o.ActivityKeyField = "AeBot_Key__c");
        var org = _sf.Org;
        org.AddStage("Prospecting", 1, 10);
        org.AddStage("Negotiation", 2, 80, forecastCategory: "Commit");
        org.AddStage("Closed Won", 3, 100, closed: true, won: true, forecastCategory: "Closed");
        org.AddStage("Closed Lost", 4, 0, closed: true, forecastCategory: "Omitted");
        var maria = _ids["maria"] = org.AddUser("Maria Silva", "maria.silva@acme-sales.example", title: "Sales Director");
        var raj = _ids["raj"] = org.AddUser("Raj Patel", "raj.patel@acme-sales.example", managerId: maria, department: "East");
        var lee = _ids["lee"] = org.AddUser("Lee Wong", "lee.wong@acme-sales.example", managerId: maria, department: "East");
        var acme = _ids["acme"] = org.AddAccount("Acme Corp", raj, industry: "Manufacturing");
        var globex = _ids["globex"] = org.AddAccount("Globex", lee);
        var initech = _ids["initech"] = org.AddAccount("Initech", lee);
        _ids["ann"] = org.AddContact("Ann", "Lee", acme, "ann.lee@acme.example", title: "CFO");
        _ids["platform"] = org.AddOpportunity("Acme Platform", "Negotiation", new DateOnly(2026, 12, 15), 120_000m, raj, acme);
        _ids["renewal"] = org.AddOpportunity("Acme Renewal 2027", "Prospecting", new DateOnly(2027, 1, 20), 30_000m, raj, acme);
        _ids["pilot"] = org.AddOpportunity("Globex Pilot", "Closed Won", new DateOnly(2026, 11, 10), 50_000m, lee, globex);
        _ids["expansion"] = org.AddOpportunity("Initech Expansion", "Prospecting", new DateOnly(2026, 12, 20), 80_000m, lee, initech);
        _ids["questionnaire"] = org.AddTask("Send security questionnaire", raj, _ids["platform"], _ids["ann"], new DateOnly(2026, 12, 5));
        org.AddEvent("Globex kickoff", new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero), 60, lee, _ids["pilot"]);
    }

    public async Task DisposeAsync()
    {
        await _sf.DisposeAsync();
        _db.Dispose();
    }

    private static CrmOptions Options() => new() { Provider = "Salesforce", Currency = "USD" };

    private async Task<CrmSyncReport> SyncAsync(bool full = false, ICrmSource? source = null)
    {
        await using var db = _db.NewContext();
        var client = source ?? _client;
        var sync = new CrmSync(db, new ChatChangeFeed(db), client, (ICrmWriter)client, Microsoft.Extensions.Options.Options.Create(Options()), _sf.Fake.Clock, NullLogger<CrmSync>.Instance);
        return await sync.RunAsync(full, null, CancellationToken.None);
    }

    private long Local(string table, string crmId) =>
        _db.Scalar($"SELECT LocalId FROM CrmRecords WHERE Provider = 'Salesforce' AND ObjectType = '{table}' AND CrmId = '{crmId}'");

    private decimal OpenAmount(string email) => _db.Money(
        $"SELECT SUM(o.Amount) FROM Opportunities o JOIN Reps r ON r.Id = o.OwnerId WHERE r.Email = '{email}' AND o.StageCategory = 0");

    [Fact]
    public async Task A_full_sync_brings_people_with_their_managers_deals_with_their_stages_and_activities()
    {
        var report = await SyncAsync(full: true);

        Assert.Equal("ok", report.Outcome);
        Assert.Equal(4, report.Read["deals"].Created);
        // Reporting lines from ManagerId: Raj's and Lee's paths run through Maria's, who is now a manager.
        var mariaPath = _db.Text("SELECT HierarchyPath FROM Reps WHERE Email = 'maria.silva@acme-sales.example'")!;
        Assert.StartsWith(mariaPath, _db.Text("SELECT HierarchyPath FROM Reps WHERE Email = 'raj.patel@acme-sales.example'"));
        Assert.StartsWith(mariaPath, _db.Text("SELECT HierarchyPath FROM Reps WHERE Email = 'lee.wong@acme-sales.example'"));
        Assert.Equal(1, _db.Scalar("SELECT Role FROM Reps WHERE Email = 'maria.silva@acme-sales.example'")); // Manager
        Assert.Equal("East", _db.Text("SELECT t.Name FROM Teams t JOIN Reps r ON r.TeamId = t.Id WHERE r.Email = 'raj.patel@acme-sales.example'"));
        // Figures, from what was put in the org: Raj's open deals are 120,000 + 30,000; Lee's won deal 50,000.
        Assert.Equal(150_000m, OpenAmount("raj.patel@acme-sales.example"));
        Assert.Equal(50_000m, _db.Money("SELECT SUM(Amount) FROM Opportunities WHERE StageCategory = 1"));
        Assert.Equal(2, _db.Scalar($"SELECT ForecastCategory FROM Opportunities WHERE Id = {Local("deals", _ids["platform"])}")); // Commit
        Assert.Equal(8000, _db.Scalar($"SELECT Probability FROM Opportunities WHERE Id = {Local("deals", _ids["platform"])}") / 100); // 80 %, stored ×10,000
        Assert.Equal(_db.Scalar("SELECT Id FROM Accounts WHERE Name = 'Acme Corp'"), _db.Scalar($"SELECT AccountId FROM Opportunities WHERE Id = {Local("deals", _ids["platform"])}"));
        // The event is a meeting on the Globex deal; the open task a follow-up of Raj's on the platform deal.
        Assert.Equal(1, _db.Scalar($"SELECT COUNT(*) FROM Interactions WHERE Type = 1 AND OpportunityId = {Local("deals", _ids["pilot"])}"));
        Assert.Equal(1, _db.Scalar($"SELECT COUNT(*) FROM FollowUpTasks t JOIN Reps r ON r.Id = t.RepId WHERE r.Email = 'raj.patel@acme-sales.example' AND t.Status = 0 AND t.OpportunityId = {Local("deals", _ids["platform"])}"));
    }

    [Fact]
    public async Task An_incremental_sync_applies_exactly_the_edits_deletions_and_new_records_made_since()
    {
        await SyncAsync(full: true);
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(10));
        _sf.Org.Update(_ids["renewal"], "Amount", 35_000m);
        _sf.Org.Delete(_ids["expansion"]);
        _sf.Org.AddOpportunity("Acme Add-on", "Prospecting", new DateOnly(2027, 2, 1), 20_000m, _ids["raj"], _ids["acme"]);
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));

        var report = await SyncAsync();

        Assert.Equal("ok", report.Outcome);
        Assert.False(report.Full);
        var deals = report.Read["deals"];
        Assert.Equal((1, 1, 1), (deals.Created, deals.Updated, deals.Deleted));
        Assert.Equal(0, report.Read["companies"].Changed);
        Assert.Equal(120_000m + 35_000m + 20_000m, OpenAmount("raj.patel@acme-sales.example"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM Opportunities WHERE Name = 'Initech Expansion'"));
        Assert.Equal(4, _db.Scalar("SELECT COUNT(*) FROM Opportunities"));

        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await SyncAsync();
        Assert.Equal(0, again.Read.Values.Sum(c => c.Changed)); // the overlap reads some records again: nothing changes
    }

    [Fact]
    public async Task A_call_logged_in_chat_reaches_the_CRM_once_with_its_associations_and_comes_back_as_the_same_interaction()
    {
        await SyncAsync(full: true);
        var platform = Local("deals", _ids["platform"]);
        await using (var db = _db.NewContext())
        {
            var writes = Writes(db);
            var raj = await ViewerAsync(db, "raj.patel@acme-sales.example");
            var acme = await db.Accounts.Where(a => a.Name == "Acme Corp").Select(a => a.Id).SingleAsync();
            var logged = await writes.LogInteractionAsync(raj, new InteractionDraft(InteractionType.Call, acme, platform, ["Ann Lee"],
                "Walked Ann through pricing; she wants a three-year term.", [], "Send the revised proposal", new DateOnly(2026, 12, 4), _sf.Fake.Clock.Now), default);
            Assert.NotNull(logged);
        }
        var tasksBefore = _sf.Org.Ids("Task").Count;

        var report = await SyncAsync();

        Assert.Equal(1, report.WritesSent);
        var created = _sf.Org.Ids("Task").Except(Seeded()).ToList();
        Assert.Equal(2, created.Count); // the call and its follow-up
        Assert.Equal(tasksBefore + 2, _sf.Org.Ids("Task").Count);
        var call = created.Single(id => (string?)_sf.Org.Get(id, "TaskSubtype") == "Call");
        Assert.Equal(_ids["platform"], _sf.Org.Get(call, "WhatId"));
        Assert.Equal(_ids["ann"], _sf.Org.Get(call, "WhoId"));
        Assert.Equal(_ids["raj"], _sf.Org.Get(call, "OwnerId"));
        Assert.Contains("three-year term", (string?)_sf.Org.Get(call, "Description"));
        var followUp = created.Single(id => id != call);
        Assert.Equal("Send the revised proposal", _sf.Org.Get(followUp, "Subject"));

        // Read back by the next runs: the same interaction and follow-up, nothing new anywhere.
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(5));
        var interactions = _db.Scalar("SELECT COUNT(*) FROM Interactions");
        var tasks = _db.Scalar("SELECT COUNT(*) FROM FollowUpTasks");
        var next = await SyncAsync();
        Assert.Equal(0, next.WritesSent);
        Assert.Equal(interactions, _db.Scalar("SELECT COUNT(*) FROM Interactions"));
        Assert.Equal(tasks, _db.Scalar("SELECT COUNT(*) FROM FollowUpTasks"));
        Assert.Equal(tasksBefore + 2, _sf.Org.Ids("Task").Count);
    }

    [Fact]
    public async Task A_crash_between_the_CRMs_answer_and_the_bookkeeping_sends_nothing_twice()
    {
        await SyncAsync(full: true);
        var platform = Local("deals", _ids["platform"]);
        await using (var db = _db.NewContext())
        {
            var raj = await ViewerAsync(db, "raj.patel@acme-sales.example");
            var acme = await db.Accounts.Where(a => a.Name == "Acme Corp").Select(a => a.Id).SingleAsync();
            await Writes(db).LogInteractionAsync(raj, new InteractionDraft(InteractionType.Call, acme, platform, [], "Budget confirmed for Q1.", [], null, null, _sf.Fake.Clock.Now), default);
        }
        await SyncAsync();
        var tasks = _sf.Org.Ids("Task").Count;

        // What a process killed after Salesforce created the task, before AeBot recorded it, leaves behind: the
        // attempt counted, the step not done, no link.
        await using (var db = _db.NewContext())
        {
            var row = await db.CrmWriteBacks.SingleAsync();
            row.State = "pending";
            row.Attempts = 1;
            row.Payload = JsonSerializer.Serialize(new { interactionId = JsonDocument.Parse(row.Payload).RootElement.GetProperty("interactionId").GetInt64(), taskIds = Array.Empty<long>() });
            db.CrmRecords.RemoveRange(db.CrmRecords.Where(r => r.ObjectType == "activities" && r.LocalId == JsonDocument.Parse(row.Payload).RootElement.GetProperty("interactionId").GetInt64()));
            await db.SaveChangesAsync();
        }

        var report = await SyncAsync();

        Assert.Equal(1, report.WritesSent);
        Assert.Equal(tasks, _sf.Org.Ids("Task").Count); // found by its key, not created again
        Assert.Equal("sent", _db.Text("SELECT State FROM CrmWriteBacks"));
    }

    [Fact]
    public async Task A_close_date_changed_in_the_CRM_since_the_rep_asked_is_not_overwritten_the_rep_is_asked()
    {
        await SyncAsync(full: true);
        var platform = Local("deals", _ids["platform"]);
        long repId;
        await using (var db = _db.NewContext())
        {
            var raj = await ViewerAsync(db, "raj.patel@acme-sales.example");
            repId = raj.RepId;
            await Writes(db).UpdateDealAsync(raj, new DealChange(platform, CloseDate: new DateOnly(2027, 1, 15)), default);
        }
        // Meanwhile someone moves it in Salesforce.
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        _sf.Org.Update(_ids["platform"], "CloseDate", new DateOnly(2027, 1, 20));
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));

        var report = await SyncAsync();

        Assert.Equal(1, report.WritesConflicted);
        Assert.Equal(new DateOnly(2027, 1, 20), _sf.Org.Get(_ids["platform"], "CloseDate")); // not overwritten
        Assert.Equal("2027-01-20", _db.Text($"SELECT CloseDate FROM Opportunities WHERE Id = {platform}")); // the CRM's value is read in
        var question = _db.Text("SELECT Summary FROM Outbox WHERE Reason = 'crm-conflict'")!;
        Assert.Equal("Acme Corp's close date changed in Salesforce to Jan 20, 2027 since you asked (Acme Platform); keep Jan 20, 2027 or set Jan 15, 2027?", question);
        var body = _db.Text("SELECT Body FROM Outbox WHERE Reason = 'crm-conflict'")!;
        var rowId = _db.Scalar("SELECT Id FROM CrmWriteBacks WHERE State = 'conflict'");
        Assert.Contains($"act:crm.keep:{rowId}", body);
        Assert.Contains($"act:crm.set:{rowId}", body);

        // The rep sets theirs: the next run writes it.
        await using (var db = _db.NewContext())
            Assert.NotNull(await new CrmConflicts(db, Microsoft.Extensions.Options.Options.Create(Options()), _sf.Fake.Clock).ResolveAsync(repId, rowId, setMine: true, default));
        await using (var db = _db.NewContext())
            Assert.Null(await new CrmConflicts(db, Microsoft.Extensions.Options.Options.Create(Options()), _sf.Fake.Clock).ResolveAsync(repId, rowId, setMine: false, default)); // answered once
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = await SyncAsync();
        Assert.Equal(1, after.WritesSent);
        Assert.Equal(new DateOnly(2027, 1, 15), _sf.Org.Get(_ids["platform"], "CloseDate"));
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync();
        Assert.Equal("2027-01-15", _db.Text($"SELECT CloseDate FROM Opportunities WHERE Id = {platform}"));
    }

    [Fact]
    public async Task A_deal_change_the_CRM_did_not_touch_is_written_and_not_read_back_as_a_change()
    {
        await SyncAsync(full: true);
        var platform = Local("deals", _ids["platform"]);
        await using (var db = _db.NewContext())
        {
            var raj = await ViewerAsync(db, "raj.patel@acme-sales.example");
            await Writes(db).UpdateDealAsync(raj, new DealChange(platform, Amount: 130_000m, NextStep: "Legal review"), default);
        }
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));

        var report = await SyncAsync();

        Assert.Equal(1, report.WritesSent);
        Assert.Equal(130_000m, Convert.ToDecimal(_sf.Org.Get(_ids["platform"], "Amount")));
        Assert.Equal("Legal review", _sf.Org.Get(_ids["platform"], "NextStep"));
        Assert.Equal(0, report.Read["deals"].Updated); // read back: what AeBot wrote, already here
    }

    [Fact]
    public async Task A_change_undone_in_chat_is_dropped_before_it_goes_out_and_taken_back_after()
    {
        await SyncAsync(full: true);
        var platform = Local("deals", _ids["platform"]);
        long first;
        await using (var db = _db.NewContext())
        {
            var raj = await ViewerAsync(db, "raj.patel@acme-sales.example");
            first = (await Writes(db).UpdateDealAsync(raj, new DealChange(platform, Amount: 99_000m), default))!.ChangeId;
            Assert.Equal(UndoStatus.Undone, (await Writes(db).UndoAsync(raj, first, DateTimeOffset.MinValue, default)).Status);
        }
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        var dropped = await SyncAsync();
        Assert.Equal(0, dropped.WritesSent);
        Assert.Equal(120_000m, Convert.ToDecimal(_sf.Org.Get(_ids["platform"], "Amount")));

        long second;
        await using (var db = _db.NewContext())
        {
            var raj = await ViewerAsync(db, "raj.patel@acme-sales.example");
            second = (await Writes(db).UpdateDealAsync(raj, new DealChange(platform, Amount: 130_000m), default))!.ChangeId;
        }
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await SyncAsync()).WritesSent);
        Assert.Equal(130_000m, Convert.ToDecimal(_sf.Org.Get(_ids["platform"], "Amount")));
        await using (var db = _db.NewContext())
        {
            var raj = await ViewerAsync(db, "raj.patel@acme-sales.example");
            Assert.Equal(UndoStatus.Undone, (await Writes(db).UndoAsync(raj, second, DateTimeOffset.MinValue, default)).Status);
        }
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));

        var reversed = await SyncAsync();

        Assert.Equal(1, reversed.WritesSent);
        Assert.Equal(120_000m, Convert.ToDecimal(_sf.Org.Get(_ids["platform"], "Amount")));
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync();
        Assert.Equal(120_000m, _db.Money($"SELECT Amount FROM Opportunities WHERE Id = {platform}")); // and the undo is not reversed by the next read
    }

    [Fact]
    public async Task A_next_step_changed_in_the_CRM_after_the_rep_changed_it_in_chat_is_the_later_writer_and_stands()
    {
        await SyncAsync(full: true);
        var platform = Local("deals", _ids["platform"]);
        await using (var db = _db.NewContext())
        {
            var raj = await ViewerAsync(db, "raj.patel@acme-sales.example");
            await Writes(db).UpdateDealAsync(raj, new DealChange(platform, NextStep: "Send the MSA"), default);
        }
        // Then someone sets another next step in Salesforce. The first sync cannot send the rep's (reading the deal
        // answers 503) but reads the CRM's: a change later than the rep's.
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        _sf.Org.Update(_ids["platform"], "NextStep", "Security review booked");
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        _sf.Fake.FailNext(503, "SERVER_UNAVAILABLE", "Server is temporarily unavailable, please try again later.", times: 1,
            when: r => r.Method == "GET" && r.Path.Contains("/sobjects/Opportunity/006", StringComparison.Ordinal));
        var first = await SyncAsync();
        Assert.True(first.Outcome == "ok", string.Join("; ", first.Skipped.Select(k => k.Reason)) + first.Error);
        Assert.True(first.WritesWaiting == 1, $"sent {first.WritesSent} conflicted {first.WritesConflicted} dropped {first.WritesDropped} failed {first.WritesFailed}; "
            + string.Join(" | ", _sf.Fake.Requests.Where(r => r.Path.Contains("sobjects")).Select(r => $"{r.Method} {r.Path} {r.Status}")));
        await using (var db = _db.NewContext())
            await db.CrmWriteBacks.ExecuteUpdateAsync(s => s.SetProperty(w => w.NextAttemptAt, (DateTimeOffset?)null));
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));

        var second = await SyncAsync();

        Assert.True(second.WritesDropped == 1, $"sent {second.WritesSent} conflicted {second.WritesConflicted} waiting {second.WritesWaiting} failed {second.WritesFailed} {_db.Text("SELECT State || ' ' || Payload FROM CrmWriteBacks")}"); // nothing left to write: the CRM's later value stands
        Assert.Equal("Security review booked", _sf.Org.Get(_ids["platform"], "NextStep"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM Outbox WHERE Reason = 'crm-conflict'"));
    }

    [Fact]
    public async Task A_refused_key_stops_the_run_keeps_the_data_and_answers_say_as_of_the_last_good_sync()
    {
        await SyncAsync(full: true);
        var finished = _sf.Fake.Clock.Now;
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(10));
        using var otherKey = System.Security.Cryptography.RSA.Create(2048);
        var wrongKeyPath = SalesforceTestOrg.WritePem(otherKey);
        try
        {
            var refused = _sf.Client(o => o.PrivateKeyPath = wrongKeyPath);
            var report = await SyncAsync(source: refused);

            Assert.Equal("auth", report.Outcome);
            Assert.Equal("auth", _db.Text("SELECT Outcome FROM CrmSyncRuns ORDER BY Id DESC LIMIT 1"));
            Assert.Equal(4, _db.Scalar("SELECT COUNT(*) FROM Opportunities")); // nothing lost
            await using var db = _db.NewContext();
            var stale = await new CrmFreshness(db, new MemoryCache(new MemoryCacheOptions()), Microsoft.Extensions.Options.Options.Create(Options()), _sf.Fake.Clock).StaleAsync(default);
            Assert.NotNull(stale);
            Assert.Equal("Salesforce refused AeBot's credentials", stale.Problem);
            Assert.InRange(stale.LastSuccess!.Value, finished.AddSeconds(-1), finished.AddSeconds(1));
        }
        finally
        {
            File.Delete(wrongKeyPath);
        }
    }

    [Fact]
    public async Task Only_one_run_at_a_time_holds_the_lease()
    {
        await SyncAsync(full: true);
        await using (var db = _db.NewContext())
            await db.CrmCursors.Where(c => c.ObjectType == "lease").ExecuteUpdateAsync(s => s.SetProperty(c => c.Since, _sf.Fake.Clock.Now).SetProperty(c => c.Position, 42L));

        var busy = await SyncAsync();

        Assert.Equal("busy", busy.Outcome);
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(31)); // a lease not renewed for that long is a dead run's
        Assert.Equal("ok", (await SyncAsync()).Outcome);
    }

    private async Task<(long InteractionId, long? FollowUpId, long ChangeId)> LogAsync(InteractionType type, string summary, string? nextStep = null)
    {
        await using var db = _db.NewContext();
        var raj = await ViewerAsync(db, "raj.patel@acme-sales.example");
        var acme = await db.Accounts.Where(a => a.Name == "Acme Corp").Select(a => a.Id).SingleAsync();
        var logged = await Writes(db).LogInteractionAsync(raj, new InteractionDraft(type, acme, Local("deals", _ids["platform"]), ["Ann Lee"],
            summary, [], nextStep, nextStep is null ? null : new DateOnly(2026, 12, 4), _sf.Fake.Clock.Now), default);
        return (logged!.Value.InteractionId, logged.Value.FollowUpId, logged.ChangeId);
    }

    private string CrmIdOf(string table, long localId) =>
        _db.Text($"SELECT CrmId FROM CrmRecords WHERE Provider = 'Salesforce' AND ObjectType = '{table}' AND LocalId = {localId}")!;

    [Fact]
    public async Task A_follow_up_snoozed_then_marked_done_in_chat_moves_and_completes_its_Salesforce_task()
    {
        await SyncAsync(full: true);
        var (_, followUpId, _) = await LogAsync(InteractionType.Call, "Walked Ann through pricing.", "Send the revised proposal");
        await SyncAsync();
        var task = CrmIdOf("tasks", followUpId!.Value);
        Assert.Equal("Not Started", _sf.Org.Get(task, "Status"));

        await using (var db = _db.NewContext())
        {
            var raj = await ViewerAsync(db, "raj.patel@acme-sales.example");
            Assert.NotNull(await Writes(db).SnoozeFollowUpAsync(raj, followUpId.Value, new DateTimeOffset(2026, 12, 10, 12, 0, 0, TimeSpan.Zero), default));
        }
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await SyncAsync()).WritesSent);
        Assert.Equal(new DateOnly(2026, 12, 10), _sf.Org.Get(task, "ActivityDate"));
        Assert.Equal("Not Started", _sf.Org.Get(task, "Status"));

        await using (var db = _db.NewContext())
        {
            var raj = await ViewerAsync(db, "raj.patel@acme-sales.example");
            Assert.NotNull(await Writes(db).CompleteFollowUpAsync(raj, followUpId.Value, default));
        }
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await SyncAsync()).WritesSent);
        Assert.Equal("Completed", _sf.Org.Get(task, "Status"));

        // Read back: still done in AeBot, and nothing is sent again.
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, (await SyncAsync()).WritesSent);
        Assert.Equal(1, _db.Scalar($"SELECT Status FROM FollowUpTasks WHERE Id = {followUpId}")); // Done
    }

    [Fact]
    public async Task An_email_logged_in_chat_is_a_Task_of_subtype_Email_its_edit_updates_it_and_its_undo_deletes_it()
    {
        await SyncAsync(full: true);
        var (interactionId, _, logChange) = await LogAsync(InteractionType.Email, "Sent Ann the security questionnaire.");
        await SyncAsync();
        var email = CrmIdOf("activities", interactionId);
        Assert.Equal("Email", _sf.Org.Get(email, "TaskSubtype"));
        Assert.Equal("Completed", _sf.Org.Get(email, "Status"));

        long editChange;
        await using (var db = _db.NewContext())
        {
            var raj = await ViewerAsync(db, "raj.patel@acme-sales.example");
            editChange = (await Writes(db).EditInteractionAsync(raj, interactionId, new InteractionEdit(Summary: "Sent Ann the security questionnaire and the DPA."), default))!.ChangeId;
        }
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await SyncAsync()).WritesSent);
        Assert.Contains("and the DPA", (string?)_sf.Org.Get(email, "Description"));

        await using (var db = _db.NewContext())
        {
            var raj = await ViewerAsync(db, "raj.patel@acme-sales.example");
            Assert.Equal(UndoStatus.Undone, (await Writes(db).UndoAsync(raj, editChange, DateTimeOffset.MinValue, default)).Status);
            Assert.Equal(UndoStatus.Undone, (await Writes(db).UndoAsync(raj, logChange, DateTimeOffset.MinValue, default)).Status);
        }
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        var undone = await SyncAsync();

        Assert.False(_sf.Org.Exists(email));
        Assert.Contains(_sf.Fake.Requests, r => r.Method == "DELETE" && r.Path.EndsWith("/sobjects/Task/" + email, StringComparison.Ordinal));
        Assert.Equal(0, undone.Read["activities"].Created); // nothing of it comes back
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, (await SyncAsync()).WritesSent);
        Assert.Equal(1, _sf.Fake.Requests.Count(r => r.Method == "DELETE"));
    }

    [Fact]
    public async Task A_call_moved_to_another_opportunity_in_chat_has_its_WhatId_set_to_that_opportunity()
    {
        await SyncAsync(full: true);
        var (interactionId, _, _) = await LogAsync(InteractionType.Call, "Ann asked to fold the pilot into the renewal.");
        await SyncAsync();
        var call = CrmIdOf("activities", interactionId);
        Assert.Equal(_ids["platform"], _sf.Org.Get(call, "WhatId"));

        await using (var db = _db.NewContext())
        {
            var raj = await ViewerAsync(db, "raj.patel@acme-sales.example");
            Assert.NotNull(await Writes(db).EditInteractionAsync(raj, interactionId, new InteractionEdit(OpportunityId: Local("deals", _ids["renewal"])), default));
        }
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await SyncAsync()).WritesSent);

        Assert.Equal(_ids["renewal"], _sf.Org.Get(call, "WhatId"));
        Assert.Equal(_ids["ann"], _sf.Org.Get(call, "WhoId"));
        Assert.Equal(_ids["acme"], _sf.Org.Get(call, "AccountId"));
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(5));
        var patches = _sf.Fake.Requests.Count(r => r.Method == "PATCH" && r.Path.EndsWith("/sobjects/Task/" + call, StringComparison.Ordinal));
        Assert.Equal(0, (await SyncAsync()).WritesSent);
        Assert.Equal(patches, _sf.Fake.Requests.Count(r => r.Method == "PATCH" && r.Path.EndsWith("/sobjects/Task/" + call, StringComparison.Ordinal)));
        Assert.Equal(Local("deals", _ids["renewal"]), _db.Scalar($"SELECT OpportunityId FROM Interactions WHERE Id = {interactionId}"));
    }

    [Fact]
    public async Task Email_Tasks_logged_in_Salesforce_are_read_as_email_interactions_in_full_and_incremental_syncs()
    {
        _sf.Org.AddTask("Email: security questionnaire", _ids["raj"], _ids["platform"], _ids["ann"], new DateOnly(2026, 11, 30), "Completed", "Email",
            "Ann, the questionnaire is attached.");
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync(full: true);

        var platform = Local("deals", _ids["platform"]);
        Assert.Equal(1, _db.Scalar($"SELECT COUNT(*) FROM Interactions WHERE Type = 2 AND OpportunityId = {platform}"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM FollowUpTasks WHERE Title LIKE 'Email:%'"));

        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(10));
        _sf.Org.AddTask("Email: renewal terms", _ids["raj"], _ids["renewal"], _ids["ann"], new DateOnly(2026, 12, 2), "Completed", "Email", "Terms attached.");
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        var report = await SyncAsync();

        Assert.Equal(1, report.Read["activities"].Created);
        Assert.Equal(Local("deals", _ids["renewal"]), _db.Scalar("SELECT OpportunityId FROM Interactions WHERE Type = 2 AND Summary LIKE 'Email: renewal terms%'"));
        Assert.Equal(Local("contacts", _ids["ann"]),
            _db.Scalar("SELECT ic.ContactId FROM InteractionContacts ic JOIN Interactions i ON i.Id = ic.InteractionId WHERE i.Summary LIKE 'Email: renewal terms%'"));
    }

    [Fact]
    public async Task A_reminder_set_in_chat_becomes_a_Task_owned_by_the_rep_and_is_deleted_when_cancelled()
    {
        await SyncAsync(full: true);
        long changeId;
        await using (var db = _db.NewContext())
        {
            var raj = await ViewerAsync(db, "raj.patel@acme-sales.example");
            changeId = (await Writes(db).AddReminderAsync(raj, new ReminderDraft("Send Acme the proposal", new DateTimeOffset(2026, 12, 4, 17, 0, 0, TimeSpan.Zero),
                "teams", "19:abc"), default)).ChangeId;
        }
        var followUps = _db.Scalar("SELECT COUNT(*) FROM FollowUpTasks");
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await SyncAsync()).WritesSent);

        var task = Assert.Single(_sf.Org.Ids("Task").Except(Seeded()));
        Assert.Equal("Send Acme the proposal", _sf.Org.Get(task, "Subject"));
        Assert.Equal(_ids["raj"], _sf.Org.Get(task, "OwnerId"));
        Assert.Null(_sf.Org.Get(task, "WhatId"));
        Assert.Equal("Not Started", _sf.Org.Get(task, "Status"));
        Assert.Equal(new DateOnly(2026, 12, 4), _sf.Org.Get(task, "ActivityDate")); // 9am in Raj's Los Angeles
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(5));
        await SyncAsync();
        Assert.Equal(followUps, _db.Scalar("SELECT COUNT(*) FROM FollowUpTasks")); // not read back as a follow-up

        await using (var db = _db.NewContext())
        {
            var raj = await ViewerAsync(db, "raj.patel@acme-sales.example");
            Assert.Equal(UndoStatus.Undone, (await Writes(db).UndoAsync(raj, changeId, DateTimeOffset.MinValue, default)).Status);
        }
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync();
        Assert.False(_sf.Org.Exists(task));
    }

    [Fact]
    public async Task An_opportunity_whose_line_items_were_all_deleted_loses_its_product_in_an_incremental_run()
    {
        var suite = _sf.Org.AddProduct("Platform Suite", 120_000m);
        var deal = _sf.Org.AddOpportunity("Acme Platform Suite", "Negotiation", new DateOnly(2027, 2, 1), 120_000m, _ids["raj"], _ids["acme"], productId: suite);
        var lineItem = Assert.Single(_sf.Org.Ids("OpportunityLineItem"), id => (string?)_sf.Org.Get(id, "OpportunityId") == deal);
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        await SyncAsync(full: true);
        Assert.Equal("Platform Suite", _db.Text($"SELECT p.Name FROM Opportunities o JOIN Products p ON p.Id = o.ProductId WHERE o.Id = {Local("deals", deal)}"));

        // Salesforce does not document that deleting a line item moves its opportunity's SystemModstamp: the fake's does not move.
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(10));
        var stamp = _sf.Org.Get(deal, "SystemModstamp");
        _sf.Org.Delete(lineItem);
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        var report = await SyncAsync();

        Assert.Equal("ok", report.Outcome);
        Assert.Equal(stamp, _sf.Org.Get(deal, "SystemModstamp"));
        Assert.Equal(0, _db.Scalar($"SELECT COUNT(*) FROM Opportunities WHERE Id = {Local("deals", deal)} AND ProductId IS NOT NULL"));
        Assert.Contains(_sf.Fake.Requests, r => r.Path.EndsWith("/sobjects/OpportunityLineItem/deleted/", StringComparison.Ordinal));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM Products WHERE Name = 'Platform Suite'"));
    }

    [Fact]
    public async Task A_full_sync_removes_what_Salesforce_deleted_beyond_getDeleted_confirmed_by_Id_IN_queries_within_the_URI_limit()
    {
        var extra = Enumerable.Range(0, 150).Select(i => _sf.Org.AddAccount($"Prospect {i:D3}", _ids["lee"])).ToList();
        await SyncAsync(full: true);
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        _sf.Org.Delete(_ids["expansion"]);
        _sf.Org.Delete(_ids["questionnaire"]);
        foreach (var id in extra)
            _sf.Org.Delete(id);
        _sf.Fake.Clock.Advance(TimeSpan.FromDays(20)); // the full run reads deletions two weeks back: these are older

        var report = await SyncAsync(full: true);

        Assert.Equal("ok", report.Outcome);
        Assert.Equal((0, 1), (report.Read["deals"].Deleted, report.Read["deals"].Swept));
        Assert.Equal(1, report.Read["activities"].Swept);
        Assert.Equal(150, report.Read["companies"].Swept);
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM Opportunities WHERE Name = 'Initech Expansion'"));
        Assert.Equal(3, _db.Scalar("SELECT COUNT(*) FROM Accounts"));
        var confirms = _sf.Fake.Requests.Where(r => r.Path.EndsWith("/queryAll", StringComparison.Ordinal)).ToList();
        Assert.True(confirms.Count(r => r.Soql!.Contains("FROM Account", StringComparison.Ordinal)) >= 2); // batched
        Assert.All(confirms, r => Assert.True((r.Path + r.QueryString).Length <= SalesforceClient.MaxQueryUriLength, $"{(r.Path + r.QueryString).Length} characters"));
        Assert.All(confirms, r => Assert.Equal(200, r.Status));

        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.All((await SyncAsync(full: true)).Read.Values, c => Assert.Equal(0, c.Swept));
    }

    [Fact]
    public async Task A_full_Salesforce_sync_that_fails_part_way_sweeps_nothing()
    {
        await SyncAsync(full: true);
        _sf.Fake.Clock.Advance(TimeSpan.FromMinutes(1));
        _sf.Org.Delete(_ids["expansion"]);
        _sf.Fake.Clock.Advance(TimeSpan.FromDays(20));
        _sf.Fake.FailNext(400, "MALFORMED_QUERY", "scripted", times: 1, when: r => r.Soql?.Contains("FROM Event", StringComparison.Ordinal) == true);

        var report = await SyncAsync(full: true);

        Assert.NotEqual("ok", report.Outcome);
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM Opportunities WHERE Name = 'Initech Expansion'"));
        Assert.DoesNotContain(_sf.Fake.Requests, r => r.Path.EndsWith("/queryAll", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_Salesforce_users_sharing_an_email_stay_two_people_and_neither_takes_over_the_rep_with_that_email()
    {
        await using (var db = _db.NewContext())
        {
            db.Reps.Add(new Core.Organization.Rep { Name = "Sales Desk", Email = "sales@acme-sales.example", TimeZoneId = "UTC", CreatedAt = _sf.Fake.Clock.Now, HierarchyPath = "/" });
            await db.SaveChangesAsync();
        }
        var ana = _sf.Org.AddUser("Ana Costa", "sales@acme-sales.example");
        var ben = _sf.Org.AddUser("Ben Okafor", "sales@acme-sales.example");

        var report = await SyncAsync(full: true);

        Assert.Equal([ana, ben], report.SharedEmails.Order(StringComparer.Ordinal));
        var anaRep = Local("users", ana);
        var benRep = Local("users", ben);
        Assert.NotEqual(anaRep, benRep);
        var desk = _db.Scalar("SELECT Id FROM Reps WHERE Name = 'Sales Desk'");
        Assert.DoesNotContain(desk, new[] { anaRep, benRep });
        Assert.Equal("Ana Costa", _db.Text($"SELECT Name FROM Reps WHERE Id = {anaRep}"));
        Assert.Equal("Ben Okafor", _db.Text($"SELECT Name FROM Reps WHERE Id = {benRep}"));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM Reps WHERE Email = 'sales@acme-sales.example'")); // still the desk's alone
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM Reps WHERE Email = 'raj.patel@acme-sales.example'")); // a unique e-mail still matches
    }

    private HashSet<string> Seeded() => [.. _ids.Values];

    /// <summary>Chat changes stamped on the same clock as the org's records (the order of changes is compared).</summary>
    private EfSalesWrites Writes(Data.Storage.AeBotDbContext db) =>
        new(db, new EfWorkData(db, new MemoryCache(new MemoryCacheOptions())), _sf.Fake.Clock);

    private static async Task<Viewer> ViewerAsync(Data.Storage.AeBotDbContext db, string email)
    {
        var rep = await db.Reps.SingleAsync(r => r.Email == email);
        return new Viewer(rep.Id, rep.Name, rep.Role, rep.TimeZoneId, rep.HierarchyPath);
    }
}
