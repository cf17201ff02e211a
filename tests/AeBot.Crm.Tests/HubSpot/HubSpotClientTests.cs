using System.Text.Json;
using AeBot.Crm.Fakes.HubSpot;
using AeBot.Crm.Sources;

namespace AeBot.Crm.Tests.HubSpot;

public sealed class HubSpotClientTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static CrmWindow Everything(FakeHubSpot fake) => new(null, fake.Now.AddDays(1));

    [Fact]
    public async Task A_full_read_pages_through_every_deal_100_at_a_time_with_companies_inline()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        var company = host.Fake.AddCompany("Acme");
        for (var i = 0; i < 250; i++)
            host.Fake.AddDeal($"Deal {i}", 1000 + i, companyId: company);

        var (deals, skipped, pages) = await CrmPages.AllAsync(host.Source.ReadDealsAsync(Everything(host.Fake), None));

        Assert.Equal(250, deals.Select(d => d.Id).Distinct().Count());
        Assert.Empty(skipped);
        Assert.Equal(3, pages);
        Assert.All(deals, d => Assert.Equal(company, d.CompanyId));
        // The account's details once (its time zone dates the close dates), ceil(250 / 100) list pages with companies
        // inline, and per page one association batch read for the deals' line items (none here, so no line item
        // reads); no search.
        Assert.Single(host.Fake.Requests, r => r.Path == "/account-info/v3/details");
        Assert.Equal(3, host.Fake.Requests.Count(r => r.Path == "/crm/v3/objects/deals"));
        Assert.Equal(3, host.Fake.Requests.Count(r => r.Path == "/crm/v4/associations/deals/line_items/batch/read"));
        Assert.Equal(7, host.Fake.Requests.Count);
        Assert.Equal(7, host.Source.Usage.Requests);
    }

    [Fact]
    public async Task A_deal_carries_the_product_of_its_first_line_item_by_position_then_creation_whether_read_in_full_or_by_search()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        var fake = host.Fake;
        var pro = fake.AddProduct("GTX Pro", 48_000m);
        var basic = fake.AddProduct("GTX Basic", 18_000m);
        var since = fake.Now;
        fake.Advance(TimeSpan.FromMinutes(1));
        // Added first but placed second in the deal's list; a one-off fee placed first names no product.
        var arranged = fake.AddDeal("Arranged");
        fake.AddLineItem(arranged, basic, position: 2);
        fake.AddLineItem(arranged, null, name: "Onboarding fee", price: 2_000m, position: 0);
        fake.AddLineItem(arranged, pro, position: 1);
        // Never arranged: no positions, so the one added first.
        var unarranged = fake.AddDeal("Unarranged");
        fake.AddLineItem(unarranged, basic);
        fake.Advance(TimeSpan.FromSeconds(1));
        fake.AddLineItem(unarranged, pro);
        var feeOnly = fake.AddDeal("Fee only");
        fake.AddLineItem(feeOnly, null, name: "Audit", price: 5_000m);
        var bare = fake.AddDeal("No line items");

        foreach (var window in new[] { Everything(fake), new CrmWindow(since, fake.Now) })
        {
            var (deals, _, _) = await CrmPages.AllAsync(host.Source.ReadDealsAsync(window, None));
            var product = deals.ToDictionary(d => d.Id, d => d.ProductId);
            Assert.Equal(pro, product[arranged]);
            Assert.Equal(basic, product[unarranged]);
            Assert.Null(product[feeOnly]);
            Assert.Null(product[bare]);
        }
    }

    [Fact]
    public async Task A_pages_line_items_are_read_in_batches_of_100_with_one_association_read_not_one_request_per_deal()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        var fake = host.Fake;
        var pro = fake.AddProduct("GTX Pro", 48_000m);
        for (var i = 0; i < 100; i++)
        {
            var deal = fake.AddDeal($"Deal {i}");
            fake.AddLineItem(deal, pro);
            fake.AddLineItem(deal, pro, quantity: 2);
            if (i % 2 == 0)
                fake.AddLineItem(deal, null, name: "Support");
        }

        var (deals, _, pages) = await CrmPages.AllAsync(host.Source.ReadDealsAsync(Everything(fake), None));

        Assert.Equal(1, pages);
        Assert.All(deals, d => Assert.Equal(pro, d.ProductId));
        // 250 line items: one association read for the page's 100 deals, then ceil(250 / 100) batch reads.
        Assert.Single(fake.Requests, r => r.Path == "/crm/v4/associations/deals/line_items/batch/read");
        var batches = fake.Requests.Where(r => r.Path == "/crm/v3/objects/line_items/batch/read").ToList();
        Assert.Equal(3, batches.Count);
        Assert.All(batches, b => Assert.InRange(JsonDocument.Parse(b.Body).RootElement.GetProperty("inputs").GetArrayLength(), 1, 100));
        Assert.Equal(250, batches.Sum(b => JsonDocument.Parse(b.Body).RootElement.GetProperty("inputs").GetArrayLength()));
    }

    [Fact]
    public async Task A_line_item_deleted_between_the_association_read_and_its_batch_read_is_passed_over()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        var fake = host.Fake;
        var pro = fake.AddProduct("GTX Pro", 48_000m);
        var basic = fake.AddProduct("GTX Basic", 18_000m);
        var deal = fake.AddDeal("Acme renewal");
        var first = fake.AddLineItem(deal, basic, position: 0);
        fake.AddLineItem(deal, pro, position: 1);
        fake.Archive("line_items", first); // still associated in the fake's store, gone for reads: a 207

        var (deals, skipped, _) = await CrmPages.AllAsync(host.Source.ReadDealsAsync(Everything(fake), None));

        Assert.Empty(skipped);
        Assert.Equal(pro, Assert.Single(deals).ProductId);
    }

    [Fact]
    public async Task An_incremental_read_returns_exactly_the_records_changed_in_the_window()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        var fake = host.Fake;
        var acme = fake.AddCompany("Acme");
        var old = Enumerable.Range(0, 5).Select(i => fake.AddDeal($"Old {i}", companyId: acme)).ToList();
        fake.Advance(TimeSpan.FromHours(1));
        var since = fake.Now;
        fake.Update("deals", old[1], new Dictionary<string, string?> { ["amount"] = "5000" });
        fake.Advance(TimeSpan.FromMinutes(10));
        var added = fake.AddDeal("New", companyId: acme);
        var until = fake.Now;
        fake.Advance(TimeSpan.FromMinutes(10));
        fake.Update("deals", old[2], new Dictionary<string, string?> { ["amount"] = "7000" }); // after Until: the next run's

        var (deals, _, _) = await CrmPages.AllAsync(host.Source.ReadDealsAsync(new CrmWindow(since, until), None));

        Assert.Equal(new[] { old[1], added }, deals.Select(d => d.Id));
        Assert.Equal(5000m, deals[0].Amount);
        Assert.All(deals, d => Assert.Equal(acme, d.CompanyId)); // from the v4 association batch read
        Assert.Contains(fake.Requests, r => r.Path == "/crm/v4/associations/deals/companies/batch/read");
        var search = JsonDocument.Parse(fake.Requests.First(r => r.IsSearch).Body).RootElement;
        Assert.Equal(200, search.GetProperty("limit").GetInt32());
        Assert.Equal("hs_lastmodifieddate", search.GetProperty("sorts")[0].GetProperty("propertyName").GetString());
    }

    [Fact]
    public async Task Contacts_are_searched_by_lastmodifieddate()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        var acme = host.Fake.AddCompany("Acme");
        var since = host.Fake.Now;
        host.Fake.Advance(TimeSpan.FromMinutes(1));
        var ada = host.Fake.AddContact("Ada", "Lovelace", "ada@acme.example", acme);

        var (contacts, _, _) = await CrmPages.AllAsync(host.Source.ReadContactsAsync(new CrmWindow(since, host.Fake.Now), None));

        var contact = Assert.Single(contacts);
        Assert.Equal((ada, "Ada Lovelace", acme), (contact.Id, contact.Name, contact.CompanyId));
    }

    [Fact]
    public async Task More_than_10000_changes_in_a_window_are_read_past_the_search_cap_each_once()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        var fake = host.Fake;
        var since = fake.Now;
        for (var i = 0; i < 10_250; i++)
        {
            if (i % 3 == 0)
                fake.Advance(TimeSpan.FromSeconds(1)); // three deals a stamp: restarts land mid-stamp
            fake.AddDeal($"Bulk {i}");
        }

        var (deals, skipped, _) = await CrmPages.AllAsync(host.Source.ReadDealsAsync(new CrmWindow(since, fake.Now), None));

        Assert.Empty(skipped);
        Assert.Equal(10_250, deals.Count);
        Assert.Equal(10_250, deals.Select(d => d.Id).Distinct().Count());
        Assert.True(fake.Requests.Count(r => r.IsSearch) > 10_000 / 200, "the window was searched again past the cap");
    }

    [Fact]
    public async Task More_than_10000_changes_with_one_stamp_are_read_by_id_each_once()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        var fake = host.Fake;
        var since = fake.Now;
        fake.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 10_100; i++)
            fake.AddDeal($"Import {i}"); // one bulk import: one stamp
        fake.Advance(TimeSpan.FromSeconds(1));
        var later = fake.AddDeal("Later");

        var (deals, _, _) = await CrmPages.AllAsync(host.Source.ReadDealsAsync(new CrmWindow(since, fake.Now), None));

        Assert.Equal(10_101, deals.Select(d => d.Id).Distinct().Count());
        Assert.Equal(10_101, deals.Count);
        Assert.Equal(later, deals[^1].Id);
    }

    [Fact]
    public async Task Deleted_records_in_the_window_are_read_and_merges_name_the_merged_ids()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        var fake = host.Fake;
        var gone = fake.AddDeal("Gone before");
        fake.Archive("deals", gone);
        fake.Advance(TimeSpan.FromHours(1));
        var since = fake.Now;
        var deleted = fake.AddDeal("Deleted");
        var survivor = fake.AddCompany("Acme Inc");
        var duplicate = fake.AddCompany("ACME");
        fake.Advance(TimeSpan.FromMinutes(5));
        fake.Archive("deals", deleted);
        fake.Merge("companies", survivor, duplicate);
        var window = new CrmWindow(since, fake.Now);

        var deletions = new List<CrmDeletion>();
        await foreach (var d in host.Source.ReadDeletionsAsync(CrmObject.Deals, window, None))
            deletions.Add(d);
        var (companies, _, _) = await CrmPages.AllAsync(host.Source.ReadCompaniesAsync(window, None));

        var deletion = Assert.Single(deletions);
        Assert.Equal((CrmObject.Deals, deleted, fake.Now), (deletion.Type, deletion.Id, deletion.DeletedAt));
        var company = Assert.Single(companies);
        Assert.Equal(survivor, company.Id);
        Assert.Equal([duplicate], company.MergedIds);
    }

    [Fact]
    public async Task Stages_come_from_the_deal_pipelines_with_won_as_closed_at_probability_one()
    {
        await using var host = await HubSpotTestHost.StartAsync();

        var stages = await host.Source.ReadStagesAsync(None);

        Assert.Equal(7, stages.Count);
        var first = stages[0];
        Assert.Equal(("appointmentscheduled", "Appointment Scheduled", "default", 0.2m, false), (first.Id, first.Label, first.PipelineId, first.Probability, first.IsClosed));
        var won = stages.Single(s => s.Id == "closedwon");
        var lost = stages.Single(s => s.Id == "closedlost");
        Assert.True(won.IsClosed && won.IsWon);
        Assert.True(lost.IsClosed && !lost.IsWon);
    }

    [Fact]
    public async Task Owners_become_users_with_their_primary_team_and_no_manager()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        var dana = host.Fake.AddOwner("Dana", "Reyes", "dana@northwind.example", team: "East");
        var gone = host.Fake.AddOwner("Old", "Timer", "old@northwind.example", archived: true);

        var (users, _, _) = await CrmPages.AllAsync(host.Source.ReadUsersAsync(Everything(host.Fake), None));

        var user = users.Single(u => u.Id == dana);
        Assert.Equal(("Dana Reyes", "dana@northwind.example", "East", (string?)null, true), (user.Name, user.Email, user.Team, user.ManagerId, user.Active));
        Assert.False(users.Single(u => u.Id == gone).Active);
    }

    [Theory]
    [InlineData(FakeTokenState.Expired, "EXPIRED_AUTHENTICATION")]
    [InlineData(FakeTokenState.Revoked, "INVALID_AUTHENTICATION")]
    public async Task A_refused_token_is_a_CrmAuthException_naming_the_setting(FakeTokenState state, string category)
    {
        await using var host = await HubSpotTestHost.StartAsync();
        host.Fake.TokenState = state;

        var e = await Assert.ThrowsAsync<CrmAuthException>(() => CrmPages.AllAsync(host.Source.ReadDealsAsync(Everything(host.Fake), None)));

        Assert.Contains(category, e.Message);
        Assert.Contains("Crm:HubSpot:AccessToken", e.Message);
        Assert.False(e.Retryable);
    }

    [Fact]
    public async Task A_missing_scope_is_a_CrmAuthException_naming_the_scope()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        host.Fake.MissingScopes.Add("crm.objects.companies.read");

        var e = await Assert.ThrowsAsync<CrmAuthException>(() => CrmPages.AllAsync(host.Source.ReadCompaniesAsync(Everything(host.Fake), None)));

        Assert.Contains("crm.objects.companies.read", e.Message);
    }

    [Fact]
    public async Task A_short_burst_of_429s_is_waited_out_and_the_read_completes()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        for (var i = 0; i < 150; i++)
            host.Fake.AddCompany($"Company {i}");
        host.Fake.ThrottleNext(2, retryAfter: TimeSpan.FromSeconds(1));

        var (companies, _, _) = await CrmPages.AllAsync(host.Source.ReadCompaniesAsync(Everything(host.Fake), None));

        Assert.Equal(150, companies.Count);
        Assert.Equal(2 + 2, host.Fake.Requests.Count); // two refused, then the two pages
        Assert.Equal(4, host.Source.Usage.Requests);
    }

    [Fact]
    public async Task A_long_Retry_After_is_a_CrmThrottledException_carrying_it()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        host.Fake.ThrottleNext(1, retryAfter: TimeSpan.FromSeconds(60));

        var e = await Assert.ThrowsAsync<CrmThrottledException>(() => CrmPages.AllAsync(host.Source.ReadCompaniesAsync(Everything(host.Fake), None)));

        Assert.Equal(TimeSpan.FromSeconds(60), e.RetryAfter);
        Assert.True(e.Retryable);
    }

    [Fact]
    public async Task The_client_paces_its_searches_under_the_search_limit()
    {
        await using var host = await HubSpotTestHost.StartAsync(o => o.SearchRequestsPerSecond = 2);
        host.Fake.SearchRequestsPerSecond = 2; // HubSpot would refuse a third search within a second
        var since = host.Fake.Now;
        host.Fake.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 900; i++)
            host.Fake.AddProduct($"Product {i}", 10m);

        var (products, _, _) = await CrmPages.AllAsync(host.Source.ReadProductsAsync(new CrmWindow(since, host.Fake.Now), None));

        Assert.Equal(900, products.Count);
        // Five pages of 200 — plus the queries of paging by key: every next page starts again from the last stamp, and
        // 900 records on one stamp are then read by id — and none refused; besides them only the account's details
        // (its currency prices the products).
        Assert.InRange(host.Fake.Requests.Count(r => r.IsSearch), 5, 9);
        Assert.Single(host.Fake.Requests, r => !r.IsSearch);
        Assert.Equal("/account-info/v3/details", host.Fake.Requests.Single(r => !r.IsSearch).Path);
    }

    [Fact]
    public async Task A_malformed_record_is_skipped_and_reported_not_thrown()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        host.Fake.AddDeal("Good", 100m);
        var badAmount = host.Fake.Add("deals", new Dictionary<string, string?> { ["dealname"] = "Bad amount", ["amount"] = "12,5x" });
        var noName = host.Fake.Add("deals", new Dictionary<string, string?> { ["amount"] = "10" });
        var badDate = host.Fake.Add("deals", new Dictionary<string, string?> { ["dealname"] = "Bad date", ["closedate"] = "next Tuesday" });

        var (deals, skipped, _) = await CrmPages.AllAsync(host.Source.ReadDealsAsync(Everything(host.Fake), None));

        Assert.Equal("Good", Assert.Single(deals).Name);
        Assert.Equal(new[] { badAmount, noName, badDate }.Order(), skipped.Select(s => s.Id!).Order());
        Assert.All(skipped, s => Assert.Equal(CrmObject.Deals, s.Type));
        Assert.Contains(skipped, s => s.Id == badAmount && s.Reason.Contains("12,5x"));
    }

    [Fact]
    public async Task Activities_are_read_with_their_deal_company_and_contacts()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        var fake = host.Fake;
        var acme = fake.AddCompany("Acme");
        var ada = fake.AddContact("Ada", "Lovelace", companyId: acme);
        var deal = fake.AddDeal("Acme renewal", companyId: acme);
        var at = new DateTimeOffset(2025, 3, 1, 15, 0, 0, TimeSpan.Zero);
        var since = fake.Now;
        fake.Advance(TimeSpan.FromMinutes(1));
        fake.AddEngagement("calls", at, new Dictionary<string, string?> { ["hs_call_title"] = "Pricing", ["hs_call_body"] = "Talked price" }, deal, acme, [ada]);
        fake.AddEngagement("tasks", at.AddDays(3), new Dictionary<string, string?> { ["hs_task_subject"] = "Send quote", ["hs_task_status"] = "COMPLETED" }, deal);

        foreach (var window in new[] { Everything(fake), new CrmWindow(since, fake.Now) })
        {
            var (activities, _, _) = await CrmPages.AllAsync(host.Source.ReadActivitiesAsync(window, None));
            var call = activities.Single(a => a.Kind == CrmActivityKind.Call);
            Assert.Equal((at, "Pricing", "Talked price", deal, acme), (call.OccurredAt, call.Subject, call.Body, call.DealId, call.CompanyId));
            Assert.Equal([ada], call.ContactIds);
            var task = activities.Single(a => a.Kind == CrmActivityKind.Task);
            Assert.Equal((DateOnly.FromDateTime(at.AddDays(3).UtcDateTime), true), (task.DueDate!.Value, task.Completed!.Value));
        }
    }

    [Fact]
    public async Task A_created_call_appears_once_with_its_associations_and_is_found_again_by_its_key()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        var fake = host.Fake;
        var owner = fake.AddOwner("Dana", "Reyes", "dana@northwind.example");
        var acme = fake.AddCompany("Acme");
        var ada = fake.AddContact("Ada", "Lovelace", companyId: acme);
        var deal = fake.AddDeal("Acme renewal", companyId: acme);
        var write = new CrmActivityWrite("aebot-42", CrmActivityKind.Call, new DateTimeOffset(2025, 3, 3, 10, 30, 0, TimeSpan.Zero),
            "Pricing call", "They want a discount.", owner, deal, acme, [ada], null);

        Assert.Null(await host.Writer.FindActivityAsync(write, None));
        var id = await host.Writer.CreateActivityAsync(write, None);

        var call = Assert.Single(fake.All("calls"));
        Assert.Equal(id, call.Id);
        Assert.Equal("Pricing call", call["hs_call_title"]);
        Assert.StartsWith("They want a discount.", call["hs_call_body"]);
        Assert.Equal(owner, call["hubspot_owner_id"]);
        Assert.Equal([(deal, 206)], call.Associations["deals"]);
        Assert.Equal([(acme, 182)], call.Associations["companies"]);
        Assert.Equal([(ada, 194)], call.Associations["contacts"]);
        Assert.Equal(id, await host.Writer.FindActivityAsync(write, None));
        Assert.Null(await host.Writer.FindActivityAsync(write with { Key = "aebot-43" }, None));
        Assert.Single(fake.Requests, r => r.Method == "POST" && r.Path == "/crm/v3/objects/calls");
    }

    [Fact]
    public async Task A_created_task_is_due_on_its_date_and_not_started()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        var write = new CrmActivityWrite("aebot-7", CrmActivityKind.Task, host.Fake.Now, "Send the quote", "", null, null, null, [], new DateOnly(2025, 3, 10));

        var id = await host.Writer.CreateActivityAsync(write, None);

        var task = host.Fake.Get("tasks", id)!;
        Assert.Equal(("Send the quote", "NOT_STARTED"), (task["hs_task_subject"], task["hs_task_status"]));
        // The start of 10 March in the account's zone (US/Eastern, daylight time since the 9th), not a UTC midnight
        // that HubSpot would show as the 9th at 8 pm.
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 4, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(), task["hs_timestamp"]);
        Assert.Equal(id, await host.Writer.FindActivityAsync(write, None));
        var (activities, _, _) = await CrmPages.AllAsync(host.Source.ReadActivitiesAsync(Everything(host.Fake), None));
        Assert.Equal(new DateOnly(2025, 3, 10), activities.Single(a => a.Id == id).DueDate);
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-12-11T23:00:00.000Z")] // midnight in Berlin: still the 11th in UTC
    [InlineData("America/New_York", "2026-12-13T02:30:00.000Z")] // 9:30 pm in New York: already the 13th in UTC
    [InlineData("US/Eastern", "2026-12-12T05:00:00.000Z")] // the alias HubSpot's own example uses
    public async Task A_close_date_is_the_day_it_falls_on_in_the_accounts_time_zone(string zone, string stored)
    {
        await using var host = await HubSpotTestHost.StartAsync();
        host.Fake.TimeZone = zone;
        var deal = host.Fake.Add("deals", new Dictionary<string, string?>
        {
            ["dealname"] = "Acme renewal", ["dealstage"] = "qualifiedtobuy", ["pipeline"] = "default", ["closedate"] = stored,
        });

        var (deals, _, _) = await CrmPages.AllAsync(host.Source.ReadDealsAsync(Everything(host.Fake), None));
        var fields = await host.Writer.ReadDealFieldsAsync(deal, None);

        Assert.Equal(new DateOnly(2026, 12, 12), Assert.Single(deals).CloseDate);
        Assert.Equal("2026-12-12", fields[CrmDealField.CloseDate]);
    }

    [Fact]
    public async Task A_close_date_written_is_the_start_of_that_day_in_the_accounts_zone_and_reads_back_as_the_same_day()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        host.Fake.TimeZone = "Asia/Tokyo";
        var deal = host.Fake.AddDeal("Acme renewal", 12_000m, "qualifiedtobuy", closeDate: new DateOnly(2025, 3, 31));

        await host.Writer.UpdateDealAsync(deal, new Dictionary<CrmDealField, string?> { [CrmDealField.CloseDate] = "2025-04-15" }, None);

        Assert.Equal("2025-04-14T15:00:00.000Z", host.Fake.Get("deals", deal)!["closedate"]); // 00:00 in Tokyo
        Assert.Equal("2025-04-15", (await host.Writer.ReadDealFieldsAsync(deal, None))[CrmDealField.CloseDate]);
        var (deals, _, _) = await CrmPages.AllAsync(host.Source.ReadDealsAsync(Everything(host.Fake), None));
        Assert.Equal(new DateOnly(2025, 4, 15), Assert.Single(deals).CloseDate);
    }

    [Fact]
    public async Task The_accounts_details_are_read_once_per_client_and_its_currency_is_a_deals_without_one()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        host.Fake.CompanyCurrency = "EUR";
        host.Fake.AddProduct("GTX Pro", 48_000m);
        host.Fake.AddDeal("In the company currency", 10_000m);
        host.Fake.AddDeal("In pounds", 8_000m, properties: new Dictionary<string, string?> { ["deal_currency_code"] = "GBP" });
        var client = host.Client;

        var (products, _, _) = await CrmPages.AllAsync(client.ReadProductsAsync(Everything(host.Fake), None));
        var (deals, _, _) = await CrmPages.AllAsync(client.ReadDealsAsync(Everything(host.Fake), None));
        await CrmPages.AllAsync(client.ReadActivitiesAsync(Everything(host.Fake), None));

        Assert.Equal("EUR", Assert.Single(products).Currency);
        Assert.Equal("EUR", deals.Single(d => d.Name == "In the company currency").Currency);
        Assert.Equal("GBP", deals.Single(d => d.Name == "In pounds").Currency);
        Assert.Single(host.Fake.Requests, r => r.Path == "/account-info/v3/details");
    }

    [Fact]
    public async Task An_account_time_zone_this_machine_does_not_know_is_read_at_the_offset_HubSpot_gives_with_it()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        host.Fake.TimeZone = "Mars/Olympus_Mons";
        host.Fake.UnknownZoneOffset = TimeSpan.FromHours(2);
        host.Fake.Add("deals", new Dictionary<string, string?>
        {
            ["dealname"] = "Acme renewal", ["dealstage"] = "qualifiedtobuy", ["pipeline"] = "default", ["closedate"] = "2026-12-11T22:00:00.000Z",
        });

        var (deals, skipped, _) = await CrmPages.AllAsync(host.Source.ReadDealsAsync(Everything(host.Fake), None));

        Assert.Empty(skipped);
        Assert.Equal(new DateOnly(2026, 12, 12), Assert.Single(deals).CloseDate);
    }

    [Fact]
    public async Task Updating_a_deal_changes_exactly_the_given_fields()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        var fake = host.Fake;
        var owner = fake.AddOwner("Dana", "Reyes", "dana@northwind.example");
        var deal = fake.AddDeal("Acme renewal", 12000m, "qualifiedtobuy", ownerId: owner, closeDate: new DateOnly(2025, 3, 31),
            properties: new Dictionary<string, string?> { ["hs_next_step"] = "Call CFO" });

        await host.Writer.UpdateDealAsync(deal, new Dictionary<CrmDealField, string?>
        {
            [CrmDealField.Stage] = "contractsent",
            [CrmDealField.CloseDate] = "2025-04-15",
        }, None);
        var fields = await host.Writer.ReadDealFieldsAsync(deal, None);

        Assert.Equal("contractsent", fields[CrmDealField.Stage]);
        Assert.Equal("2025-04-15", fields[CrmDealField.CloseDate]);
        Assert.Equal("12000", fields[CrmDealField.Amount]);
        Assert.Equal("Call CFO", fields[CrmDealField.NextStep]);
        Assert.Equal(owner, fields[CrmDealField.Owner]);
        Assert.Null(fields[CrmDealField.LossReason]);
        var patch = JsonDocument.Parse(fake.Requests.Single(r => r.Method == "PATCH").Body).RootElement.GetProperty("properties");
        Assert.Equal(["closedate", "dealstage"], patch.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task An_update_HubSpot_refuses_is_a_CrmRejectedException_with_its_message()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        var deal = host.Fake.AddDeal("Acme renewal");

        var e = await Assert.ThrowsAsync<CrmRejectedException>(() =>
            host.Writer.UpdateDealAsync(deal, new Dictionary<CrmDealField, string?> { [CrmDealField.Stage] = "no-such-stage" }, None));

        Assert.Equal(400, e.Status);
        Assert.Contains("no-such-stage", e.Message);
    }

    [Fact]
    public async Task Usage_counts_requests_and_reads_the_daily_limit_headers()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        host.Fake.DailyLimit = 250_000;

        await host.Source.ReadStagesAsync(None);

        Assert.Equal(1, host.Source.Usage.Requests);
        Assert.Equal(250_000, host.Source.Usage.DailyMax);
        Assert.Equal(1, host.Source.Usage.DailyUsed);
        // HubSpot's clock, from the answer's Date header (whole seconds), moved on by the time since.
        Assert.InRange(host.Source.Now, host.Fake.Now.AddSeconds(-1), host.Fake.Now.AddMinutes(1));
    }

    [Fact]
    public async Task Reads_stop_when_the_days_allowance_is_nearly_spent_but_writes_still_go()
    {
        await using var host = await HubSpotTestHost.StartAsync();
        host.Fake.DailyLimit = 10;
        for (var i = 0; i < 1_000; i++)
            host.Fake.AddCompany($"Company {i}");

        var e = await Assert.ThrowsAsync<CrmLimitException>(() => CrmPages.AllAsync(host.Source.ReadCompaniesAsync(Everything(host.Fake), None)));

        Assert.Contains("90 %", e.Message);
        Assert.Equal(9, host.Fake.Requests.Count); // the ninth answer says 9 of 10 are used: no tenth read
        var deal = host.Fake.AddDeal("Acme - Platform", 1_000m);
        await host.Writer.UpdateDealAsync(deal, new Dictionary<CrmDealField, string?> { [CrmDealField.NextStep] = "Call back" }, None);
        Assert.Equal("Call back", host.Fake.Get("deals", deal)!["hs_next_step"]);
    }
}
