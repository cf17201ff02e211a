using System.Security.Cryptography;
using AeBot.Crm.Salesforce;
using AeBot.Crm.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace AeBot.Crm.Tests.Salesforce;

public sealed class SalesforceClientTests : IAsyncLifetime
{
    private SalesforceTestOrg _org = null!;

    public async Task InitializeAsync() => _org = await SalesforceTestOrg.StartAsync();

    public async Task DisposeAsync() => await _org.DisposeAsync();

    private CrmWindow Full => new(null, _org.Fake.Clock.Now.AddMinutes(1));

    private static async Task<List<T>> AllAsync<T>(IAsyncEnumerable<CrmPage<T>> pages)
    {
        var all = new List<T>();
        await foreach (var page in pages)
            all.AddRange(page.Records);
        return all;
    }

    [Fact]
    public async Task Logs_in_with_the_jwt_bearer_flow_and_uses_the_instance_url_from_the_token_answer()
    {
        _org.Org.AddStage("Prospecting", 1, 10);
        var client = _org.Client();

        var stages = await client.ReadStagesAsync(default);

        Assert.Single(stages);
        var requests = _org.Fake.Requests;
        Assert.Equal(("POST", "/services/oauth2/token"), (requests[0].Method, requests[0].Path));
        Assert.StartsWith("/services/data/v62.0/query", requests[1].Path, StringComparison.Ordinal);
        Assert.Equal("Salesforce", client.Provider);
    }

    [Fact]
    public async Task Full_read_pages_through_queryMore_with_one_request_per_2000_records()
    {
        for (var i = 0; i < 4500; i++)
            _org.Org.AddAccount($"Account {i:0000}", industry: "Software");
        var client = _org.Client();

        var pages = new List<CrmPage<CrmCompany>>();
        await foreach (var page in client.ReadCompaniesAsync(Full, default))
            pages.Add(page);

        Assert.Equal([2000, 2000, 500], pages.Select(p => p.Records.Count));
        Assert.Equal(4500, pages.SelectMany(p => p.Records).Select(c => c.Id).Distinct().Count());
        Assert.Equal(3, _org.Fake.Requests.Count(r => r.Path.StartsWith("/services/data/", StringComparison.Ordinal)));
        Assert.Equal(4, client.Usage.Requests); // and the login
    }

