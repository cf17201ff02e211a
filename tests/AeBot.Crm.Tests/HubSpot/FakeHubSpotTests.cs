using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AeBot.Crm.Fakes.HubSpot;

namespace AeBot.Crm.Tests.HubSpot;

/// <summary>
/// The fake refuses what HubSpot refuses, in HubSpot's words — checked with a bare HttpClient. The pages: errors
/// https://developers.hubspot.com/docs/api/error-handling, search limits
/// https://developers.hubspot.com/docs/api-reference/latest/crm/search-the-crm, rate limits
/// https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines, engagements (hs_timestamp)
/// https://developers.hubspot.com/docs/api/crm/calls, associations https://developers.hubspot.com/docs/api/crm/associations,
/// batch reads https://developers.hubspot.com/docs/api-reference/latest/crm/objects/line-items/batch/get-line-items.
/// </summary>
public sealed class FakeHubSpotTests : IAsyncLifetime
{
    private FakeHubSpot _fake = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeHubSpot.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_fake.BaseUrl) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _fake.Token);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    private static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static object Search(object? after = null, int limit = 100, string property = "hs_lastmodifieddate", int groups = 1) => new
    {
        filterGroups = Enumerable.Range(0, groups).Select(_ => new { filters = new[] { new { propertyName = property, @operator = "GTE", value = "0" } } }).ToArray(),
        sorts = new[] { new { propertyName = "hs_lastmodifieddate", direction = "ASCENDING" } },
        limit,
        after,
    };

    [Fact]
    public async Task A_v4_association_refuses_a_type_id_not_between_the_two_objects_a_missing_target_or_record_and_a_removal_answers_204()
    {
        var deal = _fake.AddDeal("Acme - Platform", 10m);
        var call = _fake.AddEngagement("calls", _fake.Now, new Dictionary<string, string?> { ["hs_call_title"] = "Intro" });
        static object Types(int id) => new[] { new { associationCategory = "HUBSPOT_DEFINED", associationTypeId = id } };

        var noteType = await _http.PutAsJsonAsync($"/crm/v4/objects/calls/{call}/associations/deals/{deal}", Types(214)); // note→deal
        Assert.Equal(HttpStatusCode.BadRequest, noteType.StatusCode);
        Assert.Equal("VALIDATION_ERROR", (await Body(noteType)).GetProperty("category").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PutAsJsonAsync($"/crm/v4/objects/calls/{call}/associations/deals/999999", Types(206))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.PutAsJsonAsync($"/crm/v4/objects/calls/999999/associations/deals/{deal}", Types(206))).StatusCode);
        Assert.False(_fake.Get("calls", call)!.Associations.ContainsKey("deals"));

        var made = await _http.PutAsJsonAsync($"/crm/v4/objects/calls/{call}/associations/deals/{deal}", Types(206));
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.Equal(long.Parse(deal, System.Globalization.CultureInfo.InvariantCulture), (await Body(made)).GetProperty("toObjectId").GetInt64());
        Assert.Equal([(deal, 206)], _fake.Get("calls", call)!.Associations["deals"]);

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/crm/v4/objects/calls/{call}/associations/deals/{deal}")).StatusCode);
        Assert.Empty(_fake.Get("calls", call)!.Associations["deals"]);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/crm/v4/objects/calls/{call}/associations/deals/{deal}")).StatusCode); // again: nothing to remove
    }

    [Fact]
    public async Task A_request_without_a_bearer_token_is_401_INVALID_AUTHENTICATION()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(_fake.BaseUrl) };
        var response = await anonymous.GetAsync("/crm/v3/objects/deals");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await Body(response);
        Assert.Equal("error", body.GetProperty("status").GetString());
        Assert.Equal("INVALID_AUTHENTICATION", body.GetProperty("category").GetString());
        Assert.True(body.TryGetProperty("correlationId", out _));
    }

    [Fact]
    public async Task An_expired_token_is_401_EXPIRED_AUTHENTICATION()
    {
        _fake.TokenState = FakeTokenState.Expired;
        var response = await _http.GetAsync("/crm/v3/objects/deals");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("EXPIRED_AUTHENTICATION", (await Body(response)).GetProperty("category").GetString());
    }

    [Fact]
    public async Task A_missing_scope_is_403_MISSING_SCOPES_naming_the_scope()
    {
        _fake.MissingScopes.Add("crm.objects.deals.read");
        var response = await _http.GetAsync("/crm/v3/objects/deals");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await Body(response);
        Assert.Equal("MISSING_SCOPES", body.GetProperty("category").GetString());
        Assert.Contains("crm.objects.deals.read", body.GetRawText());
    }

    [Fact]
    public async Task A_list_page_over_100_is_400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.GetAsync("/crm/v3/objects/deals?limit=101")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/crm/v3/objects/deals?limit=100")).StatusCode);
    }

    [Fact]
    public async Task A_search_page_over_200_is_400()
    {
        var response = await _http.PostAsJsonAsync("/crm/v3/objects/deals/search", Search(limit: 201));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("VALIDATION_ERROR", (await Body(response)).GetProperty("category").GetString());
    }

    [Fact]
    public async Task A_search_filter_on_an_unknown_property_is_400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PostAsJsonAsync("/crm/v3/objects/deals/search", Search(property: "no_such_property"))).StatusCode);
        // Contacts carry lastmodifieddate, not hs_lastmodifieddate.
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PostAsJsonAsync("/crm/v3/objects/contacts/search", Search(property: "lastmodifieddate"))).StatusCode);
    }

    [Fact]
    public async Task A_search_with_more_than_five_filter_groups_is_400()
    {
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsJsonAsync("/crm/v3/objects/deals/search", Search(groups: 5))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PostAsJsonAsync("/crm/v3/objects/deals/search", Search(groups: 6))).StatusCode);
    }

    [Fact]
    public async Task Paging_a_search_past_10000_results_is_400()
    {
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsJsonAsync("/crm/v3/objects/deals/search", Search(after: "9800", limit: 200))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PostAsJsonAsync("/crm/v3/objects/deals/search", Search(after: "10000", limit: 200))).StatusCode);
    }

    [Fact]
    public async Task Creating_an_engagement_without_hs_timestamp_is_400()
    {
        var response = await _http.PostAsJsonAsync("/crm/v3/objects/calls", new { properties = new { hs_call_title = "Intro" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("hs_timestamp", (await Body(response)).GetProperty("message").GetString());
        Assert.Empty(_fake.All("calls"));
    }

    [Fact]
    public async Task Creating_with_a_property_that_does_not_exist_is_400()
    {
        var response = await _http.PostAsJsonAsync("/crm/v3/objects/notes", new { properties = new { hs_timestamp = "1700000000000", hs_note_body = "x", hs_colour = "red" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_association_with_a_type_id_of_another_pair_is_400()
    {
        var deal = _fake.AddDeal("Acme renewal");
        // 214 is note→deal; a call→deal association is 206.
        var wrong = new { properties = new { hs_timestamp = "1700000000000" }, associations = new[] { new { to = new { id = deal }, types = new[] { new { associationCategory = "HUBSPOT_DEFINED", associationTypeId = 214 } } } } };
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PostAsJsonAsync("/crm/v3/objects/calls", wrong)).StatusCode);
        var right = new { properties = new { hs_timestamp = "1700000000000" }, associations = new[] { new { to = new { id = deal }, types = new[] { new { associationCategory = "HUBSPOT_DEFINED", associationTypeId = 206 } } } } };
        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsJsonAsync("/crm/v3/objects/calls", right)).StatusCode);
    }

    [Fact]
    public async Task An_association_batch_read_of_more_than_1000_ids_is_400()
    {
        var inputs = Enumerable.Range(1, 1001).Select(i => new { id = i.ToString() }).ToArray();
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PostAsJsonAsync("/crm/v4/associations/deals/companies/batch/read", new { inputs })).StatusCode);
    }

    private static object BatchRead(IEnumerable<string> ids, string[]? properties = null, string[]? histories = null) => new
    {
        inputs = ids.Select(id => new { id }).ToArray(),
        properties = properties ?? ["hs_product_id"],
        propertiesWithHistory = histories ?? [],
    };

    [Fact]
    public async Task A_batch_read_of_more_than_100_ids_is_400_VALIDATION_ERROR()
    {
        var deal = _fake.AddDeal("Acme renewal");
        var ids = Enumerable.Range(0, 101).Select(_ => _fake.AddLineItem(deal, null)).ToList();

        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsJsonAsync("/crm/v3/objects/line_items/batch/read", BatchRead(ids.Take(100)))).StatusCode);
        var response = await _http.PostAsJsonAsync("/crm/v3/objects/line_items/batch/read", BatchRead(ids));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Body(response);
        Assert.Equal("VALIDATION_ERROR", body.GetProperty("category").GetString());
        Assert.Contains("maximum number of inputs supported in a batch is 100", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_batch_read_with_property_histories_of_more_than_50_ids_is_400()
    {
        var deal = _fake.AddDeal("Acme renewal");
        var ids = Enumerable.Range(0, 51).Select(_ => _fake.AddLineItem(deal, null)).ToList();

        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsJsonAsync("/crm/v3/objects/line_items/batch/read", BatchRead(ids.Take(50), histories: ["price"]))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PostAsJsonAsync("/crm/v3/objects/line_items/batch/read", BatchRead(ids, histories: ["price"]))).StatusCode);
    }

    [Fact]
    public async Task A_batch_read_without_inputs_is_400()
    {
        var response = await _http.PostAsJsonAsync("/crm/v3/objects/line_items/batch/read", new { properties = new[] { "name" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_batch_read_answers_207_naming_the_ids_it_cannot_find_and_leaves_unknown_properties_out()
    {
        var deal = _fake.AddDeal("Acme renewal");
        var product = _fake.AddProduct("GTX Pro", 48_000m);
        var lineItem = _fake.AddLineItem(deal, product);

        var response = await _http.PostAsJsonAsync("/crm/v3/objects/line_items/batch/read", BatchRead([lineItem, "999999"], ["hs_product_id", "no_such_property"]));

        Assert.Equal((HttpStatusCode)207, response.StatusCode);
        var body = await Body(response);
        var found = Assert.Single(body.GetProperty("results").EnumerateArray());
        Assert.Equal(product, found.GetProperty("properties").GetProperty("hs_product_id").GetString());
        Assert.False(found.GetProperty("properties").TryGetProperty("no_such_property", out _));
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("OBJECT_NOT_FOUND", error.GetProperty("category").GetString());
        Assert.Equal(["999999"], error.GetProperty("context").GetProperty("ids").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public async Task A_batch_read_does_not_find_a_deleted_record()
    {
        var deal = _fake.AddDeal("Acme renewal");
        _fake.Archive("deals", deal);

        var response = await _http.PostAsJsonAsync("/crm/v3/objects/deals/batch/read", BatchRead([deal], ["dealname"]));

        Assert.Equal((HttpStatusCode)207, response.StatusCode);
        var body = await Body(response);
        Assert.Empty(body.GetProperty("results").EnumerateArray());
        Assert.Equal([deal], body.GetProperty("errors")[0].GetProperty("context").GetProperty("ids").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public async Task Line_items_need_the_line_items_read_scope_or_e_commerce()
    {
        _fake.MissingScopes.Add("crm.objects.line_items.read");
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/crm/v3/objects/line_items")).StatusCode); // e-commerce is enough
        _fake.MissingScopes.Add("e-commerce");
        var response = await _http.PostAsJsonAsync("/crm/v3/objects/line_items/batch/read", BatchRead(["1"]));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("MISSING_SCOPES", (await Body(response)).GetProperty("category").GetString());
    }

    [Fact]
    public async Task A_deals_line_items_come_by_v4_association_batch_read_and_inline_under_line_items_with_a_space()
    {
        var deal = _fake.AddDeal("Acme renewal");
        var lineItem = _fake.AddLineItem(deal, null, name: "Implementation");

        var batch = await Body(await _http.PostAsJsonAsync("/crm/v4/associations/deals/line_items/batch/read", new { inputs = new[] { new { id = deal } } }));
        var to = Assert.Single(Assert.Single(batch.GetProperty("results").EnumerateArray()).GetProperty("to").EnumerateArray());
        Assert.Equal(lineItem, to.GetProperty("toObjectId").GetRawText());
        Assert.Equal(19, to.GetProperty("associationTypes")[0].GetProperty("typeId").GetInt32()); // deal→line item
        // An object type HubSpot does not know is refused, not answered empty.
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PostAsJsonAsync("/crm/v4/associations/deals/lineitems/batch/read", new { inputs = new[] { new { id = deal } } })).StatusCode);

        var listed = await Body(await _http.GetAsync("/crm/v3/objects/deals?associations=line_items"));
        var associations = listed.GetProperty("results")[0].GetProperty("associations");
        Assert.True(associations.TryGetProperty("line items", out _));
        Assert.False(associations.TryGetProperty("line_items", out _));
    }

    [Fact]
    public async Task Account_details_carry_the_time_zone_with_its_offset_and_the_company_currency_and_need_a_token()
    {
        _fake.TimeZone = "Europe/Berlin";
        _fake.CompanyCurrency = "EUR";
        _fake.Now = new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);

        var body = await Body(await _http.GetAsync("/account-info/v3/details"));

        Assert.Equal("Europe/Berlin", body.GetProperty("timeZone").GetString());
        Assert.Equal("EUR", body.GetProperty("companyCurrency").GetString());
        Assert.Equal("+02:00", body.GetProperty("utcOffset").GetString()); // summer time on the account's today
        Assert.Equal(7_200_000, body.GetProperty("utcOffsetMilliseconds").GetInt64());
        using var anonymous = new HttpClient { BaseAddress = new Uri(_fake.BaseUrl) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/account-info/v3/details")).StatusCode);
    }

    [Fact]
    public async Task A_close_date_a_rep_picks_is_kept_as_the_start_of_that_day_in_the_accounts_zone_in_UTC_ISO_8601()
    {
        _fake.TimeZone = "America/New_York";
        var deal = _fake.AddDeal("Acme renewal", closeDate: new DateOnly(2026, 12, 12));

        var body = await Body(await _http.GetAsync($"/crm/v3/objects/deals/{deal}?properties=closedate"));

        Assert.Equal("2026-12-12T05:00:00.000Z", body.GetProperty("properties").GetProperty("closedate").GetString());
        // Written as epoch milliseconds, answered as ISO 8601 in UTC.
        await _http.PatchAsJsonAsync($"/crm/v3/objects/deals/{deal}", new { properties = new { closedate = "1797310800000" } });
        Assert.Equal("2026-12-15T05:00:00.000Z", _fake.Get("deals", deal)!["closedate"]);
    }

    [Fact]
    public async Task Requests_over_the_burst_limit_are_429_TEN_SECONDLY_ROLLING()
    {
        _fake.RequestsPer10Seconds = 3;
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/crm/v3/objects/deals")).StatusCode);
        var response = await _http.GetAsync("/crm/v3/objects/deals");
        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal("TEN_SECONDLY_ROLLING", (await Body(response)).GetProperty("policyName").GetString());
    }

    [Fact]
    public async Task Every_answer_carries_the_daily_limit_headers()
    {
        _fake.DailyLimit = 1000;
        var response = await _http.GetAsync("/crm/v3/owners");
        Assert.Equal("1000", response.Headers.GetValues("X-HubSpot-RateLimit-Daily").Single());
        Assert.Equal("999", response.Headers.GetValues("X-HubSpot-RateLimit-Daily-Remaining").Single());
    }
}