    [Fact]
    public async Task Incremental_read_returns_exactly_the_records_changed_within_the_window()
    {
        var a = _org.Org.AddAccount("Alpha");
        var b = _org.Org.AddAccount("Beta");
        _org.Org.AddAccount("Gamma");
        var since = _org.Fake.Clock.Now.AddMinutes(5);
        _org.Fake.Clock.Advance(TimeSpan.FromMinutes(10));
        _org.Org.Update(a, "Industry", "Banking");
        _org.Org.Update(b, "Website", "https://beta.example");
        var until = _org.Fake.Clock.Now.AddMinutes(1);
        _org.Fake.Clock.Advance(TimeSpan.FromMinutes(5));
        _org.Org.AddAccount("Delta, created after the window");

        var changed = await AllAsync(_org.Client().ReadCompaniesAsync(new CrmWindow(since, until), default));

        Assert.Equal([a, b], changed.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.Equal("Banking", changed.Single(c => c.Id == a).Industry);
        var soql = _org.Fake.Requests.Last(r => r.Soql is not null).Soql!;
        Assert.Contains("SystemModstamp >= 2026-12-01T09:05:00Z AND SystemModstamp <= 2026-12-01T09:11:00Z", soql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deletions_and_merged_away_accounts_come_from_getDeleted()
    {
        var keep = _org.Org.AddAccount("Acme");
        var duplicate = _org.Org.AddAccount("ACME Inc");
        var gone = _org.Org.AddAccount("Gone");
        var since = _org.Fake.Clock.Now;
        _org.Fake.Clock.Advance(TimeSpan.FromMinutes(3));
        _org.Org.Merge(keep, duplicate);
        _org.Org.Delete(gone);
        _org.Fake.Clock.Advance(TimeSpan.FromMinutes(3));

        var deletions = new List<CrmDeletion>();
        await foreach (var d in _org.Client().ReadDeletionsAsync(CrmObject.Companies, new CrmWindow(since, _org.Fake.Clock.Now), default))
            deletions.Add(d);

        Assert.Equal([duplicate, gone], deletions.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(deletions, d => Assert.Equal(CrmObject.Companies, d.Type));
    }

    [Fact]
    public async Task A_deletion_window_starting_more_than_30_days_back_is_rejected()
    {
        var client = _org.Client();
        var window = new CrmWindow(_org.Fake.Clock.Now.AddDays(-40), _org.Fake.Clock.Now);

        var e = await Assert.ThrowsAsync<CrmRejectedException>(async () =>
        {
            await foreach (var _ in client.ReadDeletionsAsync(CrmObject.Deals, window, default)) { }
        });
        Assert.Contains("INVALID_REPLICATION_DATE", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_keep_their_manager_and_team_and_only_standard_users_are_read()
    {
        var role = _org.Org.AddRole("West Sales");
        var vp = _org.Org.AddUser("Vera Price", "vera@example.com", title: "VP Sales", department: "Sales");
        var rep = _org.Org.AddUser("Dana Reyes", "dana@example.com", managerId: vp, roleId: role);
        _org.Org.AddUser("Portal Person", userType: "PowerPartner");

        var users = await AllAsync(_org.Client().ReadUsersAsync(Full, default));

        Assert.Equal(2, users.Count);
        var dana = users.Single(u => u.Id == rep);
        Assert.Equal(vp, dana.ManagerId);
        Assert.Equal("West Sales", dana.Team);
        Assert.Equal("Sales", users.Single(u => u.Id == vp).Team);
    }

    [Fact]
    public async Task Stages_are_identified_by_the_picklist_value_deals_store()
    {
        _org.Org.AddStage("Discovery", 1, 20, apiName: "Qualification");
        _org.Org.AddStage("Closed Won", 9, 100, closed: true, won: true, forecastCategory: "Closed");
        _org.Org.AddOpportunity("Big deal", "Qualification", new DateOnly(2027, 1, 31), 50_000m);

        var stages = await _org.Client().ReadStagesAsync(default);
        var deal = (await AllAsync(_org.Client().ReadDealsAsync(Full, default))).Single();

        var discovery = stages[0];
        Assert.Equal(("Qualification", "Discovery", 0.2m, "Pipeline"), (discovery.Id, discovery.Label, discovery.Probability, discovery.ForecastCategory));
        Assert.Equal(deal.StageId, discovery.Id);
        Assert.True(stages[1].IsWon);
        Assert.Equal(9, stages[1].Order);
    }

    [Fact]
    public async Task Deals_carry_their_first_products_id_and_activities_their_deal_company_and_contact()
    {
        var owner = _org.Org.AddUser("Dana Reyes");
        var account = _org.Org.AddAccount("Acme", owner);
        var contact = _org.Org.AddContact("Ann", "Lee", account, "ann@acme.example");
        var product = _org.Org.AddProduct("Analytics Suite", 12_000m);
        var deal = _org.Org.AddOpportunity("Acme renewal", "Prospecting", new DateOnly(2027, 2, 1), 24_000m, owner, account, productId: product);
        _org.Org.AddTask("Call Ann", owner, deal, contact, new DateOnly(2026, 11, 30), "Completed", "Call");
        _org.Org.AddTask("Send pricing", owner, account, null, new DateOnly(2026, 12, 5));
        _org.Org.AddEvent("Demo", new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero), ownerId: owner, whatId: deal, whoId: contact);
        var client = _org.Client();

        var deals = await AllAsync(client.ReadDealsAsync(Full, default));
        var products = await AllAsync(client.ReadProductsAsync(Full, default));
        var activities = await AllAsync(client.ReadActivitiesAsync(Full, default));

        Assert.Equal((product, account, 24_000m), (deals[0].ProductId, deals[0].CompanyId, deals[0].Amount!.Value));
        Assert.Equal(12_000m, products.Single().Price);
        var call = activities.Single(a => a.Kind == CrmActivityKind.Call);
        Assert.Equal((deal, account, contact), (call.DealId, call.CompanyId, call.ContactIds.Single()));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), call.OccurredAt);
        var task = activities.Single(a => a.Kind == CrmActivityKind.Task);
        Assert.Equal((null, account, new DateOnly(2026, 12, 5), false), (task.DealId, task.CompanyId, task.DueDate, task.Completed));
        var meeting = activities.Single(a => a.Kind == CrmActivityKind.Meeting);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero), meeting.OccurredAt);
    }

    [Fact]
    public async Task An_expired_session_logs_in_again_once_and_repeats_the_call()
    {
        _org.Org.AddAccount("Acme");
        var client = _org.Client();
        await AllAsync(client.ReadCompaniesAsync(Full, default));
        _org.Fake.ExpireSessions();

        var again = await AllAsync(client.ReadCompaniesAsync(Full, default));

        Assert.Single(again);
        Assert.Equal(2, _org.Fake.Requests.Count(r => r.Path == "/services/oauth2/token"));
        Assert.Equal(1, _org.Fake.Requests.Count(r => r.Status == 401));
    }

    [Fact]
    public async Task A_session_refused_right_after_login_is_an_auth_error_not_a_loop()
    {
        var client = _org.Client();
        _org.Fake.FailNext(401, "INVALID_SESSION_ID", "Session expired or invalid", times: 2);

        await Assert.ThrowsAsync<CrmAuthException>(() => client.ReadStagesAsync(default));
        Assert.Equal(2, _org.Fake.Requests.Count(r => r.Path == "/services/oauth2/token"));
    }

    [Fact]
    public async Task A_key_the_connected_app_does_not_know_is_a_CrmAuthException_with_salesforces_reason()
    {
        using var other = RSA.Create(2048);
        var otherPath = SalesforceTestOrg.WritePem(other);
        try
        {
            var client = _org.Client(o => o.PrivateKeyPath = otherPath);
            var e = await Assert.ThrowsAsync<CrmAuthException>(() => client.ReadStagesAsync(default));
            Assert.Contains("invalid_grant", e.Message, StringComparison.Ordinal);
            Assert.Contains("invalid assertion", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(otherPath);
        }
    }

    [Fact]
    public async Task A_user_not_pre_authorised_is_a_CrmAuthException()
    {
        var client = _org.Client(o => o.Username = "someone@else.example");
        var e = await Assert.ThrowsAsync<CrmAuthException>(() => client.ReadStagesAsync(default));
        Assert.Contains("user hasn't approved this consumer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_usage_is_read_from_every_answer_and_reads_stop_near_the_daily_limit()
    {
        _org.Org.AddStage("Prospecting", 1, 10);
        _org.Fake.DailyApiLimit = 1000;
        _org.Fake.ApiUsed = 895;
        var client = _org.Client();

        await client.ReadStagesAsync(default);
        Assert.Equal((896L, 1000L), (client.Usage.DailyUsed!.Value, client.Usage.DailyMax!.Value));
        await client.ReadStagesAsync(default);
        await client.ReadStagesAsync(default);
        await client.ReadStagesAsync(default);
        await client.ReadStagesAsync(default); // 900: the stop begins after this answer

        var e = await Assert.ThrowsAsync<CrmLimitException>(() => client.ReadStagesAsync(default));
        Assert.NotNull(e.RetryAt);
        Assert.Equal(900, _org.Fake.ApiUsed);
    }

    [Fact]
    public async Task Request_limit_exceeded_is_a_CrmLimitException()
    {
        var client = _org.Client();
        _org.Fake.ApiUsed = _org.Fake.DailyApiLimit;

        await Assert.ThrowsAsync<CrmLimitException>(() => client.ReadStagesAsync(default));
    }

    [Fact]
    public async Task A_malformed_record_is_skipped_and_reported_while_the_rest_are_read()
    {
        var good = _org.Org.AddOpportunity("Good", "Prospecting", new DateOnly(2027, 1, 1), 10m);
        var bad = _org.Org.AddOpportunity("Bad", "Prospecting", new DateOnly(2027, 1, 1), 10m);
        _org.Org.SetRaw(bad, "CloseDate", "next Tuesday");

        var pages = new List<CrmPage<CrmDeal>>();
        await foreach (var page in _org.Client().ReadDealsAsync(Full, default))
            pages.Add(page);

        Assert.Equal(good, pages.SelectMany(p => p.Records).Single().Id);
        var skipped = pages.SelectMany(p => p.Skipped).Single();
        Assert.Equal((CrmObject.Deals, bad), (skipped.Type, skipped.Id));
        Assert.Contains("CloseDate", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_an_activity_twice_with_the_same_key_makes_one_task_and_find_returns_it()
    {
        var owner = _org.Org.AddUser("Dana Reyes");
        var account = _org.Org.AddAccount("Acme", owner);
        var contact = _org.Org.AddContact("Ann", "Lee", account);
        var deal = _org.Org.AddOpportunity("Acme renewal", "Prospecting", new DateOnly(2027, 2, 1), 24_000m, owner, account);
        var write = new CrmActivityWrite("aebot-call-42", CrmActivityKind.Call, _org.Fake.Clock.Now, "Call with Ann", "Talked pricing.",
            owner, deal, account, [contact], null);
        var client = _org.Client();

        Assert.Null(await client.FindActivityAsync(write, default));
        var first = await client.CreateActivityAsync(write, default);
        var second = await client.CreateActivityAsync(write, default);

        Assert.Equal(first, second);
        Assert.Equal(first, await client.FindActivityAsync(write, default));
        Assert.Equal([first], _org.Org.Ids("Task"));
        Assert.Equal(1, _org.Fake.Requests.Count(r => r.Method == "PATCH"));
        Assert.Equal(("Call", "Completed", deal, contact, "aebot-call-42"),
            (_org.Org.Get(first, "TaskSubtype"), _org.Org.Get(first, "Status"), _org.Org.Get(first, "WhatId"), _org.Org.Get(first, "WhoId"), _org.Org.Get(first, "AeBot_Key__c")));
    }

    [Fact]
    public async Task A_meeting_is_written_as_an_event_and_a_follow_up_as_an_open_task_due_that_day()
    {
        var account = _org.Org.AddAccount("Acme");
        var client = _org.Client();
        var start = new DateTimeOffset(2026, 12, 4, 14, 0, 0, TimeSpan.Zero);

        var meeting = await client.CreateActivityAsync(new("aebot-m-1", CrmActivityKind.Meeting, start, "Demo", "", null, null, account, [], null), default);
        var followUp = await client.CreateActivityAsync(new("aebot-t-1", CrmActivityKind.Task, start, "Send deck", "", null, null, account, [], new DateOnly(2026, 12, 8)), default);

        Assert.StartsWith("00U", meeting, StringComparison.Ordinal);
        Assert.Equal((start, 30), ((DateTimeOffset)_org.Org.Get(meeting, "StartDateTime")!, (int)_org.Org.Get(meeting, "DurationInMinutes")!));
        Assert.Equal(("Not Started", new DateOnly(2026, 12, 8), account), (_org.Org.Get(followUp, "Status"), _org.Org.Get(followUp, "ActivityDate"), _org.Org.Get(followUp, "WhatId")));
    }

    [Fact]
    public async Task Updating_a_deal_changes_exactly_the_given_fields()
    {
        _org.Org.AddStage("Negotiation", 5, 80);
        var owner = _org.Org.AddUser("Dana Reyes");
        var deal = _org.Org.AddOpportunity("Acme renewal", "Prospecting", new DateOnly(2027, 2, 1), 24_000m, owner, nextStep: "Send quote");
        var client = _org.Client();

        await client.UpdateDealAsync(deal, new Dictionary<CrmDealField, string?>
        {
            [CrmDealField.Stage] = "Negotiation",
            [CrmDealField.Amount] = "30000.50",
            [CrmDealField.CloseDate] = "2027-03-15",
        }, default);
        var fields = await client.ReadDealFieldsAsync(deal, default);

        Assert.Equal("Negotiation", fields[CrmDealField.Stage]);
        Assert.Equal("30000.50", fields[CrmDealField.Amount]);
        Assert.Equal("2027-03-15", fields[CrmDealField.CloseDate]);
        Assert.Equal("Send quote", fields[CrmDealField.NextStep]);
        Assert.Equal(owner, fields[CrmDealField.Owner]);
        var patch = _org.Fake.Requests.Single(r => r.Method == "PATCH");
        Assert.Equal("""{"StageName":"Negotiation","Amount":30000.50,"CloseDate":"2027-03-15"}""", patch.Body);
    }

    [Fact]
    public async Task A_loss_reason_goes_to_the_configured_field_and_is_left_out_when_none_is()
    {
        _org.Org.DefineCustomField("Opportunity", "Loss_Reason__c");
        var deal = _org.Org.AddOpportunity("Acme renewal", "Prospecting", new DateOnly(2027, 2, 1));
        var values = new Dictionary<CrmDealField, string?> { [CrmDealField.Stage] = "Closed Lost", [CrmDealField.LossReason] = "Price" };

        await _org.Client().UpdateDealAsync(deal, values, default);
        Assert.Null(_org.Org.Get(deal, "Loss_Reason__c"));
        await _org.Client(o => o.LossReasonField = "Loss_Reason__c").UpdateDealAsync(deal, values, default);
        Assert.Equal("Price", _org.Org.Get(deal, "Loss_Reason__c"));
    }

    [Fact]
    public async Task Multi_currency_fields_are_asked_for_only_when_the_org_has_them()
    {
        _org.Org.AddOpportunity("Acme", "Prospecting", new DateOnly(2027, 1, 1), 10m);
        Assert.Null((await AllAsync(_org.Client().ReadDealsAsync(Full, default))).Single().Currency);

        _org.Org.EnableMultiCurrency();
        var id = _org.Org.Ids("Opportunity").Single();
        _org.Org.Update(id, "CurrencyIsoCode", "EUR");
        Assert.Equal("EUR", (await AllAsync(_org.Client(o => o.MultiCurrency = true).ReadDealsAsync(Full, default))).Single().Currency);
    }

    [Fact]
    public async Task Registered_client_retries_reads_on_503_but_never_repeats_a_write()
    {
        _org.Org.AddStage("Prospecting", 1, 10);
        var account = _org.Org.AddAccount("Acme");
        var services = new ServiceCollection();
        services.AddSingleton<IOptions<CrmOptions>>(Options.Create(new CrmOptions { Provider = "Salesforce", Salesforce = _org.Options() }));
        services.AddSingleton<TimeProvider>(_org.Fake.Clock);
        services.AddSalesforceCrm();
        services.Configure<HttpStandardResilienceOptions>($"{SalesforceClient.HttpClientName}-standard", o => o.Retry.Delay = TimeSpan.FromMilliseconds(1));
        await using var provider = services.BuildServiceProvider();
        var source = provider.GetRequiredService<ICrmSource>();
        Assert.Same(source, provider.GetRequiredService<ICrmWriter>());

        await source.ReadStagesAsync(default); // logs in
        _org.Fake.FailNextWithServiceUnavailable();
        Assert.Single(await source.ReadStagesAsync(default));

        _org.Fake.FailNext(503, "SERVER_UNAVAILABLE", "down", when: r => r.Method == "PATCH");
        var write = new CrmActivityWrite("aebot-x", CrmActivityKind.Note, _org.Fake.Clock.Now, "Note", "", null, null, account, [], null);
        var e = await Assert.ThrowsAsync<CrmException>(() => provider.GetRequiredService<ICrmWriter>().CreateActivityAsync(write, default));
        Assert.True(e.Retryable);
        Assert.Equal(1, _org.Fake.Requests.Count(r => r.Method == "PATCH"));
    }
}
